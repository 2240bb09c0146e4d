"""After an erasure on SQLite no copy of the erased text stays in the database file or
its write-ahead log."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from resokit_web.extensions import db

from ..conftest import make_app, migrate, sign_in
from ..factories import build_world
from ..factories.people import PersonFactory

MARK = b"Wqzx-uitgewist"


@pytest.fixture
def file_app(tmp_path):
    url = f"sqlite:///{tmp_path / 'erase.sqlite3'}"
    migrate(url)
    app = make_app(url)
    with app.app_context():
        yield app
        db.session.remove()


def on_disk(app) -> bytes:
    path = Path(make_url(app.config["SQLALCHEMY_DATABASE_URI"]).database)
    wal = path.with_name(path.name + "-wal")
    return path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def test_an_erased_pseudonym_is_on_disk_nowhere(file_app):
    world = build_world()
    person = PersonFactory(organisation_id=world.org_a.id, pseudonym="Persoon " + MARK.decode())
    db.session.commit()
    person_id = person.id
    client = file_app.test_client()
    sign_in(client, world.coordinator)
    assert MARK in on_disk(file_app)  # the scan does see it before
    db.session.remove()  # the test holds no reader open on the log

    assert client.post(f"/o/org-a/people/{person_id}/erase", data={"confirm": "y"}).status_code == 303
    assert MARK not in on_disk(file_app)
