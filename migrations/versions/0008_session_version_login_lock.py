"""session version and sign-in lock

``users.session_version`` is part of every session's key: raising it ends the account's sessions
on the server (sign-out, "sign out everywhere"), so a copied session cookie stops working.
``login_failures`` and ``login_locked_until`` count failed sign-ins in the database, shared by
every app process and node, for the increasing lock after repeated failures.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03 09:20:00.000000

"""
import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("session_version", sa.Integer(), server_default="0", nullable=False)
        )
        batch_op.add_column(
            sa.Column("login_failures", sa.Integer(), server_default="0", nullable=False)
        )
        batch_op.add_column(
            sa.Column("login_locked_until", sa.DateTime(timezone=True), nullable=True)
        )


def downgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("login_locked_until")
        batch_op.drop_column("login_failures")
        batch_op.drop_column("session_version")
