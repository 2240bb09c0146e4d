"""Shared fixtures: an app per test on a migrated database (SQLite, and PostgreSQL when
``RESOKIT_TEST_DATABASE_URL`` is set), Redis when ``RESOKIT_TEST_REDIS_URL`` is set,
and signed-in clients for every role.

``RESOKIT_TEST_STRICT=1`` (set by CI) turns a skipped PostgreSQL, Redis or browser test
into a failure, so CI can never pass by skipping what it must check.
"""

from __future__ import annotations

import contextvars
import os
import uuid
from dataclasses import dataclass

import pytest
import sqlalchemy as sa
from flask import has_app_context
from flask.testing import FlaskClient
from sqlalchemy.engine import make_url

from resokit_web import create_app
from resokit_web.extensions import db

from .factories import World, build_world

STRICT = os.environ.get("RESOKIT_TEST_STRICT") == "1"
PG_ADMIN_URL = os.environ.get("RESOKIT_TEST_DATABASE_URL")
REDIS_URL = os.environ.get("RESOKIT_TEST_REDIS_URL")
TEST_SECRET = "test-secret-" + "x" * 40

BACKENDS = ["sqlite"] + (["postgresql"] if PG_ADMIN_URL else [])


def skip_or_fail(reason: str) -> None:
    if STRICT:
        pytest.fail(f"CI requires this test, but: {reason}")
    pytest.skip(reason)


def pytest_collection_modifyitems(config, items):
    # Tests marked postgresql must not silently vanish when the URL is missing.
    for item in items:
        if item.get_closest_marker("postgresql") and not PG_ADMIN_URL:
            item.add_marker(pytest.mark.skipif(not STRICT, reason="RESOKIT_TEST_DATABASE_URL is not set"))
        if item.get_closest_marker("redis") and not REDIS_URL:
            item.add_marker(pytest.mark.skipif(not STRICT, reason="RESOKIT_TEST_REDIS_URL is not set"))


def base_config(database_url: str, **extra) -> dict:
    return {
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SECRET_KEY": TEST_SECRET,
        "WTF_CSRF_ENABLED": False,
        "RESOKIT_REDIS_URL": None,
        "RATELIMIT_STORAGE_URI": "memory://",
        **extra,
    }


def migrate(database_url: str) -> None:
    from flask_migrate import upgrade

    app = create_app(base_config(database_url))
    with app.app_context():
        upgrade()
        db.engine.dispose()


def create_postgres_database() -> str:
    admin = make_url(PG_ADMIN_URL).set(drivername="postgresql+psycopg")
    name = f"resokit_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    engine = sa.create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return admin.set(database=name).render_as_string(hide_password=False)


def drop_postgres_database(url: str) -> None:
    target = make_url(url)
    admin = make_url(PG_ADMIN_URL).set(drivername="postgresql+psycopg")
    engine = sa.create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{target.database}" WITH (FORCE)'))
    engine.dispose()


