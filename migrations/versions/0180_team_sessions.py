"""team sessions: sessions of the mindset tools, participants, entries, the team's own cards

Revision ID: 0180
Revises: 0170
Create Date: 2026-12-04 18:30:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0180"
down_revision = '0170'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "team_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("format", sa.String(length=20), nullable=False),
        sa.Column("title", sa.String(length=160), nullable=False),
        sa.Column("code", sa.String(length=12), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("allow_guests", sa.Boolean(), nullable=False),
        sa.Column("step", sa.Integer(), nullable=False),
        sa.Column("step_started_at", sa.DateTime(), nullable=True),
        sa.Column("step_ends_at", sa.DateTime(), nullable=True),
        sa.Column("round_seconds", sa.Integer(), nullable=False),
        sa.Column("state", sa.JSON(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("ended_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["users.id"], name=op.f("fk_team_sessions_created_by_id_users"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_team_sessions_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_team_sessions")),
        sa.UniqueConstraint("code", name=op.f("uq_team_sessions_code")),
    )
    with op.batch_alter_table("team_sessions", schema=None) as batch_op:
        batch_op.create_index("ix_team_sessions_org_status", ["organisation_id", "status"], unique=False)

    op.create_table(
        "team_session_participants",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("display_name", sa.String(length=60), nullable=False),
        sa.Column("joined_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["team_sessions.id"],
            name=op.f("fk_team_session_participants_session_id_team_sessions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_team_session_participants_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_team_session_participants")),
    )
    with op.batch_alter_table("team_session_participants", schema=None) as batch_op:
        batch_op.create_index("ix_team_session_participants_session", ["session_id"], unique=False)

    op.create_table(
        "team_session_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("ref", sa.String(length=40), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["team_session_participants.id"],
            name=op.f("fk_team_session_entries_participant_id_team_session_participants"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["team_sessions.id"],
            name=op.f("fk_team_session_entries_session_id_team_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_team_session_entries")),
    )
    with op.batch_alter_table("team_session_entries", schema=None) as batch_op:
        batch_op.create_index("ix_team_session_entries_session", ["session_id", "kind"], unique=False)

    op.create_table(
        "team_session_cards",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("theme", sa.String(length=20), nullable=False),
        sa.Column("text", sa.String(length=300), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("archived_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["users.id"], name=op.f("fk_team_session_cards_created_by_id_users"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_team_session_cards_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_team_session_cards")),
    )
    with op.batch_alter_table("team_session_cards", schema=None) as batch_op:
        batch_op.create_index("ix_team_session_cards_org", ["organisation_id"], unique=False)


def downgrade():
    op.drop_table("team_session_cards")
    op.drop_table("team_session_entries")
    op.drop_table("team_session_participants")
    op.drop_table("team_sessions")
