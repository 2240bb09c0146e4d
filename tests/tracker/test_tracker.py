"""The inclusion tracker: rounds, hidden answers, results, trend, statements, actions."""

from __future__ import annotations

from datetime import UTC, date, datetime

import sqlalchemy as sa

from resokit_web.extensions import db
from resokit_web.live.sse import format_sse
from resokit_web.tracker.models import Action, Answer, Round, Statement
from resokit_web.tracker.service import save_answers

from ..conftest import HX
from ..factories.tracker import tracker_round

SECRET = "Onze huisbezoeken zijn gestopt"


def _open(as_role, title="Zelfscan voorjaar"):
    response = as_role("coordinator").post("/o/org-a/tracker/rounds", data={"title": title, "closes_on": "2099-03-31"})
    assert response.status_code == 303
    return db.session.scalar(sa.select(Round).where(Round.title == title))


def _first(rnd: Round) -> int:
    return rnd.statement_ids[0]


def test_open_a_round_and_answer(world, as_role):
    rnd = _open(as_role)
    assert len(rnd.statement_ids) == 24 and rnd.status == "open"
    member = as_role("member")
    page = member.get(f"/o/org-a/tracker/rounds/{rnd.id}").get_data(as_text=True)
    assert f'name="s{_first(rnd)}"' in page and 'value="unknown"' in page
    sid = _first(rnd)
    response = member.post(f"/o/org-a/tracker/rounds/{rnd.id}/answers", data={f"s{sid}": "4", f"c{sid}": SECRET})
    assert response.status_code == 303
    # Changed before the close: still one answer, the new value.
    member.post(f"/o/org-a/tracker/rounds/{rnd.id}/answers", data={f"s{sid}": "unknown", f"c{sid}": SECRET})
    answers = db.session.scalars(sa.select(Answer).where(Answer.round_id == rnd.id)).all()
    assert [(a.value, a.comment) for a in answers] == [("unknown", SECRET)]


def test_answers_are_hidden_before_the_reveal(world, as_role):
    rnd = _open(as_role)
    sid = _first(rnd)
    as_role("member").post(f"/o/org-a/tracker/rounds/{rnd.id}/answers", data={f"s{sid}": "1", f"c{sid}": SECRET})
    coordinator = as_role("coordinator")
    for client in (coordinator, as_role("viewer")):
        html = client.get(f"/o/org-a/tracker/rounds/{rnd.id}").get_data(as_text=True)
        assert SECRET not in html and "1 member has answered." in html
        fragment = client.get(f"/o/org-a/tracker/rounds/{rnd.id}", headers=HX("round-status")()).get_data(as_text=True)
        assert SECRET not in fragment and "1 member has answered." in fragment
    for role in ("member", "coordinator", "viewer"):
        response = as_role(role).get(f"/o/org-a/tracker/rounds/{rnd.id}/results.json")
        assert response.status_code == 403 and SECRET not in response.get_data(as_text=True)
    # Revealing is the coordinator's.
    assert as_role("member").post(f"/o/org-a/tracker/rounds/{rnd.id}/reveal").status_code == 403
    assert coordinator.post(f"/o/org-a/tracker/rounds/{rnd.id}/reveal").status_code == 303
    data = as_role("member").get(f"/o/org-a/tracker/rounds/{rnd.id}/results.json").get_json()
    first = next(s for s in data["statements"] if s["id"] == sid)
    assert first["distribution"]["1"] == 1 and first["comments"] == [{"text": SECRET, "author": None}]
    html = coordinator.get(f"/o/org-a/tracker/rounds/{rnd.id}").get_data(as_text=True)
    assert SECRET in html and "— Member A" not in html


def test_a_signed_comment_shows_its_author_after_the_reveal(world, as_role):
    rnd = tracker_round(world.org_a)
    sid = _first(rnd)
    as_role("member").post(
        f"/o/org-a/tracker/rounds/{rnd.id}/answers", data={f"s{sid}": "3", f"c{sid}": SECRET, "signed": "on"}
    )
    data = as_role("viewer").get(f"/o/org-a/tracker/rounds/{rnd.id}/results.json").get_json()
    first = next(s for s in data["statements"] if s["id"] == sid)
    assert first["comments"] == [{"text": SECRET, "author": "Member A"}]


def test_the_stream_carries_no_answer(world, as_role, app, monkeypatch):
    rnd = tracker_round(world.org_a, revealed=False)
    sid = _first(rnd)
    sent = []
    monkeypatch.setattr(app.extensions["resokit_bus"], "publish", sent.append)
    as_role("member").post(f"/o/org-a/tracker/rounds/{rnd.id}/answers", data={f"s{sid}": "5", f"c{sid}": SECRET})
    ours = [e for e in sent if e.type == "tracker_round"]
    assert [e.id for e in ours] == [rnd.id]
    assert all(SECRET not in format_sse(e) and '"5"' not in format_sse(e) for e in ours)


