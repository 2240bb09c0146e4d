"""Picking a place: the small map's markup beside the coordinate fields, and the optional
address search (RESOKIT_GEOCODER_URL) against a local server speaking the Nominatim API."""

from __future__ import annotations

import re

import sqlalchemy as sa

from resokit_web.buurtkaart.models import Treasure
from resokit_web.config import from_environment
from resokit_web.extensions import db

from ..conftest import HX
from ..factories.buurtkaart import TreasureFactory
from ..geocoder_server import geocoder  # noqa: F401 (a fixture)

FORM = {"name": "Wasserette Wayez", "kind": "place", "category": "market_shops", "address": "Wayezstraat 12"}


def _treasures() -> list[str]:
    db.session.expire_all()
    return list(db.session.scalars(sa.select(Treasure.name)))


def test_the_setting_is_read_from_the_environment():
    assert from_environment({"RESOKIT_GEOCODER_URL": "http://nominatim.local/"})["RESOKIT_GEOCODER_URL"] == (
        "http://nominatim.local/"
    )
    assert from_environment({"RESOKIT_GEOCODER_TIMEOUT": "2.5"})["RESOKIT_GEOCODER_TIMEOUT"] == 2.5
    assert "RESOKIT_GEOCODER_URL" not in from_environment({})


def test_forms_without_a_map_get_a_small_picker_and_no_misleading_line(as_role, world):
    member = as_role("member")
    t = TreasureFactory(organisation_id=world.org_a.id, name="Digipunt", lat=50.8371, lon=4.3102)
    db.session.commit()
    for url in ("/o/org-a/treasures/new", f"/o/org-a/treasures/{t.id}/edit"):
        html = member.get(url).get_data(as_text=True)
        # The picker is hidden until picker.js runs; it names the fields it fills.
        assert re.search(r'<div class="point-picker" id="lat-picker" data-picker hidden', html)
        assert 'data-lat-input="lat" data-lon-input="lon"' in html
        assert re.search(r'role="application"\s+aria-label="Map to choose where the treasure is"', html)
        assert 'aria-describedby="lat-picker-help"' in html and "the arrow keys place and move the point" in html
        # The coordinate fields keep their names: the way without JavaScript.
        assert 'name="lat"' in html and 'name="lon"' in html
        # "Click the map" stays hidden here: only map.js beside the big map shows it.
        assert re.search(r'<p class="hint js-only" hidden>Click the map', html)
        # No address search set up: the form says so, and has no search box.
        assert "Searching by address is not set up on this server." in html
        assert 'name="place_search"' not in html
    edit = member.get(f"/o/org-a/treasures/{t.id}/edit").get_data(as_text=True)
    assert 'value="50.8371"' in edit and "data-picker-clear>" in edit  # a point: "Remove" is offered


def test_find_address_without_a_geocoder_says_so_and_saves_nothing(as_role):
    response = as_role("member").post("/o/org-a/treasures", data={**FORM, "find_address": "1"})
    assert response.status_code == 200
    assert "Address search is not set up on this server." in response.get_data(as_text=True)
    assert _treasures() == []


