"""With RESOKIT_REDIS_URL: sessions and login limits live in Redis, shared by every worker."""

from __future__ import annotations

import pytest
import redis

from resokit_web.extensions import db
from resokit_web.orgs.models import Membership

from ..conftest import login, make_app, session_cookie
from ..factories import TEST_PASSWORD

pytestmark = pytest.mark.redis


@pytest.fixture
def redis_app(app, database_url, redis_url):
    url, prefix = redis_url

    def make(**extra):
        # empty=False: several "workers" share one database, like the real thing.
        return make_app(database_url, empty=False, RESOKIT_REDIS_URL=url, RESOKIT_REDIS_PREFIX=prefix, **extra)

    make.client = redis.Redis.from_url(url)
    make.prefix = prefix
    yield make
    make.client.close()


def test_sessions_are_stored_in_redis_and_shared_by_workers(redis_app, world):
    worker1, worker2 = redis_app(), redis_app()
    browser = worker1.test_client()
    assert login(browser, world.member.email).status_code == 303
    sid = session_cookie(browser)
    assert redis_app.client.exists(f"{redis_app.prefix}session:{sid}")
    # The same cookie on another worker: still signed in.
    other = worker2.test_client()
    other.set_cookie("resokit_session", sid)
    assert other.get("/o/org-a/").status_code == 200


def test_login_regenerates_and_logout_deletes_the_redis_session(redis_app, world):
    client = redis_app().test_client()
    client.get("/login?lang=fr")
    anonymous = session_cookie(client)
    # An anonymous visit stores nothing (its language and CSRF token are in a signed cookie).
    assert anonymous and not list(redis_app.client.scan_iter(match=f"{redis_app.prefix}session:*"))
    login(client, world.member.email)
    signed_in = session_cookie(client)
    assert signed_in != anonymous
    assert redis_app.client.exists(f"{redis_app.prefix}session:{signed_in}")

    client.post("/logout")
    assert not redis_app.client.exists(f"{redis_app.prefix}session:{signed_in}")
    replay = redis_app().test_client()
    replay.set_cookie("resokit_session", signed_in)
    assert replay.get("/orgs").status_code == 302


def test_removing_a_member_ends_their_redis_sessions(redis_app, world, as_role):
    app = redis_app()
    member = app.test_client()
    login(member, world.member.email)
    assert member.get("/o/org-a/").status_code == 200
    coordinator = app.test_client()
    login(coordinator, world.coordinator.email)
    membership_id = world.membership(world.member).id
    assert coordinator.post(f"/o/org-a/members/{membership_id}/remove").status_code == 303
    assert db.session.get(Membership, membership_id) is None
    assert member.get("/orgs").status_code == 302


def test_login_limits_are_counted_in_redis_across_workers(redis_app, world, monkeypatch):
    monkeypatch.setenv("RESOKIT_LOGIN_LIMIT_ACCOUNT", "2 per hour")
    worker1, worker2 = redis_app(), redis_app()
    assert worker1.config["RATELIMIT_STORAGE_URI"].startswith("redis://")
    form = {"email": world.member.email, "password": "wrong password!"}
    assert worker1.test_client().post("/login", data=form).status_code == 422
    assert worker2.test_client().post("/login", data=form).status_code == 422
    keys = list(redis_app.client.scan_iter(match=f"*{redis_app.prefix}limits/*"))
    assert keys, "the limiter keeps its counters under the configured prefix"
    response = worker1.test_client().post("/login", data={**form, "password": TEST_PASSWORD})
    assert response.status_code == 429
