from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import User
from ..extensions import UTCDateTime, db, utcnow
from ..live.versioning import Versioned
from .screening_content import QUESTIONS
from .statements import BUILT_IN_BY_CODE

TEXT_MAX = 300
EXPLANATION_MAX = 300
TITLE_MAX = 160
COMMENT_MAX = 2000

ROUND_STATUSES = ("open", "revealed", "closed")
ACTION_STATUSES = ("open", "doing", "done", "archived")


class Statement(Versioned, db.Model):
    """One statement of the self-scan. The built-in ones carry a ``code`` (their text is
    translated); the organisation's own carry their ``text``. Retired ones stay: past
    rounds keep what they asked."""

    __tablename__ = "tracker_statements"
    __table_args__ = (sa.UniqueConstraint("organisation_id", "code"),)
    __object_type__ = "tracker_statement"
    __versioned_fields__ = ("text", "explanation", "active")

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    block: Mapped[str] = mapped_column(sa.String(20))
    code: Mapped[str | None] = mapped_column(sa.String(40))
    text: Mapped[str] = mapped_column(sa.String(TEXT_MAX), default="")
    explanation: Mapped[str] = mapped_column(sa.String(EXPLANATION_MAX), default="")
    active: Mapped[bool] = mapped_column(default=True)
    position: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    @property
    def shown_text(self) -> str:
        built_in = BUILT_IN_BY_CODE.get(self.code or "")
        return str(built_in.text) if built_in else self.text

    @property
    def shown_explanation(self) -> str:
        built_in = BUILT_IN_BY_CODE.get(self.code or "")
        return str(built_in.explanation) if built_in else self.explanation

    def __repr__(self) -> str:
        return f"<Statement {self.id} {self.block} v{self.version}>"


class Round(db.Model):
    """One round of the self-scan: opened by a coordinator, answered by each member on
    their own, revealed and closed by the coordinator."""

    __tablename__ = "tracker_rounds"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(sa.String(TITLE_MAX))
    closes_on: Mapped[date | None] = mapped_column(sa.Date)
    # The statements asked, in order, fixed when the round opens.
    statement_ids: Mapped[list[int]] = mapped_column(sa.JSON, default=list)
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    opened_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    revealed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The game in a team meeting: the statement on the screen (an index into
    # statement_ids), whether its votes are shown, and the facilitator's notes
    # (statement id as text → note).
    play_position: Mapped[int] = mapped_column(default=0, server_default="0")
    play_revealed: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    play_notes: Mapped[dict] = mapped_column(sa.JSON, default=dict)

    @property
    def status(self) -> str:
        if self.closed_at is not None:
            return "closed"
        return "revealed" if self.revealed_at is not None else "open"

    @property
    def results_visible(self) -> bool:
        return self.revealed_at is not None or self.closed_at is not None

    def __repr__(self) -> str:
        return f"<Round {self.id} {self.status}>"


class Answer(db.Model):
    """One member's answer to one statement in one round: ``1``…``5`` or ``unknown``.
    Belongs to the member (erased with the account)."""

    __tablename__ = "tracker_answers"
    __table_args__ = (sa.UniqueConstraint("round_id", "statement_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id", ondelete="CASCADE"))
    round_id: Mapped[int] = mapped_column(sa.ForeignKey("tracker_rounds.id", ondelete="CASCADE"), index=True)
    statement_id: Mapped[int] = mapped_column(sa.ForeignKey("tracker_statements.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    value: Mapped[str] = mapped_column(sa.String(8))
    comment: Mapped[str] = mapped_column(sa.Text, default="")
    signed: Mapped[bool] = mapped_column(default=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    user: Mapped[User] = relationship()

    def __repr__(self) -> str:
        return f"<Answer round={self.round_id} statement={self.statement_id}>"


class ScreeningItem(Versioned, db.Model):
    """The organisation's answer to one reflection question of the screening: a status and
    notes the team writes together."""

    __tablename__ = "screening_items"
    __table_args__ = (sa.UniqueConstraint("organisation_id", "code"),)
    __object_type__ = "screening_question"
    __versioned_fields__ = ("status", "notes")
    __text_fields__ = ("notes",)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(sa.String(40))
    # "" (not discussed yet), in_place, partly, not_yet or not_relevant
    status: Mapped[str] = mapped_column(sa.String(20), default="")
    notes: Mapped[str] = mapped_column(sa.Text, default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    updated_by: Mapped[User | None] = relationship(foreign_keys=[updated_by_id])

    @property
    def name(self) -> str:
        return str(QUESTIONS[self.code][1]) if self.code in QUESTIONS else self.code

    def __repr__(self) -> str:
        return f"<ScreeningItem {self.id} {self.code} v{self.version}>"


class ScreeningEdition(db.Model):
    """The whole screening as it stood on one day, kept to compare with later."""

    __tablename__ = "screening_editions"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(sa.String(TITLE_MAX))
    # question code → {"status": ..., "notes": ...}
    data: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    def __repr__(self) -> str:
        return f"<ScreeningEdition {self.id}>"


class Action(Versioned, db.Model):
    """What the team will do after a statement or a result: what, who, by when, status."""

    __tablename__ = "tracker_actions"
    __object_type__ = "tracker_action"
    __versioned_fields__ = ("title", "owner", "due_on", "statement_id", "status")

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(sa.String(TITLE_MAX))
    # The member who carries it (an id: the field the form and the history call "owner").
    owner: Mapped[int | None] = mapped_column("owner_id", sa.ForeignKey("users.id", ondelete="SET NULL"))
    # An ISO date (YYYY-MM-DD) or empty: a plain value, so history and merge keep it as it is.
    due_on: Mapped[str] = mapped_column(sa.String(10), default="")
    statement_id: Mapped[int | None] = mapped_column(sa.ForeignKey("tracker_statements.id", ondelete="SET NULL"))
    round_id: Mapped[int | None] = mapped_column(sa.ForeignKey("tracker_rounds.id", ondelete="SET NULL"))
    # Or the screening question it came from.
    screening_item_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("screening_items.id", ondelete="SET NULL"), index=True
    )
    status: Mapped[str] = mapped_column(sa.String(20), default="open")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    owner_user: Mapped[User | None] = relationship(foreign_keys=[owner])
    updated_by: Mapped[User | None] = relationship(foreign_keys=[updated_by_id])
    statement: Mapped[Statement | None] = relationship()
    screening_item: Mapped[ScreeningItem | None] = relationship()

    @property
    def due_date(self) -> date | None:
        try:
            return date.fromisoformat(self.due_on) if self.due_on else None
        except ValueError:
            return None

    @property
    def name(self) -> str:
        return self.title

    def __repr__(self) -> str:
        return f"<Action {self.id} {self.status} v{self.version}>"
