"""A reconnecting stream gets what it missed (Last-Event-ID), or is told to resync."""

from __future__ import annotations

import pytest

from resokit_web.live.bus import REPLAY, Event, InProcessBus

from .test_stream import fast, open_stream, read_until  # noqa: F401 - fixtures and helpers


def numbered(bus, n, org_id=1):
    for i in range(n):
        bus.publish(Event(org_id=org_id, type="treasure", id=i, extra={"action": "updated"}))


def check_bus(bus):
    numbered(bus, 3)
    numbered(bus, 2, org_id=2)  # another organisation counts on its own
    epoch = bus.position(1).split(".")[0]
    assert bus.position(1) == f"{epoch}.3" and bus.position(2) == f"{epoch}.2"
    assert [e.id for e in bus.since(1, f"{epoch}.1")] == [1, 2]
    assert bus.since(1, f"{epoch}.3") == []
    assert bus.since(1, f"{epoch}.0") is not None and len(bus.since(1, f"{epoch}.0")) == 3
    assert bus.since(1, "another.1") is None  # the numbering started over
    assert bus.since(1, f"{epoch}.99") is None  # from a future we do not know
    assert bus.since(1, "garbage") is None
    numbered(bus, REPLAY + 5)
    assert bus.since(1, f"{epoch}.1") is None  # fell out of the kept log
    assert len(bus.since(1, f"{epoch}.{REPLAY}")) == 8


def test_in_process_bus_replays_what_was_missed():
    check_bus(InProcessBus())


@pytest.mark.redis
def test_redis_bus_replays_what_was_missed_across_processes(redis_url):
    import redis

    from resokit_web.live.bus import RedisBus

    url, prefix = redis_url
    client = redis.Redis.from_url(url)
    one, two = RedisBus(client, prefix), RedisBus(client, prefix)
    check_bus(one)
    epoch = one.position(1).split(".")[0]
    assert two.position(1) == one.position(1) and two.since(1, f"{epoch}.{REPLAY}") == one.since(1, f"{epoch}.{REPLAY}")
    client.close()


def test_a_stream_says_where_the_log_stands_and_numbers_its_events(fast, world, as_role):
    bus = fast.extensions["resokit_bus"]
    response, chunks = open_stream(as_role("viewer"))
    try:
        text = read_until(chunks, "id: ")
        position = text.split("id: ")[1].split("\n")[0]
        epoch, seq = position.split(".")
        bus.publish(Event(org_id=world.org_a.id, type="treasure", id=5, extra={"action": "updated"}))
        event = read_until(chunks, "event: treasure-5")
        assert f"id: {epoch}.{int(seq) + 1}\n" in event
    finally:
        response.close()


def test_a_reconnecting_stream_gets_what_it_missed(fast, world, as_role):
    bus = fast.extensions["resokit_bus"]
    org = world.org_a.id
    bus.publish(Event(org_id=org, type="treasure", id=1, extra={"action": "updated"}))
    last = bus.position(org)
    bus.publish(Event(org_id=org, type="treasure", id=2, extra={"action": "updated"}))
    bus.publish(Event(org_id=org, type="treasure", id=3, extra={"action": "updated"}))
    client = as_role("viewer")
    response = client.get("/o/org-a/events?page=buurtkaart", headers={"Last-Event-ID": last}, buffered=False)
    chunks = iter(response.response)
    try:
        text = read_until(chunks, "event: treasure-3")
        assert "event: treasure-2" in text and "event: treasure-1\n" not in text
        assert "event: resync" not in text
    finally:
        response.close()


def test_a_stream_that_cannot_catch_up_is_told_to_resync(fast, world, as_role):
    response = as_role("viewer").get("/o/org-a/events", headers={"Last-Event-ID": "old-epoch.12"}, buffered=False)
    chunks = iter(response.response)
    try:
        assert "event: resync" in read_until(chunks, "event: resync")
    finally:
        response.close()
