"""A flood from the street changes nothing: per-address rate limit and a honeypot."""

from __future__ import annotations

import re

import pytest

from resokit_web.extensions import db

from ..conftest import make_app
from ..factories import build_world
from ..factories.public import open_public_page
from .helpers import counts, place


@pytest.fixture
def page(world):
    open_public_page(world.org_a, public_slug="kuregem")
    db.session.commit()
    return world.org_a


def _send(client, address, **overrides):
    return client.post("/buurt/kuregem?lang=en", data=place(**overrides), environ_base={"REMOTE_ADDR": address})


def test_ten_places_an_hour_per_address_then_a_friendly_429(client, page):
    for i in range(10):
        assert _send(client, "203.0.113.7", name=f"Plek {i}").status_code == 303
    response = _send(client, "203.0.113.7", name="Nog een")
    html = response.get_data(as_text=True)
    assert response.status_code == 429
    assert response.headers["Retry-After"] == "3600"
    assert "Please wait a little" in html
    assert "try again in an hour" in html
    assert 'href="/buurt/kuregem"' in html
    assert counts() == (10, 10)
    # Another address is not affected.
    assert _send(client, "198.51.100.4", name="Van de buren").status_code == 303
    assert counts() == (11, 11)


def test_mistakes_do_not_use_up_the_limit(client, page):
    for _ in range(12):
        assert _send(client, "203.0.113.8", name="").status_code == 422
    assert _send(client, "203.0.113.8").status_code == 303


def test_the_limit_is_configurable(database_url):
    app = make_app(database_url, RESOKIT_PUBLIC_SEND_LIMIT="2 per hour")
    with app.app_context():
        world = build_world()
        open_public_page(world.org_a, public_slug="kuregem")
        db.session.commit()
        client = app.test_client()
        statuses = [_send(client, "203.0.113.9", name=f"Plek {i}").status_code for i in range(3)]
        assert statuses == [303, 303, 429]
        db.session.remove()
    with app.app_context():
        db.engine.dispose()


def test_the_honeypot_looks_like_success_and_stores_nothing(client, page):
    response = _send(client, "203.0.113.10", website="http://cheap-pills.example")
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/buurt/kuregem/thanks")
    assert counts() == (0, 0)


def test_the_honeypot_is_hidden_from_people(client, page):
    html = client.get("/buurt/kuregem").get_data(as_text=True)
    assert '<div class="hp-field" aria-hidden="true">' in html
    assert 'name="website" id="website" value="" tabindex="-1" autocomplete="off"' in html


def test_sending_needs_the_csrf_token(database_url):
    app = make_app(database_url, WTF_CSRF_ENABLED=True)
    with app.app_context():
        world = build_world()
        open_public_page(world.org_a, public_slug="kuregem")
        db.session.commit()
        client = app.test_client()
        assert client.post("/buurt/kuregem", data=place()).status_code == 400
        assert counts() == (0, 0)
        html = client.get("/buurt/kuregem").get_data(as_text=True)
        token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
        assert client.post("/buurt/kuregem", data=place(csrf_token=token)).status_code == 303
        assert counts() == (1, 1)
        db.session.remove()
    with app.app_context():
        db.engine.dispose()
