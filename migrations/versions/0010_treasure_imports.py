"""buurtkaart: treasure imports (checked rows waiting for confirmation)

Revision ID: 0010
Revises: 0050
Create Date: 2026-11-24 14:40:00

"""
from alembic import op
import sqlalchemy as sa


revision = '0010'
down_revision = '0050'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('treasure_imports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('filename', sa.String(length=200), nullable=False),
    sa.Column('format', sa.String(length=10), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('total_rows', sa.Integer(), nullable=False),
    sa.Column('valid_rows', sa.Integer(), nullable=False),
    sa.Column('imported_rows', sa.Integer(), nullable=False),
    sa.Column('rows', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_treasure_imports_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_treasure_imports_organisation_id_organisations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_treasure_imports'))
    )
    with op.batch_alter_table('treasure_imports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_treasure_imports_organisation_id'), ['organisation_id'], unique=False)


def downgrade():
    with op.batch_alter_table('treasure_imports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_treasure_imports_organisation_id'))
    op.drop_table('treasure_imports')
