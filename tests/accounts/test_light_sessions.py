"""No server-side session until one is needed: anonymous pages carry their CSRF token in
a signed cookie; signing in stores a session under a fresh id; signing out removes it."""

from __future__ import annotations

import re

import pytest
import redis
import sqlalchemy as sa

from resokit_web.accounts.sessions import ServerSession
from resokit_web.extensions import db

from ..conftest import make_app, session_cookie
from ..factories import TEST_PASSWORD
from ..factories.public import open_public_page
from ..public.helpers import place


def stored() -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(ServerSession))


def token_of(response) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', response.get_data(as_text=True)).group(1)


@pytest.fixture
def csrf_app(database_url, world):
    open_public_page(world.org_a, public_slug="kuregem")
    db.session.commit()
    return make_app(database_url, empty=False, WTF_CSRF_ENABLED=True)


def test_anonymous_visits_store_no_session(csrf_app):
    client = csrf_app.test_client()
    for url in ("/login", "/buurt/kuregem", "/login?lang=fr", "/buurt/kuregem", "/signup", "/"):
        assert client.get(url).status_code == 200, url
    assert stored() == 0
    cookie = session_cookie(client)
    assert cookie and "." in cookie  # a signed cookie, not the id of a stored session


def test_a_resident_sends_a_place_with_the_token_of_the_page_and_no_session_is_stored(csrf_app):
    client = csrf_app.test_client()
    token = token_of(client.get("/buurt/kuregem"))
    response = client.post("/buurt/kuregem", data={**place(), "csrf_token": token})
    assert response.status_code == 303
    assert stored() == 0
    # Without the cookie, or with another browser's cookie, the same token is refused.
    assert csrf_app.test_client().post("/buurt/kuregem", data={**place(), "csrf_token": token}).status_code == 400
    other = csrf_app.test_client()
    other.get("/login")
    assert other.post("/buurt/kuregem", data={**place(), "csrf_token": token}).status_code == 400


def test_a_forged_cookie_counts_for_nothing(csrf_app):
    client = csrf_app.test_client()
    token = token_of(client.get("/login"))
    payload, _, rest = session_cookie(client).partition(".")
    client.set_cookie("resokit_session", payload[:-2] + "AA." + rest)
    response = client.post("/login", data={"email": "x@example.test", "password": "x", "csrf_token": token})
    assert response.status_code == 400


def test_signing_in_stores_a_session_under_a_new_id_and_signing_out_removes_it(csrf_app, world):
    client = csrf_app.test_client()
    token = token_of(client.get("/login?lang=fr"))
    light = session_cookie(client)
    response = client.post("/login", data={"email": world.member.email, "password": TEST_PASSWORD, "csrf_token": token})
    assert response.status_code == 303
    sid = session_cookie(client)
    assert sid != light and "." not in sid and stored() == 1
    page = client.get("/orgs")
    assert page.status_code == 200 and 'lang="fr"' in page.get_data(as_text=True)  # the language came along

    assert client.post("/logout", data={"csrf_token": token_of(page)}).status_code == 303
    assert stored() == 0
    assert "." in session_cookie(client)  # the "signed out" message travels in the cookie
    assert "flash-info" in client.get("/login").get_data(as_text=True)  # shown once, then gone
    assert "flash-info" not in client.get("/login").get_data(as_text=True)
    assert stored() == 0
    replay = csrf_app.test_client()
    replay.set_cookie("resokit_session", sid)
    assert replay.get("/orgs").status_code == 302


def test_expired_sessions_are_swept_on_a_write_once_per_interval(csrf_app, world):
    from datetime import timedelta

    from resokit_web.extensions import utcnow

    db.session.add(ServerSession(id="old", data=b"", expires_at=utcnow() - timedelta(days=1)))
    db.session.commit()
    interface = csrf_app.session_interface.inner

    def sign_in():
        client = csrf_app.test_client()
        token = token_of(client.get("/login"))
        client.post("/login", data={"email": world.member.email, "password": TEST_PASSWORD, "csrf_token": token})

    sign_in()  # a write within the first interval sweeps nothing
    assert db.session.get(ServerSession, "old") is not None and stored() == 2
    interface.next_sweep = 0  # the interval has passed
    sign_in()
    db.session.expire_all()
    assert db.session.get(ServerSession, "old") is None and stored() == 2
    db.session.add(ServerSession(id="old", data=b"", expires_at=utcnow() - timedelta(days=1)))
    db.session.commit()
    sign_in()  # the next sweep waits for the next interval
    assert db.session.get(ServerSession, "old") is not None and stored() == 4


@pytest.mark.redis
def test_with_redis_anonymous_visits_store_no_key(database_url, world, redis_url):
    url, prefix = redis_url
    open_public_page(world.org_a, public_slug="kuregem")
    db.session.commit()
    app = make_app(database_url, empty=False, RESOKIT_REDIS_URL=url, RESOKIT_REDIS_PREFIX=prefix)
    client = app.test_client()
    for page in ("/login", "/buurt/kuregem", "/login?lang=nl"):
        assert client.get(page).status_code == 200
    keys = redis.Redis.from_url(url)
    try:
        assert list(keys.scan_iter(match=f"{prefix}session:*")) == []
        client.post("/login", data={"email": world.member.email, "password": TEST_PASSWORD})
        assert keys.exists(f"{prefix}session:{session_cookie(client)}")
    finally:
        keys.close()
