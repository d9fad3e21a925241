"""Kazakh first: a new account's language is Kazakh

The site speaks Kazakh to whoever has not chosen; an account made without a choice (an officer
created by an admin or on the command line) now starts in Kazakh too. Existing accounts keep
their language.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03 09:00:00.000000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.alter_column(
            'language', existing_type=sa.String(length=8), server_default='kk', existing_nullable=False
        )


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.alter_column(
            'language', existing_type=sa.String(length=8), server_default='en', existing_nullable=False
        )
