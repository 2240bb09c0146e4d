"""The person's rights: everything about them as JSON, and erasure — on request or
automatically after the organisation's retention period (``flask purge``).

Erasure removes the person, their consents, matches, match steps, every history row
about any of them, their access-log lines and the activity lines pointing at them.
What stays is one content-free line in the activity log and one in the access log:
"a person was erased", by whom, when — with no id.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from ..activity.models import Activity
from ..activity.service import record
from ..core import erasure
from ..extensions import db, utcnow
from ..live.bus import Event
from ..live.events import publish_after_commit
from ..live.history import HistoryEntry, delete_for
from ..orgs.models import Organisation
from ..roles.models import Match, MatchStep
from .models import Consent, Person, PersonAccess

# Other areas' person-level data, added in their init_app. An exporter returns the keys it
# adds to the export and the ids, per object type, whose history rows join "history"; an
# eraser deletes its rows (and their history) before the person goes.
EXPORTERS: list[Callable[[Person], tuple[dict[str, Any], dict[str, list[int]]]]] = []
ERASERS: list[Callable[[Person], None]] = []


def _history(object_type: str, ids: list[int]) -> list[dict[str, Any]]:
    if not ids:
        return []
    rows = db.session.scalars(
        sa.select(HistoryEntry)
        .where(HistoryEntry.object_type == object_type, HistoryEntry.object_id.in_(ids))
        .options(sa.orm.joinedload(HistoryEntry.changed_by))
        .order_by(HistoryEntry.object_id, HistoryEntry.version)
    )
    return [
        {
            "object_type": h.object_type,
            "object_id": h.object_id,
            "version": h.version,
            "action": h.action,
            "changed_by": h.changed_by.display_name if h.changed_by else None,
            "changed_at": h.changed_at.isoformat(),
            "data": h.data,
        }
        for h in rows
    ]


def export_person(person: Person) -> dict[str, Any]:
    """Everything the organisation keeps about ``person``, as plain JSON values."""
    matches = list(
        db.session.scalars(
            sa.select(Match)
            .where(Match.person_id == person.id)
            .options(sa.orm.selectinload(Match.steps))
            .order_by(Match.id)
        )
    )
    match_ids = [m.id for m in matches]
    access = db.session.scalars(
        sa.select(PersonAccess)
        .where(PersonAccess.person_id == person.id)
        .options(sa.orm.joinedload(PersonAccess.user))
        .order_by(PersonAccess.at)
    )
    extra: dict[str, Any] = {}
    history = _history("person", [person.id]) + _history("match", match_ids)
    for exporter in EXPORTERS:
        keys, histories = exporter(person)
        extra.update(keys)
        for object_type, ids in histories.items():
            history += _history(object_type, ids)
    return {
        "exported_at": utcnow().isoformat(),
        "person": {
            "id": person.id,
            **person.snapshot(),
            "created_at": person.created_at.isoformat(),
            "updated_at": person.updated_at.isoformat(),
            "last_active_at": person.last_active_at.isoformat(),
        },
        "consent": [c.as_json() for c in sorted(person.consents, key=lambda c: c.id)],
        "matches": [
            {
                "id": m.id,
                "role": {"id": m.role_id, "title": m.role.title},
                "stage": m.stage,
                "outcome": m.outcome,
                "notes": m.notes,
                "version": m.version,
                "created_at": m.created_at.isoformat(),
                "updated_at": m.updated_at.isoformat(),
            }
            for m in matches
        ],
        "steps": [
            {
                "match_id": s.match_id,
                "happened_on": s.happened_on.isoformat(),
                "stage": s.stage,
                "text": s.text,
                "by": s.created_by.display_name if s.created_by else None,
            }
            for m in matches
            for s in sorted(m.steps, key=lambda s: (s.happened_on, s.id))
        ],
        **extra,
        "history": history,
        "access_log": [
            {"at": a.at.isoformat(), "action": a.action, "what": a.what, "by": a.user.display_name if a.user else None}
            for a in access
        ],
    }


def erase_person(person: Person, *, user_id: int | None, action: str = "erased") -> None:
    """Erase ``person`` and everything about them (see the module docstring). Callers
    commit, then call ``core.erasure.finish()`` so no copy stays on disk."""
    erasure.begin()
    org_id, person_id = person.organisation_id, person.id
    for eraser in ERASERS:
        eraser(person)
    match_ids = list(db.session.scalars(sa.select(Match.id).where(Match.person_id == person_id)))
    if match_ids:
        db.session.execute(sa.delete(MatchStep).where(MatchStep.match_id.in_(match_ids)))
        db.session.execute(sa.delete(Match).where(Match.id.in_(match_ids)))
    delete_for("match", match_ids)
    delete_for("person", [person_id])
    references = [sa.and_(Activity.object_type == "person", Activity.object_id == person_id)]
    if match_ids:
        references.append(sa.and_(Activity.object_type == "match", Activity.object_id.in_(match_ids)))
    db.session.execute(sa.delete(Activity).where(Activity.organisation_id == org_id, sa.or_(*references)))
    db.session.execute(sa.delete(PersonAccess).where(PersonAccess.person_id == person_id))
    db.session.execute(sa.delete(Consent).where(Consent.person_id == person_id))
    db.session.execute(sa.delete(Person).where(Person.id == person_id))
    db.session.expunge(person)
    record(f"person.{action}", org_id=org_id, user_id=user_id, object_type="person", object_id=None)
    db.session.add(
        PersonAccess(organisation_id=org_id, person_id=None, user_id=user_id, action=action, what="", at=utcnow())
    )
    # Open lists and boards drop the person's row and cards.
    publish_after_commit(Event(org_id=org_id, type="person", id=person_id, extra={"action": "erased"}))
    publish_after_commit(Event(org_id=org_id, type="match", extra={"action": "erased"}))


def months_before(moment: datetime, months: int) -> datetime:
    """The same day and time ``months`` calendar months earlier (clamped to the month's end)."""
    year, month = divmod(moment.year * 12 + moment.month - 1 - months, 12)
    month += 1
    for day in range(moment.day, 27, -1):
        try:
            return moment.replace(year=year, month=month, day=day)
        except ValueError:
            continue
    return moment.replace(year=year, month=month, day=min(moment.day, 28))


@dataclass
class PurgeCount:
    organisation: str
    retention_months: int
    erased: int


def purge(*, now: datetime | None = None, dry_run: bool = False) -> list[PurgeCount]:
    """Erase, in every organisation, the people inactive for longer than its retention period."""
    now = now or utcnow()
    counts = []
    for org in db.session.scalars(sa.select(Organisation).order_by(Organisation.slug)):
        limit = months_before(now, org.retention_months)
        stale = list(
            db.session.scalars(sa.select(Person).where(Person.organisation_id == org.id, Person.last_active_at < limit))
        )
        if not dry_run:
            for person in stale:
                erase_person(person, user_id=None, action="purged")
        counts.append(PurgeCount(org.slug, org.retention_months, len(stale)))
    if not dry_run:
        db.session.commit()
        erasure.finish()
    return counts
