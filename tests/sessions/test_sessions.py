"""Team sessions: the contract URLs and fields, joining by code, guests, steps, summary."""

from __future__ import annotations

from datetime import timedelta

import pytest

from resokit_web.extensions import db, utcnow
from resokit_web.sessions.models import Entry, Participant, TeamSession

from ..conftest import speaking


def _client(app):
    return speaking(app.test_client(), "en")


def _join_guest(app, sess, name="Fatima"):
    guest = _client(app)
    response = guest.post(f"/s/{sess.code}/join", data={"name": name})
    assert response.status_code == 303, response.get_data(as_text=True)
    return guest


def test_create_session_contract(world, as_role):
    member = as_role("member")
    response = member.post("/o/org-a/sessions", data={"format": "kletspot", "title": "Teamdag", "guests": "y"})
    assert response.status_code == 303
    sess = db.session.query(TeamSession).one()
    assert response.headers["Location"].endswith(f"/o/org-a/sessions/{sess.id}")
    assert sess.allow_guests and len(sess.code) == 6
    listing = member.get("/o/org-a/sessions.json").get_json()
    assert listing == [
        {
            "id": sess.id,
            "format": "kletspot",
            "title": "Teamdag",
            "code": sess.code,
            "status": "open",
            "started_at": sess.started_at.isoformat(),
        }
    ]
    page = member.get(f"/o/org-a/sessions/{sess.id}").get_data(as_text=True)
    assert sess.code in page and "<svg" in page


@pytest.mark.parametrize(
    "data,message",
    [
        ({"format": "bingo", "title": "x"}, "Not a valid choice"),
        ({"format": "kletspot", "title": ""}, "Give the session a title."),
        ({"format": "speeddate", "title": "x", "minutes": "99"}, "Between 1 and 10 minutes."),
    ],
)
def test_create_session_bad_input(as_role, data, message):
    response = as_role("member").post("/o/org-a/sessions", data=data)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert db.session.query(TeamSession).count() == 0


def test_wrong_code_is_404_with_a_message(app):
    response = _client(app).get("/s/ZZZZZZ")
    assert response.status_code == 404
    assert "No session has this code" in response.get_data(as_text=True)


def test_guest_joins_with_a_name_and_sees_the_card(app, make_session, as_role):
    sess = make_session()
    guest = _client(app)
    page = guest.get(f"/s/{sess.code.lower()}")
    assert page.status_code == 200 and 'name="name"' in page.get_data(as_text=True)
    guest = _join_guest(app, sess)
    assert "You take part as Fatima" in guest.get(f"/s/{sess.code}").get_data(as_text=True)
    as_role("member").post(f"/o/org-a/sessions/{sess.id}/next")
    db.session.expire_all()
    card_text = db.session.get(TeamSession, sess.id).state["drawn"][0]
    state = guest.get(f"/s/{sess.code}/state.json").get_json()
    assert state["format"] == "kletspot" and state["step"] == 1
    assert state["you"]["card"]["key"] == card_text
    assert "ends_at" in state and state["ends_at"] is None
    # The note goes to the card on the screen.
    assert (
        guest.post(f"/s/{sess.code}/answer", data={"card": card_text, "note": "Eenzaam tussen mensen"}).status_code
        == 303
    )
    entry = db.session.query(Entry).one()
    assert entry.ref == card_text and entry.body == "Eenzaam tussen mensen"


def test_guest_name_of_500_characters_is_refused(app, make_session):
    sess = make_session()
    response = _client(app).post(f"/s/{sess.code}/join", data={"name": "x" * 500})
    assert response.status_code == 422
    assert "At most 60 characters." in response.get_data(as_text=True)
    assert db.session.query(Participant).count() == 0


def test_no_guests_unless_allowed(app, make_session):
    sess = make_session(guests=False)
    response = _client(app).post(f"/s/{sess.code}/join", data={"name": "Karim"})
    assert response.status_code == 403
    assert "for the team only" in response.get_data(as_text=True)


def test_member_joins_signed_in(make_session, as_role, world):
    sess = make_session()
    viewer = as_role("viewer")
    assert viewer.post(f"/s/{sess.code}/join").status_code == 303
    participant = db.session.query(Participant).one()
    assert participant.user_id == world.viewer.id and participant.display_name == world.viewer.display_name


