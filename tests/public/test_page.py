"""The public resident page: what it shows, sending a place, bad input, languages, weight."""

from __future__ import annotations

import gzip
import json
import re

import pytest
import sqlalchemy as sa

from resokit_web.buurtkaart.models import Treasure
from resokit_web.extensions import db
from resokit_web.live.history import HistoryEntry

from ..factories.buurtkaart import TreasureFactory
from ..factories.public import open_public_page
from .helpers import counts, only_submission, place


@pytest.fixture
def page(world):
    open_public_page(world.org_a, public_slug="kuregem")
    db.session.commit()
    return world.org_a


def test_page_shows_accepted_public_places_only(client, world, page):
    TreasureFactory(organisation_id=page.id, name="Openbare bank", public=True)
    TreasureFactory(organisation_id=page.id, name="Alleen voor het team", public=False)
    TreasureFactory(organisation_id=page.id, name="Nog een voorstel", public=True, status="proposed")
    TreasureFactory(organisation_id=page.id, name="Gearchiveerd", public=True, status="archived")
    TreasureFactory(organisation_id=world.org_b.id, name="Van een ander", public=True)
    db.session.commit()

    response = client.get("/buurt/kuregem")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Openbare bank" in html
    for hidden in ("Alleen voor het team", "Nog een voorstel", "Gearchiveerd", "Van een ander"):
        assert hidden not in html
    # The form, with the contract's field names and a CSRF field.
    for name in ("name", "description", "category", "lat", "lon", "location_text", "email", "consent", "csrf_token"):
        assert f'name="{name}"' in html
    assert 'method="post" action="/buurt/kuregem"' in html


def test_geojson_has_accepted_public_places_without_private_details(client, world, page):
    TreasureFactory(organisation_id=page.id, name="Openbare bank", public=True)
    TreasureFactory(organisation_id=page.id, name="Alleen voor het team", public=False)
    db.session.commit()
    client.post("/buurt/kuregem", data=place(name="Voorstel", email="resident@example.org"))

    response = client.get("/buurt/kuregem.geojson")
    assert response.status_code == 200
    assert response.mimetype == "application/geo+json"
    data = json.loads(response.get_data(as_text=True))
    assert [f["properties"]["name"] for f in data["features"]] == ["Openbare bank"]
    assert set(data["features"][0]["properties"]) == {
        "id",
        "name",
        "category",
        "category_label",
        "description",
        "address",
        "url",
    }
    assert "resident@example.org" not in response.get_data(as_text=True)


def test_sending_a_place_stores_a_proposal_and_its_private_details(client, page):
    response = client.post("/buurt/kuregem?lang=fr", data=place(email="fatima@example.org"))
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/buurt/kuregem/thanks")

    treasure = db.session.scalars(sa.select(Treasure)).one()
    assert (treasure.source, treasure.status, treasure.public) == ("resident", "proposed", True)
    assert (treasure.name, treasure.category, treasure.lat, treasure.lon) == (
        "Wasserette Clemenceau",
        "meeting_place",
        50.8366,
        4.3185,
    )
    assert treasure.created_by_id is None and treasure.version == 1
    assert treasure.address == ""  # the resident's words stay private until the team uses them
    entry = db.session.scalars(sa.select(HistoryEntry)).one()
    assert (entry.action, entry.changed_by_id) == ("proposed", None)

    submission = only_submission()
    assert submission.treasure_id == treasure.id
    assert submission.email == "fatima@example.org"
    assert submission.location_text == "Naast de bakker"
    assert submission.consent is True and submission.consent_at is not None
    assert submission.language == "fr"
    assert submission.decision is None


def test_without_consent_the_place_is_for_the_team_only(client, page):
    client.post("/buurt/kuregem", data=place(consent=None))
    treasure = db.session.scalars(sa.select(Treasure)).one()
    assert treasure.public is False
    submission = only_submission()
    assert submission.consent is False and submission.consent_at is None


