"""After an erasure nothing of what was erased may stay on disk.

On SQLite a deleted row's bytes stay in the freed page of the database file and, in WAL
mode, in the write-ahead log until the next checkpoint. :func:`begin` turns on
``secure_delete`` for the erasing connection (deleted content is overwritten with
zeros); :func:`finish`, after the commit, checkpoints the log into the database and
truncates it to nothing. PostgreSQL needs neither (its own VACUUM reclaims the space).
"""

from __future__ import annotations

import logging

from ..extensions import db

log = logging.getLogger(__name__)


def _sqlite() -> bool:
    return db.engine.dialect.name == "sqlite"


def begin() -> None:
    """Inside the erasing transaction, before the deletes."""
    if _sqlite():
        db.session.connection().exec_driver_sql("PRAGMA secure_delete = ON")


def finish() -> None:
    """After the commit: the write-ahead log, which still holds the old pages, is emptied."""
    if not _sqlite():
        return
    with db.engine.connect() as conn:
        busy, _frames, _done = conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").one()
    if busy:
        # A reader kept the log from being emptied past busy_timeout; the next erasure or
        # SQLite's own checkpoint finishes the job.
        log.warning("the write-ahead log could not be truncated after an erasure (a reader was busy)")