def test_closed_session_cannot_be_joined(app, make_session, as_role):
    sess = make_session()
    guest = _join_guest(app, sess)
    assert as_role("member").post(f"/o/org-a/sessions/{sess.id}/end").status_code == 303
    response = _client(app).post(f"/s/{sess.code}/join", data={"name": "Laat"})
    assert response.status_code == 410
    assert "can no longer be joined" in response.get_data(as_text=True)
    # The guest's seat ended with the session.
    assert guest.get(f"/s/{sess.code}").status_code == 410
    assert guest.post(f"/s/{sess.code}/answer", data={"note": "x"}).status_code == 410


def test_guest_seat_expires_after_12_hours(app, make_session):
    sess = make_session()
    guest = _join_guest(app, sess)
    seat = db.session.query(Participant).one()
    seat.expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    assert guest.get(f"/s/{sess.code}/state.json").status_code == 403
    assert guest.post(f"/s/{sess.code}/answer", data={"note": "x"}).status_code == 403


def test_guests_cannot_join_once_the_session_is_12_hours_old(app, make_session):
    sess = make_session()
    sess.started_at = utcnow() - timedelta(hours=13)
    db.session.commit()
    assert _client(app).post(f"/s/{sess.code}/join", data={"name": "Ilse"}).status_code == 403


@pytest.mark.parametrize(
    "path",
    [
        "/o/org-a/",
        "/o/org-a/sessions",
        "/o/org-a/sessions.json",
        "/o/org-a/buurtkaart",
        "/o/org-a/people",
        "/o/org-a/events",
    ],
)
def test_a_guest_sees_nothing_of_the_organisation(app, make_session, path):
    sess = make_session()
    guest = _join_guest(app, sess)
    response = guest.get(path)
    assert response.status_code in (302, 404)
    if response.status_code == 302:
        assert "/login" in response.headers["Location"]


def test_a_guest_seat_is_for_its_own_session_only(app, make_session):
    first, second = make_session(), make_session()
    guest = _join_guest(app, first)
    assert guest.get(f"/s/{second.code}/state.json").status_code == 403
    assert 'name="name"' in guest.get(f"/s/{second.code}").get_data(as_text=True)


def test_only_the_facilitator_advances(app, make_session, as_role, world):
    sess = make_session(user=world.member)
    guest = _join_guest(app, sess)
    # A guest has no way in; another member is not the facilitator; a coordinator may.
    assert guest.post(f"/o/org-a/sessions/{sess.id}/next").status_code == 302
    assert guest.post(f"/s/{sess.code}/next").status_code in (404, 405)
    assert as_role("viewer").post(f"/o/org-a/sessions/{sess.id}/next").status_code == 403
    other = make_session(user=world.coordinator)
    response = as_role("member").post(f"/o/org-a/sessions/{other.id}/next")
    assert response.status_code == 403
    assert "Only the facilitator" in response.get_data(as_text=True)
    assert as_role("coordinator").post(f"/o/org-a/sessions/{sess.id}/next").status_code == 303
    db.session.expire_all()
    assert db.session.get(TeamSession, other.id).step == 0
    assert db.session.get(TeamSession, sess.id).step == 1


def test_drawing_never_repeats_a_card_and_stops_when_the_jar_is_empty(make_session, as_role, monkeypatch):
    from resokit_web.sessions import service

    monkeypatch.setattr(service, "CARDS", dict(list(service.CARDS.items())[:3]))
    sess = make_session()
    member = as_role("member")
    for _ in range(3):
        assert member.post(f"/o/org-a/sessions/{sess.id}/next").status_code == 303
    db.session.expire_all()
    drawn = db.session.get(TeamSession, sess.id).state["drawn"]
    assert len(set(drawn)) == 3
    response = member.post(f"/o/org-a/sessions/{sess.id}/next")
    assert response.status_code == 409
    assert "Every card in the jar has been drawn." in response.get_data(as_text=True)


