"""Rows rendered once per audience and sent inside the stream (live/push.py)."""

from __future__ import annotations

import json

import pytest
from flask_babel import force_locale, gettext

from resokit_web.buurtkaart import push as buurtkaart_push
from resokit_web.extensions import db
from resokit_web.live.sse import format_push

from ..factories.buurtkaart import TreasureFactory
from ..factories.partners import PartnerFactory
from .test_stream import open_stream, read_until


@pytest.fixture
def fast(app):
    app.config.update(RESOKIT_SSE_HEARTBEAT=0.01)
    return app


def message(text: str, name: str) -> str:
    """The data of the last ``name`` message in the stream text (lines joined by \\n)."""
    head = f"event: {name}\n"
    assert head in text, text[:800]
    block = text[text.rindex(head) + len(head) :].split("\n\n", 1)[0]
    return "\n".join(line[len("data: ") :] for line in block.split("\n"))


def archive(client, url: str) -> None:
    assert client.post(f"{url}/archive").status_code == 303


def stream_after(client, action, wanted: str, page: str = "buurtkaart") -> str:
    """Open ``client``'s stream on ``page``, do ``action()``, read until ``wanted``."""
    response, chunks = open_stream(client, page=page)
    try:
        action()
        return read_until(chunks, wanted)
    finally:
        response.close()


def save(client, treasure, **changes):
    form = {
        "name": treasure.name,
        "kind": "place",
        "category": "meeting_place",
        "version": str(treasure.version),
        **changes,
    }
    assert client.post(f"/o/org-a/treasures/{treasure.id}", data=form).status_code == 303


def test_format_keeps_every_line_of_the_fragment():
    text = format_push("row-treasure-1", "<li>\r\n  a\rb\n</li>")
    assert text == "event: row-treasure-1\ndata: <li>\ndata:   a\ndata: b\ndata: </li>\n\n"
    assert message(text, "row-treasure-1") == "<li>\n  a\nb\n</li>"


def test_a_save_sends_the_row_and_the_marker_in_the_stream(fast, world, as_role):
    treasure = TreasureFactory(organisation_id=world.org_a.id, lat=50.85, lon=4.35)
    db.session.commit()
    text = stream_after(
        as_role("member"),
        lambda: save(as_role("coordinator"), treasure, name="Buurthuis De Linde", lat="50.85", lon="4.35"),
        "event: treasure-feature\n",
    )
    row = message(text, f"row-treasure-{treasure.id}")
    assert row.startswith(f'<li id="treasure-{treasure.id}"') and "Buurthuis De Linde" in row
    assert f'sse-swap="row-treasure-{treasure.id}"' in row
    # No session's token in a fragment many readers share: the page fills it in.
    assert 'name="csrf_token" value=""' in row and f"/treasures/{treasure.id}/edit" in row
    feature = json.loads(message(text, "treasure-feature"))
    assert feature["id"] == treasure.id
    assert feature["collection"]["features"][0]["properties"]["name"] == "Buurthuis De Linde"


def test_each_reader_gets_the_row_for_their_role_and_language(fast, world, as_role):
    world.user_for("viewer").locale = "fr"
    treasure = TreasureFactory(organisation_id=world.org_a.id)
    db.session.commit()
    streams = {role: open_stream(as_role(role)) for role in ("viewer", "member")}
    try:
        save(as_role("coordinator"), treasure, name="Het Anker")
        texts = {
            role: read_until(chunks, f"event: row-treasure-{treasure.id}\n") for role, (_, chunks) in streams.items()
        }
    finally:
        for response, _ in streams.values():
            response.close()
    viewer_row = message(texts["viewer"], f"row-treasure-{treasure.id}")
    member_row = message(texts["member"], f"row-treasure-{treasure.id}")
    assert "/archive" not in viewer_row and "/archive" in member_row
    with force_locale("fr"):
        french = gettext("History")
    with force_locale("en"):
        english = gettext("History")
    assert french != english
    assert f">{french}<" in viewer_row and f">{english}<" in member_row


def test_the_colleague_editing_does_not_read_their_own_name(fast, world, as_role):
    treasure = TreasureFactory(organisation_id=world.org_a.id)
    db.session.commit()
    member = as_role("member")
    streams = {role: open_stream(as_role(role) if role != "member" else member) for role in ("member", "coordinator")}
    try:
        assert member.get(f"/o/org-a/treasures/{treasure.id}/edit").status_code == 200
        # The presence event and the row it changed come together.
        texts = {
            role: read_until(chunks, f"event: row-treasure-{treasure.id}\n") for role, (_, chunks) in streams.items()
        }
    finally:
        for response, _ in streams.values():
            response.close()
    assert all(f"event: presence-treasure-{treasure.id}\n" in text for text in texts.values())
    editor = world.user_for("member").display_name
    assert editor in message(texts["coordinator"], f"row-treasure-{treasure.id}")
    assert editor not in message(texts["member"], f"row-treasure-{treasure.id}")


def test_an_archived_treasure_leaves_the_unfiltered_list(fast, world, as_role):
    treasure = TreasureFactory(organisation_id=world.org_a.id)
    db.session.commit()
    text = stream_after(
        as_role("member"),
        lambda: archive(as_role("coordinator"), f"/o/org-a/treasures/{treasure.id}"),
        f"event: row-treasure-{treasure.id}\n",
    )
    assert message(text, f"row-treasure-{treasure.id}") == ""


