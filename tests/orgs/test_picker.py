"""The new organisation's map centre: a small map and the address search, not only numbers."""

from __future__ import annotations

import sqlalchemy as sa

from resokit_web.extensions import db
from resokit_web.orgs.models import Organisation

from ..geocoder_server import geocoder  # noqa: F401 (a fixture)

NEW_ORG = {"name": "Buurthuis Wayez", "slug": "buurthuis-wayez", "neighbourhood": "Kuregem"}


def _orgs() -> list[str]:
    db.session.expire_all()
    return list(db.session.scalars(sa.select(Organisation.slug)))


def test_the_new_organisation_form_has_a_picker_for_the_centre(as_role):
    html = as_role("member").get("/orgs/new").get_data(as_text=True)
    assert 'id="map_lat-picker" data-picker hidden' in html
    assert 'data-lat-input="map_lat" data-lon-input="map_lon"' in html
    assert 'data-lat="50.8466" data-lon="4.3528" data-zoom="12"' in html
    assert 'name="map_lat"' in html and 'name="map_lon"' in html


def test_find_address_for_the_centre_then_create(as_role, geocoder):
    member = as_role("member")
    before = _orgs()
    html = member.post("/orgs", data={**NEW_ORG, "place_search": "Wayezstraat", "find_address": "1"}).get_data(
        as_text=True
    )
    assert "2 places found" in html and 'value="Buurthuis Wayez"' in html
    chosen = member.post("/orgs", data={**NEW_ORG, "use_point": "50.836820,4.309870"})
    assert chosen.status_code == 200 and 'value="50.836820"' in chosen.get_data(as_text=True)
    assert _orgs() == before
    created = member.post("/orgs", data={**NEW_ORG, "map_lat": "50.83682", "map_lon": "4.30987"})
    assert created.status_code == 303
    org = db.session.scalar(sa.select(Organisation).filter_by(slug="buurthuis-wayez"))
    assert (org.map_lat, org.map_lon) == (50.83682, 4.30987)