def test_team_cards_join_the_jar(make_session, as_role, monkeypatch):
    from resokit_web.sessions import service

    monkeypatch.setattr(service, "CARDS", {})
    member = as_role("member")
    assert member.post("/o/org-a/sessions/cards", data={"theme": "words", "text": "Wie mis je?"}).status_code == 303
    assert member.post("/o/org-a/sessions/cards", data={"theme": "words", "text": ""}).status_code == 422
    sess = make_session()
    member.post(f"/o/org-a/sessions/{sess.id}/next")
    page = member.get(f"/o/org-a/sessions/{sess.id}").get_data(as_text=True)
    assert "Wie mis je?" in page


def test_facilitator_note_and_summary(make_session, as_role):
    sess = make_session()
    member = as_role("member")
    assert member.post(f"/o/org-a/sessions/{sess.id}/note", data={"note": "te vroeg"}).status_code == 409
    member.post(f"/o/org-a/sessions/{sess.id}/next")
    assert member.post(f"/o/org-a/sessions/{sess.id}/note", data={"note": ""}).status_code == 422
    assert member.post(f"/o/org-a/sessions/{sess.id}/note", data={"note": "Schaamte <b>speelt</b>"}).status_code == 303
    summary = member.get(f"/o/org-a/sessions/{sess.id}/summary").get_data(as_text=True)
    assert "Schaamte &lt;b&gt;speelt&lt;/b&gt;" in summary


def test_summary_starts_an_opinion_piece(make_session, as_role, world):
    from resokit_web.opinions.models import Contribution, OpinionPiece

    sess = make_session()
    member = as_role("member")
    member.post(f"/o/org-a/sessions/{sess.id}/next")
    member.post(f"/o/org-a/sessions/{sess.id}/note", data={"note": "Wederkerigheid telt"})
    response = member.post(f"/o/org-a/sessions/{sess.id}/opinion")
    assert response.status_code == 303
    piece = db.session.query(OpinionPiece).one()
    assert piece.title == sess.title
    contribution = db.session.query(Contribution).one()
    assert contribution.author_id == world.member.id and "Wederkerigheid telt" in contribution.body


def test_reload_resumes_where_the_session_is(app, make_session, as_role):
    sess = make_session("speeddate", minutes=2, rounds=2)
    guests = [_join_guest(app, sess, name) for name in ("Ana", "Bram", "Chris")]
    as_role("member").post(f"/o/org-a/sessions/{sess.id}/next")
    first = guests[0].get(f"/s/{sess.code}").get_data(as_text=True)
    again = guests[0].get(f"/s/{sess.code}").get_data(as_text=True)
    assert "Round 1" in first and "Now talk with" in first
    assert first.count("Now talk with") == again.count("Now talk with") == 1


def test_speeddate_rounds_countdown_and_learnings(app, make_session, as_role):
    sess = make_session("speeddate", minutes=3, rounds=1)
    guests = [_join_guest(app, sess, name) for name in ("Ana", "Bram", "Chris", "Dirk")]
    member = as_role("member")
    before = utcnow()
    assert member.post(f"/o/org-a/sessions/{sess.id}/next").status_code == 303
    after = utcnow()
    state = guests[0].get(f"/s/{sess.code}/state.json").get_json()
    from datetime import datetime

    ends_at = datetime.fromisoformat(state["ends_at"])
    assert before + timedelta(minutes=3) <= ends_at <= after + timedelta(minutes=3)
    # Every phone counts to the same end time, whatever its own clock says.
    assert {g.get(f"/s/{sess.code}/state.json").get_json()["ends_at"] for g in guests} == {state["ends_at"]}
    assert len(state["you"]["talk_with"]) == 1 and state["you"]["question"]
    html = guests[1].get(f"/s/{sess.code}").get_data(as_text=True)
    assert f'data-ends-at="{state["ends_at"]}"' in html
    # No learning before the close.
    assert guests[0].post(f"/s/{sess.code}/answer", data={"learning": "x"}).status_code == 409
    member.post(f"/o/org-a/sessions/{sess.id}/next")  # the close
    assert guests[0].get(f"/s/{sess.code}/state.json").get_json()["you"]["learning"] is True
    assert guests[0].post(f"/s/{sess.code}/answer", data={"learning": ""}).status_code == 422
    assert guests[0].post(f"/s/{sess.code}/answer", data={"learning": "Bram kent de buurt"}).status_code == 303
    assert member.post(f"/o/org-a/sessions/{sess.id}/next").status_code == 409
    summary = member.get(f"/o/org-a/sessions/{sess.id}/summary").get_data(as_text=True)
    assert "Bram kent de buurt" in summary