def test_bad_answers(world, as_role):
    rnd = _open(as_role)
    sid = _first(rnd)
    url = f"/o/org-a/tracker/rounds/{rnd.id}/answers"
    member = as_role("member")
    response = member.post(url, data={f"s{sid}": "7"})
    assert response.status_code == 422
    assert "Choose one of the answers on the scale" in response.get_data(as_text=True)
    assert member.post(url, data={f"c{sid}": "a comment"}).status_code == 422
    assert member.post(url, data={}).status_code == 422
    assert as_role("viewer").post(url, data={f"s{sid}": "3"}).status_code == 403
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Answer)) == 0
    as_role("coordinator").post(f"/o/org-a/tracker/rounds/{rnd.id}/close")
    response = member.post(url, data={f"s{sid}": "3"})
    assert response.status_code == 409 and "This round is closed" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Answer)) == 0


def test_one_answer_set_per_member_and_round(world):
    rnd = tracker_round(world.org_a)
    sid = _first(rnd)
    for value in ("1", "2", "3"):
        save_answers(rnd, world.member.id, {sid: (value, "")}, signed=False)
    db.session.commit()
    rows = db.session.scalars(sa.select(Answer).where(Answer.round_id == rnd.id)).all()
    assert [(r.user_id, r.value) for r in rows] == [(world.member.id, "3")]


def test_round_validation(world, as_role):
    coordinator = as_role("coordinator")
    response = coordinator.post("/o/org-a/tracker/rounds", data={"title": "", "closes_on": "2020-01-01"})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Give the round a title." in html and "The closing date is already past." in html
    assert (
        as_role("member").post("/o/org-a/tracker/rounds", data={"title": "x", "closes_on": "2099-01-01"}).status_code
        == 403
    )
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Round)) == 0


def test_trend_json_and_csv(world, as_role):
    rnd = tracker_round(world.org_a, title="Zelfscan juni")
    statements = {s.id: s for s in db.session.scalars(sa.select(Statement).where(Statement.id.in_(rnd.statement_ids)))}
    organisatie = [i for i in rnd.statement_ids if statements[i].block == "organisatie"]
    save_answers(rnd, world.member.id, {i: ("5", "") for i in organisatie}, signed=False)
    save_answers(rnd, world.coordinator.id, {i: ("3", "") for i in organisatie}, signed=False)
    db.session.commit()
    viewer = as_role("viewer")
    assert viewer.get("/o/org-a/tracker.json").get_json() == {"rounds": []}  # closed rounds only
    as_role("coordinator").post(f"/o/org-a/tracker/rounds/{rnd.id}/close")
    data = viewer.get("/o/org-a/tracker.json").get_json()
    assert len(data["rounds"]) == 1
    row = data["rounds"][0]
    assert set(row) == {"id", "title", "closed_at", "answered", "blocks"}
    # 5 → 100 and 3 → 50: 75; the other blocks were not answered.
    assert row["blocks"] == {"mindset": None, "burger": None, "buurt": None, "organisatie": 75}
    assert row["answered"] == 2 and row["title"] == "Zelfscan juni"
    csv = viewer.get("/o/org-a/tracker.csv").get_data(as_text=True)
    assert csv.splitlines()[0] == "id,title,closed_at,answered,mindset,burger,buurt,organisatie"
    page = viewer.get("/o/org-a/tracker").get_data(as_text=True)
    assert "<svg" in page and "Zelfscan juni" in page


def test_change_since_the_previous_round_in_words(world, as_role):
    for title, value in (("Eerste", "2"), ("Tweede", "4")):
        rnd = tracker_round(world.org_a, title=title)
        save_answers(rnd, world.member.id, {i: (value, "") for i in rnd.statement_ids}, signed=False)
        db.session.commit()
        as_role("coordinator").post(f"/o/org-a/tracker/rounds/{rnd.id}/close")
    page = as_role("viewer").get("/o/org-a/tracker").get_data(as_text=True)
    assert "Organisation +50 since" in page


def test_retiring_a_statement_keeps_past_rounds(world, as_role):
    past = tracker_round(world.org_a, title="Vroeger")
    sid = _first(past)
    save_answers(past, world.member.id, {sid: ("4", "")}, signed=False)
    db.session.commit()
    coordinator = as_role("coordinator")
    assert as_role("member").post(f"/o/org-a/tracker/statements/{sid}/retire").status_code == 403
    assert coordinator.post(f"/o/org-a/tracker/statements/{sid}/retire").status_code == 303
    listed = {s["id"]: s for s in coordinator.get("/o/org-a/tracker/statements.json").get_json()}
    assert listed[sid]["active"] is False and set(listed[sid]) == {"id", "block", "text", "active"}
    new = _open(as_role, "Nu")
    assert sid not in new.statement_ids
    db.session.refresh(past)
    assert sid in past.statement_ids
    data = coordinator.get(f"/o/org-a/tracker/rounds/{past.id}/results.json").get_json()
    assert any(s["id"] == sid and s["distribution"]["4"] == 1 for s in data["statements"])
    # Its history keeps the retirement.
    statement = db.session.get(Statement, sid)
    assert statement.version == 2


