from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import User
from ..extensions import UTCDateTime, db, utcnow
from ..live.versioning import Versioned

# Field limits, shared by forms and the database.
TITLE_MAX = 160
BODY_MAX = 100_000

# What a draft belongs to: the team text or the author's own contribution.
DRAFT_KINDS = ("team", "contribution")


class OpinionPiece(Versioned, db.Model):
    """The method's "opiniestuk": a team's position on social inclusion and on its own
    role in strengthening networks, written together (``body``, Markdown) next to the
    members' personal contributions."""

    __tablename__ = "opinion_pieces"
    __table_args__ = (sa.Index("ix_opinion_pieces_org_status", "organisation_id", "status"),)
    __object_type__ = "opinion"
    __versioned_fields__ = ("title", "body", "status")
    __text_fields__ = ("body",)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(sa.String(TITLE_MAX))
    body: Mapped[str] = mapped_column(sa.Text, default="")
    # Codes of the guiding questions (questions.QUESTIONS), shown in each reader's language.
    questions: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    # current or archived
    status: Mapped[str] = mapped_column(sa.String(20), default="current")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    updated_by: Mapped[User | None] = relationship(foreign_keys=[updated_by_id])

    @property
    def archived(self) -> bool:
        return self.status == "archived"

    def __repr__(self) -> str:
        return f"<OpinionPiece {self.id} v{self.version}>"


class Contribution(Versioned, db.Model):
    """One member's personal opinion on a piece: visible to the team, written by its author only."""

    __tablename__ = "opinion_contributions"
    __table_args__ = (sa.UniqueConstraint("piece_id", "author_id"),)
    __object_type__ = "opinion_contribution"
    __versioned_fields__ = ("body",)
    __text_fields__ = ("body",)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id", ondelete="CASCADE"))
    piece_id: Mapped[int] = mapped_column(sa.ForeignKey("opinion_pieces.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(sa.Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    author: Mapped[User | None] = relationship(foreign_keys=[author_id])

    def __repr__(self) -> str:
        return f"<Contribution {self.id} piece={self.piece_id} v{self.version}>"


class Draft(db.Model):
    """What someone is writing and has not saved yet, kept every few seconds.

    Not a version: one row per person, piece and kind, overwritten as they type and
    removed when they save. ``base_version`` is the version their editor started
    from, so a restored draft still merges against the right base.
    """

    __tablename__ = "opinion_drafts"
    __table_args__ = (sa.UniqueConstraint("piece_id", "user_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id", ondelete="CASCADE"))
    piece_id: Mapped[int] = mapped_column(sa.ForeignKey("opinion_pieces.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(sa.String(20))
    body: Mapped[str] = mapped_column(sa.Text, default="")
    base_version: Mapped[int | None]
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    def __repr__(self) -> str:
        return f"<Draft piece={self.piece_id} user={self.user_id} {self.kind}>"
