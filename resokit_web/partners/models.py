from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import User
from ..buurtkaart.models import Treasure
from ..extensions import UTCDateTime, db, utcnow
from ..live.versioning import Versioned
from ..orgs.models import Organisation

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
    __versioned_fields__ = (
        "name",
        "sector",
        "formal",
        "relation",
        "strength",
        "contact",
        "notes",
        "treasure_id",
        "status",
    )
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
    treasure: Mapped[Treasure | None] = relationship()

    def __repr__(self) -> str:
        return f"<Partner {self.id} v{self.version}>"


class Share(db.Model):
    """Organisation A's partner map, visible read-only to organisation B until revoked.

    One active share per pair (a partial unique index): sharing twice gives one share.
    A revoked share stays as a record; sharing again later makes a new one. The
    receiving side may hide a share from its own views without ending it.
    """

    __tablename__ = "shares"
    __table_args__ = (
        sa.Index(
            "uq_shares_active_pair",
            "source_org_id",
            "target_org_id",
            unique=True,
            sqlite_where=sa.text("revoked_at IS NULL"),
            postgresql_where=sa.text("revoked_at IS NULL"),
        ),
        sa.Index("ix_shares_target", "target_org_id", "revoked_at"),
        sa.CheckConstraint("source_org_id <> target_org_id", name="not_with_itself"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    source_org_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id", ondelete="CASCADE"))
    target_org_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    hidden_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    hidden_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    source: Mapped[Organisation] = relationship(foreign_keys=[source_org_id])
    target: Mapped[Organisation] = relationship(foreign_keys=[target_org_id])

    @property
    def active(self) -> bool:
        return self.revoked_at is None

    def __repr__(self) -> str:
        return f"<Share {self.id} {self.source_org_id}->{self.target_org_id}{' revoked' if self.revoked_at else ''}>"
