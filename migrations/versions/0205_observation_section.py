"""an observation can be linked to a section of the buurtanalyse notebook

Revision ID: 0205
Revises: 0200
Create Date: 2026-12-04 18:45:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0205'
down_revision = '0200'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('observations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('section', sa.String(length=20), nullable=True))


def downgrade():
    with op.batch_alter_table('observations', schema=None) as batch_op:
        batch_op.drop_column('section')
