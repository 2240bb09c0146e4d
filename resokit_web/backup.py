"""``flask --app resokit_web backup PATH`` and ``restore PATH``.

SQLite: SQLite's online backup API copies a consistent snapshot page by page while the
app keeps writing; restore copies a backup back the same way, so open connections see
the restored database at their next transaction. PostgreSQL: ``pg_dump`` in its custom
format (a consistent snapshot too) and ``pg_restore --clean``.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy.engine import make_url


class BackupError(RuntimeError):
    pass


def _sqlite_path(url: str) -> str:
    database = make_url(url).database
    if not database or database == ":memory:":
        raise BackupError("an in-memory SQLite database cannot be backed up")
    return database


def _libpq(url: str) -> tuple[str, dict[str, str]]:
    """A libpq connection string for pg_dump/pg_restore, with the password in the environment."""
    u = make_url(url)
    env = dict(os.environ)
    if u.password:
        env["PGPASSWORD"] = u.password
    parts = [f"dbname={u.database}"]
    if u.host:
        parts.append(f"host={u.host}")
    if u.port:
        parts.append(f"port={u.port}")
    if u.username:
        parts.append(f"user={u.username}")
    for key, value in u.query.items():
        parts.append(f"{key}={value}")
    return " ".join(parts), env


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(f"{name} is not installed (PostgreSQL client tools are needed)")
    return path


def backup(url: str, target: str | os.PathLike) -> Path:
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".partial")
    if url.startswith("sqlite"):
        source = sqlite3.connect(_sqlite_path(url), timeout=30)
        dest = sqlite3.connect(tmp)
        try:
            # One step: a single read snapshot. In WAL mode writers carry on meanwhile; copying
            # in small steps would restart from scratch after every write by another connection.
            source.backup(dest)
        finally:
            dest.close()
            source.close()
    elif url.startswith("postgresql"):
        conninfo, env = _libpq(url)
        result = subprocess.run(
            [_tool("pg_dump"), "--format=custom", "--no-owner", "--file", str(tmp), conninfo],
            env=env,
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            tmp.unlink(missing_ok=True)
            raise BackupError(result.stderr.strip() or "pg_dump failed")
    else:
        raise BackupError(f"unsupported database: {make_url(url).drivername}")
    os.replace(tmp, target)  # a backup file is either complete or absent
    return target


def restore(url: str, source: str | os.PathLike) -> None:
    source = Path(source)
    if not source.is_file():
        raise BackupError(f"no backup file at {source}")
    if url.startswith("sqlite"):
        backup_db = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        live = sqlite3.connect(_sqlite_path(url), timeout=30)
        try:
            try:
                check = backup_db.execute("PRAGMA integrity_check").fetchone()[0]
            except sqlite3.DatabaseError as error:
                raise BackupError(f"not a usable backup file: {error}") from None
            if check != "ok":
                raise BackupError(f"the backup file is damaged: {check}")
            backup_db.backup(live)
        finally:
            live.close()
            backup_db.close()
    elif url.startswith("postgresql"):
        conninfo, env = _libpq(url)
        result = subprocess.run(
            [
                _tool("pg_restore"),
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                "--dbname",
                conninfo,
                str(source),
            ],
            env=env,
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise BackupError(result.stderr.strip() or "pg_restore failed")
    else:
        raise BackupError(f"unsupported database: {make_url(url).drivername}")