def test_the_words_alone_are_enough_for_the_location(client, page):
    response = client.post("/buurt/kuregem", data=place(lat="", lon="", location_text="Bij de kerk"))
    assert response.status_code == 303
    treasure = db.session.scalars(sa.select(Treasure)).one()
    assert treasure.lat is None and treasure.lon is None


def test_a_decimal_comma_in_the_point_counts_as_a_point(client, page):
    """Typed on a French or Dutch keyboard: 50,8366. The box is text with a decimal keypad
    (a number box may drop the comma), and the server reads the comma as a point."""
    html = client.get("/buurt/kuregem").get_data(as_text=True)
    assert re.search(r'<input[^>]*name="lat"[^>]*>', html).group(0).count('type="text"') == 1
    assert 'inputmode="decimal"' in re.search(r'<input[^>]*name="lat"[^>]*>', html).group(0)
    response = client.post("/buurt/kuregem", data=place(lat=" 50,8366", lon="4,3185"))
    assert response.status_code == 303
    treasure = db.session.scalars(sa.select(Treasure)).one()
    assert (treasure.lat, treasure.lon) == (50.8366, 4.3185)


def test_thank_you_page_says_what_happens_next(client, page):
    response = client.get("/buurt/kuregem/thanks?lang=en")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "What happens next?" in html
    assert "reads every place" in html
    assert 'href="/buurt/kuregem#add"' in html


@pytest.mark.parametrize(
    "overrides,field,message",
    [
        ({"name": ""}, "name", "Write the name of the place."),
        ({"name": "   "}, "name", "Write the name of the place."),
        ({"name": "x" * 121}, "name", "at most 120 characters"),
        ({"description": "woord " * 2000}, "description", "at most 1000 characters"),
        ({"location_text": "straat " * 100}, "location_text", "at most 200 characters"),
        ({"lat": "200"}, "lat", "A latitude lies between -90 and 90."),
        ({"lon": "-181"}, "lon", "A longitude lies between -180 and 180."),
        ({"lat": "noord"}, "lat", "Not a valid float value"),
        ({"lon": ""}, "lon", "Give both latitude and longitude"),
        ({"lat": "", "lon": "", "location_text": ""}, "location_text", "Tell us where it is"),
        ({"category": ""}, "category", "Choose what kind of place it is."),
        ({"category": "housing"}, "category", "Choose what kind of place it is."),  # not enabled here
        ({"category": "<script>"}, "category", "Choose what kind of place it is."),
        ({"email": "not-an-address"}, "email", "does not look like an e-mail address"),
    ],
)
def test_bad_input_gets_a_message_beside_the_field_and_stores_nothing(client, page, overrides, field, message):
    response = client.post("/buurt/kuregem?lang=en", data=place(**overrides))
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    error = re.search(rf'<p class="error" id="{field}-error">(.*?)</p>', html, re.S)
    assert error and message in error.group(1)
    assert 'class="form-summary"' in html
    assert counts() == (0, 0)


def test_what_the_resident_typed_stays_in_the_form_after_an_error(client, page):
    html = client.post("/buurt/kuregem", data=place(name="", description="Mijn tekst blijft")).get_data(as_text=True)
    assert "Mijn tekst blijft" in html
    assert 'value="Naast de bakker"' in html


def test_an_enormous_request_is_refused_in_plain_words(client, page):
    response = client.post("/buurt/kuregem?lang=en", data=place(description="x" * (9 * 1024 * 1024)))
    assert response.status_code == 413
    assert "Please go back, write a little less" in response.get_data(as_text=True)
    assert counts() == (0, 0)


def test_hidden_and_direction_changing_characters_are_removed(client, page):
    client.post("/buurt/kuregem", data=place(name="Caf\u00e9 \u202eLucia\u2066\x07", description="Een\r\nlijn"))
    treasure = db.session.scalars(sa.select(Treasure)).one()
    assert treasure.name == "Caf\u00e9 Lucia"
    assert treasure.description == "Een\nlijn"


