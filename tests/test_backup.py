"""Backups taken while the app writes contain every row committed before they began,
nothing that was never committed, and restore gives exactly that state back."""

from __future__ import annotations

import threading
import time

import pytest
import sqlalchemy as sa

from resokit_web.activity.models import Activity
from resokit_web.backup import BackupError, backup, restore
from resokit_web.extensions import utcnow

from .conftest import PG_ADMIN_URL, create_postgres_database, drop_postgres_database, migrate


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)])
def fresh_url(request, tmp_path):
    """A factory of fresh, migrated, empty databases of one backend."""
    made = []

    def make() -> str:
        if request.param == "sqlite":
            url = f"sqlite:///{tmp_path / f'db{len(made)}.sqlite3'}"
        else:
            if not PG_ADMIN_URL:
                pytest.skip("RESOKIT_TEST_DATABASE_URL is not set")
            url = create_postgres_database()
        made.append(url)
        migrate(url)
        return url

    yield make
    for url in made:
        if url.startswith("postgresql"):
            drop_postgres_database(url)


def _engine(url: str) -> sa.Engine:
    connect_args = {"timeout": 30} if url.startswith("sqlite") else {}
    engine = sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://"), connect_args=connect_args)
    if url.startswith("sqlite"):
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA journal_mode=WAL")
    return engine


class Writer(threading.Thread):
    """Commits one row at a time and remembers when each commit returned."""

    def __init__(self, engine: sa.Engine):
        super().__init__(daemon=True)
        self.engine = engine
        self.committed: list[tuple[int, float]] = []
        self.stop = threading.Event()

    def run(self) -> None:
        table = Activity.__table__
        while not self.stop.is_set():
            with self.engine.begin() as conn:
                new_id = conn.execute(
                    sa.insert(table).values(action="backup.test", created_at=utcnow()).returning(table.c.id)
                ).scalar_one()
            self.committed.append((new_id, time.monotonic()))


def _ids(url: str) -> set[int]:
    engine = _engine(url)
    try:
        with engine.connect() as conn:
            return set(
                conn.scalars(sa.select(Activity.__table__.c.id).where(Activity.__table__.c.action == "backup.test"))
            )
    finally:
        engine.dispose()


def test_backup_during_writes_keeps_every_committed_row(fresh_url, tmp_path):
    live_url = fresh_url()
    engine = _engine(live_url)
    writers = [Writer(engine) for _ in range(3)]
    for w in writers:
        w.start()
    time.sleep(0.3)  # rows exist before the backup starts ...
    started = time.monotonic()
    target = backup(live_url, tmp_path / "backup.bin")
    time.sleep(0.2)  # ... and keep coming after it
    for w in writers:
        w.stop.set()
        w.join()
    engine.dispose()
    committed = {i for w in writers for i, _ in w.committed}
    before = {i for w in writers for i, t in w.committed if t < started}
    assert before and committed - before, "the test needs writes before and during/after the backup"

    restored_url = fresh_url()
    restore(restored_url, target)
    restored = _ids(restored_url)
    assert before <= restored  # everything committed before the backup began
    assert restored <= committed  # nothing that was never committed
    assert not target.with_name(target.name + ".partial").exists()

    # Restoring over the live database rolls it back to the backup's state.
    restore(live_url, target)
    assert _ids(live_url) == restored


def test_restore_refuses_a_missing_or_damaged_file(fresh_url, tmp_path):
    url = fresh_url()
    with pytest.raises(BackupError):
        restore(url, tmp_path / "nothing-here")
    damaged = tmp_path / "damaged.bin"
    damaged.write_bytes(b"this is not a backup" * 100)
    with pytest.raises(BackupError):
        restore(url, damaged)
    assert _ids(url) == set()


def test_backup_command(tmp_path, database_url, monkeypatch):
    from resokit_web import create_app

    from .conftest import base_config

    app = create_app(base_config(database_url))
    result = app.test_cli_runner().invoke(args=["backup", str(tmp_path / "cli.bin")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "cli.bin").stat().st_size > 0
