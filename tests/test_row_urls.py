"""List rows build their action URLs as sub-paths of the object's own URL (one url_for
per row, a hot path): every URL a row holds must still be a route, with its method."""

from __future__ import annotations

import re

import pytest
from werkzeug.exceptions import MethodNotAllowed, NotFound

from resokit_web.extensions import db

from .factories.buurtkaart import TreasureFactory
from .factories.partners import PartnerFactory

URL = re.compile(r'\b(href|action|hx-get|hx-post)="(/o/[^"?#]*)')


def row_of(html: str, element_id: str) -> str:
    start = html.index(f'id="{element_id}"')
    return html[start : html.index("</li>", start)]


def assert_routes(app, row: str) -> int:
    adapter = app.url_map.bind("localhost")
    found = URL.findall(row)
    for attribute, path in found:
        method = "POST" if attribute in ("action", "hx-post") else "GET"
        try:
            adapter.match(path, method=method)
        except (NotFound, MethodNotAllowed):
            pytest.fail(f"{attribute}={path} ({method}) is no route")
    return len(found)


def test_every_url_in_a_treasure_row_is_a_route(app, world, as_role):
    treasure = TreasureFactory(organisation_id=world.org_a.id)
    archived = TreasureFactory(organisation_id=world.org_a.id, status="archived")
    db.session.commit()
    client = as_role("member")
    row = row_of(client.get("/o/org-a/buurtkaart").get_data(as_text=True), f"treasure-{treasure.id}")
    assert assert_routes(app, row) >= 6  # name, edit (×2), archive (×2), history, its own refresh
    row = row_of(client.get("/o/org-a/buurtkaart?status=archived").get_data(as_text=True), f"treasure-{archived.id}")
    assert "/restore" in row and assert_routes(app, row) >= 4


def test_every_url_in_a_partner_row_is_a_route(app, world, as_role):
    partner = PartnerFactory(organisation_id=world.org_a.id, relation="wanted")
    archived = PartnerFactory(organisation_id=world.org_a.id, status="archived")
    db.session.commit()
    client = as_role("member")
    row = row_of(client.get("/o/org-a/partners").get_data(as_text=True), f"partner-{partner.id}")
    assert "/activate" in row and assert_routes(app, row) >= 8
    row = row_of(client.get("/o/org-a/partners?status=archived").get_data(as_text=True), f"partner-{archived.id}")
    assert "/restore" in row and assert_routes(app, row) >= 4
