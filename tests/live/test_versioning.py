"""Versioned saves: the conditional UPDATE, merging stale saves, history and restore —
and N threads saving from one base at the same moment (SQLite and PostgreSQL)."""

from __future__ import annotations

import threading

import pytest
import sqlalchemy as sa

from resokit_web.buurtkaart.models import Treasure
from resokit_web.extensions import db
from resokit_web.live.history import HistoryEntry, entries_for
from resokit_web.live.revisions import revision_of
from resokit_web.live.versioning import VersionMissing, create_many, parse_version, restore_version, save

from ..factories.buurtkaart import TreasureFactory

N_THREADS = 6


@pytest.fixture
def treasure(world):
    t = TreasureFactory(organisation_id=world.org_a.id, description="Open op dinsdag.\nKoffie gratis.")
    db.session.commit()
    return t


def test_save_on_the_current_version_applies_and_bumps(treasure, world):
    result = save(treasure, {"name": "Nieuw"}, 1, user_id=world.member.id)
    db.session.commit()
    assert result.status == "saved" and treasure.version == 2 and treasure.name == "Nieuw"
    assert [e.action for e in entries_for(treasure)] == ["updated", "created"]


def test_a_stale_save_merges_with_the_newer_version(treasure, world):
    save(treasure, {"description": "Open op dinsdag en vrijdag.\nKoffie gratis."}, 1, user_id=world.member.id)
    db.session.commit()
    result = save(
        treasure, {"description": "Open op dinsdag.\nKoffie en thee gratis."}, 1, user_id=world.coordinator.id
    )
    db.session.commit()
    assert result.status == "merged" and treasure.version == 3
    assert treasure.description == "Open op dinsdag en vrijdag.\nKoffie en thee gratis."
    assert entries_for(treasure)[0].action == "merged"


def test_a_clash_writes_nothing(treasure, world):
    save(treasure, {"name": "Eerste"}, 1, user_id=world.member.id)
    db.session.commit()
    result = save(treasure, {"name": "Tweede"}, 1, user_id=world.coordinator.id)
    assert result.status == "conflict" and result.proposal["name"] == "Tweede"
    db.session.rollback()
    db.session.refresh(treasure)
    assert treasure.name == "Eerste" and treasure.version == 2


def test_nothing_changed_is_not_a_new_version(treasure, world):
    assert save(treasure, {"name": treasure.name}, 1, user_id=world.member.id).status == "unchanged"
    assert treasure.version == 1


def test_a_save_must_say_its_version():
    for raw in (None, "", "abc", "0", "-3"):
        with pytest.raises(VersionMissing):
            parse_version(raw)
    assert parse_version("4") == 4


def test_restoring_an_old_version_is_a_new_version(treasure, world):
    save(treasure, {"name": "Fout"}, 1, user_id=world.member.id)
    db.session.commit()
    old_name = entries_for(treasure)[-1].data["name"]
    result = restore_version(treasure, 1, user_id=world.member.id)
    db.session.commit()
    assert result.applied and treasure.version == 3 and treasure.name == old_name
    assert entries_for(treasure)[0].action == "reverted"
    with pytest.raises(LookupError):
        restore_version(treasure, 99, user_id=world.member.id)


def test_create_many_writes_objects_and_their_first_versions(world):
    rows = [
        {
            "name": f"Bulk {i}",
            "kind": "place",
            "category": "other",
            "description": "",
            "address": "",
            "lat": None,
            "lon": None,
            "formal": True,
            "tags": [],
            "status": "accepted",
            "public": False,
        }
        for i in range(3)
    ]
    revision = revision_of(world.org_a.id)
    ids = create_many(Treasure, rows, org_id=world.org_a.id, user_id=world.member.id)
    db.session.commit()
    assert len(ids) == 3
    assert revision_of(world.org_a.id) == revision + 1  # many at once: one step
    names = db.session.scalars(sa.select(Treasure.name).where(Treasure.id.in_(ids)).order_by(Treasure.id)).all()
    assert names == ["Bulk 0", "Bulk 1", "Bulk 2"]
    history = db.session.scalars(sa.select(HistoryEntry).where(HistoryEntry.object_id.in_(ids))).all()
    assert {(h.version, h.action) for h in history} == {(1, "created")} and len(history) == 3
    assert history[0].data["name"].startswith("Bulk")


