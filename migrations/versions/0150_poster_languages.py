"""public_pages: the two languages the poster speaks

Revision ID: 0150
Revises: 0140
Create Date: 2026-12-04 07:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0150'
down_revision = '0140'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('public_pages', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('poster_languages', sa.JSON(), server_default=sa.text("'[\"nl\", \"fr\"]'"), nullable=False)
        )


def downgrade():
    with op.batch_alter_table('public_pages', schema=None) as batch_op:
        batch_op.drop_column('poster_languages')