def test_find_address_lists_candidates_and_keeps_what_was_typed(as_role, geocoder):
    member = as_role("member")
    page = member.get("/o/org-a/treasures/new").get_data(as_text=True)
    assert 'name="place_search"' in page and 'name="find_address"' in page
    assert "Searching by address is not set up" not in page
    # Enter elsewhere in the form still saves: the first submit button is a (hidden) save.
    assert page.index('class="visually-hidden" tabindex="-1" aria-hidden="true">Add to the map') < page.index(
        'name="find_address"'
    )
    response = member.post(
        "/o/org-a/treasures", data={**FORM, "place_search": "  Wayezstraat   12 ", "find_address": "1"}
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert _treasures() == []  # a search saves nothing
    assert 'value="Wasserette Wayez"' in html and 'value="Wayezstraat 12"' in html
    assert "2 places found" in html
    assert 'name="use_point" value="50.836820,4.309870"' in html and "Wayezstraat 12, Anderlecht, Brussel" in html
    assert 'value="50.837100,4.311000"' in html
    assert "broken entry" not in html and "beyond the pole" not in html
    (sent,) = geocoder.requests
    assert sent["path"] == "/search" and sent["q"] == "Wayezstraat 12"
    assert (sent["format"], sent["limit"], sent["accept-language"]) == ("jsonv2", "5", "en")
    assert "Resokit" in sent["user-agent"]


def test_an_empty_search_uses_the_address_field(as_role, geocoder):
    html = as_role("member").post("/o/org-a/treasures", data={**FORM, "find_address": "1"}).get_data(as_text=True)
    assert geocoder.requests[0]["q"] == "Wayezstraat 12" and "2 places found" in html
    empty = as_role("member").post("/o/org-a/treasures", data={**FORM, "address": "", "find_address": "1"})
    assert empty.status_code == 200 and "Type an address to search for." in empty.get_data(as_text=True)
    assert len(geocoder.requests) == 1


def test_choosing_a_candidate_fills_the_coordinates_then_the_form_saves(as_role, geocoder):
    member = as_role("member")
    response = member.post("/o/org-a/treasures", data={**FORM, "lat": "", "lon": "", "use_point": "50.836820,4.309870"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and _treasures() == []
    assert re.search(r'name="lat"[^>]*value="50.836820"|value="50.836820"[^>]*name="lat"', html)
    assert re.search(r'name="lon"[^>]*value="4.309870"|value="4.309870"[^>]*name="lon"', html)
    assert geocoder.requests == []  # choosing asks no one
    # A point that is none changes nothing.
    kept = member.post("/o/org-a/treasures", data={**FORM, "lat": "50.8", "lon": "4.3", "use_point": "95,4"})
    assert kept.status_code == 200 and 'value="50.8"' in kept.get_data(as_text=True)
    saved = member.post("/o/org-a/treasures", data={**FORM, "lat": "50.836820", "lon": "4.309870"})
    assert saved.status_code == 303
    t = db.session.scalar(sa.select(Treasure))
    assert (t.lat, t.lon) == (50.83682, 4.30987)


def test_a_failing_geocoder_is_a_message_beside_the_field_never_a_500(as_role, geocoder):
    member = as_role("member")
    for query in ("broken", "garbage", "an object", "slow"):
        response = member.post("/o/org-a/treasures", data={**FORM, "place_search": query, "find_address": "1"})
        html = response.get_data(as_text=True)
        assert response.status_code == 200, query
        assert 'id="lat-picker-search-error"' in html and "not answering right now" in html, query
        assert 'aria-invalid="true"' in html and f'value="{query}"' in html
    nothing = member.post("/o/org-a/treasures", data={**FORM, "place_search": "Nergensstraat", "find_address": "1"})
    assert "No place found for this address." in nothing.get_data(as_text=True)
    geocoder.release.set()
    assert _treasures() == []


def test_a_geocoder_that_is_not_there(as_role, app):
    app.config["RESOKIT_GEOCODER_URL"] = "http://127.0.0.1:9/"  # discard: nothing listens
    response = as_role("member").post("/o/org-a/treasures", data={**FORM, "find_address": "1"})
    assert response.status_code == 200 and "not answering right now" in response.get_data(as_text=True)


def test_candidate_names_are_escaped(as_role, geocoder):
    html = (
        as_role("member")
        .post("/o/org-a/treasures", data={**FORM, "place_search": "<script>", "find_address": "1"})
        .get_data(as_text=True)
    )
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; Square" in html


def test_with_htmx_the_search_answers_with_the_form(as_role, geocoder):
    response = as_role("member").post(
        "/o/org-a/treasures",
        data={**FORM, "place_search": "Wayezstraat", "find_address": "1"},
        headers=HX("add-treasure")(),
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="add-treasure"') and "<html" not in html
    assert "data-geocoder-point=" in html and 'value="Wayezstraat"' in html


def test_the_edit_form_searches_and_keeps_its_version(as_role, world, geocoder):
    t = TreasureFactory(organisation_id=world.org_a.id, name="Digipunt")
    db.session.commit()
    data = {**FORM, "name": "Digipunt", "version": str(t.version), "place_search": "Wayezstraat", "find_address": "1"}
    response = as_role("member").post(f"/o/org-a/treasures/{t.id}", data=data)
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "2 places found" in html
    assert f'name="version" value="{t.version}"' in html
    fragment = as_role("member").post(f"/o/org-a/treasures/{t.id}", data=data, headers=HX(f"treasure-{t.id}")())
    assert fragment.get_data(as_text=True).lstrip().startswith(f'<li id="treasure-{t.id}"')
    db.session.expire_all()
    assert db.session.get(Treasure, t.id).name == "Digipunt" and db.session.get(Treasure, t.id).version == t.version
