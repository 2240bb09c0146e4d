"""People (deelnemers): pseudonymous profiles with a consent record, and the access log.

A person is never stored with a full name, address or national number: only a pseudonym
the team chose with them. Every view, export and erasure of a person leaves a line in
:class:`PersonAccess` (who, when, what, which id: never any content).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import User
from ..extensions import UTCDateTime, db, utcnow
from ..live.versioning import Versioned

# Field limits, shared by forms and the database.
PSEUDONYM_MAX = 60
NOTE_MAX = 1000
TAG_MAX = 40
TAGS_MAX = 20

# The four steps of the talentenkaart, in order: (step, tags field, note field).
STEPS = ("interests", "strengths", "talents", "domains")
STEP_FIELDS = {
    "interests": ("interests", "interests_note"),
    "strengths": ("strengths", "strengths_note"),
    "talents": ("talents", "talents_note"),
    "domains": ("domains", "domains_note"),
}

# What a person can agree to. The first two are what a team needs to work with the talentenkaart.
CONSENT_SCOPES = ("talentenkaart", "matching", "team")
DEFAULT_SCOPES = ("talentenkaart", "matching")


class Person(Versioned, db.Model):
    """A participant, known to the team by a pseudonym only."""

    __tablename__ = "people"
    __table_args__ = (sa.Index("ix_people_org_status", "organisation_id", "status"),)
    __object_type__ = "person"
    __versioned_fields__ = (
        "pseudonym",
        "interests",
        "interests_note",
        "strengths",
        "strengths_note",
        "talents",
        "talents_note",
        "domains",
        "domains_note",
        "status",
    )
    __text_fields__ = ("interests_note", "strengths_note", "talents_note", "domains_note")
    __list_fields__ = ("interests", "strengths", "talents", "domains")

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id", ondelete="CASCADE"))
    pseudonym: Mapped[str] = mapped_column(sa.String(PSEUDONYM_MAX))
    interests: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    interests_note: Mapped[str] = mapped_column(sa.Text, default="")
    strengths: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    strengths_note: Mapped[str] = mapped_column(sa.Text, default="")
    talents: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    talents_note: Mapped[str] = mapped_column(sa.Text, default="")
    # Life domains (codes from people.domains.DOMAINS) where the talents could be used.
    domains: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    domains_note: Mapped[str] = mapped_column(sa.Text, default="")
    # active, or withdrawn (consent withdrawn: hidden from every list)
    status: Mapped[str] = mapped_column(sa.String(20), default="active")
    # The last time anything was done with this person (their profile, a match, a step):
    # the retention period runs from here.
    last_active_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    updated_by: Mapped[User | None] = relationship(foreign_keys=[updated_by_id])
    consents: Mapped[list[Consent]] = relationship(
        back_populates="person", cascade="all, delete-orphan", order_by="Consent.id.desc()", passive_deletes=True
    )

    @property
    def is_active(self) -> bool:
        return self.status == "active"

    @property
    def all_tags(self) -> list[str]:
        return [*self.talents, *self.interests, *self.strengths]

    def step_done(self, step: str) -> bool:
        tags, note = STEP_FIELDS[step]
        return bool(getattr(self, tags)) or bool(getattr(self, note).strip())

    @property
    def steps_done(self) -> int:
        return sum(1 for s in STEPS if self.step_done(s))

    @property
    def consent(self) -> Consent | None:
        """The consent in force: the newest one not withdrawn."""
        return next((c for c in self.consents if c.withdrawn_at is None), None)

    def __repr__(self) -> str:
        return f"<Person {self.id} v{self.version}>"


class Consent(db.Model):
    """What a person agreed to, when, and who on the team recorded it."""

    __tablename__ = "consents"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(sa.ForeignKey("people.id", ondelete="CASCADE"), index=True)
    given_on: Mapped[date]
    scopes: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    recorded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    withdrawn_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    person: Mapped[Person] = relationship(back_populates="consents")
    recorded_by: Mapped[User | None] = relationship(foreign_keys=[recorded_by_id])
    withdrawn_by: Mapped[User | None] = relationship(foreign_keys=[withdrawn_by_id])

    def as_json(self) -> dict[str, Any]:
        return {
            "given_on": self.given_on.isoformat(),
            "scopes": list(self.scopes),
            "recorded_by": self.recorded_by.display_name if self.recorded_by else None,
            "recorded_at": self.recorded_at.isoformat(),
            "withdrawn_at": self.withdrawn_at.isoformat() if self.withdrawn_at else None,
        }

    def __repr__(self) -> str:
        return f"<Consent {self.id} person={self.person_id}>"


class PersonAccess(db.Model):
    """One line of a person's access log: who viewed, exported or erased which person, when.

    No content, ever. ``person_id`` is no foreign key on purpose: an erasure removes the
    person's lines and leaves one line with no person at all.
    """

    __tablename__ = "person_access_log"
    __table_args__ = (sa.Index("ix_person_access_person_time", "person_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int | None]
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    # viewed, exported, erased, purged
    action: Mapped[str] = mapped_column(sa.String(20))
    # Which page: person, talentenkaart, suggestions, history, edit, match (never content).
    what: Mapped[str] = mapped_column(sa.String(30), default="")
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    user: Mapped[User | None] = relationship()

    def __repr__(self) -> str:
        return f"<PersonAccess {self.action} person={self.person_id}>"
