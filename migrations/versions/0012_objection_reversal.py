"""Objections after certification: an uphold proposed by one officer, confirmed by another

An objection to an invalidation filed after the result was certified reverses a certified input
if upheld: one officer proposes the uphold, a different officer confirms it (``two_officers``),
and the certified count is corrected (``certification_corrections``, before and after).

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03 13:10:00.000000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None

PENDING = "status IN ('open', 'proposed_uphold')"
OPEN = "status = 'open'"


def upgrade():
    with op.batch_alter_table('objections', schema=None) as batch_op:
        batch_op.drop_index('uq_objections_open_signature', sqlite_where=sa.text(OPEN), postgresql_where=sa.text(OPEN))
        batch_op.drop_constraint(op.f('ck_objections_decision_has_officer'), type_='check')
        batch_op.drop_constraint(op.f('ck_objections_objection_status'), type_='check')
        batch_op.add_column(sa.Column('proposed_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('proposed_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.create_foreign_key(op.f('fk_objections_proposed_by_id_users'), 'users', ['proposed_by_id'], ['id'])
        batch_op.create_check_constraint(
            op.f('ck_objections_objection_status'),
            "status IN ('open', 'proposed_uphold', 'upheld', 'dismissed')",
        )
        batch_op.create_check_constraint(
            op.f('ck_objections_decision_has_officer'), f"({PENDING}) = (decided_by_id IS NULL)"
        )
        batch_op.create_check_constraint(
            op.f('ck_objections_proposal_has_officer'),
            "status <> 'proposed_uphold' OR (proposed_by_id IS NOT NULL AND proposed_at IS NOT NULL)",
        )
        batch_op.create_check_constraint(
            op.f('ck_objections_two_officers'),
            "proposed_by_id IS NULL OR decided_by_id IS NULL OR decided_by_id <> proposed_by_id",
        )
        batch_op.create_index('uq_objections_open_signature', ['signature_id'], unique=True, sqlite_where=sa.text(PENDING), postgresql_where=sa.text(PENDING))

    op.create_table('certification_corrections',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('certification_id', sa.Integer(), nullable=False),
    sa.Column('objection_id', sa.Integer(), nullable=False),
    sa.Column('valid_before', sa.Integer(), nullable=False),
    sa.Column('valid_after', sa.Integer(), nullable=False),
    sa.Column('signatures_required', sa.Integer(), nullable=False),
    sa.Column('corrected_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('valid_before >= 0 AND valid_after >= 0', name=op.f('ck_certification_corrections_valid_non_negative')),
    sa.ForeignKeyConstraint(['certification_id'], ['certifications.id'], name=op.f('fk_certification_corrections_certification_id_certifications')),
    sa.ForeignKeyConstraint(['objection_id'], ['objections.id'], name=op.f('fk_certification_corrections_objection_id_objections')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_certification_corrections')),
    sa.UniqueConstraint('objection_id', name=op.f('uq_certification_corrections_objection_id')),
    )
    with op.batch_alter_table('certification_corrections', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_certification_corrections_certification_id'), ['certification_id'], unique=False)


def downgrade():
    with op.batch_alter_table('certification_corrections', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_certification_corrections_certification_id'))
    op.drop_table('certification_corrections')

    # A proposed uphold has no place in the older schema: it becomes open again.
    op.execute(
        "UPDATE objections SET status = 'open', decision_reason = NULL "
        "WHERE status = 'proposed_uphold'"
    )
    with op.batch_alter_table('objections', schema=None) as batch_op:
        batch_op.drop_index('uq_objections_open_signature', sqlite_where=sa.text(PENDING), postgresql_where=sa.text(PENDING))
        batch_op.drop_constraint(op.f('ck_objections_two_officers'), type_='check')
        batch_op.drop_constraint(op.f('ck_objections_proposal_has_officer'), type_='check')
        batch_op.drop_constraint(op.f('ck_objections_decision_has_officer'), type_='check')
        batch_op.drop_constraint(op.f('ck_objections_objection_status'), type_='check')
        batch_op.drop_constraint(op.f('fk_objections_proposed_by_id_users'), type_='foreignkey')
        batch_op.drop_column('proposed_at')
        batch_op.drop_column('proposed_by_id')
        batch_op.create_check_constraint(
            op.f('ck_objections_objection_status'), "status IN ('open', 'upheld', 'dismissed')"
        )
        batch_op.create_check_constraint(
            op.f('ck_objections_decision_has_officer'), f"({OPEN}) = (decided_by_id IS NULL)"
        )
        batch_op.create_index('uq_objections_open_signature', ['signature_id'], unique=True, sqlite_where=sa.text(OPEN), postgresql_where=sa.text(OPEN))
