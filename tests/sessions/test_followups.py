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


# --- 3. The guests' data purge ---------------------------------------------------------------


def test_guests_are_anonymised_once_their_seat_ended_beyond_the_retention(app, make_session, as_role, world):
    from datetime import timedelta

    from resokit_web.extensions import utcnow
    from resokit_web.sessions.models import Participant
    from resokit_web.sessions.retention import purge_guests

    sess = make_session()
    _join_guest(app, sess, "Fatima")
    _join_guest(app, sess, "Youssef")
    as_role("member").post(f"/s/{sess.code}/join")
    as_role("member").post(f"/o/org-a/sessions/{sess.id}/end")
    fresh = make_session("speeddate")
    _join_guest(app, fresh, "Aïcha")
    with app.app_context():
        assert purge_guests() == 0  # within the retention
        later = utcnow() + timedelta(days=31)
        assert purge_guests(now=later, dry_run=True) == 3
        assert purge_guests(now=later) == 3
        assert purge_guests(now=later) == 0  # once
    db.session.expire_all()
    names = {p.display_name: p for p in db.session.query(Participant)}
    assert "Fatima" not in names and "Youssef" not in names and "Aïcha" not in names
    assert {"Gast 1", "Gast 2"} <= set(names)  # numbered per session, in the default locale
    assert names["Gast 1"].anonymised_at is not None
    assert any(p.user_id == world.member.id for p in names.values())  # team members keep theirs


def test_the_purge_command_counts_and_anonymises(app, make_session):
    sess = make_session()
    _join_guest(app, sess)
    runner = app.test_cli_runner()
    result = runner.invoke(args=["sessions", "purge-guests", "--dry-run"])
    assert result.exit_code == 0 and "would anonymise 0 guests" in result.output
    app.config["RESOKIT_SESSION_GUEST_RETENTION_DAYS"] = -1  # every ended seat is due
    db.session.query(TeamSession).update({"status": "ended", "ended_at": sess.started_at})
    db.session.commit()
    result = runner.invoke(args=["sessions", "purge-guests"])
    assert "anonymised 1 guests" in result.output