def test_speeddate_needs_two_people(make_session, as_role):
    sess = make_session("speeddate")
    response = as_role("member").post(f"/o/org-a/sessions/{sess.id}/next")
    assert response.status_code == 409
    assert "At least two people" in response.get_data(as_text=True)


def test_the_phone_stream_starts_with_the_state(app, make_session):
    sess = make_session()
    assert _client(app).get(f"/s/{sess.code}/events").status_code == 403
    guest = _join_guest(app, sess)
    response = guest.get(f"/s/{sess.code}/events")
    assert response.status_code == 200 and response.mimetype == "text/event-stream"
    first = next(response.response)
    response.close()
    assert "event: state" in (first.decode() if isinstance(first, bytes) else first)


def test_participant_fragment_for_htmx(app, make_session):
    sess = make_session()
    guest = _join_guest(app, sess)
    html = guest.get(f"/s/{sess.code}", headers={"HX-Request": "true", "HX-Target": "participant-state"}).get_data(
        as_text=True
    )
    assert html.lstrip().startswith('<div id="participant-state"')


def test_round_fragment_for_htmx(app, make_session, as_role):
    sess = make_session("speeddate")
    guests = [_join_guest(app, sess, name) for name in ("Ana", "Bram")]
    as_role("member").post(f"/o/org-a/sessions/{sess.id}/next")
    response = guests[0].get(f"/s/{sess.code}", headers={"HX-Request": "true", "HX-Target": "participant-state"})
    assert response.status_code == 200
    assert "Now talk with Bram" in response.get_data(as_text=True)
    facilitator = as_role("member").get(
        f"/o/org-a/sessions/{sess.id}", headers={"HX-Request": "true", "HX-Target": "live-state"}
    )
    assert facilitator.status_code == 200 and "Ana · Bram" in facilitator.get_data(as_text=True)


def test_guest_joins_are_rate_limited(app, make_session):
    app.config["RESOKIT_SESSION_JOIN_LIMIT"] = "2 per minute"
    sess = make_session()
    statuses = [_client(app).post(f"/s/{sess.code}/join", data={"name": f"Gast {n}"}).status_code for n in range(3)]
    assert statuses == [303, 303, 429]


def test_answers_are_limited_per_phone_not_per_room(app, make_session, as_role):
    app.config["RESOKIT_SESSION_ANSWER_LIMIT"] = "1 per minute"
    sess = make_session()
    ana, bram = _join_guest(app, sess, "Ana"), _join_guest(app, sess, "Bram")
    as_role("member").post(f"/o/org-a/sessions/{sess.id}/next")
    db.session.expire_all()
    card = db.session.get(TeamSession, sess.id).state["drawn"][0]
    answer = {"card": card, "note": "Een gedachte"}
    assert ana.post(f"/s/{sess.code}/answer", data=answer).status_code == 303
    assert ana.post(f"/s/{sess.code}/answer", data=answer).status_code == 429
    assert bram.post(f"/s/{sess.code}/answer", data=answer).status_code == 303


def test_each_tool_has_its_own_page(make_session, as_role):
    make_session("kletspot")
    make_session("speeddate")
    viewer = as_role("viewer")
    page = viewer.get("/o/org-a/sessions/speeddate").get_data(as_text=True)
    assert "Sessie speeddate" in page and "Sessie kletspot" not in page
    assert "Sessie kletspot" in viewer.get("/o/org-a/sessions?format=kletspot").get_data(as_text=True)
    assert 'name="format"' not in page  # viewers start no sessions


def test_guessing_codes_is_slowed_down_but_a_room_is_not(app, make_session):
    app.config["RESOKIT_SESSION_MISS_LIMIT"] = "2 per minute"
    sess = make_session()
    visitor = _client(app)
    for _ in range(5):
        assert visitor.get(f"/s/{sess.code}").status_code == 200  # hits are not counted
    assert [visitor.get(f"/s/AAAAA{n}").status_code for n in range(3)] == [404, 404, 429]
