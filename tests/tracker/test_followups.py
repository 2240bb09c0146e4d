"""The tracker on the overview (to-dos), rounds closing in Brussels time, a member leaving."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy as sa

from resokit_web.extensions import db
from resokit_web.tracker import service
from resokit_web.tracker.models import Round
from resokit_web.tracker.service import brussels_today, create_action, save_answers

from ..factories.tracker import tracker_round

SECRET = "Ik zag dat de huisbezoeken stopten"


def _overview(client) -> str:
    """The overview's "what needs doing" list (the feed below it names actions too)."""
    response = client.get("/o/org-a/")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    start = html.index('id="todo-list"')
    return html[start : html.index("</section>", start)]


# --- The overview's to-dos ------------------------------------------------------------------


def test_an_open_round_you_have_not_answered_is_on_the_overview(world, as_role):
    rnd = tracker_round(world.org_a, revealed=False, title="Zelfscan lente")
    rnd.closes_on = brussels_today() + timedelta(days=10)
    db.session.commit()
    member = as_role("member")
    html = _overview(member)
    assert "1 open round you have not answered yet (closes on " in html
    assert f'href="/o/org-a/tracker/rounds/{rnd.id}"' in html and "Zelfscan lente" in html
    # Someone else's answer does not count as yours.
    save_answers(rnd, world.coordinator.id, {rnd.statement_ids[0]: ("3", "")}, signed=False)
    db.session.commit()
    assert "open round you have not answered yet" in _overview(member)
    sid = rnd.statement_ids[0]
    member.post(f"/o/org-a/tracker/rounds/{rnd.id}/answers", data={f"s{sid}": "4"})
    assert "open round you have not answered yet" not in _overview(member)
    # A viewer answers no round: no such line for them.
    assert "open round you have not answered yet" not in _overview(as_role("viewer"))


def test_a_closed_round_is_no_to_do(world, as_role):
    rnd = tracker_round(world.org_a)
    rnd.closed_at = datetime.now(UTC)
    db.session.commit()
    assert "open round" not in _overview(as_role("member"))


def test_two_open_rounds_name_the_one_closing_first(world, as_role):
    later = tracker_round(world.org_a, title="Later")
    later.closes_on = brussels_today() + timedelta(days=20)
    sooner = tracker_round(world.org_a, title="Sooner")
    sooner.closes_on = brussels_today() + timedelta(days=2)
    db.session.commit()
    html = _overview(as_role("member"))
    assert "2 open rounds you have not answered yet (the first closes on " in html
    assert html.index("Sooner") < html.index("Later")


def _action(world, title: str, days: int, *, owner=None, status="open"):
    due = (brussels_today() + timedelta(days=days)).isoformat()
    action = create_action(
        world.org_a.id,
        {"title": title, "owner": owner, "due_on": due, "status": status, "statement_id": None},
        user_id=None,
    )
    db.session.commit()
    return action


def test_actions_due_within_a_week_the_viewers_own_first(world, as_role):
    mine = _action(world, "Huisbezoeken plannen", 3, owner=world.member.id)
    _action(world, "Folder vertalen", -2, owner=world.coordinator.id)  # overdue
    _action(world, "Later werk", 30, owner=world.member.id)  # not due yet
    _action(world, "Klaar", 1, owner=world.member.id, status="done")
    html = _overview(as_role("member"))
    assert "1 of your actions is due within 7 days or overdue" in html
    assert 'href="/o/org-a/tracker#actions"' in html
    assert f'href="/o/org-a/actions/{mine.id}/edit"' in html
    assert "Folder vertalen" not in html and "Later werk" not in html
    # The coordinator has one of their own (overdue) ...
    assert "1 of your actions is due within 7 days or overdue" in _overview(as_role("coordinator"))
    # ... and with none of their own, a member sees the team's.
    db.session.execute(sa.update(service.Action).values(owner=None))
    db.session.commit()
    html = _overview(as_role("member"))
    assert "2 actions of the team are due within 7 days or overdue" in html
    assert html.index("Folder vertalen") < html.index("Huisbezoeken plannen")
    # Viewers see none of it.
    assert "due within 7 days" not in _overview(as_role("viewer"))


def test_no_tracker_to_do_when_nothing_is_waiting(world, as_role):
    html = _overview(as_role("member"))
    assert "open round" not in html and "due within 7 days" not in html


# --- Closing in Brussels time ----------------------------------------------------------------


def _at(monkeypatch, moment: datetime) -> None:
    monkeypatch.setattr(service, "utcnow", lambda: moment)


