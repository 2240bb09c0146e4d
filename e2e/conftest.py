"""Browser tests: a live server, Debian's chromium (or Playwright's own), no-JavaScript
contexts, and a watch on every page for CSP violations and script errors.

Fixtures:
  ``live_server``          the default server (SQLite, demo data), one per test session;
  ``live_server_factory``  start more servers with other settings, e.g.
                           ``live_server_factory(database="postgresql", redis=True, workers=2)``;
  ``page`` / ``context``   pytest-playwright's, pointed at ``live_server``;
  ``new_page``             a page in a fresh context (a second person): ``new_page()``,
                           ``new_page(javascript=False)``, ``new_page(base_url=other.url)``;
  ``nojs_page``            a page with JavaScript disabled.
Helpers (``e2e/helpers.py``): ``login``, ``signup``, ``assert_accessible``.
Without a browser the tests skip, or fail under ``RESOKIT_TEST_STRICT=1`` (CI).
"""

from __future__ import annotations

import os
import uuid

import pytest

from tests.conftest import PG_ADMIN_URL, REDIS_URL, create_postgres_database, drop_postgres_database, skip_or_fail

from .helpers import NO_JS_CONTEXTS
from .server import start_server

DEBIAN_CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def pytest_collection_modifyitems(config, items):
    here = os.path.dirname(__file__)
    for item in items:
        if str(item.path).startswith(here):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if os.path.exists(DEBIAN_CHROMIUM):
        return {**browser_type_launch_args, "executable_path": DEBIAN_CHROMIUM, "args": CHROMIUM_ARGS}
    return browser_type_launch_args


@pytest.fixture(scope="session")
def browser(launch_browser):
    try:
        browser = launch_browser()
    except Exception as error:  # noqa: BLE001 - no usable browser on this machine
        skip_or_fail(f"no browser for the e2e tests ({error.__class__.__name__}: {str(error)[:300]})")
    yield browser
    browser.close()


@pytest.fixture(scope="session")
def live_server_factory(tmp_path_factory):
    """``start(database="sqlite"|"postgresql", redis=False, workers=1, seed=True, **env)``."""
    servers = []

    def start(*, database: str = "sqlite", redis: bool = False, workers: int = 1, seed: bool = True, **env: str):
        instance = tmp_path_factory.mktemp("server")
        cleanups = []
        if database == "postgresql":
            if not PG_ADMIN_URL:
                skip_or_fail("RESOKIT_TEST_DATABASE_URL is not set")
            url = create_postgres_database()
            cleanups.append(lambda: drop_postgres_database(url))
            env["RESOKIT_DATABASE_URL"] = url
        if redis:
            if not REDIS_URL:
                skip_or_fail("RESOKIT_TEST_REDIS_URL is not set")
            prefix = f"resokit-test-{uuid.uuid4().hex[:10]}:"
            env.update(RESOKIT_REDIS_URL=REDIS_URL, RESOKIT_REDIS_PREFIX=prefix)
            cleanups.append(lambda: _delete_redis_keys(prefix))
        server = start_server(instance, seed=seed, workers=workers, cleanups=cleanups, **env)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


def _delete_redis_keys(prefix: str) -> None:
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    for key in client.scan_iter(match=f"*{prefix}*"):
        client.delete(key)
    client.close()


@pytest.fixture(scope="session")
def live_server(live_server_factory):
    """The default server: SQLite in a fresh instance folder, migrated, demo data."""
    return live_server_factory()


@pytest.fixture(scope="session")
def base_url(live_server):
    return live_server.url


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # The base URL is given per context instead, so a test can point one at another server.
    return {k: v for k, v in browser_context_args.items() if k != "base_url"}


@pytest.fixture
def context(new_context, watch, base_url):
    return watch(new_context(base_url=base_url))


@pytest.fixture
def new_page(new_context, watch, base_url):
    def make(*, javascript: bool = True, **context_args):
        context_args.setdefault("base_url", base_url)
        context = watch(new_context(java_script_enabled=javascript, **context_args))
        if not javascript:
            NO_JS_CONTEXTS.add(context)
        return context.new_page()

    return make


@pytest.fixture
def nojs_page(new_page):
    return new_page(javascript=False)


@pytest.fixture
def watch():
    """Fail the test on any CSP violation or uncaught script error in a watched context."""
    problems: list[str] = []

    def attach(context):
        def on_console(message):
            if message.type == "error" and ("Content Security Policy" in message.text or "Refused to" in message.text):
                problems.append(f"console: {message.text}")

        context.on("console", on_console)
        context.on("weberror", lambda error: problems.append(f"script error: {error.error}"))
        return context

    yield attach
    assert not problems, "\n".join(problems)
