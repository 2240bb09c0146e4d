"""``flask --app resokit_web backup PATH`` and ``restore PATH``.

SQLite: SQLite's online backup API copies a consistent snapshot page by page while the
app keeps writing; restore copies a backup back the same way, so open connections see
the restored database at their next transaction. PostgreSQL: ``pg_dump`` in its custom
format (a consistent snapshot too) and ``pg_restore --clean``.

Photos of observations live in a folder, not in the database: a backup writes them next
to the database file as ``PATH.photos.tar.gz``, and restore puts that folder back (a
backup without one leaves the photos as they are).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import tarfile
from pathlib import Path

from sqlalchemy.engine import make_url


class BackupError(RuntimeError):
    pass


# "Use the app's photo folder" (when there is an app), as opposed to None: no photos.
APP_PHOTOS = object()


def photo_archive(path: str | os.PathLike) -> Path:
    """Where the photos of the backup at ``path`` are kept."""
    path = Path(path)
    return path.with_name(path.name + ".photos.tar.gz")


def _photo_dir(photos) -> Path | None:
    if photos is not APP_PHOTOS:
        return Path(photos) if photos is not None else None
    from flask import current_app, has_app_context

    if not has_app_context():
        return None
    base = current_app.config.get("RESOKIT_PHOTO_DIR") or str(Path(current_app.instance_path) / "photos")
    return Path(base)


def _backup_photos(folder: Path, target: Path) -> Path:
    archive = photo_archive(target)
    tmp = archive.with_name(archive.name + ".partial")
    with tarfile.open(tmp, "w:gz") as tar:
        if folder.is_dir():
            tar.add(folder, arcname="photos", recursive=True)
        else:  # no photos yet: an empty folder, which restore puts back as such
            info = tarfile.TarInfo("photos")
            info.type, info.mode = tarfile.DIRTYPE, 0o755
            tar.addfile(info)
    os.replace(tmp, archive)
    return archive


def _unpack_photos(archive: Path, folder: Path) -> Path:
    """Unpack the archive next to ``folder`` (not yet in its place); the unpacked folder."""
    staging = folder.with_name(folder.name + ".restoring")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    try:
        with tarfile.open(archive, "r:gz") as tar:
            members = [m for m in tar.getmembers() if m.name == "photos" or m.name.startswith("photos/")]
            # The "data" filter refuses absolute paths, links out of the folder, devices.
            tar.extractall(staging, members=members, filter="data")
    except (tarfile.TarError, OSError) as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise BackupError(f"the photo archive {archive} is not usable: {error}") from None
    return staging


def _swap_in(staging: Path, folder: Path) -> None:
    unpacked = staging / "photos"
    if not unpacked.is_dir():
        unpacked.mkdir()
    old = folder.with_name(folder.name + ".replaced")
    shutil.rmtree(old, ignore_errors=True)
    if folder.exists():
        os.replace(folder, old)
    os.replace(unpacked, folder)
    shutil.rmtree(old, ignore_errors=True)
    shutil.rmtree(staging, ignore_errors=True)


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


def backup(url: str, target: str | os.PathLike, *, photos=APP_PHOTOS) -> Path:
    """The database to ``target`` and, with a photo folder, its photos next to it."""
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
    folder = _photo_dir(photos)
    if folder is not None:
        _backup_photos(folder, target)
    return target


def restore(url: str, source: str | os.PathLike, *, photos=APP_PHOTOS) -> None:
    """The database from ``source`` and, when the backup has them, the photos."""
    source = Path(source)
    if not source.is_file():
        raise BackupError(f"no backup file at {source}")
    folder = _photo_dir(photos)
    archive = photo_archive(source)
    # Unpacked first: a damaged photo archive stops the restore before the database changes.
    staging = _unpack_photos(archive, folder) if folder is not None and archive.is_file() else None
    try:
        _restore_database(url, source)
    except BaseException:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
        raise
    if staging is not None:
        _swap_in(staging, folder)


def _restore_database(url: str, source: Path) -> None:
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