@pytest.mark.parametrize(
    ("closes_on", "still_open", "closed"),
    [
        # Winter (CET, UTC+1): the end of 28 March is 23:00 UTC.
        (date(2026, 3, 28), datetime(2026, 3, 28, 22, 59, tzinfo=UTC), datetime(2026, 3, 28, 23, 0, tzinfo=UTC)),
        # The night summer time starts (29 March 2026): the end of that day is 22:00 UTC.
        (date(2026, 3, 29), datetime(2026, 3, 29, 21, 59, tzinfo=UTC), datetime(2026, 3, 29, 22, 0, tzinfo=UTC)),
        # Summer (CEST, UTC+2).
        (date(2026, 7, 15), datetime(2026, 7, 15, 21, 59, tzinfo=UTC), datetime(2026, 7, 15, 22, 0, tzinfo=UTC)),
        # The day summer time ends (25 October 2026, 25 hours long): its end is 23:00 UTC.
        (
            date(2026, 10, 25),
            datetime(2026, 10, 25, 22, 59, tzinfo=UTC),
            datetime(2026, 10, 25, 23, 0, tzinfo=UTC),
        ),
    ],
)
def test_a_round_closes_at_midnight_in_brussels(world, as_role, monkeypatch, closes_on, still_open, closed):
    rnd = tracker_round(world.org_a)
    rnd.closes_on = closes_on
    db.session.commit()
    viewer = as_role("viewer")
    _at(monkeypatch, still_open)
    assert viewer.get("/o/org-a/tracker").status_code == 200
    db.session.refresh(rnd)
    assert rnd.closed_at is None
    _at(monkeypatch, closed)
    assert viewer.get("/o/org-a/tracker").status_code == 200
    db.session.refresh(rnd)
    assert rnd.closed_at is not None and rnd.closed_at.astimezone(UTC) == closed


def test_answers_are_taken_until_midnight_in_brussels(world, as_role, monkeypatch):
    rnd = tracker_round(world.org_a)
    rnd.closes_on = date(2026, 7, 15)
    db.session.commit()
    sid = rnd.statement_ids[0]
    member = as_role("member")
    # 23:30 in Brussels, 21:30 UTC: still the closing day.
    _at(monkeypatch, datetime(2026, 7, 15, 21, 30, tzinfo=UTC))
    assert member.post(f"/o/org-a/tracker/rounds/{rnd.id}/answers", data={f"s{sid}": "4"}).status_code == 303
    # 00:30 in Brussels the next day, still 15 July in UTC: closed.
    _at(monkeypatch, datetime(2026, 7, 15, 22, 30, tzinfo=UTC))
    assert member.post(f"/o/org-a/tracker/rounds/{rnd.id}/answers", data={f"s{sid}": "2"}).status_code == 409


def test_the_closing_date_is_checked_against_the_day_in_brussels(world, as_role, monkeypatch):
    coordinator = as_role("coordinator")
    # 00:30 on 16 July in Brussels while it is still 15 July in UTC.
    _at(monkeypatch, datetime(2026, 7, 15, 22, 30, tzinfo=UTC))
    response = coordinator.post("/o/org-a/tracker/rounds", data={"title": "Te laat", "closes_on": "2026-07-15"})
    assert response.status_code == 422 and "The closing date is already past." in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(Round).where(Round.title == "Te laat")) is None
    response = coordinator.post("/o/org-a/tracker/rounds", data={"title": "Vandaag", "closes_on": "2026-07-16"})
    assert response.status_code == 303


# --- A member leaving ---------------------------------------------------------------------------


def test_a_member_who_leaves_no_longer_signs_their_comments(world, as_role):
    rnd = tracker_round(world.org_a)
    sid, other = rnd.statement_ids[0], rnd.statement_ids[1]
    as_role("member").post(
        f"/o/org-a/tracker/rounds/{rnd.id}/answers",
        data={f"s{sid}": "2", f"c{sid}": SECRET, f"s{other}": "5", "signed": "on"},
    )
    as_role("coordinator").post(
        f"/o/org-a/tracker/rounds/{rnd.id}/answers", data={f"s{sid}": "4", f"c{sid}": "Wij wel", "signed": "on"}
    )
    membership = world.membership(world.member)
    response = as_role("coordinator").post(f"/o/org-a/members/{membership.id}/remove")
    assert response.status_code == 303
    data = as_role("viewer").get(f"/o/org-a/tracker/rounds/{rnd.id}/results.json").get_json()
    first = next(s for s in data["statements"] if s["id"] == sid)
    assert sorted(first["comments"], key=lambda c: c["text"]) == [
        {"text": SECRET, "author": None},
        {"text": "Wij wel", "author": "Coordinator A"},
    ]
    # Their answers stay in the results.
    assert first["distribution"]["2"] == 1 and first["distribution"]["4"] == 1
    second = next(s for s in data["statements"] if s["id"] == other)
    assert second["distribution"]["5"] == 1
    page = as_role("viewer").get(f"/o/org-a/tracker/rounds/{rnd.id}").get_data(as_text=True)
    assert SECRET in page and "Member A" not in page
