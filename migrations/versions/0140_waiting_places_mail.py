"""memberships: whether a coordinator is mailed about residents' places waiting, and when last

Revision ID: 0140
Revises: 0100
Create Date: 2026-12-03 19:20:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0140'
down_revision = '0100'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('memberships', schema=None) as batch_op:
        batch_op.add_column(sa.Column('mail_waiting_places', sa.Boolean(), server_default=sa.true(), nullable=False))
        batch_op.add_column(sa.Column('waiting_mailed_at', sa.DateTime(), nullable=True))


def downgrade():
    with op.batch_alter_table('memberships', schema=None) as batch_op:
        batch_op.drop_column('waiting_mailed_at')
        batch_op.drop_column('mail_waiting_places')
