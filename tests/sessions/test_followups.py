"""Team sessions' follow-ups: nothing typed is lost, the team's cards as versioned objects,
the guests' data purge, activity lines, the phones' stream quotas, the navigation."""

from __future__ import annotations

from resokit_web.activity.labels import describe
from resokit_web.activity.models import Activity
from resokit_web.activity.service import recent
from resokit_web.extensions import db
from resokit_web.sessions.models import Entry, TeamCard, TeamSession
from resokit_web.sessions.service import add_team_card, card_for, deck_keys

from ..conftest import speaking


def _client(app):
    return speaking(app.test_client(), "en")


def _join_guest(app, sess, name="Fatima"):
    guest = _client(app)
    assert guest.post(f"/s/{sess.code}/join", data={"name": name}).status_code == 303
    return guest


# --- 1. Nothing typed is lost ------------------------------------------------------------


def test_a_text_for_a_step_that_has_gone_is_given_back(app, make_session, as_role):
    sess = make_session("inclusietafels")
    guest = _join_guest(app, sess)
    member = as_role("member")
    member.post(f"/o/org-a/sessions/{sess.id}/next")  # position before
    member.post(f"/o/org-a/sessions/{sess.id}/next")  # arguments
    member.post(f"/o/org-a/sessions/{sess.id}/next")  # position after: arguments are closed
    response = guest.post(f"/s/{sess.code}/answer", data={"side": "for", "argument": "Buren kennen elkaar"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Buren kennen elkaar" in page and 'id="unsent-text"' in page
    assert db.session.query(Entry).filter_by(kind="argument").count() == 0


def test_a_note_typed_for_an_earlier_card_is_still_kept(app, make_session, as_role):
    sess = make_session()
    guest = _join_guest(app, sess)
    member = as_role("member")
    member.post(f"/o/org-a/sessions/{sess.id}/next")
    db.session.expire_all()
    first = sess.state["drawn"][0]
    member.post(f"/o/org-a/sessions/{sess.id}/next")
    response = guest.post(f"/s/{sess.code}/answer", data={"card": first, "note": "Nog over de eerste kaart"})
    assert response.status_code == 303
    assert db.session.query(Entry).filter_by(kind="note", ref=first).one().body == "Nog over de eerste kaart"


def test_the_phone_page_carries_the_moved_on_notice(app, make_session):
    sess = make_session()
    page = _join_guest(app, sess).get(f"/s/{sess.code}").get_data(as_text=True)
    assert 'class="session-moved" role="status" hidden' in page and "session-follow" in page


# --- 2. The team's cards as versioned objects ---------------------------------------------


def _card(world, text="Wat betekent thuis voor jou?"):
    card = add_team_card(world.org_a.id, "words", text, world.member.id)
    db.session.commit()
    return card


def test_a_card_is_edited_with_its_version_and_kept_in_its_history(world, as_role):
    card = _card(world)
    member = speaking(as_role("member"), "en")
    assert member.get(f"/o/org-a/sessions/cards/{card.id}/edit").status_code == 200
    response = member.post(
        f"/o/org-a/sessions/cards/{card.id}", data={"version": "1", "theme": "words", "text": "Wat is thuis?"}
    )
    assert response.status_code == 303
    db.session.expire_all()
    card = db.session.get(TeamCard, card.id)
    assert (card.version, card.text) == (2, "Wat is thuis?")
    history = member.get(f"/o/org-a/sessions/cards/{card.id}/history").get_data(as_text=True)
    assert "Version 2" in history and "Version 1" in history
    assert member.post(f"/o/org-a/sessions/cards/{card.id}/history/1/restore").status_code == 303
    db.session.expire_all()
    assert db.session.get(TeamCard, card.id).text == "Wat betekent thuis voor jou?"
    assert member.post(f"/o/org-a/sessions/cards/{card.id}/history/99/restore").status_code == 404


def test_card_edits_refuse_bad_input_and_meet_conflicts(world, as_role):
    card = _card(world)
    member = speaking(as_role("member"), "en")
    url = f"/o/org-a/sessions/cards/{card.id}"
    assert member.post(url, data={"theme": "words", "text": "x"}).status_code == 428
    empty = member.post(url, data={"version": "1", "theme": "words", "text": ""})
    assert empty.status_code == 422 and "Write the question." in empty.get_data(as_text=True)
    assert member.post(url, data={"version": "1", "theme": "words", "text": "Eerste"}).status_code == 303
    clash = member.post(url, data={"version": "1", "theme": "words", "text": "Tweede"})
    assert clash.status_code == 409
    assert speaking(as_role("viewer"), "en").post(url, data={"version": "2", "text": "Nee"}).status_code == 403
    assert member.get("/o/org-a/sessions/cards/99999/edit").status_code == 404


def test_a_card_is_archived_and_restored_as_new_versions(world, as_role):
    card = _card(world)
    member = as_role("member")
    assert member.post(f"/o/org-a/sessions/cards/{card.id}/archive").status_code == 303
    db.session.expire_all()
    card = db.session.get(TeamCard, card.id)
    assert card.status == "archived" and card.archived_at is not None and card.version == 2
    assert f"own{card.id}" not in deck_keys(world.org_a.id)
    assert member.post(f"/o/org-a/sessions/cards/{card.id}/restore").status_code == 303
    db.session.expire_all()
    card = db.session.get(TeamCard, card.id)
    assert card.status == "open" and card.archived_at is None and card.version == 3
    assert f"own{card.id}" in deck_keys(world.org_a.id)
    actions = [a.action for a in db.session.query(Activity).filter_by(object_type="session_card")]
    assert sorted(actions) == ["session_card.archived", "session_card.created", "session_card.restored"]


# --- 4. Activity ---------------------------------------------------------------------------------


def test_starting_ending_and_an_opinion_piece_write_activity_lines(world, as_role, app):
    member = speaking(as_role("member"), "en")
    member.post("/o/org-a/sessions", data={"format": "kletspot", "title": "Teamdag Kuregem"})
    sess = db.session.query(TeamSession).one()
    member.post(f"/o/org-a/sessions/{sess.id}/end")
    member.post(f"/o/org-a/sessions/{sess.id}/opinion")
    lines = db.session.query(Activity).filter_by(object_type="team_session", object_id=sess.id).all()
    assert sorted(a.action for a in lines) == ["team_session.ended", "team_session.opinion", "team_session.started"]
    assert {a.user_id for a in lines} == {world.member.id}
    with app.test_request_context("/o/org-a/dashboard"):
        from flask import g

        g.org = world.org_a
        items = describe(recent(world.org_a.id), grouped=True)
    texts = " ".join(str(item) for item in items)
    assert "startte een teamsessie" in texts and "Teamdag Kuregem" in texts  # (the default locale)


def test_a_team_card_is_drawn_as_itself_never_as_one_of_our_cards(world, app):
    card = _card(world, "Onze eigen vraag")
    with app.test_request_context():
        assert card_for(world.org_a.id, f"own{card.id}").text == "Onze eigen vraag"
        assert card_for(world.org_a.id, f"t{card.id}").text != "Onze eigen vraag"
