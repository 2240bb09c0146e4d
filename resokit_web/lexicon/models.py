"""Stadswoorden: the team's own entries of the lexicon (the shipped ones live in entries.py)."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import User
from ..extensions import UTCDateTime, db, utcnow
from ..live.versioning import Versioned

TERM_MAX = 80
DEFINITION_MAX = 1000
EXAMPLE_MAX = 1000
RELATED_MAX = 200


class LexiconEntry(Versioned, db.Model):
    """A city word the team adds: a term, a short definition, an example from a street."""

    __tablename__ = "lexicon_entries"
    __table_args__ = (sa.Index("ix_lexicon_entries_org_status_term", "organisation_id", "status", "term"),)
    __object_type__ = "lexicon_entry"
    __versioned_fields__ = ("term", "definition", "example", "related", "status")
    __text_fields__ = ("definition", "example")

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id", ondelete="CASCADE"))
    term: Mapped[str] = mapped_column(sa.String(TERM_MAX))
    definition: Mapped[str] = mapped_column(sa.Text, default="")
    example: Mapped[str] = mapped_column(sa.Text, default="")
    # Related words, as the team writes them: "zachte structuren, sleutelfiguur".
    related: Mapped[str] = mapped_column(sa.String(RELATED_MAX), default="")
    # current or archived
    status: Mapped[str] = mapped_column(sa.String(20), default="current")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    updated_by: Mapped[User | None] = relationship(foreign_keys=[updated_by_id])

    def __repr__(self) -> str:
        return f"<LexiconEntry {self.id} v{self.version}>"
