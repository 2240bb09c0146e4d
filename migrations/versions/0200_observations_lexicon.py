"""observations of the neighbourhood and the team's own lexicon entries

Revision ID: 0200
Revises: 0190
Create Date: 2026-12-04 18:05:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0200'
down_revision = '0190'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('observations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('observed_at', sa.DateTime(), nullable=False),
    sa.Column('lat', sa.Double(), nullable=True),
    sa.Column('lon', sa.Double(), nullable=True),
    sa.Column('photo', sa.String(length=80), nullable=True),
    sa.Column('treasure_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_observations_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_observations_organisation_id_organisations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['treasure_id'], ['treasures.id'], name=op.f('fk_observations_treasure_id_treasures'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_observations'))
    )
    with op.batch_alter_table('observations', schema=None) as batch_op:
        batch_op.create_index('ix_observations_org_observed', ['organisation_id', 'observed_at'], unique=False)
    op.create_table('lexicon_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('term', sa.String(length=80), nullable=False),
    sa.Column('definition', sa.Text(), nullable=False),
    sa.Column('example', sa.Text(), nullable=False),
    sa.Column('related', sa.String(length=200), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_lexicon_entries_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_lexicon_entries_organisation_id_organisations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_lexicon_entries_updated_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_lexicon_entries'))
    )
    with op.batch_alter_table('lexicon_entries', schema=None) as batch_op:
        batch_op.create_index('ix_lexicon_entries_org_status_term', ['organisation_id', 'status', 'term'], unique=False)


def downgrade():
    with op.batch_alter_table('lexicon_entries', schema=None) as batch_op:
        batch_op.drop_index('ix_lexicon_entries_org_status_term')
    op.drop_table('lexicon_entries')
    with op.batch_alter_table('observations', schema=None) as batch_op:
        batch_op.drop_index('ix_observations_org_observed')
    op.drop_table('observations')
