"""Two server processes sharing Redis: an edit through one reaches a stream of the other."""

from __future__ import annotations

import pytest

from resokit_web.extensions import db

from ..conftest import TEST_SECRET
from ..factories import TEST_PASSWORD
from ..factories.buurtkaart import TreasureFactory
from .servers import Browser, open_stream, read_until, start_server


@pytest.mark.redis
def test_an_edit_on_one_server_reaches_a_stream_on_the_other(database_url, redis_url, world, tmp_path):
    treasure = TreasureFactory(organisation_id=world.org_a.id, name="Dauwpark")
    db.session.commit()
    url, prefix = redis_url
    env = {
        "RESOKIT_DATABASE_URL": database_url,
        "RESOKIT_REDIS_URL": url,
        "RESOKIT_REDIS_PREFIX": prefix,
        "SECRET_KEY": TEST_SECRET,
        "RESOKIT_SSE_HEARTBEAT": "1",
    }
    one = start_server(env, instance_path=str(tmp_path / "one"))
    two = start_server(env, instance_path=str(tmp_path / "two"))
    try:
        viewer, member = Browser(one.url), Browser(two.url)
        viewer.login("viewer@a.test", TEST_PASSWORD)
        member.login("member@a.test", TEST_PASSWORD)
        conn, stream = open_stream(one.url, viewer.cookie_header())
        assert stream.status == 200
        read_until(stream, ": connected")

        form = {"name": "Dauwpark en speeltuin", "kind": "place", "category": "green", "version": "1"}
        status = member.post(
            f"/o/org-a/treasures/{treasure.id}", form, token_from=f"/o/org-a/treasures/{treasure.id}/edit"
        )
        assert status == 303
        text = read_until(stream, f"event: treasure-{treasure.id}")
        data = read_until(stream, "data:")
        assert '"version":2' in data and "event: treasure" in text

        # And the stream's own page on server one shows the new name, with the viewer's session.
        status, page = viewer.get(f"/o/org-a/treasures/{treasure.id}")
        assert status == 200 and "Dauwpark en speeltuin" in page
        conn.close()
    finally:
        one.stop()
        two.stop()
