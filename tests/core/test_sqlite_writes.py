"""SQLite write transactions: BEGIN IMMEDIATE, one writer at a time per process, handed
over at commit; reads are never held up; PostgreSQL is left as it was."""

from __future__ import annotations

import contextlib
import threading

import pytest
import sqlalchemy as sa

from resokit_web.buurtkaart.models import Treasure
from resokit_web.core import sqlite_writes
from resokit_web.extensions import db

from ..conftest import make_app, migrate, sign_in
from ..factories.buurtkaart import TreasureFactory


@contextlib.contextmanager
def statements_of(engine):
    """Every statement the database itself is given (our BEGIN IMMEDIATE included), on
    connections opened from now on."""
    seen: list[str] = []

    def trace(dbapi_connection, _record):
        if hasattr(dbapi_connection, "set_trace_callback"):
            dbapi_connection.set_trace_callback(seen.append)

    def cursor(conn, _cursor, statement, *args):
        seen.append(statement)

    engine.dispose()
    sqlite = engine.dialect.name == "sqlite"
    sa.event.listen(engine, "connect", trace) if sqlite else sa.event.listen(engine, "before_cursor_execute", cursor)
    try:
        yield seen
    finally:
        if sqlite:
            sa.event.remove(engine, "connect", trace)
        else:
            sa.event.remove(engine, "before_cursor_execute", cursor)
        db.session.remove()
        engine.dispose()


@pytest.fixture
def sqlite_app(tmp_path):
    url = f"sqlite:///{tmp_path / 'writes.sqlite3'}"
    migrate(url)
    app = make_app(url)
    with app.app_context():
        yield app
        db.session.remove()


def test_a_write_begins_immediate_and_a_read_begins_nothing(sqlite_app):
    with statements_of(db.engine) as seen:
        db.session.scalar(sa.select(sa.func.count()).select_from(Treasure))
        db.session.commit()
    assert "BEGIN IMMEDIATE" not in seen and any(s.startswith("SELECT") for s in seen)
    with statements_of(db.engine) as seen:
        db.session.execute(sa.text("CREATE TEMP TABLE IF NOT EXISTS t (x)"))
        db.session.execute(sa.text("INSERT INTO t VALUES (1)"))
        db.session.commit()
    assert seen.index("BEGIN IMMEDIATE") < next(i for i, s in enumerate(seen) if s.startswith("INSERT"))
    assert seen.count("BEGIN IMMEDIATE") == 1


def test_one_writer_at_a_time_and_the_next_one_goes_at_commit(sqlite_app):
    app = sqlite_app
    order: list[str] = []
    first_writing, first_may_commit = threading.Event(), threading.Event()

    def writer(name: str, hold: threading.Event | None):
        with app.app_context():
            db.session.execute(sa.text("CREATE TABLE IF NOT EXISTS log (name TEXT)"))
            db.session.commit()
            if hold is None:
                first_writing.wait(5)
            db.session.execute(sa.text("INSERT INTO log VALUES (:n)"), {"n": name})
            order.append(f"{name} writes")
            if hold is not None:
                first_writing.set()
                hold.wait(5)
            order.append(f"{name} commits")
            db.session.commit()
            db.session.remove()

    a = threading.Thread(target=writer, args=("a", first_may_commit))
    b = threading.Thread(target=writer, args=("b", None))
    a.start()
    first_writing.wait(5)
    b.start()
    # While a holds the writer lock, b waits for it (and a read is not held up at all).
    b.join(0.3)
    assert b.is_alive() and order == ["a writes"]
    with app.app_context():
        assert db.session.scalar(sa.text("SELECT count(*) FROM log")) == 0
        db.session.remove()
    first_may_commit.set()
    a.join(5)
    b.join(5)
    assert order == ["a writes", "a commits", "b writes", "b commits"]
    assert sqlite_writes.WRITER._owner is None  # given back


def test_sixteen_concurrent_saves_all_apply(app, world):
    treasures = [TreasureFactory(organisation_id=world.org_a.id, name=f"Schat {i}") for i in range(4)]
    db.session.commit()
    ids = [t.id for t in treasures]
    member = world.user_for("member")
    statuses: list[int] = []

    def saver(n: int):
        client = app.test_client()
        with app.app_context():
            sign_in(client, member)
        for round_ in range(3):
            tid = ids[n % 4]
            with app.app_context():
                version = db.session.get(Treasure, tid).version
                db.session.remove()
            response = client.post(
                f"/o/org-a/treasures/{tid}",
                data={"name": f"S{n}-{round_}", "kind": "place", "category": "other", "version": str(version)},
            )
            statuses.append(response.status_code)

    threads = [threading.Thread(target=saver, args=(n,)) for n in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    # Saves from a stale version merge or ask (409): none fails, none is lost.
    assert len(statuses) == 48 and set(statuses) <= {303, 409}
    db.session.expire_all()
    versions = sum(db.session.get(Treasure, tid).version for tid in ids)
    assert versions - 4 == statuses.count(303)
    assert sqlite_writes.WRITER._owner is None


@pytest.mark.postgresql
def test_postgresql_is_left_as_it_was(postgres_url):
    app = make_app(postgres_url)
    with app.app_context():
        assert "factory" not in app.config["SQLALCHEMY_ENGINE_OPTIONS"].get("connect_args", {})
        with statements_of(db.engine) as seen:
            db.session.execute(sa.text("CREATE TEMP TABLE t (x int)"))
            db.session.execute(sa.text("INSERT INTO t VALUES (1)"))
            db.session.commit()
        assert "BEGIN IMMEDIATE" not in seen
        db.session.remove()
