"""The organisation's event stream, read through the Flask test client."""

from __future__ import annotations

import pytest

from resokit_web.extensions import db
from resokit_web.live.bus import Event
from resokit_web.live.sse import format_sse, sse_names

from ..factories.buurtkaart import TreasureFactory


@pytest.fixture
def fast(app):
    app.config.update(RESOKIT_SSE_HEARTBEAT=0.01)
    return app


def open_stream(client, page="buurtkaart"):
    response = client.get(f"/o/org-a/events?page={page}", buffered=False)
    assert response.status_code == 200
    assert response.mimetype == "text/event-stream"
    assert "no-cache" in response.headers["Cache-Control"]
    return response, iter(response.response)


def read_until(chunks, wanted: str, limit: int = 200) -> str:
    """Everything read up to and including the first chunk holding ``wanted``."""
    seen = []
    for _ in range(limit):
        chunk = next(chunks).decode()
        seen.append(chunk)
        if wanted in chunk:
            return "".join(seen)
    raise AssertionError(f"{wanted!r} not in {''.join(seen)[:500]!r}")


def test_names_of_events():
    assert sse_names(Event(org_id=1, type="treasure", id=4, extra={"action": "updated"})) == [
        "treasure",
        "treasure-4",
        "change",
    ]
    assert sse_names(Event(org_id=1, type="treasure", id=4, extra={"action": "created"})) == [
        "treasure",
        "treasure-4",
        "treasure-new",
        "change",
    ]
    assert sse_names(Event(org_id=1, type="treasure", extra={"action": "imported"})) == [
        "treasure",
        "treasure-all",
        "change",
    ]
    assert sse_names(Event(org_id=1, type="presence", extra={"item": "treasure:4"})) == [
        "presence",
        "presence-treasure-4",
    ]
    assert sse_names(Event(org_id=1, type="presence", extra={"item": "x<script>:1"})) == [
        "presence",
        "presence-xscript-1",
    ]


def test_events_are_small_and_carry_no_content():
    text = format_sse(Event(org_id=1, type="treasure", id=4, version=7, by=2, extra={"action": "updated"}))
    assert text.startswith("event: treasure\ndata: ")
    assert '"version":7' in text and text.count("\n\n") == 3


def test_a_colleagues_save_reaches_the_stream(fast, world, as_role):
    treasure = TreasureFactory(organisation_id=world.org_a.id)
    db.session.commit()
    response, chunks = open_stream(as_role("viewer"))
    try:
        assert "retry: 2000" in next(chunks).decode()
        form = {"name": "Nieuwe naam", "kind": "place", "category": "meeting_place", "version": "1"}
        assert as_role("member").post(f"/o/org-a/treasures/{treasure.id}", data=form).status_code == 303
        text = read_until(chunks, f"event: treasure-{treasure.id}\n")
        assert "event: treasure\n" in text and "event: change\n" in text and '"version":2' in text
    finally:
        response.close()


def test_heartbeats_keep_the_stream_alive(fast, world, as_role):
    response, chunks = open_stream(as_role("viewer"))
    try:
        assert ": ping" in read_until(chunks, ": ping")
    finally:
        response.close()


def test_the_stream_of_a_removed_member_stops(fast, world, as_role):
    response, chunks = open_stream(as_role("member"))
    membership = world.membership(world.member)
    assert as_role("coordinator").post(f"/o/org-a/members/{membership.id}/remove").status_code == 303
    with pytest.raises(StopIteration):
        for _ in range(500):
            next(chunks)
    response.close()


def test_a_stranger_gets_no_stream(world, as_role):
    assert as_role("outsider").get("/o/org-a/events").status_code == 404
    assert as_role("anonymous").get("/o/org-a/events").status_code == 302


def test_streams_beyond_the_limit_are_refused_so_saves_keep_their_threads(fast, world, as_role):
    fast.config["RESOKIT_SSE_MAX_STREAMS"] = 1
    first, _ = open_stream(as_role("viewer"))
    refused = as_role("member").get("/o/org-a/events?page=buurtkaart")
    assert refused.status_code == 503 and refused.headers["Retry-After"]
    first.close()
    again, _ = open_stream(as_role("member"))
    again.close()


def test_the_dashboard_feed_listens_for_any_change(world, as_role):
    html = as_role("viewer").get("/o/org-a/").get_data(as_text=True)
    assert 'id="activity-feed"' in html and "sse:change" in html
    fragment = as_role("viewer").get("/o/org-a/", headers={"HX-Request": "true", "HX-Target": "activity-feed"})
    body = fragment.get_data(as_text=True)
    assert body.lstrip().startswith('<div id="activity-feed"') and "<html" not in body


def test_a_stream_that_reaches_its_age_keeps_the_presence_for_the_reconnect(fast, world, as_role):
    from resokit_web.live import presence

    fast.config["RESOKIT_SSE_MAX_AGE"] = 0  # ends at once, as after ten minutes
    response, chunks = open_stream(as_role("viewer"))
    assert list(chunks)  # read to its end
    response.close()
    assert [p.user_id for p in presence.on_page(world.org_a.id, "buurtkaart")] == [world.viewer.id]


def test_a_closed_stream_leaves_at_once(fast, world, as_role):
    from resokit_web.live import presence

    response, chunks = open_stream(as_role("viewer"))
    next(chunks)
    next(chunks)
    response.close()  # the tab is gone
    assert presence.on_page(world.org_a.id, "buurtkaart") == []


def test_a_reload_keeps_the_presence_the_new_stream_took_over(fast, world, as_role):
    """Reloading opens the new stream before the old one says goodbye; the goodbye of the
    old stream must not remove the presence the new one holds."""
    from resokit_web.live import presence

    client = as_role("member")
    old, old_chunks = open_stream(client)
    next(old_chunks)
    new, new_chunks = open_stream(client)
    next(new_chunks)
    try:
        old.close()  # the previous page is gone
        assert [p.user_id for p in presence.on_page(world.org_a.id, "buurtkaart")] == [world.member.id]
    finally:
        new.close()
    assert presence.on_page(world.org_a.id, "buurtkaart") == []


def test_viewers_streams_carry_no_events_about_people(fast, world, as_role):
    """People are for members; a viewer's stream does not even learn their ids."""
    from resokit_web.live.events import publish_after_commit

    response, chunks = open_stream(as_role("viewer"))
    member_response, member_chunks = open_stream(as_role("member"))
    try:
        next(chunks)
        next(member_chunks)
        publish_after_commit(Event(org_id=world.org_a.id, type="person", id=42, version=3, extra={"action": "updated"}))
        publish_after_commit(
            Event(
                org_id=world.org_a.id,
                type="presence",
                by=world.member.id,
                extra={"page": "people", "item": "person:42"},
            )
        )
        publish_after_commit(
            Event(org_id=world.org_a.id, type="treasure", id=7, version=2, extra={"action": "updated"})
        )
        db.session.commit()
        seen = read_until(chunks, "event: treasure-7\n")
        assert "person" not in seen
        assert "event: person-42\n" in read_until(member_chunks, "event: treasure-7\n")
    finally:
        response.close()
        member_response.close()
