"""The public map on an organisation's own website: the embed page, the sites allowed to
frame it (their origins checked, 422 beside the field), and the headers per organisation."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from resokit_web.extensions import db
from resokit_web.orgs.models import Organisation
from resokit_web.public.origins import parse_origin

from ..factories.buurtkaart import TreasureFactory
from ..factories.public import open_public_page


@pytest.fixture
def pages(world):
    open_public_page(world.org_a, public_slug="kuregem")
    open_public_page(world.org_b, public_slug="anderlecht")
    db.session.commit()
    return world


def _csp(response) -> dict[str, str]:
    parts = [p.strip() for p in response.headers["Content-Security-Policy"].split(";")]
    return {p.split(" ", 1)[0]: p.split(" ", 1)[1] if " " in p else "" for p in parts}


def _set_origins(org, text: str) -> None:
    db.session.get(Organisation, org.id).embed_origins = text
    db.session.commit()


def test_embed_page_shows_the_public_places_numbered_without_chrome(client, pages):
    TreasureFactory(organisation_id=pages.org_a.id, name="Openbare bank", public=True)
    TreasureFactory(organisation_id=pages.org_a.id, name="Zonder punt", public=True, lat=None, lon=None)
    TreasureFactory(organisation_id=pages.org_a.id, name="Alleen voor het team", public=False)
    TreasureFactory(organisation_id=pages.org_b.id, name="Van een ander", public=True)
    db.session.commit()

    response = client.get("/buurt/kuregem/embed")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Openbare bank" in html and "Zonder punt" in html
    assert "Alleen voor het team" not in html and "Van een ander" not in html
    assert '<li value="1" id="place-' in html and '<li value="2" id="place-' in html
    assert 'class="point-marker' in html and "<script" not in html
    # No site chrome; links to our pages leave the frame.
    assert "resident-languages" not in html and "<footer" not in html and "<form" not in html
    assert 'target="_blank" rel="noopener"' in html
    assert 'href="http://localhost/buurt/kuregem#add"' in html


def test_embed_page_escapes_user_text(client, pages):
    TreasureFactory(organisation_id=pages.org_a.id, name="<script>x</script>", address="<b>", public=True)
    db.session.commit()
    html = client.get("/buurt/kuregem/embed").get_data(as_text=True)
    assert "<script>x" not in html and "<b>" not in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html


def test_embed_page_is_framed_only_by_the_organisations_sites(client, pages):
    _set_origins(pages.org_a, "https://www.kuregem.be\nhttps://buurt.example.org:8443")
    framed = client.get("/buurt/kuregem/embed")
    assert _csp(framed)["frame-ancestors"] == "'self' https://www.kuregem.be https://buurt.example.org:8443"
    assert "X-Frame-Options" not in framed.headers

    # Nothing else of the policy loosens: the same as any other page, but frame-ancestors.
    other = client.get("/buurt/kuregem")
    assert _csp(other)["frame-ancestors"] == "'none'" and other.headers["X-Frame-Options"] == "DENY"
    loosened = {k: v for k, v in _csp(framed).items() if k != "frame-ancestors"}
    strict = {k: v for k, v in _csp(other).items() if k != "frame-ancestors"}
    assert {k: v.split("'nonce-")[0] for k, v in loosened.items()} == {
        k: v.split("'nonce-")[0] for k, v in strict.items()
    }

    # Another organisation's embed page: its own list, here none, so it cannot be framed.
    unlisted = client.get("/buurt/anderlecht/embed")
    assert unlisted.status_code == 200
    assert _csp(unlisted)["frame-ancestors"] == "'none'" and unlisted.headers["X-Frame-Options"] == "DENY"
    # The geojson and the thanks page stay unframeable too.
    for path in ("/buurt/kuregem.geojson", "/buurt/kuregem/thanks"):
        assert _csp(client.get(path))["frame-ancestors"] == "'none'"


def test_embed_page_of_a_closed_public_page_is_not_found(client, world):
    assert client.get("/buurt/org-a/embed").status_code == 404


@pytest.mark.parametrize(
    "line,origin",
    [
        ("https://www.example.be", "https://www.example.be"),
        ("  HTTPS://WWW.Example.BE/  ", "https://www.example.be"),
        ("https://buurt.example.org:8443", "https://buurt.example.org:8443"),
        ("https://café.example.be", "https://xn--caf-dma.example.be"),
        ("http://localhost:5000", "http://localhost:5000"),
    ],
)
def test_origins_are_normalised(app, line, origin):
    with app.test_request_context():
        assert parse_origin(line) == origin


@pytest.mark.parametrize(
    "line",
    [
        "www.example.be",
        "http://www.example.be",
        "https://www.example.be/page",
        "https://www.example.be?x=1",
        "https://*.example.be",
        "https://www.example.be; script-src *",
        "https://www.example.be 'unsafe-inline'",
        "https://user:pw@example.be",
        "https://example",
        "javascript:alert(1)",
        "https://exa_mple.be",
        "https://example.be:99999",
    ],
)
def test_bad_origins_are_refused(app, line):
    with app.test_request_context(), pytest.raises(ValueError):
        parse_origin(line)


def test_coordinator_saves_the_sites_and_sees_the_snippet(as_role, pages):
    coordinator = as_role("coordinator")
    html = coordinator.get("/o/org-a/settings").get_data(as_text=True)
    assert 'action="/o/org-a/settings/embed"' in html and 'name="embed_origins"' in html
    assert "&lt;iframe src=&#34;http://localhost/buurt/kuregem/embed&#34;" in html

    response = coordinator.post(
        "/o/org-a/settings/embed", data={"embed_origins": "https://WWW.kuregem.be/\r\n\r\nhttps://www.kuregem.be"}
    )
    assert response.status_code == 303
    db.session.expire_all()
    assert db.session.get(Organisation, pages.org_a.id).embed_origins == "https://www.kuregem.be"
    assert db.session.get(Organisation, pages.org_b.id).embed_origins == ""
    assert "https://www.kuregem.be" in coordinator.get("/o/org-a/settings").get_data(as_text=True)


def test_bad_sites_answer_422_beside_the_field_and_save_nothing(as_role, pages):
    _set_origins(pages.org_a, "https://www.kuregem.be")
    response = as_role("coordinator").post(
        "/o/org-a/settings/embed", data={"embed_origins": "https://ok.example.be\nhttp://www.example.be/page"}
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'id="embed_origins-error"' in html and 'aria-invalid="true"' in html
    assert "only sites with https:// can show the map" in html
    assert "http://www.example.be/page</textarea>" in html  # as typed
    db.session.expire_all()
    stored = db.session.scalar(sa.select(Organisation.embed_origins).where(Organisation.id == pages.org_a.id))
    assert stored == "https://www.kuregem.be"


def test_only_coordinators_change_the_sites(as_role, pages):
    assert as_role("member").post("/o/org-a/settings/embed", data={"embed_origins": ""}).status_code == 403


def test_embed_pages_go_on_numbering(client, pages):
    for n in range(52):
        TreasureFactory(organisation_id=pages.org_a.id, name=f"Plek {n:02d}", public=True)
    db.session.commit()
    first = client.get("/buurt/kuregem/embed?lang=fr").get_data(as_text=True)
    assert 'href="/buurt/kuregem/embed?page=2&amp;lang=fr"' in first
    second = client.get("/buurt/kuregem/embed?page=2").get_data(as_text=True)
    assert '<ol class="print-list embed-list" start="51">' in second
    assert "Plek 50" in second and "Plek 49" not in second
    assert ">51</text>" in second and ">52</text>" in second  # the markers go on too
