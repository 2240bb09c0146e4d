"""team sessions: the team's own question cards are versioned objects (edit, history, archive/restore);
guests' names are anonymised after the retention (team_session_participants.anonymised_at)

Revision ID: 0185
Revises: 0180
"""

import sqlalchemy as sa
from alembic import op

revision = "0185"
down_revision = '0180'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("team_session_cards") as batch_op:
        batch_op.add_column(sa.Column("version", sa.Integer(), server_default="1", nullable=False))
        batch_op.add_column(sa.Column("status", sa.String(length=20), server_default="open", nullable=False))
    with op.batch_alter_table('team_session_participants') as batch_op:
        batch_op.add_column(sa.Column('anonymised_at', sa.DateTime(), nullable=True))
    op.execute("UPDATE team_session_cards SET status = 'archived' WHERE archived_at IS NOT NULL")


def downgrade():
    with op.batch_alter_table('team_session_participants') as batch_op:
        batch_op.drop_column('anonymised_at')
    with op.batch_alter_table("team_session_cards") as batch_op:
        batch_op.drop_column("status")
        batch_op.drop_column("version")
