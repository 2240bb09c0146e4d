"""`flask backup` keeps the observations' photos with the database; restore puts them back."""

from __future__ import annotations

import io
import sqlite3
import tarfile

import pytest

from resokit_web.backup import BackupError, backup, photo_archive, restore


def _database(path) -> str:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x INTEGER)")
    conn.execute("INSERT INTO t VALUES (1)")
    conn.commit()
    conn.close()
    return f"sqlite:///{path}"


def _rows(path) -> list[int]:
    conn = sqlite3.connect(path)
    try:
        return [r[0] for r in conn.execute("SELECT x FROM t ORDER BY x")]
    finally:
        conn.close()


def test_backup_and_restore_take_the_photo_folder_along(app, tmp_path, photo_dir):
    url = _database(tmp_path / "live.sqlite3")
    (photo_dir / "7").mkdir(parents=True)
    (photo_dir / "7" / "a.jpg").write_bytes(b"photo a")
    with app.app_context():  # the app's own photo folder, as `flask backup` uses it
        target = backup(url, tmp_path / "backups" / "b.sqlite3")
    assert photo_archive(target).is_file()
    # After the backup: a photo removed, another added, a row added.
    (photo_dir / "7" / "a.jpg").unlink()
    (photo_dir / "7" / "b.jpg").write_bytes(b"photo b")
    conn = sqlite3.connect(tmp_path / "live.sqlite3")
    conn.execute("INSERT INTO t VALUES (2)")
    conn.commit()
    conn.close()
    with app.app_context():
        restore(url, target)
    assert _rows(tmp_path / "live.sqlite3") == [1]
    assert (photo_dir / "7" / "a.jpg").read_bytes() == b"photo a"
    assert not (photo_dir / "7" / "b.jpg").exists()
    assert sorted(p.name for p in photo_dir.parent.iterdir() if p.name.startswith("photos")) == ["photos"]


def test_no_photo_folder_yet_backs_up_an_empty_one(tmp_path):
    url = _database(tmp_path / "live.sqlite3")
    folder = tmp_path / "photos"
    target = backup(url, tmp_path / "b.sqlite3", photos=folder)
    folder.mkdir()
    (folder / "late.jpg").write_bytes(b"x")
    restore(url, target, photos=folder)
    assert folder.is_dir() and not any(folder.iterdir())


def test_a_backup_without_photos_leaves_them_alone(tmp_path):
    url = _database(tmp_path / "live.sqlite3")
    target = backup(url, tmp_path / "b.sqlite3", photos=None)
    assert not photo_archive(target).exists()
    folder = tmp_path / "photos"
    folder.mkdir()
    (folder / "kept.jpg").write_bytes(b"x")
    restore(url, target, photos=folder)
    assert (folder / "kept.jpg").exists()


def test_a_damaged_or_hostile_photo_archive_stops_before_the_database_changes(tmp_path):
    url = _database(tmp_path / "live.sqlite3")
    folder = tmp_path / "photos"
    folder.mkdir()
    target = backup(url, tmp_path / "b.sqlite3", photos=folder)
    conn = sqlite3.connect(tmp_path / "live.sqlite3")
    conn.execute("INSERT INTO t VALUES (2)")
    conn.commit()
    conn.close()
    photo_archive(target).write_bytes(b"not a tar archive")
    with pytest.raises(BackupError):
        restore(url, target, photos=folder)
    assert _rows(tmp_path / "live.sqlite3") == [1, 2]
    # A member that climbs out of the folder is refused too.
    with tarfile.open(photo_archive(target), "w:gz") as tar:
        info = tarfile.TarInfo("photos/../../evil.txt")
        info.size = 4
        tar.addfile(info, io.BytesIO(b"evil"))
    with pytest.raises(BackupError):
        restore(url, target, photos=folder)
    assert not (tmp_path / "evil.txt").exists() and not (tmp_path.parent / "evil.txt").exists()
    assert _rows(tmp_path / "live.sqlite3") == [1, 2]
