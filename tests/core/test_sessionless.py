"""Static files and the health check never read or write a session."""

from __future__ import annotations

import sqlalchemy as sa

from resokit_web.extensions import db


def test_static_files_and_healthz_do_not_touch_the_session_store(world, as_role):
    client = as_role("member")
    seen: list[str] = []

    def record(conn, cursor, statement, *args):
        seen.append(statement)

    sa.event.listen(db.engine, "before_cursor_execute", record)
    try:
        for path in ("/healthz", "/static/js/map.js", "/static/css/app.css"):
            response = client.get(path)
            assert response.status_code == 200 and "Set-Cookie" not in response.headers, path
            response.close()
        assert not [s for s in seen if "sessions" in s]
        # Pages still have their session: the member is signed in.
        assert client.get("/o/org-a/buurtkaart").status_code == 200
        assert [s for s in seen if "sessions" in s]
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", record)
