"""GET /healthz: 200 with the state of the database and the event bus, 503 when one is down."""

from __future__ import annotations

import pytest

from ..conftest import make_app


def test_healthy(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok", "event_bus": "in-process ok"}
    assert response.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    "url", ["sqlite:////nonexistent-dir/resokit.sqlite3", "postgresql://resokit@127.0.0.1:9/resokit"]
)
def test_the_database_is_down(url):
    response = make_app(url, empty=False).test_client().get("/healthz")
    assert response.status_code == 503
    body = response.get_json()
    assert body["status"] == "error" and body["database"] == "error"
    assert "127.0.0.1" not in response.get_data(as_text=True)  # reports, never reveals


def test_redis_is_down(database_url):
    app = make_app(database_url, empty=False, RESOKIT_REDIS_URL="redis://127.0.0.1:9/0")
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {"status": "error", "database": "ok", "event_bus": "redis error"}


@pytest.mark.redis
def test_healthy_with_redis(database_url, redis_url):
    url, prefix = redis_url
    app = make_app(database_url, empty=False, RESOKIT_REDIS_URL=url, RESOKIT_REDIS_PREFIX=prefix)
    response = app.test_client().get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok", "event_bus": "redis ok"}
