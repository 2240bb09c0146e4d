"""A person's inclusieweb: contacts in circles of closeness × life domains, and dated moments.

A contact is labelled in the person's own words ("my sister", "the baker"); it may be a
treasure of the buurtkaart or a partner (the same entity, not a copy). A moment is a
snapshot of the whole web on a day, with a note, to compare later.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import User
from ..extensions import UTCDateTime, db, utcnow
from ..live.versioning import Versioned

LABEL_MAX = 60
NOTES_MAX = 2000
MOMENT_NOTE_MAX = 500

CONTACT_FIELDS = ("label", "domain", "circle", "bond", "support", "frequency", "wish", "treasure_id", "partner_id")


class Contact(Versioned, db.Model):
    """Someone (or a group, a place) in a person's network, where the person puts them."""

    __tablename__ = "web_contacts"
    __table_args__ = (sa.Index("ix_web_contacts_person_status", "person_id", "status"),)
    __object_type__ = "contact"
    __versioned_fields__ = (*CONTACT_FIELDS, "notes", "status")
    __text_fields__ = ("notes",)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(sa.ForeignKey("people.id", ondelete="CASCADE"))
    label: Mapped[str] = mapped_column(sa.String(LABEL_MAX))
    domain: Mapped[str] = mapped_column(sa.String(20))
    circle: Mapped[str] = mapped_column(sa.String(8))  # 1, 2, 3 or wish
    bond: Mapped[str] = mapped_column(sa.String(10), default="light")
    support: Mapped[str] = mapped_column(sa.String(10), default="none")
    frequency: Mapped[str] = mapped_column(sa.String(10), default="monthly")
    wish: Mapped[str] = mapped_column(sa.String(10), default="fine")
    notes: Mapped[str] = mapped_column(sa.Text, default="")
    treasure_id: Mapped[int | None] = mapped_column(sa.ForeignKey("treasures.id", ondelete="SET NULL"))
    partner_id: Mapped[int | None] = mapped_column(sa.ForeignKey("partners.id", ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(sa.String(10), default="active")  # active or archived
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    updated_by: Mapped[User | None] = relationship(foreign_keys=[updated_by_id])
    treasure = relationship("Treasure", foreign_keys=[treasure_id])
    partner = relationship("Partner", foreign_keys=[partner_id])

    @property
    def name(self) -> str:
        return self.label

    @property
    def linked_name(self) -> str | None:
        if self.treasure is not None:
            return self.treasure.name
        if self.partner is not None:
            return self.partner.name
        return None

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, **{f: getattr(self, f) for f in CONTACT_FIELDS}, "version": self.version}

    def __repr__(self) -> str:
        return f"<Contact {self.id} v{self.version}>"


class Moment(db.Model):
    """The web as it was on a day: every contact's fields, with a note."""

    __tablename__ = "web_moments"
    __table_args__ = (sa.Index("ix_web_moments_person_taken", "person_id", "taken_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(sa.ForeignKey("people.id", ondelete="CASCADE"))
    taken_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    note: Mapped[str] = mapped_column(sa.String(MOMENT_NOTE_MAX), default="")
    # [{"id", "label", "domain", "circle", "bond", "support", "frequency", "wish", "treasure_id", "partner_id"}]
    contacts: Mapped[list[dict[str, Any]]] = mapped_column(sa.JSON, default=list)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    def __repr__(self) -> str:
        return f"<Moment {self.id} of person {self.person_id}>"
