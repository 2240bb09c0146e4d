"""observations: linked to a notebook section, versioned, archived rather than deleted;
the notebook's figures and the team's own sources versioned (edited, with history)

Revision ID: 0205
Revises: 0200
Create Date: 2026-12-04 18:45:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0205'
down_revision = '0200'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('observations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('section', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('status', sa.String(length=20), nullable=False, server_default='current'))
        batch_op.add_column(sa.Column('updated_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('updated_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('version', sa.Integer(), nullable=False, server_default='1'))
        batch_op.create_foreign_key(batch_op.f('fk_observations_updated_by_id_users'), 'users', ['updated_by_id'], ['id'], ondelete='SET NULL')
    op.execute('UPDATE observations SET updated_at = created_at, updated_by_id = created_by_id')
    with op.batch_alter_table('observations', schema=None) as batch_op:
        batch_op.alter_column('updated_at', existing_type=sa.DateTime(), nullable=False)
    with op.batch_alter_table('notebook_figures', schema=None) as batch_op:
        batch_op.add_column(sa.Column('updated_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('updated_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('version', sa.Integer(), nullable=False, server_default='1'))
        batch_op.create_foreign_key(batch_op.f('fk_notebook_figures_updated_by_id_users'), 'users', ['updated_by_id'], ['id'], ondelete='SET NULL')
    op.execute('UPDATE notebook_figures SET updated_at = created_at, updated_by_id = created_by_id')
    with op.batch_alter_table('notebook_figures', schema=None) as batch_op:
        batch_op.alter_column('updated_at', existing_type=sa.DateTime(), nullable=False)
    with op.batch_alter_table('own_sources', schema=None) as batch_op:
        batch_op.add_column(sa.Column('status', sa.String(length=20), nullable=False, server_default='current'))
        batch_op.add_column(sa.Column('updated_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('updated_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('version', sa.Integer(), nullable=False, server_default='1'))
        batch_op.create_foreign_key(batch_op.f('fk_own_sources_updated_by_id_users'), 'users', ['updated_by_id'], ['id'], ondelete='SET NULL')
    op.execute('UPDATE own_sources SET updated_at = created_at, updated_by_id = created_by_id')
    with op.batch_alter_table('own_sources', schema=None) as batch_op:
        batch_op.alter_column('updated_at', existing_type=sa.DateTime(), nullable=False)


def downgrade():
    with op.batch_alter_table('own_sources', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_own_sources_updated_by_id_users'), type_='foreignkey')
        batch_op.drop_column('version')
        batch_op.drop_column('updated_by_id')
        batch_op.drop_column('updated_at')
        batch_op.drop_column('status')
    with op.batch_alter_table('notebook_figures', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_notebook_figures_updated_by_id_users'), type_='foreignkey')
        batch_op.drop_column('version')
        batch_op.drop_column('updated_by_id')
        batch_op.drop_column('updated_at')
    with op.batch_alter_table('observations', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_observations_updated_by_id_users'), type_='foreignkey')
        batch_op.drop_column('version')
        batch_op.drop_column('updated_by_id')
        batch_op.drop_column('updated_at')
        batch_op.drop_column('status')
        batch_op.drop_column('section')
