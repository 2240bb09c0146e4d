"""Team sessions: a session of one format, its participants, what they write, the team's own cards."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import UTCDateTime, db, utcnow
from ..live.versioning import Versioned

FORMATS = ("kletspot", "speeddate", "inclusietafels", "wandeling", "ontmoeting")
# The formats offered on the new-session form.
RUNNABLE = FORMATS
STATUSES = ("open", "ended")

TITLE_MAX = 160
NAME_MAX = 60
TEXT_MAX = 2000
CARD_MAX = 300
CODE_LENGTH = 6
GUEST_HOURS = 12


class TeamSession(db.Model):
    """One run of a mindset tool: a facilitator on the shared screen, participants on phones.

    ``step`` counts how far the session is (0: people are joining); ``state`` holds what the
    format decided along the way (the cards drawn, the pairs of each round)."""

    __tablename__ = "team_sessions"
    __table_args__ = (sa.Index("ix_team_sessions_org_status", "organisation_id", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id", ondelete="CASCADE"))
    format: Mapped[str] = mapped_column(sa.String(20))
    title: Mapped[str] = mapped_column(sa.String(TITLE_MAX))
    code: Mapped[str] = mapped_column(sa.String(12), unique=True)
    status: Mapped[str] = mapped_column(sa.String(10), default="open")
    allow_guests: Mapped[bool] = mapped_column(sa.Boolean, default=False)
    step: Mapped[int] = mapped_column(sa.Integer, default=0)
    step_started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    step_ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Round length in seconds (speeddate).
    round_seconds: Mapped[int] = mapped_column(sa.Integer, default=120)
    state: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    @property
    def ended(self) -> bool:
        return self.status == "ended"

    def __repr__(self) -> str:
        return f"<TeamSession {self.id} {self.format} {self.code}>"


class Participant(db.Model):
    """Someone in a session: a team member (``user_id``) or a guest with a display name only.

    A guest exists for this session alone and loses access at ``expires_at`` or when the
    session ends."""

    __tablename__ = "team_session_participants"
    __table_args__ = (sa.Index("ix_team_session_participants_session", "session_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(sa.ForeignKey("team_sessions.id", ondelete="CASCADE"))
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    display_name: Mapped[str] = mapped_column(sa.String(NAME_MAX))
    joined_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # When a guest's name was replaced by "Guest 3" after the retention (sessions/retention.py).
    anonymised_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    @property
    def guest(self) -> bool:
        return self.user_id is None

    def __repr__(self) -> str:
        return f"<Participant {self.id} of session {self.session_id}>"


class Entry(db.Model):
    """Something written during a session: a note on a card, a learning, an answer.

    ``kind`` says what (note, learning); ``ref`` what it is about (a card's key)."""

    __tablename__ = "team_session_entries"
    __table_args__ = (sa.Index("ix_team_session_entries_session", "session_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(sa.ForeignKey("team_sessions.id", ondelete="CASCADE"))
    participant_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("team_session_participants.id", ondelete="CASCADE")
    )
    kind: Mapped[str] = mapped_column(sa.String(20))
    ref: Mapped[str] = mapped_column(sa.String(40), default="")
    body: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    def __repr__(self) -> str:
        return f"<Entry {self.id} {self.kind} of session {self.session_id}>"


CARD_STATUSES = ("open", "archived")


class TeamCard(Versioned, db.Model):
    """A question card the team wrote itself for the kletspot, next to our own deck.

    A versioned object (edit, history, archive/restore through ``live.lifecycle``): taken
    out of the jar by archiving (``status``, with ``archived_at`` as when), never deleted."""

    __tablename__ = "team_session_cards"
    __table_args__ = (sa.Index("ix_team_session_cards_org", "organisation_id"),)
    __object_type__ = "session_card"
    __versioned_fields__ = ("theme", "text", "status")
    __text_fields__ = ("text",)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id", ondelete="CASCADE"))
    theme: Mapped[str] = mapped_column(sa.String(20))
    text: Mapped[str] = mapped_column(sa.String(CARD_MAX))
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    archived_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(sa.String(20), default="open")

    @property
    def archived(self) -> bool:
        return self.status == "archived"

    def __repr__(self) -> str:
        return f"<TeamCard {self.id}>"
