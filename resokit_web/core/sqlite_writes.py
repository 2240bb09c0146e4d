"""SQLite write transactions: begun with ``BEGIN IMMEDIATE``, one at a time per process,
the next writer let in the moment the last one commits.

SQLite has one writer at a time. pysqlite begins a transaction by itself right before the
first INSERT, UPDATE or DELETE (reads before it run outside any transaction, which we
keep: a page that logs an access after reading never meets a stale snapshot). When that
write finds the database locked, SQLite's busy handler *sleeps and retries*, with sleeps
growing to 100 ms: sixteen colleagues saving at once took turns by chance and by nap, and
the last of them waited 1.2–1.5 s (p99) for saves that each hold the lock for a few
milliseconds.

So, as in SQLAlchemy's pysqlite recipe for explicit transactions, we emit the BEGIN
ourselves: at that same point, before the first write, a thread first takes this
process's writer lock (a Python lock: a waiting thread sleeps until it is handed the lock,
no polling) and then ``BEGIN IMMEDIATE`` (so SQLite's write lock is taken at BEGIN, and
``busy_timeout`` still makes writers of other processes — a CLI command — wait their
turn). The lock is released when the transaction ends, on commit, rollback or close.
PostgreSQL is not touched.
"""

from __future__ import annotations

import sqlite3
import threading

import sqlalchemy as sa

_WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")
# A writer never waits longer than SQLite itself would (busy_timeout), then goes on
# without the lock and lets SQLite decide, as before.
WAIT = 15.0


class _WriterLock:
    """One writer per process. The same thread may take it again (a log line written on
    its own connection in the middle of a change), and any thread may give it back: a
    connection can end its transaction in another thread than the one that began it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._owner: int | None = None
        self._depth = 0

    def acquire(self) -> bool:
        me = threading.get_ident()
        if self._owner == me:
            self._depth += 1
            return True
        if not self._lock.acquire(timeout=WAIT):
            return False
        self._owner, self._depth = me, 1
        return True

    def release(self) -> None:
        self._depth -= 1
        if self._depth <= 0:
            self._owner, self._depth = None, 0
            self._lock.release()


WRITER = _WriterLock()


class WriterConnection(sqlite3.Connection):
    """A pysqlite connection that gives the writer lock back when its transaction ends."""

    holds_writer = False

    def end_write(self) -> None:
        if self.holds_writer:
            self.holds_writer = False
            WRITER.release()

    def commit(self) -> None:
        try:
            super().commit()
        finally:
            self.end_write()

    def rollback(self) -> None:
        try:
            super().rollback()
        finally:
            self.end_write()

    def close(self) -> None:
        try:
            super().close()
        finally:
            self.end_write()


def _begin_write(conn, cursor, statement: str, parameters, context, executemany) -> None:
    dbapi = cursor.connection
    if not isinstance(dbapi, WriterConnection) or dbapi.in_transaction:
        return
    if not statement.lstrip()[:7].upper().startswith(_WRITES):
        return
    dbapi.holds_writer = WRITER.acquire()
    try:
        dbapi.execute("BEGIN IMMEDIATE")
    except BaseException:
        dbapi.end_write()
        raise


def init_engine(engine: sa.Engine) -> None:
    sa.event.listen(engine, "before_cursor_execute", _begin_write)


def connect_args(args: dict) -> dict:
    """The engine's ``connect_args`` with connections that take part in the writer lock."""
    return {**args, "factory": WriterConnection}
