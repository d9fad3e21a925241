"""The station map: a polling station's constituency in every body

A voter's register row names one constituency; the map (``flask register stations FILE``)
gives the constituency of each other body the station's voters elect, so a voter can sign in
the regional and the city or district maslikhat through one station.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03 13:00:00.000000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'station_constituencies',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('region_id', sa.Integer(), nullable=False),
        sa.Column('station', sa.String(length=32), nullable=False),
        sa.Column('body_id', sa.Integer(), nullable=False),
        sa.Column('constituency_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['body_id'], ['bodies.id'], name=op.f('fk_station_constituencies_body_id_bodies')),
        sa.ForeignKeyConstraint(['constituency_id'], ['constituencies.id'], name=op.f('fk_station_constituencies_constituency_id_constituencies')),
        sa.ForeignKeyConstraint(['region_id'], ['regions.id'], name=op.f('fk_station_constituencies_region_id_regions')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_station_constituencies')),
        sa.UniqueConstraint('region_id', 'station', 'body_id', name=op.f('uq_station_constituencies_region_id_station_body_id')),
    )
    with op.batch_alter_table('station_constituencies', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_station_constituencies_constituency_id'), ['constituency_id'], unique=False)


def downgrade():
    with op.batch_alter_table('station_constituencies', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_station_constituencies_constituency_id'))
    op.drop_table('station_constituencies')
