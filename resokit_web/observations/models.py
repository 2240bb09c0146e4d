"""Observations ("de buurt lezen"): what a team member saw or heard walking the neighbourhood.

An observation is written once, from the street, in under a minute: a text, a kind, a
moment, maybe a point and a photo. One action turns it into a treasure of the buurtkaart;
the observation then keeps the link (``treasure_id``) to the treasure it became.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import User
from ..extensions import UTCDateTime, db, utcnow
from ..live.versioning import Versioned

TEXT_MAX = 2000
KINDS = ("meeting_place", "need", "tension", "initiative", "missing", "other")


class ObservedAt(UTCDateTime):
    """UTCDateTime that also takes the ISO text a history row keeps (restoring a version)."""

    cache_ok = True

    def process_bind_param(self, value, dialect):
        if isinstance(value, str):
            value = datetime.fromisoformat(value)
        return super().process_bind_param(value, dialect)


class Observation(Versioned, db.Model):
    """Co-edited by the team: versioned, with history; archived rather than deleted."""

    __tablename__ = "observations"
    __table_args__ = (sa.Index("ix_observations_org_observed", "organisation_id", "observed_at"),)
    __object_type__ = "observation"
    __versioned_fields__ = ("text", "kind", "observed_at", "lat", "lon", "section", "status")
    __text_fields__ = ("text",)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id", ondelete="CASCADE"))
    text: Mapped[str] = mapped_column(sa.Text)
    # one of KINDS
    kind: Mapped[str] = mapped_column(sa.String(20))
    observed_at: Mapped[datetime] = mapped_column(ObservedAt)
    lat: Mapped[float | None]
    lon: Mapped[float | None]
    # The cleaned photo's file name in the organisation's photo folder (observations/photos.py).
    photo: Mapped[str | None] = mapped_column(sa.String(80))
    # The treasure this observation became (one entity: the observation stays, linked).
    treasure_id: Mapped[int | None] = mapped_column(sa.ForeignKey("treasures.id", ondelete="SET NULL"))
    # The notebook section it speaks to (a key of buurtanalyse/sections.py), or none.
    section: Mapped[str | None] = mapped_column(sa.String(20))
    # current or archived
    status: Mapped[str] = mapped_column(sa.String(20), default="current")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
    updated_by: Mapped[User | None] = relationship(foreign_keys=[updated_by_id])
    treasure = relationship("Treasure", foreign_keys=[treasure_id])

    @property
    def has_point(self) -> bool:
        return self.lat is not None and self.lon is not None

    @property
    def archived(self) -> bool:
        return self.status == "archived"

    def __repr__(self) -> str:
        return f"<Observation {self.id} {self.kind} v{self.version}>"
