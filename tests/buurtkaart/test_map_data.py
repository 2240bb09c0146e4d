"""The map data (GeoJSON) kept per revision: never stale, never another audience's, sent
compressed, revalidated with its ETag."""

from __future__ import annotations

import gzip
import io
import json

import brotli
import pytest

from resokit_web import create_app
from resokit_web.buurtkaart import export
from resokit_web.buurtkaart.models import Treasure
from resokit_web.extensions import db
from resokit_web.live.revisions import revision_of

from ..conftest import HX, base_config, make_app, sign_in
from ..factories.buurtkaart import TreasureFactory
from ..factories.public import make_proposal, open_public_page
from .test_treasures import FORM, edit_form, treasure  # noqa: F401 - the fixture

URL = "/o/org-a/buurtkaart.geojson"


def names(response) -> set[str]:
    data = response.get_data()
    if response.headers.get("Content-Encoding") == "gzip":
        data = gzip.decompress(data)
    return {f["properties"]["name"] for f in json.loads(data)["features"]}


def count_builds(monkeypatch) -> list[int]:
    """How often the map data is built (not taken from the kept copy)."""
    built: list[int] = []
    real = export.geojson

    def counting(rows):
        built.append(1)
        return real(rows)

    monkeypatch.setattr(export, "geojson", counting)
    return built


