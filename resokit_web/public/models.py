from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import User
from ..buurtkaart.models import Treasure
from ..extensions import UTCDateTime, db, utcnow

# Limits for what residents send (stricter than the team's own limits).
RESIDENT_NAME_MAX = 120
RESIDENT_DESCRIPTION_MAX = 1000
LOCATION_TEXT_MAX = 200
EMAIL_MAX = 254
INTRO_MAX = 600
REASON_NOTE_MAX = 500

LANGUAGES = ("nl", "fr", "en")
# The languages of the resident pages and the poster (the workspace's three first).
RESIDENT_LANGUAGES = ("nl", "fr", "en", "ar", "tr", "es", "ro", "pl", "pt")
DEFAULT_POSTER_LANGUAGES = ["nl", "fr"]
POSTER_LANGUAGES_MAX = 2


class PublicPage(db.Model):
    """What a coordinator sets for the organisation's public resident page.

    The switch and the address live on the organisation (``public_enabled``,
    ``public_slug``); the texts and the categories residents may choose live here.
    """

    __tablename__ = "public_pages"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id", ondelete="CASCADE"), unique=True)
    intro_nl: Mapped[str] = mapped_column(sa.Text, default="")
    intro_fr: Mapped[str] = mapped_column(sa.Text, default="")
    intro_en: Mapped[str] = mapped_column(sa.Text, default="")
    # Buurtkaart category codes residents can choose, in the order shown.
    categories: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    # The two languages the poster speaks unless someone picks others for one print.
    poster_languages: Mapped[list[str]] = mapped_column(sa.JSON, default=lambda: list(DEFAULT_POSTER_LANGUAGES))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    def intro(self, language: str) -> str:
        return getattr(self, f"intro_{language}", "") if language in LANGUAGES else ""

    def posters(self) -> list[str]:
        chosen = [code for code in (self.poster_languages or []) if code in RESIDENT_LANGUAGES]
        return chosen or list(DEFAULT_POSTER_LANGUAGES)

    def __repr__(self) -> str:
        return f"<PublicPage org={self.organisation_id}>"


class ResidentSubmission(db.Model):
    """The private side of a resident's proposal: only coordinators read the e-mail.

    The place itself is a Treasure (source "resident", status "proposed"); this row keeps
    what must never be public (e-mail, the words they used for the location, consent)
    and the moderation decision. ``decision`` is set once, by a conditional update, so
    two moderators deciding at once cannot both win.
    """

    __tablename__ = "resident_submissions"
    __table_args__ = (sa.Index("ix_resident_submissions_org_decision", "organisation_id", "decision"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id", ondelete="CASCADE"))
    treasure_id: Mapped[int] = mapped_column(sa.ForeignKey("treasures.id", ondelete="CASCADE"), unique=True)
    email: Mapped[str | None] = mapped_column(sa.String(EMAIL_MAX))
    location_text: Mapped[str] = mapped_column(sa.String(LOCATION_TEXT_MAX), default="")
    consent: Mapped[bool] = mapped_column(default=False)
    consent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    language: Mapped[str] = mapped_column(sa.String(5), default="nl")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # accepted, merged or rejected; None while waiting
    decision: Mapped[str | None] = mapped_column(sa.String(20))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decided_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    # Internal only, never shown to the resident.
    reject_reason: Mapped[str] = mapped_column(sa.String(30), default="")
    reject_note: Mapped[str] = mapped_column(sa.String(REASON_NOTE_MAX), default="")
    merged_into_id: Mapped[int | None] = mapped_column(sa.ForeignKey("treasures.id", ondelete="SET NULL"))

    treasure: Mapped[Treasure] = relationship(foreign_keys=[treasure_id])
    merged_into: Mapped[Treasure | None] = relationship(foreign_keys=[merged_into_id])
    decided_by: Mapped[User | None] = relationship()

    def __repr__(self) -> str:
        return f"<ResidentSubmission {self.id} treasure={self.treasure_id} {self.decision or 'waiting'}>"