def test_flask_purge_also_anonymises_the_guests(app, make_session):
    from resokit_web.sessions.models import Participant

    sess = make_session()
    _join_guest(app, sess, "Fatima")
    runner = app.test_cli_runner()
    result = runner.invoke(args=["purge", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "sessions: would anonymise 0 guests" in result.output
    app.config["RESOKIT_SESSION_GUEST_RETENTION_DAYS"] = -1  # every ended seat is due
    db.session.query(TeamSession).update({"status": "ended", "ended_at": sess.started_at})
    db.session.commit()
    result = runner.invoke(args=["purge", "--dry-run"])
    assert "sessions: would anonymise 1 guests" in result.output
    db.session.expire_all()
    assert db.session.query(Participant).filter_by(display_name="Fatima").count() == 1  # a dry run changes nothing
    result = runner.invoke(args=["purge"])
    assert result.exit_code == 0, result.output
    assert "total: erased 0" in result.output and "sessions: anonymised 1 guests" in result.output
    db.session.expire_all()
    guest = db.session.query(Participant).filter(Participant.user_id.is_(None)).one()
    assert guest.display_name == "Gast 1" and guest.anonymised_at is not None


def test_the_sweep_runs_after_a_sessions_page_once_an_interval(app, make_session):
    sess = make_session()
    _join_guest(app, sess)
    app.config["RESOKIT_SESSION_GUEST_RETENTION_DAYS"] = -1
    db.session.query(TeamSession).update({"status": "ended", "ended_at": sess.started_at})
    db.session.commit()
    sweeper = app.extensions["resokit_session_sweeper"]
    sweeper.next_sweep = 0
    _client(app).get(f"/s/{sess.code}")
    db.session.expire_all()
    from resokit_web.sessions.models import Participant

    assert db.session.query(Participant).one().display_name == "Gast 1"
    assert sweeper.next_sweep > 0


# --- 5. The phones' stream goes through the stream quotas ----------------------------------


def _phone_stream(client, sess):
    response = client.get(f"/s/{sess.code}/events", buffered=False)
    return response


def test_a_guest_seat_is_its_own_person_for_the_stream_quotas(app, make_session):
    app.config.update(RESOKIT_SSE_PER_USER=1)
    sess = make_session()
    fatima, youssef = _join_guest(app, sess, "Fatima"), _join_guest(app, sess, "Youssef")
    first = _phone_stream(fatima, sess)
    assert first.status_code == 200
    other = _phone_stream(youssef, sess)  # another seat: a person of its own
    assert other.status_code == 200
    refused = _phone_stream(fatima, sess)  # the same seat past its quota
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 0
    for response in (first, other):
        response.close()
    assert _phone_stream(fatima, sess).status_code == 200  # a closed stream gives its slot back


def test_a_phone_past_its_session_quota_ends_its_oldest_stream(app, make_session):
    app.config.update(RESOKIT_SSE_PER_SESSION=1, RESOKIT_SSE_HEARTBEAT=0.01)
    sess = make_session()
    fatima = _join_guest(app, sess, "Fatima")
    first = _phone_stream(fatima, sess)
    second = _phone_stream(fatima, sess)  # the phone reloaded: the old page's stream goes
    assert (first.status_code, second.status_code) == (200, 200)
    seen = []
    for chunk in first.response:
        seen.append(chunk.decode())
        if len(seen) > 500:
            raise AssertionError("the oldest stream did not end")
    assert "event: state" in "".join(seen)
    second.close()


def test_an_organisation_past_its_stream_quota_refuses_a_phone_with_429(app, make_session):
    app.config.update(RESOKIT_SSE_PER_ORG=1)
    sess = make_session()
    fatima, youssef = _join_guest(app, sess, "Fatima"), _join_guest(app, sess, "Youssef")
    held = _phone_stream(fatima, sess)
    assert held.status_code == 200
    refused = _phone_stream(youssef, sess)
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 0
    held.close()


# --- 6. The navigation -------------------------------------------------------------------------


def _current_links(html: str) -> list[str]:
    import re

    return re.findall(r'<a[^>]*href="([^"]+)"[^>]*aria-current="page"', html) + re.findall(
        r'<a[^>]*aria-current="page"[^>]*href="([^"]+)"', html
    )


def test_a_session_and_its_summary_mark_their_formats_page_as_current(as_role, make_session):
    sess = make_session("speeddate")
    member = as_role("member")
    for url in (f"/o/org-a/sessions/{sess.id}", f"/o/org-a/sessions/{sess.id}/summary"):
        current = _current_links(member.get(url).get_data(as_text=True))
        assert "/o/org-a/sessions/speeddate" in current, current
        assert not any(link.endswith(("/sessions/kletspot", "/sessions/wandeling")) for link in current)


def test_the_card_pages_mark_our_own_cards_as_current(world, as_role):
    card = _card(world)
    member = as_role("member")
    for url in (f"/o/org-a/sessions/cards/{card.id}/edit", f"/o/org-a/sessions/cards/{card.id}/history"):
        current = _current_links(member.get(url).get_data(as_text=True))
        assert "/o/org-a/sessions/cards" in current, current
        assert "/o/org-a/sessions/kletspot" not in current


def test_the_cards_list_follows_colleagues_live(world, as_role):
    card = _card(world, "Een kaart van het team")
    member = as_role("member")
    page = member.get("/o/org-a/sessions/cards").get_data(as_text=True)
    assert 'hx-trigger="sse:session_card"' in page
    fragment = member.get(
        "/o/org-a/sessions/cards", headers={"HX-Request": "true", "HX-Target": "team-cards"}
    ).get_data(as_text=True)
    assert fragment.lstrip().startswith('<section id="team-cards"') and card.text in fragment
    assert "<h1" not in fragment