def test_one_rendering_serves_every_reader_of_an_audience(fast, world, as_role, monkeypatch):
    calls = []
    original = buurtkaart_push.TreasureRows.render

    def counted(self, event, exclude_user):
        if event.type == "treasure":
            calls.append((event.seq, event.extra, exclude_user))
        return original(self, event, exclude_user)

    monkeypatch.setattr(buurtkaart_push.TreasureRows, "render", counted)
    treasure = TreasureFactory(organisation_id=world.org_a.id)
    db.session.commit()
    streams = [open_stream(as_role("member")) for _ in range(3)]
    try:
        save(as_role("coordinator"), treasure, name="Wijkpunt")
        for _, chunks in streams:
            assert "Wijkpunt" in message(
                read_until(chunks, f"event: row-treasure-{treasure.id}\n"), f"row-treasure-{treasure.id}"
            )
    finally:
        for response, _ in streams:
            response.close()
    assert len(calls) == 1, calls


def test_a_row_that_cannot_be_rendered_makes_the_page_refresh(fast, world, as_role, monkeypatch):
    original = buurtkaart_push.TreasureRows.render

    def broken(self, event, exclude_user):
        if event.type == "treasure":
            raise RuntimeError("boom")
        return original(self, event, exclude_user)

    monkeypatch.setattr(buurtkaart_push.TreasureRows, "render", broken)
    treasure = TreasureFactory(organisation_id=world.org_a.id)
    db.session.commit()
    text = stream_after(
        as_role("member"), lambda: save(as_role("coordinator"), treasure, name="Ergens"), "event: resync\n"
    )
    assert f"event: treasure-{treasure.id}\n" in text and "row-treasure" not in text


def test_other_pages_streams_carry_no_rows(fast, world, as_role):
    treasure = TreasureFactory(organisation_id=world.org_a.id)
    db.session.commit()
    response, chunks = open_stream(as_role("member"), page="partners")
    try:
        save(as_role("coordinator"), treasure, name="Elders")
        text = read_until(chunks, f"event: treasure-{treasure.id}\n")
        text += read_until(chunks, ": ping")
    finally:
        response.close()
    assert "row-treasure" not in text


# --- Partner rows -------------------------------------------------------------------


def save_partner(client, partner, **changes):
    form = {
        "name": partner.name,
        "sector": "health",
        "relation": partner.relation,
        "strength": "strong",
        "formal": "y",
        "contact": "",
        "notes": "",
        "treasure_id": "",
        "version": str(partner.version),
        **changes,
    }
    assert client.post(f"/o/org-a/partners/{partner.id}", data=form).status_code == 303


def test_a_partner_saved_in_its_group_comes_in_the_partners_stream(fast, world, as_role):
    partner = PartnerFactory(organisation_id=world.org_a.id, relation="active")
    db.session.commit()
    text = stream_after(
        as_role("viewer"),
        lambda: save_partner(as_role("member"), partner, name="Huis van het Kind"),
        f"event: row-partner-{partner.id}\n",
        page="partners",
    )
    row = message(text, f"row-partner-{partner.id}")
    assert row.startswith(f'<li id="partner-{partner.id}"') and "Huis van het Kind" in row
    # Rendered as the list shows it: in its group, for a viewer (no actions).
    assert 'data-relation="active"' in row and "group=active" in row and "/archive" not in row
    assert 'data-push-keep="relation"' in row


def test_a_partner_that_left_the_list_is_pushed_empty(fast, world, as_role):
    partner = PartnerFactory(organisation_id=world.org_a.id)
    db.session.commit()
    text = stream_after(
        as_role("member"),
        lambda: archive(as_role("coordinator"), f"/o/org-a/partners/{partner.id}"),
        f"event: row-partner-{partner.id}\n",
        page="partners",
    )
    assert message(text, f"row-partner-{partner.id}") == ""


def test_only_unfiltered_lists_take_rows_from_the_stream(world, as_role):
    """A filtered list, and the partner's own page, ask for their rows themselves."""
    treasure = TreasureFactory(organisation_id=world.org_a.id, kind="place")
    partner = PartnerFactory(organisation_id=world.org_a.id, sector="health")
    db.session.commit()
    client = as_role("member")
    cases = (
        ("treasure", treasure.id, "/o/org-a/buurtkaart", ["/o/org-a/buurtkaart?kind=place"]),
        (
            "partner",
            partner.id,
            "/o/org-a/partners",
            ["/o/org-a/partners?sector=health", f"/o/org-a/partners/{partner.id}"],
        ),
    )
    for kind, object_id, plain_path, asking_paths in cases:
        plain = client.get(plain_path).get_data(as_text=True)
        assert f'sse-swap="row-{kind}-{object_id}"' in plain and f"sse:{kind}-{object_id}," not in plain
        for path in asking_paths:
            html = client.get(path).get_data(as_text=True)
            assert f'sse-swap="row-{kind}-{object_id}"' not in html
            assert f'hx-trigger="sse:{kind}-{object_id}, sse:presence-{kind}-{object_id}' in html
    assert 'data-push-keep="relation"' in client.get("/o/org-a/partners").get_data(as_text=True)


def test_a_renumbered_event_is_not_taken_for_an_earlier_one(app):
    """A Redis that lost its data numbers events from 1 again: the process's caches must
    not send an earlier event's text for a new one with the same number."""
    from resokit_web.live.bus import Event
    from resokit_web.live.push import Renderer
    from resokit_web.live.sse import format_sse

    renderer = Renderer(app)
    first = Event(org_id=1, type="treasure", id=4, version=2, seq=1, extra={"action": "updated"})
    again = Event(org_id=1, type="treasure", id=9, version=1, seq=1, extra={"action": "created"})
    assert renderer.event_text(first, lambda: format_sse(first)) == format_sse(first)
    assert renderer.event_text(again, lambda: format_sse(again)) == format_sse(again) != format_sse(first)
    assert renderer.event_text(first, lambda: "not formatted twice") == format_sse(first)
