"""Presence: who is here and who edits what, expiring by itself (on a fake clock)."""

from __future__ import annotations

import pytest

from resokit_web.extensions import db
from resokit_web.live import presence
from resokit_web.live.presence import InProcessPresence, Presence

from ..factories.buurtkaart import TreasureFactory


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def monotonic(self) -> float:
        return self.now

    def time(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch):
    fake = Clock()
    monkeypatch.setattr(presence, "time", fake)
    return fake


def test_an_entry_runs_out_by_itself(clock):
    store = InProcessPresence()
    entry = Presence(1, "buurtkaart", "")
    assert store.touch(7, entry, ttl=45) is True  # new: others hear about it
    assert store.touch(7, entry, ttl=45) is False  # a heartbeat: nothing to tell
    clock.now += 44
    assert store.current(7) == [entry]
    clock.now += 2
    assert store.current(7) == []
    assert store.sweep(7) == [entry] and store.sweep(7) == []


def test_presence_bar_shows_who_edits_which_treasure(app, world, as_role, clock):
    treasure = TreasureFactory(organisation_id=world.org_a.id, name="Café Het Kolenhuis")
    db.session.commit()
    member = as_role("member")
    assert member.get(f"/o/org-a/treasures/{treasure.id}/edit").status_code == 200
    bar = as_role("viewer").get("/o/org-a/presence?page=buurtkaart").get_data(as_text=True)
    assert "Member A" in bar and "Café Het Kolenhuis" in bar and f"/treasures/{treasure.id}" in bar
    # The row says so too.
    row = as_role("viewer").get(
        f"/o/org-a/treasures/{treasure.id}", headers={"HX-Request": "true", "HX-Target": f"treasure-{treasure.id}"}
    )
    assert "Member A is editing this now" in row.get_data(as_text=True)

    # Closing the form says "done" at once...
    member.post("/o/org-a/presence", data={"page": "buurtkaart", "item": f"treasure:{treasure.id}", "state": "left"})
    assert "Café Het Kolenhuis" not in as_role("viewer").get("/o/org-a/presence?page=buurtkaart").get_data(as_text=True)


def test_an_open_form_keeps_its_presence_and_a_closed_tab_runs_out(app, world, as_role, clock):
    treasure = TreasureFactory(organisation_id=world.org_a.id, name="Dauwpark")
    db.session.commit()
    member = as_role("member")
    member.get(f"/o/org-a/treasures/{treasure.id}/edit")
    item = {"page": "buurtkaart", "item": f"treasure:{treasure.id}", "state": "editing"}
    # The open form's heartbeat, even throttled to once a minute in a background tab:
    for _ in range(5):
        clock.now += 60
        assert member.post("/o/org-a/presence", data=item).status_code == 204
        assert presence.editors_of(world.org_a.id, f"treasure:{treasure.id}") == {world.member.id}
    # The tab is closed without a word (a crash): the entry runs out and is swept away.
    clock.now += app.config["RESOKIT_PRESENCE_EDIT_TTL"] + 1
    assert presence.editors_of(world.org_a.id, f"treasure:{treasure.id}") == set()
    bus = app.extensions["resokit_bus"]
    with bus.subscribe(world.org_a.id) as subscription:
        assert presence.expire(world.org_a.id) == 1
        event = subscription.get(timeout=5)
    assert event.type == "presence" and event.extra["item"] == f"treasure:{treasure.id}"


def test_only_members_may_announce(world, as_role):
    assert as_role("viewer").post("/o/org-a/presence", data={"page": "buurtkaart"}).status_code == 403
    assert as_role("outsider").post("/o/org-a/presence", data={"page": "buurtkaart"}).status_code == 404


@pytest.mark.redis
def test_redis_presence_expires_and_is_swept_once(redis_url, clock):
    import redis

    from resokit_web.live.presence import RedisPresence

    url, prefix = redis_url
    client = redis.Redis.from_url(url)
    one, two = RedisPresence(client, prefix), RedisPresence(client, prefix)  # two workers
    entry = Presence(3, "buurtkaart", "treasure:9")
    assert one.touch(5, entry, ttl=90) is True
    assert two.current(5) == [entry]
    clock.now += 91
    assert one.current(5) == []
    assert one.sweep(5) == [entry] and two.sweep(5) == []
    client.close()


@pytest.mark.parametrize("backend", ["memory", pytest.param("redis", marks=pytest.mark.redis)])
def test_an_old_streams_goodbye_leaves_a_newer_streams_presence_alone(backend, request, clock):
    if backend == "redis":
        import redis

        from resokit_web.live.presence import RedisPresence

        url, prefix = request.getfixturevalue("redis_url")
        store = RedisPresence(redis.Redis.from_url(url), prefix)
    else:
        store = InProcessPresence()
    looking = Presence(3, "buurtkaart", "")
    store.touch(5, looking, ttl=45, owner="old-tab")
    store.touch(5, looking, ttl=45, owner="reloaded-tab")
    assert store.leave(5, looking, owner="old-tab") is False
    assert store.current(5) == [looking]
    assert store.leave(5, looking, owner="reloaded-tab") is True
    assert store.current(5) == []
