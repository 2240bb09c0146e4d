"""Matches: proposing, moving through the stages on the board, steps, versions and conflicts."""

from __future__ import annotations

import sqlalchemy as sa

from resokit_web.extensions import db
from resokit_web.roles.models import Match, MatchStep

from ..conftest import HX
from ..factories.people import PersonFactory, RoleFactory


def test_proposing_a_match(as_role, world, person, role):
    response = as_role("member").post("/o/org-a/matches", data={"person": person.id, "role": role.id})
    assert response.status_code == 303
    [match] = db.session.scalars(sa.select(Match))
    assert (match.person_id, match.role_id, match.stage, match.version) == (person.id, role.id, "idea", 1)
    assert [s.stage for s in match.steps] == ["idea"]
    data = as_role("member").get("/o/org-a/matches.json").get_json()
    assert data == [{"id": match.id, "person": person.id, "role": role.id, "stage": "idea", "version": 1}]


def test_bad_match_proposals(as_role, world, person, role, match):
    client = as_role("member")
    again = client.post("/o/org-a/matches", data={"person": person.id, "role": role.id})
    assert again.status_code == 422 and "already a match" in again.get_data(as_text=True)
    other_person = PersonFactory(organisation_id=world.org_b.id)
    other_role = RoleFactory(organisation_id=world.org_b.id)
    db.session.commit()
    response = client.post("/o/org-a/matches", data={"person": other_person.id, "role": role.id})
    assert response.status_code == 422 and 'id="person-error"' in response.get_data(as_text=True)
    response = client.post("/o/org-a/matches", data={"person": person.id, "role": other_role.id})
    assert response.status_code == 422 and 'id="role-error"' in response.get_data(as_text=True)
    response = client.post("/o/org-a/matches", data={"person": "", "role": "abc"})
    assert response.status_code == 422
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Match)) == 1


def test_moving_through_every_stage(as_role, world, match):
    client = as_role("member")
    for version, stage in enumerate(("explored", "trying", "active"), start=1):
        response = client.post(f"/o/org-a/matches/{match.id}", data={"stage": stage, "version": version})
        assert response.status_code == 303
    no_outcome = client.post(f"/o/org-a/matches/{match.id}", data={"stage": "ended", "version": 4})
    assert no_outcome.status_code == 422 and 'id="outcome-error"' in no_outcome.get_data(as_text=True)
    ended = client.post(
        f"/o/org-a/matches/{match.id}",
        data={"stage": "ended", "outcome": "continues", "version": 4, "note": "Blijft elke week komen."},
    )
    assert ended.status_code == 303
    db.session.expire_all()
    assert (match.stage, match.outcome, match.version) == ("ended", "continues", 5)
    steps = db.session.scalars(sa.select(MatchStep).where(MatchStep.match_id == match.id).order_by(MatchStep.id))
    assert [(s.stage, s.text) for s in steps][-2:] == [("active", ""), ("ended", "Blijft elke week komen.")]
    page = client.get(f"/o/org-a/matches/{match.id}").get_data(as_text=True)
    assert "Blijft elke week komen." in page and "Keeps the role" in page


def test_unknown_stage_and_over_long_note(as_role, world, match):
    client = as_role("member")
    response = client.post(f"/o/org-a/matches/{match.id}", data={"stage": "flying", "version": 1})
    assert response.status_code == 422 and 'id="stage-error"' in response.get_data(as_text=True)
    response = client.post(f"/o/org-a/matches/{match.id}", data={"stage": "explored", "version": 1, "note": "x" * 1001})
    assert response.status_code == 422 and 'id="note-error"' in response.get_data(as_text=True)
    assert client.post(f"/o/org-a/matches/{match.id}", data={"stage": "explored"}).status_code == 428
    db.session.expire_all()
    assert match.version == 1 and match.stage == "idea"


