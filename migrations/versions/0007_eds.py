"""signing with an electronic digital signature (EDS)

Each signature records the proof its identity rests on (``eds``, ``register_match`` or
``paper``; existing rows: paper for paper, register match for online). EDS challenges (single
use, ten minutes) and the verified CMS signatures with their certificate's serial, issuer and
fingerprint.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 09:00:00.000000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('signatures', schema=None) as batch_op:
        batch_op.add_column(sa.Column('proof', sa.String(length=32), nullable=True))
    op.execute(
        "UPDATE signatures SET proof = CASE WHEN channel = 'paper' THEN 'paper' "
        "ELSE 'register_match' END"
    )
    with op.batch_alter_table('signatures', schema=None) as batch_op:
        batch_op.alter_column('proof', existing_type=sa.String(length=32), nullable=False)
        batch_op.create_check_constraint(
            op.f('ck_signatures_signature_proof'), "proof IN ('eds', 'register_match', 'paper')"
        )
        batch_op.create_check_constraint(
            op.f('ck_signatures_proof_matches_channel'), "(channel = 'paper') = (proof = 'paper')"
        )

    op.create_table('eds_challenges',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.LargeBinary(length=32), nullable=False),
    sa.Column('petition_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('data_to_sign', sa.LargeBinary(length=1024), nullable=False),
    sa.Column('issued_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('used_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('signature_id', sa.Integer(), nullable=True),
    sa.CheckConstraint('expires_at > issued_at', name=op.f('ck_eds_challenges_expires_after_issue')),
    sa.CheckConstraint('(used_at IS NULL) = (signature_id IS NULL)', name=op.f('ck_eds_challenges_used_has_signature')),
    sa.ForeignKeyConstraint(['petition_id'], ['petitions.id'], name=op.f('fk_eds_challenges_petition_id_petitions')),
    sa.ForeignKeyConstraint(['signature_id'], ['signatures.id'], name=op.f('fk_eds_challenges_signature_id_signatures')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_eds_challenges_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_eds_challenges')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_eds_challenges_token_hash'))
    )
    with op.batch_alter_table('eds_challenges', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_eds_challenges_expires_at'), ['expires_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_eds_challenges_petition_id'), ['petition_id'], unique=False)

    op.create_table('eds_signatures',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('signature_id', sa.Integer(), nullable=False),
    sa.Column('challenge_id', sa.Integer(), nullable=False),
    sa.Column('certificate_serial', sa.String(length=64), nullable=False),
    sa.Column('certificate_issuer', sa.String(length=1000), nullable=False),
    sa.Column('certificate_sha256', sa.String(length=64), nullable=False),
    sa.Column('cms', sa.LargeBinary(length=65536), nullable=False),
    sa.Column('verified_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['challenge_id'], ['eds_challenges.id'], name=op.f('fk_eds_signatures_challenge_id_eds_challenges')),
    sa.ForeignKeyConstraint(['signature_id'], ['signatures.id'], name=op.f('fk_eds_signatures_signature_id_signatures')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_eds_signatures')),
    sa.UniqueConstraint('challenge_id', name=op.f('uq_eds_signatures_challenge_id'))
    )
    with op.batch_alter_table('eds_signatures', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_eds_signatures_certificate_sha256'), ['certificate_sha256'], unique=False)
        batch_op.create_index(batch_op.f('ix_eds_signatures_signature_id'), ['signature_id'], unique=False)


def downgrade():
    with op.batch_alter_table('eds_signatures', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_eds_signatures_signature_id'))
        batch_op.drop_index(batch_op.f('ix_eds_signatures_certificate_sha256'))

    op.drop_table('eds_signatures')
    with op.batch_alter_table('eds_challenges', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_eds_challenges_petition_id'))
        batch_op.drop_index(batch_op.f('ix_eds_challenges_expires_at'))

    op.drop_table('eds_challenges')
    with op.batch_alter_table('signatures', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_signatures_proof_matches_channel'), type_='check')
        batch_op.drop_constraint(op.f('ck_signatures_signature_proof'), type_='check')
        batch_op.drop_column('proof')
