from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import User
from ..extensions import UTCDateTime, db, utcnow
from ..live.versioning import Versioned

NAME_MAX = 120
CONTACT_MAX = 300
NOTES_MAX = 4000


class Partner(Versioned, db.Model):
    """An organisation or informal player the team works with, or wants to.

    The method's "buurtkaart organisatie": first the existing collaborations, then the
    formal and informal players across sectors the team does not know yet.
    """

    __tablename__ = "partners"
    __table_args__ = (sa.Index("ix_partners_org_status_name", "organisation_id", "status", "name"),)
    __object_type__ = "partner"
    __versioned_fields__ = ("name", "sector", "formal", "relation", "strength", "contact", "notes",
                            "treasure_id", "status")
    __text_fields__ = ("notes", "contact")

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(sa.String(NAME_MAX))
    sector: Mapped[str] = mapped_column(sa.String(40))
    formal: Mapped[bool] = mapped_column(default=True)
    # active, occasional, wanted, to_discover
    relation: Mapped[str] = mapped_column(sa.String(20))
    # light or strong
    strength: Mapped[str] = mapped_column(sa.String(10), default="light")
    # The contact person at the organisation and how to reach them there. Never a
    # citizen's private details; never leaves the organisation (not in shared views).
    contact: Mapped[str] = mapped_column(sa.String(CONTACT_MAX), default="")
    notes: Mapped[str] = mapped_column(sa.Text, default="")
    # The partner's place on the buurtkaart: one entity, not two copies.
    treasure_id: Mapped[int | None] = mapped_column(sa.ForeignKey("treasures.id", ondelete="SET NULL"))
    # current or archived
    status: Mapped[str] = mapped_column(sa.String(20), default="current")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    updated_by: Mapped[User | None] = relationship(foreign_keys=[updated_by_id])

    def __repr__(self) -> str:
        return f"<Partner {self.id} v{self.version}>"
