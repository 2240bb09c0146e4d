"""Stream quotas: one session, one person or one organisation never takes the whole cap."""

from __future__ import annotations

import pytest

from resokit_web.extensions import db
from resokit_web.live import quotas

from ..conftest import make_app, sign_in
from ..factories import MembershipFactory, UserFactory
from .test_stream import open_stream


@pytest.fixture
def fast(app):
    app.config.update(RESOKIT_SSE_HEARTBEAT=0.01)
    return app


def refused(client) -> None:
    response = client.get("/o/org-a/events?page=buurtkaart")
    assert response.status_code == 429
    assert int(response.headers["Retry-After"]) > 0 and response.headers["Cache-Control"] == "no-store"


def read_to_end(chunks, limit: int = 2000) -> str:
    seen = []
    for _ in range(limit):
        try:
            seen.append(next(chunks).decode())
        except StopIteration:
            return "".join(seen)
    raise AssertionError("the stream did not end")


def test_the_defaults_stay_within_a_share_of_the_cap(app):
    app.config["RESOKIT_SSE_MAX_STREAMS"] = 0
    assert quotas.limits(app) == {"session": 12, "user": 30, "org": 300}
    app.config["RESOKIT_SSE_MAX_STREAMS"] = 960  # 1024 threads, 64 kept for pages
    assert quotas.limits(app) == {"session": 12, "user": 30, "org": 300}
    app.config["RESOKIT_SSE_MAX_STREAMS"] = 48  # a small pool: nobody takes it all
    assert quotas.limits(app) == {"session": 12, "user": 12, "org": 24}
    app.config.update(RESOKIT_SSE_PER_SESSION=2, RESOKIT_SSE_PER_USER=5, RESOKIT_SSE_PER_ORG=500)
    assert quotas.limits(app) == {"session": 2, "user": 5, "org": 500}  # as the deployer says


def test_a_session_past_its_quota_ends_its_oldest_stream(fast, world, as_role):
    fast.config.update(RESOKIT_SSE_PER_SESSION=2)
    tab = as_role("member")
    first, first_chunks = open_stream(tab)
    second, _ = open_stream(tab)
    third, _ = open_stream(tab)  # the browser left the first page; its stream goes
    try:
        read_to_end(first_chunks)
    finally:
        for response in (first, second, third):
            response.close()


def test_a_person_past_their_quota_gets_429_and_retry_after(fast, world, as_role):
    fast.config.update(RESOKIT_SSE_PER_USER=2)
    laptop, phone, tablet = as_role("member"), as_role("member"), as_role("member")
    held = [open_stream(laptop)[0], open_stream(phone)[0]]
    try:
        refused(tablet)
        assert open_stream(as_role("viewer"))[0].close() is None  # a colleague is not affected
    finally:
        for response in held:
            response.close()
    again, _ = open_stream(tablet)  # a closed stream gives its slot back at once
    again.close()


def test_an_organisation_past_its_quota_gets_429_others_do_not(fast, world, as_role):
    fast.config.update(RESOKIT_SSE_PER_ORG=2)
    held = [open_stream(as_role("member"))[0], open_stream(as_role("viewer"))[0]]
    try:
        refused(as_role("coordinator"))
        other = fast.test_client()
        sign_in(other, world.outsider)
        response = other.get("/o/org-b/events?page=dashboard", buffered=False)
        assert response.status_code == 200
        response.close()
    finally:
        for response in held:
            response.close()


def test_one_account_with_many_organisations_is_held_by_its_own_quota(fast, world, as_role):
    fast.config.update(RESOKIT_SSE_PER_USER=3)
    stranger = UserFactory()
    orgs = [MembershipFactory(user=stranger).organisation for _ in range(4)]
    db.session.commit()
    client = fast.test_client()
    sign_in(client, stranger)
    held = []
    try:
        for org in orgs[:3]:
            response = client.get(f"/o/{org.slug}/events?page=dashboard", buffered=False)
            assert response.status_code == 200
            held.append(response)
        assert client.get(f"/o/{orgs[3].slug}/events?page=dashboard").status_code == 429
    finally:
        for response in held:
            response.close()


@pytest.mark.redis
def test_with_redis_the_quotas_are_shared_by_every_worker(database_url, world, redis_url):
    url, prefix = redis_url
    settings = dict(
        RESOKIT_REDIS_URL=url, RESOKIT_REDIS_PREFIX=prefix, RESOKIT_SSE_HEARTBEAT=0.01, RESOKIT_SSE_PER_USER=2
    )
    workers = [make_app(database_url, empty=False, **settings) for _ in range(2)]
    clients = []
    for worker in workers + workers:
        client = worker.test_client()
        sign_in(client, world.member)
        clients.append(client)
    held = [open_stream(clients[0])[0], open_stream(clients[1])[0]]
    try:
        refused(clients[2])
        refused(clients[3])
    finally:
        for response in held:
            response.close()
    again, _ = open_stream(clients[2])
    again.close()
