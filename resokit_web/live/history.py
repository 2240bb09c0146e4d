"""History of every collaborative object: one snapshot per version.

A row holds the object's versioned fields *after* a change; the state *before* is the
previous version's row. That is all a history view, a restore and a three-way merge
need (the merge base is the snapshot of the version an editor started from).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import User
from ..extensions import UTCDateTime, db, utcnow


class HistoryEntry(db.Model):
    __tablename__ = "history"
    __table_args__ = (
        sa.UniqueConstraint("object_type", "object_id", "version"),
        sa.Index("ix_history_org_time", "organisation_id", "changed_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id", ondelete="CASCADE"))
    object_type: Mapped[str] = mapped_column(sa.String(40))
    object_id: Mapped[int]
    version: Mapped[int]
    # created, updated, merged, archived, restored, reverted (a restore of an older version)
    action: Mapped[str] = mapped_column(sa.String(20))
    data: Mapped[dict[str, Any]] = mapped_column(sa.JSON)
    changed_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    changed_by: Mapped[User | None] = relationship()

    def __repr__(self) -> str:
        return f"<HistoryEntry {self.object_type}:{self.object_id} v{self.version} {self.action}>"


def add_entry(obj, *, action: str, user_id: int | None) -> HistoryEntry:
    entry = HistoryEntry(
        organisation_id=obj.organisation_id,
        object_type=obj.__object_type__,
        object_id=obj.id,
        version=obj.version,
        action=action,
        data=obj.snapshot(),
        changed_by_id=user_id,
        changed_at=utcnow(),
    )
    db.session.add(entry)
    return entry


def snapshot_at(obj, version: int) -> dict[str, Any] | None:
    return db.session.scalar(
        sa.select(HistoryEntry.data).where(
            HistoryEntry.object_type == obj.__object_type__,
            HistoryEntry.object_id == obj.id,
            HistoryEntry.version == version,
        )
    )


def entries_for(obj) -> list[HistoryEntry]:
    """All versions of ``obj``, newest first, with their authors in the same query."""
    return list(
        db.session.scalars(
            sa.select(HistoryEntry)
            .where(HistoryEntry.object_type == obj.__object_type__, HistoryEntry.object_id == obj.id)
            .options(sa.orm.joinedload(HistoryEntry.changed_by))
            .order_by(HistoryEntry.version.desc())
        )
    )


def delete_for(object_type: str, object_ids: list[int]) -> int:
    """Erase the history of objects (GDPR erasure); returns the number of rows removed."""
    if not object_ids:
        return 0
    return db.session.execute(
        sa.delete(HistoryEntry).where(HistoryEntry.object_type == object_type, HistoryEntry.object_id.in_(object_ids))
    ).rowcount
