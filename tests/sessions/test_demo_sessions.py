"""The demo holds one finished session of each format, and their summaries show outcomes."""

from __future__ import annotations

import sqlalchemy as sa

from resokit_web.accounts.models import User
from resokit_web.extensions import db
from resokit_web.sessions.models import FORMATS, TeamSession

from ..conftest import sign_in, speaking


def test_one_finished_session_of_each_format(app):
    assert app.test_cli_runner().invoke(args=["demo"]).exit_code == 0
    sessions = db.session.scalars(sa.select(TeamSession)).all()
    assert sorted(s.format for s in sessions) == sorted(FORMATS)
    assert all(s.ended for s in sessions)
    client = speaking(app.test_client(), "nl")
    sign_in(client, db.session.scalar(sa.select(User).where(User.email == "coordinator@demo.resokit.test")))
    expected = {
        "kletspot": "Schaamte",
        "speeddate": "Youssef kent half de Clemenceauwijk",
        "wandeling": "Uit het nieuws",
        "ontmoeting": "meneer Benali",
        "inclusietafels": "Wie geen smartphone heeft",
    }
    for sess in sessions:
        response = client.get(f"/o/demo/sessions/{sess.id}/summary")
        assert response.status_code == 200
        assert expected[sess.format] in response.get_data(as_text=True), sess.format
        assert client.get(f"/o/demo/sessions/{sess.id}").status_code == 200
    mindset = client.get("/o/demo/mindset").get_data(as_text=True)
    assert "/o/demo/sessions/kletspot" in mindset