def _race(app, treasure_id: int, changes_for) -> list[str]:
    """N threads, each with its own session, save from version 1 at the same moment."""
    barrier = threading.Barrier(N_THREADS)
    results: list[str | BaseException] = [""] * N_THREADS

    def work(i: int) -> None:
        with app.app_context():
            try:
                obj = db.session.get(Treasure, treasure_id)
                barrier.wait()
                result = save(obj, changes_for(i), 1, user_id=None)
                if result.status == "conflict":
                    db.session.rollback()
                else:
                    db.session.commit()
                results[i] = result.status
            except BaseException as error:  # noqa: BLE001 - reported below
                results[i] = error
            finally:
                db.session.remove()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(N_THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    errors = [r for r in results if isinstance(r, BaseException)]
    assert not errors, errors
    return results  # type: ignore[return-value]


def test_simultaneous_saves_of_different_lines_all_land(app, world):
    base = "\n".join(f"regel {i}" for i in range(N_THREADS))
    t = TreasureFactory(organisation_id=world.org_a.id, description=base)
    db.session.commit()
    statuses = _race(app, t.id, lambda i: {"description": base.replace(f"regel {i}", f"regel {i} door collega {i}")})
    assert statuses.count("saved") == 1
    assert statuses.count("merged") == N_THREADS - 1
    db.session.expire_all()
    final = db.session.get(Treasure, t.id)
    assert final.version == N_THREADS + 1
    for i in range(N_THREADS):
        assert f"regel {i} door collega {i}" in final.description
    assert len(entries_for(final)) == N_THREADS + 1


def test_simultaneous_saves_of_one_field_never_both_win(app, world):
    t = TreasureFactory(organisation_id=world.org_a.id, name="Begin")
    db.session.commit()
    statuses = _race(app, t.id, lambda i: {"name": f"Naam van collega {i}", "tags": ["koffie", f"tag{i}"]})
    assert statuses.count("saved") == 1
    assert statuses.count("conflict") == N_THREADS - 1
    db.session.expire_all()
    final = db.session.get(Treasure, t.id)
    winner = statuses.index("saved")
    assert final.name == f"Naam van collega {winner}" and final.version == 2
    # Nothing saved is lost: each applied save is a version in the history.
    assert [e.data["name"] for e in entries_for(final)] == [final.name, "Begin"]


def test_simultaneous_tag_additions_are_all_kept(app, world):
    t = TreasureFactory(organisation_id=world.org_a.id, tags=["koffie"])
    db.session.commit()
    statuses = _race(app, t.id, lambda i: {"tags": ["koffie", f"tag{i}"]})
    assert statuses.count("saved") == 1 and statuses.count("merged") == N_THREADS - 1
    db.session.expire_all()
    final = db.session.get(Treasure, t.id)
    assert set(final.tags) == {"koffie", *(f"tag{i}" for i in range(N_THREADS))}


@pytest.mark.postgresql
def test_simultaneous_saves_on_postgresql_never_lose_one(postgres_url):
    """The same race on PostgreSQL itself (row locks, READ COMMITTED), strict in CI."""
    from ..conftest import make_app
    from ..factories import build_world

    app = make_app(postgres_url)
    with app.app_context():
        try:
            world = build_world()
            base = "\n".join(f"regel {i}" for i in range(N_THREADS))
            t = TreasureFactory(organisation_id=world.org_a.id, description=base)
            db.session.commit()
            statuses = _race(app, t.id, lambda i: {"description": base.replace(f"regel {i}", f"regel {i}: {i}")})
            assert statuses.count("saved") == 1 and statuses.count("merged") == N_THREADS - 1
            db.session.expire_all()
            final = db.session.get(Treasure, t.id)
            assert all(f"regel {i}: {i}" in final.description for i in range(N_THREADS))
            assert [e.version for e in entries_for(final)] == list(range(N_THREADS + 1, 0, -1))
        finally:
            db.session.remove()
            db.engine.dispose()