@pytest.mark.parametrize(
    "method,url",
    [
        ("GET", "/buurt/{slug}"),
        ("POST", "/buurt/{slug}"),
        ("GET", "/buurt/{slug}.geojson"),
        ("GET", "/buurt/{slug}/thanks"),
    ],
)
def test_a_page_that_is_off_or_unknown_is_not_found(client, world, page, method, url):
    page.public_enabled = False
    db.session.commit()
    for slug in ("kuregem", "nobody-here", world.org_a.slug):
        response = client.open(url.format(slug=slug), method=method, data=place())
        assert response.status_code == 404
    assert counts() == (0, 0)


def test_the_page_needs_no_account_and_shows_no_workspace(client, page):
    html = client.get("/buurt/kuregem").get_data(as_text=True)
    assert "workspace-nav" not in html
    assert "sse-connect" not in html
    assert "/o/" not in html


@pytest.mark.parametrize("lang,text", [("nl", "Voeg een plek toe"), ("fr", "Ajoutez un lieu"), ("en", "Add a place")])
def test_language_switch_by_links(client, page, lang, text):
    html = client.get(f"/buurt/kuregem?lang={lang}").get_data(as_text=True)
    assert f'<html lang="{lang}" dir="ltr">' in html
    assert text in html
    for code in ("nl", "fr", "en"):
        assert f'href="/buurt/kuregem?lang={code}"' in html
    assert re.search(rf'href="/buurt/kuregem\?lang={lang}"[^>]*aria-current="true"', html)


def test_intro_text_per_language_with_a_plain_default(client, world):
    open_public_page(world.org_a, public_slug="kuregem", nl="Welkom in onze buurt.", fr="")
    db.session.commit()
    assert "Welkom in onze buurt." in client.get("/buurt/kuregem?lang=nl").get_data(as_text=True)
    french = client.get("/buurt/kuregem?lang=fr").get_data(as_text=True)
    assert "Welkom in onze buurt." not in french
    assert "lit chaque lieu" in french  # the standard text, in French


def test_only_the_enabled_categories_are_offered_in_plain_words(client, world):
    open_public_page(world.org_a, public_slug="kuregem", categories=["green", "other"])
    db.session.commit()
    html = client.get("/buurt/kuregem?lang=en").get_data(as_text=True)
    assert re.findall(r'name="category" type="radio" value="([a-z_]+)"', html) == ["green", "other"]
    assert "A park, a garden or nature" in html
    assert "Something else" in html


def test_the_page_is_light(client, app, page):
    """The first load is the HTML, one stylesheet and one small script: no htmx, no
    Leaflet (it loads only when a map is needed)."""
    for i in range(20):
        TreasureFactory(organisation_id=page.id, name=f"Plek {i}", public=True)
    db.session.commit()
    html = client.get("/buurt/kuregem").get_data()
    scripts = re.findall(rb'<script src="([^"]+)"', html)
    styles = re.findall(rb'<link rel="stylesheet" href="([^"]+)"', html)
    assert [s.split(b"?")[0] for s in scripts] == [b"/static/js/resident-map.js"]
    assert [s.split(b"?")[0] for s in styles] == [b"/static/css/app.css"]
    total = len(gzip.compress(html, 9))
    for url in scripts + styles:
        asset = client.get(url.decode())
        total += len(gzip.compress(asset.get_data(), 9))
        asset.close()
    assert total < 25_000, f"first load is {total} bytes gzipped"


def test_the_map_is_optional_and_points_to_the_geojson(client, page):
    html = client.get("/buurt/kuregem").get_data(as_text=True)
    assert "data-places-map" not in html  # no places yet, no map
    TreasureFactory(organisation_id=page.id, name="Openbare bank", public=True)
    db.session.commit()
    html = client.get("/buurt/kuregem").get_data(as_text=True)
    assert 'data-geojson-url="/buurt/kuregem.geojson"' in html
    assert re.search(r'id="places-map"[^>]*hidden', html)  # shown by the script, never empty without it
