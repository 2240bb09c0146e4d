"""Socially valued roles (sociaal gewaardeerde rollen) and the matches of people to them.

After Wolfensberger's Social Role Valorization: a role lets a person give, not only
receive. A role takes place at a treasure of the buurtkaart or at a partner; a match
follows one person in one role through its stages, with dated steps.
"""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import User
from ..extensions import UTCDateTime, db, utcnow
from ..live.versioning import Versioned

TITLE_MAX = 120
DESCRIPTION_MAX = 4000
TIME_MAX = 120
TAG_MAX = 40
TAGS_MAX = 20
NOTES_MAX = 4000
STEP_MAX = 1000

ROLE_STATUSES = ("open", "filled", "archived")
STAGES = ("idea", "explored", "trying", "active", "ended")
OUTCOMES = ("continues", "other_role", "own_network", "stopped", "not_a_fit")


class SocialRole(Versioned, db.Model):
    """A role in the organisation or the neighbourhood a person can take up."""

    __tablename__ = "social_roles"
    __table_args__ = (sa.Index("ix_social_roles_org_status_title", "organisation_id", "status", "title"),)
    __object_type__ = "role"
    __versioned_fields__ = ("title", "description", "treasure_id", "partner_id", "tags", "time", "status")
    __text_fields__ = ("description",)
    __list_fields__ = ("tags",)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(sa.String(TITLE_MAX))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    # Where: a treasure of the buurtkaart, or a partner (at most one of the two).
    treasure_id: Mapped[int | None] = mapped_column(sa.ForeignKey("treasures.id", ondelete="SET NULL"))
    partner_id: Mapped[int | None] = mapped_column(sa.ForeignKey("partners.id", ondelete="SET NULL"))
    tags: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    # When and how often, in the team's words: "Thursdays 14–17h, every week".
    time: Mapped[str] = mapped_column(sa.String(TIME_MAX), default="")
    # open, filled or archived
    status: Mapped[str] = mapped_column(sa.String(20), default="open")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    updated_by: Mapped[User | None] = relationship(foreign_keys=[updated_by_id])
    treasure = relationship("Treasure", foreign_keys=[treasure_id])
    partner = relationship("Partner", foreign_keys=[partner_id])

    @property
    def place_name(self) -> str | None:
        if self.treasure is not None:
            return self.treasure.name
        if self.partner is not None:
            return self.partner.name
        return None

    def __repr__(self) -> str:
        return f"<SocialRole {self.id} v{self.version}>"


class Match(Versioned, db.Model):
    """One person in one role, followed stage by stage."""

    __tablename__ = "matches"
    __table_args__ = (sa.Index("ix_matches_org_stage", "organisation_id", "stage"),)
    __object_type__ = "match"
    __versioned_fields__ = ("stage", "outcome", "notes")
    __text_fields__ = ("notes",)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(sa.ForeignKey("people.id", ondelete="CASCADE"), index=True)
    role_id: Mapped[int] = mapped_column(sa.ForeignKey("social_roles.id", ondelete="CASCADE"), index=True)
    # idea, explored, trying, active, ended
    stage: Mapped[str] = mapped_column(sa.String(20), default="idea")
    # Only once ended: one of OUTCOMES.
    outcome: Mapped[str | None] = mapped_column(sa.String(20))
    notes: Mapped[str] = mapped_column(sa.Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    person = relationship("Person", foreign_keys=[person_id])
    role: Mapped[SocialRole] = relationship(foreign_keys=[role_id])
    updated_by: Mapped[User | None] = relationship(foreign_keys=[updated_by_id])
    steps: Mapped[list[MatchStep]] = relationship(
        back_populates="match",
        cascade="all, delete-orphan",
        order_by="(MatchStep.happened_on.desc(), MatchStep.id.desc())",
        passive_deletes=True,
    )

    @property
    def stage_index(self) -> int:
        return STAGES.index(self.stage)

    @property
    def previous_stage(self) -> str | None:
        return STAGES[self.stage_index - 1] if self.stage_index > 0 else None

    @property
    def next_stage(self) -> str | None:
        return STAGES[self.stage_index + 1] if self.stage_index + 1 < len(STAGES) else None

    def __repr__(self) -> str:
        return f"<Match {self.id} {self.stage} v{self.version}>"


class MatchStep(db.Model):
    """A dated step of a match: a move to another stage, or what happened, in a line or two."""

    __tablename__ = "match_steps"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id", ondelete="CASCADE"))
    match_id: Mapped[int] = mapped_column(sa.ForeignKey("matches.id", ondelete="CASCADE"), index=True)
    happened_on: Mapped[date]
    # The stage the match moved to with this step, or None for a plain note.
    stage: Mapped[str | None] = mapped_column(sa.String(20))
    text: Mapped[str] = mapped_column(sa.Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    match: Mapped[Match] = relationship(back_populates="steps")
    created_by: Mapped[User | None] = relationship()

    def __repr__(self) -> str:
        return f"<MatchStep {self.id} match={self.match_id}>"