def test_the_board_moves_a_card_with_htmx(as_role, world, match):
    client = as_role("member")
    board = client.get("/o/org-a/matches").get_data(as_text=True)
    assert f'id="match-{match.id}-next"' in board and "sse:match" in board
    response = client.post(
        f"/o/org-a/matches/{match.id}",
        data={"stage": "explored", "version": 1, "from": "board"},
        headers=HX("match-board")(),
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and html.startswith('<div id="match-board"') and "<html" not in html
    assert f'id="match-{match.id}-back"' in html and 'name="version" value="2"' in html
    # A live refresh of the board is the same block.
    refresh = client.get("/o/org-a/matches", headers=HX("match-board")())
    assert refresh.get_data(as_text=True).startswith('<div id="match-board"')


def test_a_move_sent_back_from_the_board_shows_what_was_chosen(as_role, world, match):
    """ "Ended" without an outcome: the card comes back with its "Move to…" open on that
    choice, the outcome field marked, and the previous success message cleared."""
    import re

    client = as_role("member")
    response = client.post(
        f"/o/org-a/matches/{match.id}",
        data={"stage": "ended", "outcome": "", "version": 1, "from": "board"},
        headers=HX("match-board")(),
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    card = html[html.index(f'<li id="match-{match.id}"') :]
    card = card[: card.index("</li>")]
    assert '<details class="move-any" open>' in card
    assert re.search(r'<option value="ended"\s+selected>', card)
    assert f'id="match-{match.id}-outcome" aria-invalid="true" aria-describedby="match-{match.id}-error"' in card
    assert f'id="match-{match.id}-error"' in card
    assert '<div id="status" hx-swap-oob="innerHTML"></div>' in html
    # Other cards, and the same card after a good move, stay closed.
    ok = client.post(
        f"/o/org-a/matches/{match.id}",
        data={"stage": "explored", "version": 1, "from": "board"},
        headers=HX("match-board")(),
    ).get_data(as_text=True)
    assert 'move-any" open' not in ok and "aria-invalid" not in ok
    db.session.expire_all()
    assert match.stage == "explored"


def test_two_members_moving_one_match(as_role, world, match):
    """Both start from version 1. The same move twice is no conflict; different moves are."""
    first, second = as_role("member"), as_role("coordinator")
    url = f"/o/org-a/matches/{match.id}"
    assert first.post(url, data={"stage": "explored", "version": 1, "from": "board"}).status_code == 303
    same = second.post(url, data={"stage": "explored", "version": 1, "from": "board"}, headers=HX("match-board")())
    assert same.status_code == 200 and "already at" in same.get_data(as_text=True)
    # The first moves on; the second, still seeing version 2 ("explored"), moves the card back to "idea".
    assert first.post(url, data={"stage": "trying", "version": 2}).status_code == 303
    clash = second.post(
        url,
        data={"stage": "idea", "version": 2, "from": "board", "note": "Toch nog niet."},
        headers=HX("match-board")(),
    )
    assert clash.status_code == 409
    html = clash.get_data(as_text=True)
    assert html.startswith('<div id="match-board" class="board-conflict"')
    assert "__choice_stage" in html and "Trying out" in html and "Toch nog niet." in html
    db.session.expire_all()
    assert match.stage == "trying" and match.version == 3
    # The second keeps their own move, with their note.
    chosen = second.post(
        url,
        data={
            "stage": "idea",
            "__theirs_stage": "trying",
            "__choice_stage": "yours",
            "outcome": "",
            "notes": "",
            "version": 3,
            "from": "board",
            "note": "Toch nog niet.",
        },
        headers=HX("match-board")(),
    )
    assert chosen.status_code == 200
    db.session.expire_all()
    assert match.stage == "idea" and match.version == 4
    assert match.steps[0].text == "Toch nog niet."


def test_steps_and_notes(as_role, world, match):
    client = as_role("member")
    response = client.post(
        f"/o/org-a/matches/{match.id}/steps", data={"happened_on": "2026-01-05", "text": "Samen gaan kijken."}
    )
    assert response.status_code == 303
    assert client.post(f"/o/org-a/matches/{match.id}/steps", data={"text": ""}).status_code == 422
    assert (
        client.post(
            f"/o/org-a/matches/{match.id}/steps", data={"happened_on": "2999-01-01", "text": "Later"}
        ).status_code
        == 422
    )
    notes = client.post(
        f"/o/org-a/matches/{match.id}", data={"stage": "idea", "version": 1, "notes": "Houdt van vroege uren."}
    )
    assert notes.status_code == 303
    db.session.expire_all()
    assert match.notes == "Houdt van vroege uren." and match.version == 2 and match.stage == "idea"
    page = client.get(f"/o/org-a/matches/{match.id}").get_data(as_text=True)
    assert "Samen gaan kijken." in page and "Houdt van vroege uren." in page
    history = client.get(f"/o/org-a/matches/{match.id}/history").get_data(as_text=True)
    assert "Houdt van vroege uren." in history