def test_a_strong_etag_and_304_while_nothing_changed(world, as_role, treasure):
    client = as_role("viewer")
    first = client.get(URL)
    assert first.status_code == 200 and first.mimetype == "application/geo+json"
    etag = first.headers["ETag"]
    assert etag.startswith('"') and not etag.startswith("W/")
    assert first.headers["Cache-Control"] == "private, no-cache"
    assert {"Accept-Encoding", "Cookie"} <= {v.strip() for v in first.headers["Vary"].split(",")}

    again = client.get(URL, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.get_data() == b""
    assert again.headers["ETag"] == etag and again.headers["Cache-Control"] == "private, no-cache"
    assert client.get(URL, headers={"If-None-Match": '"something-else"'}).status_code == 200


def test_sent_compressed_as_the_browser_accepts(world, as_role, treasure):
    client = as_role("viewer")
    plain = client.get(URL).get_data()
    gz = client.get(URL, headers={"Accept-Encoding": "gzip"})
    br = client.get(URL, headers={"Accept-Encoding": "gzip, deflate, br"})
    assert gz.headers["Content-Encoding"] == "gzip" and gzip.decompress(gz.get_data()) == plain
    assert br.headers["Content-Encoding"] == "br" and brotli.decompress(br.get_data()) == plain
    assert "Content-Encoding" not in client.get(URL).headers
    # Each representation has its own strong validator, and revalidates as itself.
    tags = {r.headers["ETag"] for r in (gz, br, client.get(URL))}
    assert len(tags) == 3
    assert client.get(URL, headers={"Accept-Encoding": "br", "If-None-Match": br.headers["ETag"]}).status_code == 304


def test_built_once_then_kept_until_something_changes(world, as_role, treasure, monkeypatch):
    built = count_builds(monkeypatch)
    client = as_role("member")
    for _ in range(3):
        client.get(URL)
    assert len(built) == 1
    client.post(f"/o/org-a/treasures/{treasure.id}", data=edit_form(treasure, name="Nieuwe naam"))
    assert names(client.get(URL)) == {"Nieuwe naam"} and len(built) == 2


def _create(client, t, world):
    client.post("/o/org-a/treasures", data={**FORM, "name": "Gloednieuw"})
    return "Gloednieuw"


def _save(client, t, world):
    client.post(f"/o/org-a/treasures/{t.id}", data=edit_form(t, name="Hernoemd"))
    return "Hernoemd"


def _save_with_htmx(client, t, world):
    client.post(f"/o/org-a/treasures/{t.id}", data=edit_form(t, name="Via htmx"), headers=HX(f"treasure-{t.id}")())
    return "Via htmx"


def _move(client, t, world):
    """A change to the point only (the name stays): the body must still change."""
    client.post(f"/o/org-a/treasures/{t.id}", data=edit_form(t, lat="50.9", lon="4.4"))
    return None


def _archive(client, t, world):
    client.post(f"/o/org-a/treasures/{t.id}/archive")
    return "-Café Het Kolenhuis"


def _restore(client, t, world):
    client.post(f"/o/org-a/treasures/{t.id}/archive")
    client.get(URL)  # kept while archived
    client.post(f"/o/org-a/treasures/{t.id}/restore")
    return "Café Het Kolenhuis"


def _restore_version(client, t, world):
    client.post(f"/o/org-a/treasures/{t.id}", data=edit_form(t, name="Tussendoor"))
    client.get(URL)
    client.post(f"/o/org-a/treasures/{t.id}/history/1/restore")
    return "Café Het Kolenhuis"


def _import(client, t, world):
    csv = "name,kind,category,lat,lon\nUit een bestand,place,other,50.83,4.31\n"
    response = client.post(
        "/o/org-a/buurtkaart/import",
        data={"file": (io.BytesIO(csv.encode()), "schatten.csv")},
        content_type="multipart/form-data",
    )
    client.post(response.headers["Location"])
    return "Uit een bestand"


def _accept_proposal(client, t, world):
    proposal = make_proposal(world.org_a, name="Van een bewoner")
    db.session.commit()
    client.get(URL)  # a proposal is not on the map yet
    client.post(f"/o/org-a/moderation/{proposal.id}/accept", data={"version": 1})
    return "Van een bewoner"


def _merge_proposal(client, t, world):
    proposal = make_proposal(world.org_a, name="Kolenhuis", lat=51.0, lon=4.5)
    db.session.commit()
    client.get(URL)
    client.post(f"/o/org-a/moderation/{proposal.id}/merge", data={f"p{proposal.id}-into": t.id})
    return None  # the point stays; the description grows


@pytest.mark.parametrize(
    "change",
    [
        _create,
        _save,
        _save_with_htmx,
        _move,
        _archive,
        _restore,
        _restore_version,
        _import,
        _accept_proposal,
        _merge_proposal,
    ],
)
def test_every_change_of_a_treasure_changes_the_map_data_and_its_etag(world, as_role, treasure, change):
    client = as_role("member")
    before = client.get(URL)
    etag = before.headers["ETag"]
    expected = change(client, treasure, world)
    after = client.get(URL, headers={"If-None-Match": etag})
    assert after.status_code == 200, "a changed map answered 304"
    assert after.headers["ETag"] != etag and after.get_data() != before.get_data()
    if expected and expected.startswith("-"):
        assert expected[1:] not in names(after)
    elif expected:
        assert expected in names(after)


def test_a_change_that_is_rolled_back_changes_nothing(world, as_role, treasure):
    client = as_role("member")
    etag = client.get(URL).headers["ETag"]
    revision = revision_of(world.org_a.id)
    response = client.post(f"/o/org-a/treasures/{treasure.id}", data=edit_form(treasure, name="", version="1"))
    assert response.status_code == 422
    assert revision_of(world.org_a.id) == revision
    assert client.get(URL, headers={"If-None-Match": etag}).status_code == 304


def test_another_organisations_map_data_is_its_own(app, world, as_role, treasure):
    TreasureFactory(organisation_id=world.org_b.id, name="Alleen bij B")
    db.session.commit()
    a, b = as_role("member"), as_role("outsider")
    b_first = b.get("/o/org-b/buurtkaart.geojson")
    assert names(a.get(URL)) == {"Café Het Kolenhuis"} and names(b_first) == {"Alleen bij B"}
    a.post(f"/o/org-a/treasures/{treasure.id}", data=edit_form(treasure, name="Alleen bij A"))
    b_again = b.get("/o/org-b/buurtkaart.geojson", headers={"If-None-Match": b_first.headers["ETag"]})
    assert b_again.status_code == 304  # A's change is not B's
    assert b.get(URL).status_code == 404 and "Alleen bij A" in names(a.get(URL))


def test_each_role_has_its_own_kept_copy(world, as_role, treasure, monkeypatch):
    built = count_builds(monkeypatch)
    as_role("member").get(URL)
    as_role("member").get(URL)
    assert len(built) == 1
    as_role("viewer").get(URL)  # never the member's copy
    assert len(built) == 2
    as_role("coordinator").get(URL)
    assert len(built) == 3


def test_filters_have_their_own_copy(world, as_role, treasure):
    TreasureFactory(organisation_id=world.org_a.id, name="Een sleutelfiguur", kind="key_figure")
    db.session.commit()
    client = as_role("viewer")
    everything = client.get(URL)
    filtered = client.get(URL + "?kind=key_figure")
    assert names(everything) == {"Café Het Kolenhuis", "Een sleutelfiguur"}
    assert names(filtered) == {"Een sleutelfiguur"}
    assert filtered.headers["ETag"] != everything.headers["ETag"]


def test_one_treasure_for_a_live_update_is_not_kept(world, as_role, treasure):
    response = as_role("viewer").get(f"{URL}?id={treasure.id}")
    assert names(response) == {"Café Het Kolenhuis"} and "ETag" not in response.headers


def test_a_new_display_name_changes_the_kept_list(world, as_role, treasure):
    client = as_role("member")
    client.post(f"/o/org-a/treasures/{treasure.id}", data=edit_form(treasure, name="Door het lid"))
    member = world.user_for("member")
    page = client.get("/o/org-a/buurtkaart").get_data(as_text=True)
    assert member.display_name in page
    client.post("/account", data={"display_name": "Een nieuwe naam", "locale": "nl"})
    assert "Een nieuwe naam" in client.get("/o/org-a/buurtkaart").get_data(as_text=True)


# ---- The public resident map ------------------------------------------------------------


@pytest.fixture
def public_page(world):
    open_public_page(world.org_a, public_slug="kuregem")
    TreasureFactory(organisation_id=world.org_a.id, name="Openbare bank", public=True, category="meeting_place")
    TreasureFactory(organisation_id=world.org_a.id, name="Alleen voor het team", public=False)
    TreasureFactory(organisation_id=world.org_a.id, name="Gearchiveerd", public=True, status="archived")
    db.session.commit()
    return world.org_a


def test_the_public_map_is_kept_revalidated_and_only_accepted_public_places(client, world, as_role, public_page):
    first = client.get("/buurt/kuregem.geojson")
    assert names(first) == {"Openbare bank"}
    assert first.headers["Cache-Control"] == "private, no-cache"
    assert {"Accept-Encoding", "Accept-Language", "Cookie"} <= {v.strip() for v in first.headers["Vary"].split(",")}
    assert client.get("/buurt/kuregem.geojson", headers={"If-None-Match": first.headers["ETag"]}).status_code == 304

    proposal = make_proposal(world.org_a, name="Van een bewoner", consent=True)
    private = make_proposal(world.org_a, name="Niet openbaar", consent=False)
    db.session.commit()
    # Proposals are not shown, however many come in.
    assert names(client.get("/buurt/kuregem.geojson")) == {"Openbare bank"}
    member = as_role("member")
    member.post(f"/o/org-a/moderation/{proposal.id}/accept", data={"version": 1})
    member.post(f"/o/org-a/moderation/{private.id}/accept", data={"version": 1})
    after = client.get("/buurt/kuregem.geojson", headers={"If-None-Match": first.headers["ETag"]})
    assert after.status_code == 200 and names(after) == {"Openbare bank", "Van een bewoner"}


def test_the_public_map_speaks_each_language_from_its_own_copy(client, public_page):
    def labels(lang):
        data = json.loads(client.get(f"/buurt/kuregem.geojson?lang={lang}").get_data())
        return {f["properties"]["category_label"] for f in data["features"]}

    nl, fr, en = labels("nl"), labels("fr"), labels("en")
    assert len({frozenset(nl), frozenset(fr), frozenset(en)}) == 3
    assert labels("nl") == nl  # and back


# ---- Redis: the workers share one build -------------------------------------------------


@pytest.mark.redis
def test_with_redis_two_workers_share_one_build(database_url, redis_url, monkeypatch):
    url, prefix = redis_url
    config = base_config(database_url, RESOKIT_REDIS_URL=url, RESOKIT_REDIS_PREFIX=prefix)
    one = make_app(database_url, RESOKIT_REDIS_URL=url, RESOKIT_REDIS_PREFIX=prefix)
    two = create_app(config)
    two.test_client_class = one.test_client_class
    with one.app_context():
        from ..factories import build_world

        world = build_world()
        t = TreasureFactory(organisation_id=world.org_a.id, name="Gedeeld")
        db.session.commit()
        tid = t.id
        member = world.user_for("member")
        clients = []
        for app in (one, two):
            c = app.test_client()
            sign_in(c, member)  # one session in Redis, for both workers
            clients.append(c)
    built = count_builds(monkeypatch)
    first = clients[0].get(URL, headers={"Accept-Encoding": "gzip"})
    second = clients[1].get(URL, headers={"Accept-Encoding": "gzip"})
    assert len(built) == 1, "the second worker built the map data again"
    assert second.get_data() == first.get_data() and second.headers["ETag"] == first.headers["ETag"]
    assert names(second) == {"Gedeeld"}

    with one.app_context():
        t = db.session.get(Treasure, tid)
        clients[0].post(f"/o/org-a/treasures/{t.id}", data=edit_form(t, name="Veranderd"))
    changed = clients[1].get(URL, headers={"Accept-Encoding": "gzip", "If-None-Match": first.headers["ETag"]})
    assert changed.status_code == 200 and names(changed) == {"Veranderd"}
    # A brotli copy made by one worker is shared with the other.
    br = clients[1].get(URL, headers={"Accept-Encoding": "br"})
    assert clients[0].get(URL, headers={"Accept-Encoding": "br"}).get_data() == br.get_data()
    with two.app_context():
        db.engine.dispose()
