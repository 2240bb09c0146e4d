"""The three planned formats: the walk in the park, the encounter, the inclusion tables."""

from __future__ import annotations

from resokit_web.extensions import db
from resokit_web.sessions.content import WALK
from resokit_web.sessions.models import TeamSession

from .test_sessions import _join_guest


def _next(member, sess, times=1):
    for _ in range(times):
        response = member.post(f"/o/org-a/sessions/{sess.id}/next")
        assert response.status_code == 303, response.get_data(as_text=True)


def test_walk_script_then_anonymous_debrief(app, make_session, as_role):
    sess = make_session("wandeling")
    guest = _join_guest(app, sess, "Maria")
    member = as_role("member")
    _next(member, sess)
    state = guest.get(f"/s/{sess.code}/state.json").get_json()
    assert state["you"]["step_kind"] == "walk:p1" and state["ends_at"]
    page = guest.get(f"/s/{sess.code}").get_data(as_text=True)
    assert "close your eyes" in page and "session-countdown" in page
    _next(member, sess, len(WALK))  # to the reflection
    assert guest.post(f"/s/{sess.code}/answer", data={"r1": "", "r2": ""}).status_code == 422
    assert guest.post(f"/s/{sess.code}/answer", data={"r1": "Een oudere man", "r3": "De media"}).status_code == 303
    _next(member, sess)  # the debrief
    debrief = member.get(f"/o/org-a/sessions/{sess.id}").get_data(as_text=True)
    assert "Een oudere man" in debrief and "De media" in debrief and "Maria" not in debrief.split("participant")[0]
    summary = member.get(f"/o/org-a/sessions/{sess.id}/summary").get_data(as_text=True)
    assert "Een oudere man" in summary and "Maria" not in summary
    assert member.post(f"/o/org-a/sessions/{sess.id}/next").status_code == 409


def test_encounter_prompts_and_reflection(app, make_session, as_role):
    sess = make_session("ontmoeting")
    guest = _join_guest(app, sess, "Karim")
    member = as_role("member")
    _next(member, sess)
    assert "Write down your assumptions" in guest.get(f"/s/{sess.code}").get_data(as_text=True)
    assert guest.post(f"/s/{sess.code}/answer", data={"reflection": "te vroeg"}).status_code == 409
    _next(member, sess, 3)
    assert guest.post(f"/s/{sess.code}/answer", data={"reflection": ""}).status_code == 422
    assert (
        guest.post(f"/s/{sess.code}/answer", data={"reflection": "Ik had haar verkeerd ingeschat"}).status_code == 303
    )
    summary = member.get(f"/o/org-a/sessions/{sess.id}/summary").get_data(as_text=True)
    assert "Ik had haar verkeerd ingeschat" in summary


def test_inclusion_tables_positions_arguments_and_shift(app, make_session, as_role):
    sess = make_session("inclusietafels", case="c5")
    ana, bram = (_join_guest(app, sess, name) for name in ("Ana", "Bram"))
    member = as_role("member")
    _next(member, sess)
    state = ana.get(f"/s/{sess.code}/state.json").get_json()
    assert state["you"]["perspective"] == "Resident"
    assert bram.get(f"/s/{sess.code}/state.json").get_json()["you"]["perspective"] == "Professional"
    assert ana.post(f"/s/{sess.code}/answer", data={"position": "maybe"}).status_code == 422
    assert ana.post(f"/s/{sess.code}/answer", data={"position": "agree"}).status_code == 303
    assert bram.post(f"/s/{sess.code}/answer", data={"position": "doubt"}).status_code == 303
    _next(member, sess)
    assert ana.post(f"/s/{sess.code}/answer", data={"side": "for", "argument": ""}).status_code == 422
    assert ana.post(f"/s/{sess.code}/answer", data={"side": "for", "argument": "Het spaart tijd"}).status_code == 303
    assert (
        bram.post(f"/s/{sess.code}/answer", data={"side": "against", "argument": "Wie geen gsm heeft"}).status_code
        == 303
    )
    screen = member.get(f"/o/org-a/sessions/{sess.id}").get_data(as_text=True)
    assert "Het spaart tijd" in screen and "Wie geen gsm heeft" in screen
    _next(member, sess)
    assert ana.post(f"/s/{sess.code}/answer", data={"position": "disagree"}).status_code == 303
    assert bram.post(f"/s/{sess.code}/answer", data={"position": "doubt"}).status_code == 303
    _next(member, sess)
    db.session.expire_all()
    assert db.session.get(TeamSession, sess.id).step == 4
    summary = member.get(f"/o/org-a/sessions/{sess.id}/summary").get_data(as_text=True)
    assert "1 participant changed position" in summary and "(of 2 who gave both)" in summary
    assert "online" in summary  # the case c5