def test_own_statement(world, as_role):
    coordinator = as_role("coordinator")
    response = coordinator.post("/o/org-a/tracker/statements", data={"block": "buurt", "text": ""})
    assert response.status_code == 422 and "Write the statement." in response.get_data(as_text=True)
    assert coordinator.post("/o/org-a/tracker/statements", data={"block": "nowhere", "text": "x"}).status_code == 422
    response = coordinator.post(
        "/o/org-a/tracker/statements",
        data={"block": "buurt", "text": "We kennen de moskee", "explanation": "Eén lijn."},
    )
    assert response.status_code == 303
    listed = coordinator.get("/o/org-a/tracker/statements.json").get_json()
    assert {"block": "buurt", "text": "We kennen de moskee", "active": True}.items() <= listed[-1].items() or any(
        s["text"] == "We kennen de moskee" and s["block"] == "buurt" for s in listed
    )


def test_actions(world, as_role):
    rnd = tracker_round(world.org_a)
    sid = _first(rnd)
    member = as_role("member")
    response = member.post("/o/org-a/actions", data={"title": "", "owner": "", "due_on": "morgen"})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Say what you will do." in html
    response = member.post(
        "/o/org-a/actions",
        data={"title": "Huisbezoeken", "owner": str(world.member.id), "due_on": "2099-02-01", "statement_id": str(sid)},
    )
    assert response.status_code == 303
    action = db.session.scalar(sa.select(Action))
    assert (action.owner, action.due_on, action.statement_id, action.status) == (
        world.member.id,
        "2099-02-01",
        sid,
        "open",
    )
    assert "Huisbezoeken" in member.get("/o/org-a/tracker").get_data(as_text=True)
    # Beside its statement in the next round.
    assert "Action: Huisbezoeken" in member.get(f"/o/org-a/tracker/rounds/{rnd.id}").get_data(as_text=True)
    assert member.post("/o/org-a/actions", data={"title": "x", "owner": str(world.outsider.id)}).status_code == 422
    assert member.post("/o/org-a/actions", data={"title": "x", "owner": "99999999999999"}).status_code == 422
    response = member.post("/o/org-a/actions", data={"title": "Van ver", "round_id": "99999999999999"})
    assert response.status_code == 303
    url = f"/o/org-a/actions/{action.id}"
    fields = {"title": "Huisbezoeken", "owner": str(world.member.id), "due_on": "2099-02-01", "statement_id": str(sid)}
    assert member.post(url, data={**fields, "status": "doing"}).status_code == 428
    assert member.post(url, data={**fields, "status": "doing", "version": "1"}).status_code == 303
    db.session.refresh(action)
    assert action.status == "doing" and action.version == 2
    # A colleague still on version 1 changes the title as well: both changed the same field.
    response = as_role("coordinator").post(
        url, data={**fields, "title": "Telefoonronde", "status": "done", "version": "1"}
    )
    assert response.status_code == 409
    assert as_role("viewer").post(url, data={**fields, "version": "2"}).status_code == 403
    assert member.post(f"{url}/archive").status_code == 303
    db.session.refresh(action)
    assert action.status == "archived"


def test_a_round_closes_by_itself_after_its_closing_date(world, as_role):
    rnd = tracker_round(world.org_a)
    sid = _first(rnd)
    rnd.closes_on = date(2026, 1, 31)
    db.session.commit()
    response = as_role("member").post(f"/o/org-a/tracker/rounds/{rnd.id}/answers", data={f"s{sid}": "3"})
    assert response.status_code == 409
    db.session.refresh(rnd)
    # The end of 31 January in Brussels (CET).
    assert rnd.closed_at.astimezone(UTC) == datetime(2026, 1, 31, 23, 0, tzinfo=UTC)
    assert [r["id"] for r in as_role("viewer").get("/o/org-a/tracker.json").get_json()["rounds"]] == [rnd.id]


def test_the_statements_a_first_visit_shows_are_kept(world, as_role):
    coordinator = as_role("coordinator")
    coordinator.get("/o/org-a/tracker/statements")
    sid = db.session.scalar(sa.select(Statement.id).where(Statement.organisation_id == world.org_a.id).limit(1))
    assert sid is not None
    assert coordinator.post(f"/o/org-a/tracker/statements/{sid}/retire").status_code == 303
