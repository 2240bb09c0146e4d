"""Hostile strings from the street are text everywhere they appear: the public page, its
GeoJSON, the moderation page and its fragments, the team's treasure rows and history,
the activity feed and CSV exports."""

from __future__ import annotations

import csv
import io
import json

import pytest
import sqlalchemy as sa
from markupsafe import escape

from resokit_web.buurtkaart.models import Treasure
from resokit_web.extensions import db

from ..conftest import HX
from ..factories.public import open_public_page
from .helpers import HOSTILE, assert_no_live_markup, place


def _stored(value: str, limit: int) -> str:
    return value.replace("\u202e", "")[:limit]


@pytest.fixture
def hostile(world, client):
    """One resident proposal per hostile string, in the name, the description and the location."""
    open_public_page(world.org_a, public_slug="kuregem")
    db.session.commit()
    for key, value in HOSTILE.items():
        response = client.post(
            "/buurt/kuregem", data=place(name=value[:120], description=value, location_text=value[:200], email="")
        )
        assert response.status_code == 303, key
    db.session.expire_all()
    return list(db.session.scalars(sa.select(Treasure).order_by(Treasure.id)))


def _assert_shown_as_text(html: str, *, names: bool = True, descriptions: bool = True) -> None:
    assert_no_live_markup(html)
    for value in HOSTILE.values():
        if names:
            assert str(escape(_stored(value, 120))) in html
        if descriptions:
            assert str(escape(_stored(value, 1000))) in html


def test_stored_as_plain_text(hostile):
    assert [t.name for t in hostile] == [_stored(v, 120) for v in HOSTILE.values()]
    assert [t.description for t in hostile] == [_stored(v, 1000) for v in HOSTILE.values()]


def test_moderation_page_and_fragments(as_role, hostile):
    coordinator = as_role("coordinator")
    _assert_shown_as_text(coordinator.get("/o/org-a/moderation").get_data(as_text=True))
    for t in hostile:
        for html in (
            coordinator.get(f"/o/org-a/moderation/{t.id}").get_data(as_text=True),
            coordinator.get(f"/o/org-a/moderation/{t.id}", headers=HX(f"proposal-{t.id}")()).get_data(as_text=True),
            coordinator.get(f"/o/org-a/moderation/{t.id}?part=card", headers=HX("proposal-list")()).get_data(
                as_text=True
            ),
        ):
            assert_no_live_markup(html)
            assert str(escape(t.name)) in html
        # The decided card, answered to htmx after accepting.
        html = coordinator.post(
            f"/o/org-a/moderation/{t.id}/accept", data={"version": 1}, headers=HX(f"proposal-{t.id}")()
        ).get_data(as_text=True)
        assert_no_live_markup(html)
        assert str(escape(t.name)) in html
    _assert_shown_as_text(coordinator.get("/o/org-a/moderation").get_data(as_text=True), descriptions=False)


def _accept_all(as_role, hostile):
    coordinator = as_role("coordinator")
    for t in hostile:
        assert coordinator.post(f"/o/org-a/moderation/{t.id}/accept", data={"version": 1}).status_code == 303


def test_public_page_and_geojson(client, as_role, hostile):
    _accept_all(as_role, hostile)
    _assert_shown_as_text(client.get("/buurt/kuregem").get_data(as_text=True))

    body = client.get("/buurt/kuregem.geojson").get_data(as_text=True)
    assert "<" not in body and ">" not in body and "\u202e" not in body
    names = [f["properties"]["name"] for f in json.loads(body)["features"]]
    assert sorted(names) == sorted(t.name for t in hostile)


def test_team_rows_history_and_activity(as_role, hostile):
    _accept_all(as_role, hostile)
    viewer = as_role("viewer")
    _assert_shown_as_text(viewer.get("/o/org-a/buurtkaart").get_data(as_text=True), descriptions=False)
    for t in hostile:
        for html in (
            viewer.get(f"/o/org-a/treasures/{t.id}").get_data(as_text=True),
            viewer.get(f"/o/org-a/treasures/{t.id}?list=1", headers=HX(f"treasure-{t.id}")()).get_data(as_text=True),
            viewer.get(f"/o/org-a/treasures/{t.id}/history").get_data(as_text=True),
        ):
            assert_no_live_markup(html)
            assert str(escape(t.name)) in html
    dashboard = viewer.get("/o/org-a/").get_data(as_text=True)
    assert_no_live_markup(dashboard)
    assert str(escape(HOSTILE["script"])) in dashboard


def test_rejection_reasons_and_merges_are_text_too(as_role, world, hostile):
    coordinator = as_role("coordinator")
    script, attribute = hostile[0], hostile[1]
    coordinator.post(
        f"/o/org-a/moderation/{script.id}/reject",
        data={f"p{script.id}-reason": "other", f"p{script.id}-note": HOSTILE["attribute"]},
    )
    coordinator.post(f"/o/org-a/moderation/{hostile[2].id}/accept", data={"version": 1})
    coordinator.post(f"/o/org-a/moderation/{attribute.id}/merge", data={f"p{attribute.id}-into": hostile[2].id})
    html = coordinator.get("/o/org-a/moderation").get_data(as_text=True)
    assert_no_live_markup(html)
    assert str(escape(HOSTILE["attribute"])) in html
    merged = coordinator.get(f"/o/org-a/treasures/{hostile[2].id}/history").get_data(as_text=True)
    assert_no_live_markup(merged)
    assert str(escape(HOSTILE["attribute"])) in merged


def _csv_routes(app):
    # The buurtkaart's exports, where the hostile treasures are (partners.csv has its own test).
    return [
        r
        for r in app.url_map.iter_rules()
        if r.rule.startswith("/o/<slug>")
        and (r.rule.endswith(".csv") or "export" in r.rule)
        and not (r.arguments - {"slug"})
        and "GET" in r.methods
        and r.endpoint.startswith("buurtkaart.")
    ]


def test_csv_exports_neutralise_formulas(app, as_role, hostile):
    routes = _csv_routes(app)
    if not routes:
        pytest.skip("no CSV export of the buurtkaart in this build yet")
    _accept_all(as_role, hostile)
    for rule in routes:
        response = as_role("coordinator").get(rule.rule.replace("<slug>", "org-a"))
        if response.mimetype != "text/csv":
            continue
        text = response.get_data(as_text=True)
        cells = [c for row in csv.reader(io.StringIO(text)) for c in row]
        assert not [c for c in cells if c[:1] in ("=", "+", "-", "@") and not _number(c)], rule.rule
        assert "'" + HOSTILE["formula"] in cells
        assert "\u202e" not in text


def _number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True
