"""organisations: the neighbourhood's name in French and English (Kuregem / Cureghem)

Revision ID: 0090
Revises: 0080
Create Date: 2026-12-03 09:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0090'
down_revision = '0080'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('organisations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('neighbourhood_fr', sa.String(length=120), server_default='', nullable=False))
        batch_op.add_column(sa.Column('neighbourhood_en', sa.String(length=120), server_default='', nullable=False))


def downgrade():
    with op.batch_alter_table('organisations', schema=None) as batch_op:
        batch_op.drop_column('neighbourhood_en')
        batch_op.drop_column('neighbourhood_fr')
