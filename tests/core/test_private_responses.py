"""Signed-in pages and fragments are never cached; gunicorn trusts no forwarded header."""

from __future__ import annotations

import importlib

from resokit_web.extensions import db

from ..conftest import HX, sign_in
from ..factories.public import open_public_page


def test_signed_in_pages_and_fragments_are_no_store(world, as_role):
    client = as_role("member")
    for url, headers in (("/o/org-a/", {}), ("/o/org-a/buurtkaart", HX("treasure-list")()), ("/account", {})):
        response = client.get(url, headers=headers)
        assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store", url
    # The team's map data chose its own: private, revalidated each time (never shared).
    assert client.get("/o/org-a/buurtkaart.geojson").headers["Cache-Control"].startswith("private")


def test_a_page_with_a_csrf_token_is_no_store_even_anonymous(client):
    assert client.get("/login").headers["Cache-Control"] == "no-store"


def test_what_chose_its_own_caching_keeps_it(world, client):
    open_public_page(world.org_a, public_slug="kuregem")
    db.session.commit()
    # The public map data revalidates with its ETag (issue 19): its own choice, not no-store.
    assert client.get("/buurt/kuregem.geojson").headers["Cache-Control"] == "private, no-cache"
    static = client.get("/static/css/app.css")
    assert "no-store" not in static.headers.get("Cache-Control", "")
    static.close()
    assert "Cache-Control" not in client.get("/healthz").headers


def test_signed_in_static_files_are_still_cached(world, app):
    client = app.test_client()
    sign_in(client, world.member)
    static = client.get("/static/css/app.css")
    assert "no-store" not in static.headers.get("Cache-Control", "")
    static.close()


def test_gunicorn_trusts_no_forwarded_scheme_or_script_name():
    """HSTS follows request.is_secure, which only ProxyFix may change (RESOKIT_PROXY_COUNT);
    gunicorn's default would believe X-Forwarded-Proto from any local peer."""
    config = importlib.import_module("resokit_web.gunicorn_config")
    assert config.secure_scheme_headers == {} and config.forwarder_headers == ""
