"""organisation revisions: one number per organisation, raised by every committed change
of its objects (the key of the map-data cache)

Revision ID: 0080
Revises: 0070
Create Date: 2026-11-25 08:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0080'
down_revision = '0070'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('organisation_revisions',
    sa.Column('organisation_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('revision', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_organisation_revisions_organisation_id_organisations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('organisation_id', name=op.f('pk_organisation_revisions'))
    )


def downgrade():
    op.drop_table('organisation_revisions')
