from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import User
from ..extensions import UTCDateTime, db, utcnow
from ..live.versioning import Versioned

# Field limits, shared by forms, imports and the database.
NAME_MAX = 120
DESCRIPTION_MAX = 4000
ADDRESS_MAX = 200
TAG_MAX = 40
TAGS_MAX = 20


class Treasure(Versioned, db.Model):
    """A "schat in de buurt": a place, key figure, initiative, self-organisation,
    informal network or service that can widen people's safety net."""

    __tablename__ = "treasures"
    __table_args__ = (sa.Index("ix_treasures_org_status_name", "organisation_id", "status", "name"),)
    __object_type__ = "treasure"
    __versioned_fields__ = (
        "name",
        "kind",
        "category",
        "description",
        "address",
        "lat",
        "lon",
        "formal",
        "tags",
        "status",
        "public",
    )
    __text_fields__ = ("description",)
    __list_fields__ = ("tags",)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(sa.String(30))
    category: Mapped[str] = mapped_column(sa.String(40))
    name: Mapped[str] = mapped_column(sa.String(NAME_MAX))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    address: Mapped[str] = mapped_column(sa.String(ADDRESS_MAX), default="")
    lat: Mapped[float | None]
    lon: Mapped[float | None]
    formal: Mapped[bool] = mapped_column(default=True)
    tags: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    # team or resident
    source: Mapped[str] = mapped_column(sa.String(20), default="team")
    # proposed, accepted or archived
    status: Mapped[str] = mapped_column(sa.String(20), default="accepted")
    # Shown on the organisation's public resident page (when that page is on).
    public: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    updated_by: Mapped[User | None] = relationship(foreign_keys=[updated_by_id])

    @property
    def has_point(self) -> bool:
        return self.lat is not None and self.lon is not None

    def __repr__(self) -> str:
        return f"<Treasure {self.id} v{self.version}>"


IMPORT_MAX_ROWS = 10_000


class TreasureImport(db.Model):
    """One uploaded file on its way into the buurtkaart: checked rows, then imported as a whole.

    ``rows`` holds every row as read (``raw``), as it would be saved (``values``) and what
    is wrong with it (``errors``: field → [message code, parameters]). After the import only
    the rows that were left out are kept, so the team can fix and upload them again.
    """

    __tablename__ = "treasure_imports"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    filename: Mapped[str] = mapped_column(sa.String(200), default="")
    format: Mapped[str] = mapped_column(sa.String(10))  # csv or geojson
    # The text encoding assumed for a file that was not UTF-8 (cp1252); the team confirms it.
    encoding: Mapped[str | None] = mapped_column(sa.String(20))
    # ready (checked, waiting for confirmation), importing, done, failed, cancelled
    status: Mapped[str] = mapped_column(sa.String(20), default="ready")
    total_rows: Mapped[int] = mapped_column(default=0)
    valid_rows: Mapped[int] = mapped_column(default=0)
    imported_rows: Mapped[int] = mapped_column(default=0)
    rows: Mapped[list] = mapped_column(sa.JSON, default=list)

    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])

    @property
    def error_rows(self) -> int:
        return self.total_rows - self.valid_rows

    def __repr__(self) -> str:
        return f"<TreasureImport {self.id} {self.status} {self.valid_rows}/{self.total_rows}>"
