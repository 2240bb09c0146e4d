"""Export and erasure of a person, and the purge after the retention period."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
import time_machine

from resokit_web.activity.models import Activity
from resokit_web.extensions import db
from resokit_web.live.history import HistoryEntry
from resokit_web.people.gdpr import months_before, purge
from resokit_web.people.models import Person, PersonAccess

from ..factories.people import MatchFactory, PersonFactory

MARK = "Zqxv-uniek"


def _erasable(world, as_role):
    """A person with a match, steps, notes, history, views and activity — all with a marker."""
    person = PersonFactory(organisation_id=world.org_a.id, pseudonym=f"Persoon {MARK}", talents=[f"talent-{MARK}"])
    db.session.commit()
    match = MatchFactory(organisation_id=world.org_a.id, person_id=person.id)
    db.session.commit()
    client = as_role("member")
    client.post(
        f"/o/org-a/people/{person.id}/talentenkaart/talents",
        data={"talents": f"talent-{MARK}, naaien", "talents_note": f"note {MARK}", "version": 1},
    )
    client.post(
        f"/o/org-a/matches/{match.id}",
        data={"stage": "explored", "version": 1, "note": f"step {MARK}", "notes": f"notes {MARK}"},
    )
    client.post(f"/o/org-a/matches/{match.id}/steps", data={"happened_on": "2026-01-05", "text": f"dated {MARK}"})
    client.get(f"/o/org-a/people/{person.id}")
    client.get(f"/o/org-a/matches/{match.id}")
    client.get("/o/org-a/people")  # a flash from the saves above is read, not left in the session
    return person.id, match.id


def _references(person_id: int, match_id: int) -> list[str]:
    """Every row in every table that still points at the person or their match, or holds their text."""
    found = []
    with db.engine.connect() as conn:
        for table in db.metadata.sorted_tables:
            for row in conn.execute(sa.select(table)).mappings():
                text = repr(dict(row))
                if MARK in text or MARK.encode() in b"".join(v for v in row.values() if isinstance(v, bytes)):
                    found.append(f"{table.name}: content {text[:120]}")
                for column in table.columns:
                    for fk in column.foreign_keys:
                        target = fk.column.table.name
                        if (target, row[column.name]) in (("people", person_id), ("matches", match_id)):
                            found.append(f"{table.name}.{column.name} → {target}")
                if {"object_type", "object_id"} <= set(row.keys()) and (
                    (row["object_type"], row["object_id"]) in (("person", person_id), ("match", match_id))
                ):
                    found.append(f"{table.name}: {row['object_type']} {row['object_id']}")
                if "person_id" in row.keys() and row["person_id"] == person_id:
                    found.append(f"{table.name}.person_id")
                if "match_id" in row.keys() and row["match_id"] == match_id:
                    found.append(f"{table.name}.match_id")
    return found


def test_export_holds_everything_about_the_person(as_role, world):
    person_id, match_id = _erasable(world, as_role)
    response = as_role("coordinator").get(f"/o/org-a/people/{person_id}/export.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert "attachment" in response.headers["Content-Disposition"]
    data = response.get_json()
    assert set(data) >= {"person", "consent", "matches", "steps", "history", "access_log"}
    assert data["person"]["pseudonym"] == f"Persoon {MARK}" and data["person"]["talents_note"] == f"note {MARK}"
    assert data["consent"][0]["scopes"] == ["talentenkaart", "matching"]
    assert data["matches"][0]["id"] == match_id and data["matches"][0]["notes"] == f"notes {MARK}"
    assert {s["text"] for s in data["steps"]} >= {f"step {MARK}", f"dated {MARK}"}
    assert {(h["object_type"], h["version"]) for h in data["history"]} >= {
        ("person", 1),
        ("person", 2),
        ("match", 1),
        ("match", 2),
    }
    assert {a["action"] for a in data["access_log"]} >= {"viewed"}


def test_erasure_leaves_no_reference_in_any_table(as_role, world):
    person_id, match_id = _erasable(world, as_role)
    assert _references(person_id, match_id)  # the scan does see them before
    confirm = as_role("coordinator").get(f"/o/org-a/people/{person_id}/erase")
    assert confirm.status_code == 200 and 'name="confirm"' in confirm.get_data(as_text=True)
    unconfirmed = as_role("coordinator").post(f"/o/org-a/people/{person_id}/erase", data={})
    assert unconfirmed.status_code == 422 and 'id="confirm-error"' in unconfirmed.get_data(as_text=True)
    response = as_role("coordinator").post(f"/o/org-a/people/{person_id}/erase", data={"confirm": "y"})
    assert response.status_code == 303
    as_role("coordinator").get("/o/org-a/people")  # reads the flash
    assert _references(person_id, match_id) == []
    # One content-free line stays in the activity log and one in the access log.
    [erased] = db.session.scalars(sa.select(Activity).where(Activity.action == "person.erased"))
    assert erased.object_id is None and erased.user_id == world.coordinator.id
    [line] = db.session.scalars(sa.select(PersonAccess))
    assert (line.action, line.person_id) == ("erased", None)
    assert as_role("coordinator").get(f"/o/org-a/people/{person_id}").status_code == 404
    audit = as_role("coordinator").get("/o/org-a/audit").get_data(as_text=True)
    assert "erased a person" in audit


def test_months_before_clamps_to_the_end_of_the_month():
    assert months_before(datetime(2026, 3, 31, tzinfo=UTC), 1) == datetime(2026, 2, 28, tzinfo=UTC)
    assert months_before(datetime(2026, 1, 15, tzinfo=UTC), 24) == datetime(2024, 1, 15, tzinfo=UTC)


def test_purge_erases_people_inactive_longer_than_the_retention_period(app, world):
    world.org_b.retention_months = 6
    with time_machine.travel(datetime(2024, 1, 10, 12, tzinfo=UTC), tick=False) as clock:
        old = PersonFactory(organisation_id=world.org_a.id)
        old_b = PersonFactory(organisation_id=world.org_b.id)
        db.session.commit()
        clock.move_to(datetime(2025, 6, 1, 12, tzinfo=UTC))
        recent = PersonFactory(organisation_id=world.org_a.id)
        recent_b = PersonFactory(organisation_id=world.org_b.id)
        kept_by_match = PersonFactory(organisation_id=world.org_a.id)
        db.session.commit()
        ids = {p: p.id for p in (old, old_b, recent, recent_b, kept_by_match)}
        clock.move_to(datetime(2026, 1, 11, 12, tzinfo=UTC))
        # Activity with a person (a match proposed today) restarts their retention period.
        MatchFactory(organisation_id=world.org_a.id, person_id=kept_by_match.id)
        db.session.commit()
        clock.move_to(datetime(2026, 1, 20, 12, tzinfo=UTC))
        dry = purge(dry_run=True)
        assert {c.organisation: c.erased for c in dry} == {"org-a": 1, "org-b": 2}
        counts = purge()
    assert {c.organisation: (c.erased, c.retention_months) for c in counts} == {"org-a": (1, 24), "org-b": (2, 6)}
    db.session.expire_all()
    left = set(db.session.scalars(sa.select(Person.id)))
    assert left == {ids[recent], ids[kept_by_match]}
    assert not db.session.scalar(
        sa.select(sa.func.count())
        .select_from(HistoryEntry)
        .where(HistoryEntry.object_type == "person", HistoryEntry.object_id.in_([ids[old], ids[old_b], ids[recent_b]]))
    )
    purged = list(db.session.scalars(sa.select(Activity).where(Activity.action == "person.purged")))
    assert len(purged) == 3 and all(a.object_id is None and a.user_id is None for a in purged)


def test_the_purge_command_prints_counts(app, world):
    with time_machine.travel(datetime(2020, 1, 1, tzinfo=UTC), tick=False) as clock:
        PersonFactory(organisation_id=world.org_a.id)
        db.session.commit()
        clock.move_to(datetime(2026, 1, 1, tzinfo=UTC))
        result = app.test_cli_runner().invoke(args=["purge"])
    assert result.exit_code == 0, result.output
    assert "org-a: erased 1 (retention 24 months)" in result.output and "total: erased 1" in result.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Person)) == 0


def test_purge_keeps_people_within_the_period(app, world):
    PersonFactory(organisation_id=world.org_a.id)
    db.session.commit()
    with time_machine.travel(datetime.now(UTC) + timedelta(days=700), tick=False):
        assert sum(c.erased for c in purge()) == 0
