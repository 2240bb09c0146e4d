"""Versioned saves: the contract of DESIGN.md §5 for every collaborative object.

A model opts in with :class:`Versioned` and three class attributes::

    class Treasure(Versioned, db.Model):
        __object_type__ = "treasure"
        __versioned_fields__ = ("name", "kind", "description", ...)
        __text_fields__ = ("description",)      # merged line by line
        __list_fields__ = ("tags",)              # merged as sets

Versioned fields hold plain values (str, int, float, bool, None, lists of those), so a
snapshot is JSON and a merged value can be written back as it is.

Then :func:`create` and :func:`save` do the rest: the conditional
``UPDATE … WHERE id = … AND version = …`` (two saves from one base never both win),
the three-way merge of a stale save against the base version kept in history, the
history row, the activity line, the organisation's revision (``live/revisions.py``: the
key of every cache of its objects) and the event published after commit. Callers commit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from ..activity.service import record
from ..core.bounded import INT_MAX, to_int
from ..extensions import db, utcnow
from .bus import Event
from .events import publish_after_commit
from .history import HistoryEntry, add_entry, snapshot_at
from .merge import FieldConflict, three_way
from .revisions import changed as organisation_changed

# A save that keeps losing the race this often gives up (and says so) rather than spin.
MAX_ATTEMPTS = 8


class VersionMissing(Exception):
    """A save did not say which version it started from (HTTP 428)."""


class Versioned:
    __object_type__: ClassVar[str]
    __versioned_fields__: ClassVar[tuple[str, ...]]
    __text_fields__: ClassVar[tuple[str, ...]] = ()
    __list_fields__: ClassVar[tuple[str, ...]] = ()

    version: Mapped[int] = mapped_column(default=1)

    def snapshot(self) -> dict[str, Any]:
        return {f: _plain(getattr(self, f)) for f in self.__versioned_fields__}


def _plain(value: Any) -> Any:
    """JSON-friendly copies for history rows."""
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if hasattr(value, "value") and not isinstance(value, (int, float, str, bool)):
        return value.value  # enums
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


@dataclass
class SaveResult:
    status: Literal["saved", "merged", "conflict", "unchanged"]
    obj: Any
    conflicts: list[FieldConflict] = field(default_factory=list)
    merged_fields: list[str] = field(default_factory=list)
    # On conflict: what would be saved for every field (yours where clashing).
    proposal: dict[str, Any] = field(default_factory=dict)
    # On conflict: the version "theirs" was read at. The conflict form must carry this one,
    # not ``obj.version`` read later (after the rollback), or a save that lands in between
    # would be overwritten by the resolution without a merge.
    theirs_version: int | None = None

    @property
    def applied(self) -> bool:
        return self.status in ("saved", "merged")


def parse_version(raw: str | int | None) -> int:
    """The ``version`` a form carried; raises VersionMissing when absent or not a number."""
    try:
        return to_int(raw, minimum=1, maximum=INT_MAX)
    except (TypeError, ValueError):
        raise VersionMissing() from None


def create(obj: Versioned, *, user_id: int | None, action: str = "created") -> Versioned:
    """Add a new object at version 1 with its first history row, log line and event."""
    obj.version = 1
    db.session.add(obj)
    db.session.flush()
    _after_change(obj, action=action, user_id=user_id)
    return obj


def create_many(
    model: type,
    rows: list[dict[str, Any]],
    *,
    org_id: int,
    user_id: int | None,
    action: str = "created",
    changed_at=None,
    publish: bool = True,
) -> list[int]:
    """Insert many new objects at version 1 with their history rows, in bulk (imports, demo data).

    Two multi-row INSERTs, no ORM objects: thousands of rows take a fraction of a second.
    ``rows`` hold column values (every versioned field among them). Writes no activity
    lines; unless ``publish`` is false it publishes one ``<type>`` event without an id after
    commit (SSE names ``<type>`` and ``<type>-all``: lists and maps reload). Returns the new
    ids in order.
    """
    if not rows:
        return []
    changed_at = changed_at or utcnow()
    params = [{**row, "organisation_id": org_id, "version": 1} for row in rows]
    ids = list(db.session.scalars(sa.insert(model).returning(model.id, sort_by_parameter_order=True), params))
    fields = model.__versioned_fields__
    db.session.execute(
        sa.insert(HistoryEntry),
        [
            {
                "organisation_id": org_id,
                "object_type": model.__object_type__,
                "object_id": object_id,
                "version": 1,
                "action": action,
                "data": {f: _plain(row.get(f)) for f in fields},
                "changed_by_id": user_id,
                "changed_at": changed_at,
            }
            for object_id, row in zip(ids, rows)
        ],
    )
    organisation_changed(org_id)
    if publish:
        publish_after_commit(
            Event(org_id=org_id, type=model.__object_type__, by=user_id, extra={"action": action, "count": len(ids)})
        )
    return ids


def save(
    obj: Versioned,
    changes: dict[str, Any],
    base_version: int | None,
    *,
    user_id: int | None,
    action: str = "updated",
    extra_values: dict[str, Any] | None = None,
) -> SaveResult:
    """Apply ``changes`` (field → new value) that an editor made starting at ``base_version``.

    ``extra_values`` are written along with an applied change but take no part in the
    merge (e.g. ``updated_by_id``). Returns a SaveResult; nothing is written on conflict.
    """
    if base_version is None:
        raise VersionMissing()
    model = type(obj)
    fields = model.__versioned_fields__
    yours = {f: _plain(v) for f, v in changes.items() if f in fields}
    for _attempt in range(MAX_ATTEMPTS):
        db.session.refresh(obj)
        current_version = obj.version
        theirs = obj.snapshot()
        if base_version == current_version:
            base: dict[str, Any] | None = theirs
        else:
            base = snapshot_at(obj, base_version)
        merged = three_way(
            base, theirs, yours, fields=fields, text_fields=model.__text_fields__, list_fields=model.__list_fields__
        )
        if merged.conflicts:
            return SaveResult(
                "conflict", obj, merged.conflicts, merged.merged_fields, merged.values, theirs_version=current_version
            )
        diff = {f: v for f, v in merged.values.items() if v != theirs.get(f)}
        if not diff:
            return SaveResult("unchanged", obj)
        values = {**diff, **(extra_values or {}), "version": current_version + 1}
        if hasattr(model, "updated_at"):
            values.setdefault("updated_at", utcnow())
        won = db.session.execute(
            sa.update(model)
            .where(model.id == obj.id, model.version == current_version)
            .values(**values)
            .execution_options(synchronize_session=False)
        ).rowcount
        if won:
            db.session.refresh(obj)
            stale = base_version != current_version
            _after_change(obj, action="merged" if stale and action == "updated" else action, user_id=user_id)
            return SaveResult("merged" if stale else "saved", obj, merged_fields=merged.merged_fields)
        # Someone saved between our read and our update: merge again on top of theirs.
    raise RuntimeError(f"could not save {model.__object_type__} {obj.id}: too many concurrent saves")


def restore_version(obj: Versioned, version: int, *, user_id: int | None) -> SaveResult:
    """Make an older version current again, as a new version."""
    data = snapshot_at(obj, version)
    if data is None:
        raise LookupError(version)
    return save(obj, data, obj.version, user_id=user_id, action="reverted")


def _after_change(obj: Versioned, *, action: str, user_id: int | None) -> None:
    add_entry(obj, action=action, user_id=user_id)
    organisation_changed(obj.organisation_id)
    record(
        f"{obj.__object_type__}.{action}",
        org_id=obj.organisation_id,
        user_id=user_id,
        object_type=obj.__object_type__,
        object_id=obj.id,
    )
    publish_after_commit(
        Event(
            org_id=obj.organisation_id,
            type=obj.__object_type__,
            id=obj.id,
            version=obj.version,
            by=user_id,
            extra={"action": action},
        )
    )
