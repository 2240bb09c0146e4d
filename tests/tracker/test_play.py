"""The game: one statement at a time, votes counted without names, the facilitator's steps."""

from __future__ import annotations

import sqlalchemy as sa

from resokit_web.extensions import db
from resokit_web.tracker.models import Answer, Round

from ..conftest import HX
from ..factories.tracker import tracker_round


def test_votes_count_up_hidden_until_the_facilitator_shows_them(world, as_role):
    rnd = tracker_round(world.org_a, revealed=False)
    sid = rnd.statement_ids[0]
    url = f"/o/org-a/tracker/rounds/{rnd.id}/play"
    coordinator, member = as_role("coordinator"), as_role("member")
    html = coordinator.get(url).get_data(as_text=True)
    assert "Statement 1 of 24" in html and "0 votes" in html and 'data-play-key="next"' in html
    response = member.post(f"/o/org-a/tracker/rounds/{rnd.id}/answers", data={f"s{sid}": "2", "from": "play"})
    assert response.status_code == 303 and response.headers["Location"].endswith("/play")
    count = coordinator.get(url, headers=HX("play-count")()).get_data(as_text=True)
    assert "1 vote" in count and "The votes stay hidden" in count
    assert "data-play-key" not in member.get(url).get_data(as_text=True)  # members vote, the facilitator steps
    assert member.post(url, data={"do": "reveal"}).status_code == 403
    assert coordinator.post(url, data={"do": "reveal"}).status_code == 303
    count = member.get(url, headers=HX("play-count")()).get_data(as_text=True)
    assert "<svg" in count and "Member A" not in count
    # The votes are the round's answers.
    assert db.session.scalar(sa.select(Answer.value).where(Answer.round_id == rnd.id)) == "2"


def test_the_facilitator_steps_and_keeps_a_note(world, as_role):
    rnd = tracker_round(world.org_a, revealed=False)
    url = f"/o/org-a/tracker/rounds/{rnd.id}/play"
    coordinator = as_role("coordinator")
    coordinator.post(url, data={"do": "reveal"})
    coordinator.post(url, data={"do": "next"})
    db.session.refresh(rnd)
    assert (rnd.play_position, rnd.play_revealed) == (1, False)  # the next statement starts hidden
    coordinator.post(url, data={"do": "back"})
    coordinator.post(url, data={"do": "back"})
    db.session.refresh(rnd)
    assert rnd.play_position == 0
    response = coordinator.post(url, data={"do": "note", "note": "Iedereen twijfelt"}, headers=HX("play-stage")())
    assert response.status_code == 200 and "Iedereen twijfelt" in response.get_data(as_text=True)
    db.session.refresh(rnd)
    assert rnd.play_notes == {str(rnd.statement_ids[0]): "Iedereen twijfelt"}
    assert coordinator.post(url, data={"do": "jump"}).status_code == 422
    assert coordinator.post(url, data={"do": "note", "note": "x" * 2001}).status_code == 422
    rnd.revealed_at = rnd.opened_at
    db.session.commit()
    assert "Iedereen twijfelt" in as_role("viewer").get(f"/o/org-a/tracker/rounds/{rnd.id}").get_data(as_text=True)


def test_the_last_statement_stays_the_last(world, as_role):
    rnd = tracker_round(world.org_a)
    url = f"/o/org-a/tracker/rounds/{rnd.id}/play"
    rnd.play_position = 23
    db.session.commit()
    as_role("coordinator").post(url, data={"do": "next"})
    assert db.session.get(Round, rnd.id).play_position == 23