@pytest.fixture(scope="session", params=BACKENDS)
def database_url(request, tmp_path_factory):
    """A freshly migrated database for this test run, on each configured backend."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"
        migrate(url)
        yield url
    else:
        url = create_postgres_database()
        try:
            migrate(url)
            yield url
        finally:
            drop_postgres_database(url)


@pytest.fixture(scope="session")
def postgres_url(tmp_path_factory):
    """A PostgreSQL database for tests that need PostgreSQL itself (concurrency, NOTIFY...)."""
    if not PG_ADMIN_URL:
        skip_or_fail("RESOKIT_TEST_DATABASE_URL is not set")
    url = create_postgres_database()
    try:
        migrate(url)
        yield url
    finally:
        drop_postgres_database(url)


@pytest.fixture
def redis_url():
    """A Redis URL with a key prefix of its own; keys are removed afterwards."""
    if not REDIS_URL:
        skip_or_fail("RESOKIT_TEST_REDIS_URL is not set")
    import redis

    prefix = f"resokit-test-{uuid.uuid4().hex[:10]}:"
    yield REDIS_URL, prefix
    client = redis.Redis.from_url(REDIS_URL)
    # The limiter writes "LIMITS:LIMITER/<prefix>limits/...": match the prefix anywhere.
    for key in client.scan_iter(match="*" + prefix + "*"):
        client.delete(key)
    client.close()


def empty_database() -> None:
    tables = list(reversed(db.metadata.sorted_tables))
    if db.engine.dialect.name == "postgresql":
        names = ", ".join(f'"{t.name}"' for t in tables)
        with db.engine.begin() as conn:
            conn.execute(sa.text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    else:
        with db.engine.begin() as conn:
            for table in tables:
                conn.execute(table.delete())


class IsolatedClient(FlaskClient):
    """A test client whose every request runs in a context of its own, as in production.

    Tests hold an app context (for the factories); without this, each request would
    reuse it, and with it ``g`` (Flask-Login's current user, the CSRF token, ``g.org``)
    and the test's own ``db.session``: a second client in the same test would act as the
    first client's user. After the request the test's session forgets what it had
    loaded, so it reads what the request wrote.
    """

    def open(self, *args, **kwargs):
        response = contextvars.Context().run(super().open, *args, **kwargs)
        if has_app_context() and not (db.session.new or db.session.dirty or db.session.deleted):
            db.session.expire_all()
        return response


_APPS: list = []


@pytest.fixture(autouse=True)
def _close_apps():
    """Close the connection pools of every app a test made, so none is left to the garbage
    collector (an unclosed psycopg connection is a ResourceWarning, i.e. an error)."""
    yield
    while _APPS:
        app = _APPS.pop()
        with app.app_context():
            db.engine.dispose()


def make_app(database_url: str, *, empty: bool = True, **extra):
    """A test app on ``database_url``; ``empty=False`` keeps the data (a second worker, say)."""
    app = create_app(base_config(database_url, **extra))
    app.test_client_class = IsolatedClient
    _APPS.append(app)
    if empty:
        with app.app_context():
            empty_database()
    return app


@pytest.fixture
def app(database_url):
    app = make_app(database_url)
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def world(app) -> World:
    """Organisation A with a coordinator, member and viewer; organisation B with its coordinator."""
    return build_world()


@pytest.fixture(scope="session", autouse=True)
def cheap_password_hashing():
    """argon2id at its lowest cost for the unit tests: a real login stays real, but costs
    milliseconds instead of a tenth of a second. ``test_passwords`` checks the real settings."""
    from argon2 import PasswordHasher

    from resokit_web.accounts import passwords

    real = passwords._hasher
    passwords._hasher = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    passwords._dummy_hash.cache_clear()
    yield real
    passwords._hasher = real
    passwords._dummy_hash.cache_clear()


def login(client, email: str, password: str | None = None, **form):
    """Sign in through the real login form (password check, limits, new session id)."""
    from .factories import TEST_PASSWORD

    return client.post("/login", data={"email": email, "password": password or TEST_PASSWORD, **form})


def speaking(client, lang: str = "en"):
    """The client's browser asks for ``lang`` (Accept-Language) from now on."""
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = lang
    return client


def session_cookie(client) -> str | None:
    cookie = client.get_cookie("resokit_session")
    return cookie.value if cookie else None


def sign_in(client, user) -> None:
    """Sign a test client in without the cost of argon2 or the login limits."""
    with client.session_transaction() as session:
        session["_user_id"] = user.get_id()
        session["_fresh"] = True


@pytest.fixture
def as_role(app, world):
    """``as_role("member")`` → a test client signed in as that role in organisation A.

    ``"outsider"`` is the coordinator of organisation B; ``"anonymous"`` is not signed in.
    """

    def make(role: str):
        c = app.test_client()
        user = world.user_for(role)
        if user is not None:
            sign_in(c, user)
        return c

    return make


@dataclass
class HX:
    """Headers of an htmx request aimed at ``target``."""

    target: str | None = None

    def __call__(self, **extra) -> dict:
        headers = {"HX-Request": "true"}
        if self.target:
            headers["HX-Target"] = self.target
        headers.update(extra)
        return headers
