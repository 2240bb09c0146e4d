"""Eenzaamheidssensitief werken: statuses and notes written together, editions, print."""

from __future__ import annotations

import sqlalchemy as sa

from resokit_web.extensions import db
from resokit_web.tracker.models import Action, ScreeningEdition, ScreeningItem
from resokit_web.tracker.screening import ensure_screening
from resokit_web.tracker.screening_content import QUESTION_ORDER

from ..conftest import HX


def _item(org, code="reach-go") -> ScreeningItem:
    ensure_screening(org.id)
    db.session.commit()
    return db.session.scalar(
        sa.select(ScreeningItem).where(ScreeningItem.organisation_id == org.id, ScreeningItem.code == code)
    )


def test_the_page_lists_every_question_by_theme(world, as_role):
    html = as_role("viewer").get("/o/org-a/screening").get_data(as_text=True)
    assert "Reaching people who do not come" in html and "Hidden loneliness" in html
    assert html.count('class="screening-question ') == len(QUESTION_ORDER)
    assert "Change the status or the notes" not in html  # a viewer reads


def test_save_status_and_notes(world, as_role):
    item = _item(world.org_a)
    url = f"/o/org-a/screening/{item.id}"
    member = as_role("member")
    assert member.post(url, data={"status": "partly", "notes": "x"}).status_code == 428
    response = member.post(url, data={"status": "maybe", "notes": "x", "version": "1"})
    assert response.status_code == 422 and "Choose one of the answers in the list." in response.get_data(as_text=True)
    assert (
        member.post(url, data={"status": "partly", "notes": "Huisbezoeken gestopt.", "version": "1"}).status_code == 303
    )
    db.session.refresh(item)
    assert (item.status, item.notes, item.version) == ("partly", "Huisbezoeken gestopt.", 2)
    assert as_role("viewer").post(url, data={"status": "in_place", "version": "2"}).status_code == 403


def test_notes_merge_and_conflict(world, as_role):
    item = _item(world.org_a)
    url = f"/o/org-a/screening/{item.id}"
    as_role("member").post(url, data={"status": "", "notes": "Eerste lijn\n\nTweede lijn\n", "version": "1"})
    # Two colleagues start from version 2; one changes the first paragraph, the other adds at the end.
    as_role("member").post(url, data={"status": "", "notes": "Eerste lijn, aangevuld\n\nTweede lijn\n", "version": "2"})
    response = as_role("coordinator").post(
        url,
        data={"status": "", "notes": "Eerste lijn\n\nTweede lijn\n\nDerde lijn\n", "version": "2"},
        headers=HX(f"question-{item.id}")(),
    )
    assert response.status_code == 200
    db.session.refresh(item)
    assert item.notes == "Eerste lijn, aangevuld\n\nTweede lijn\n\nDerde lijn"
    # Both change the status from the same version: the conflict view, nothing saved.
    version, notes = str(item.version), item.notes
    as_role("member").post(url, data={"status": "partly", "notes": notes, "version": version})
    response = as_role("coordinator").post(url, data={"status": "not_yet", "notes": notes, "version": version})
    assert response.status_code == 409 and "A colleague changed the same thing" in response.get_data(as_text=True)
    db.session.refresh(item)
    assert item.status == "partly"


def test_editions_compare(world, as_role):
    item = _item(world.org_a, "policy-plan")
    member = as_role("member")
    assert member.post("/o/org-a/screening/editions", data={"title": ""}).status_code == 422
    assert member.post("/o/org-a/screening/editions", data={"title": "Teamdag maart"}).status_code == 303
    edition = db.session.scalar(sa.select(ScreeningEdition))
    member.post(f"/o/org-a/screening/{item.id}", data={"status": "in_place", "notes": "In het plan.", "version": "1"})
    html = as_role("viewer").get(f"/o/org-a/screening/editions?a={edition.id}&b=now").get_data(as_text=True)
    assert "Teamdag maart" in html and html.count('class="changed"') == 1 and "In het plan." in html
    assert as_role("viewer").get("/o/org-a/screening/editions?a=999999").status_code == 404
    assert as_role("viewer").get("/o/org-a/screening/editions?a=abc").status_code == 404
    assert as_role("viewer").get("/o/org-a/screening/editions?a=99999999999999").status_code == 404


def test_print_and_an_action_from_a_question(world, as_role):
    item = _item(world.org_a, "seeing-next")
    member = as_role("member")
    response = member.post("/o/org-a/actions", data={"title": "Afspraak maken", "screening_item_id": str(item.id)})
    assert response.status_code == 303 and f"#question-{item.id}" in response.headers["Location"]
    assert db.session.scalar(sa.select(Action.screening_item_id)) == item.id
    assert "Action: Afspraak maken" in member.get("/o/org-a/screening").get_data(as_text=True)
    printed = as_role("viewer").get("/o/org-a/screening/print").get_data(as_text=True)
    assert "Do colleagues know what to do once they notice that someone is lonely?" in printed
    assert "<form" not in printed.split("<main")[1].split("</main>")[0]


def test_a_row_refreshes_alone(world, as_role):
    item = _item(world.org_a)
    html = as_role("viewer").get("/o/org-a/screening", headers=HX(f"question-{item.id}")()).get_data(as_text=True)
    assert html.lstrip().startswith(f'<li id="question-{item.id}"')


def test_the_questions_a_first_visit_shows_are_kept(world, as_role):
    as_role("viewer").get("/o/org-a/screening")
    count = db.session.scalar(
        sa.select(sa.func.count()).select_from(ScreeningItem).where(ScreeningItem.organisation_id == world.org_a.id)
    )
    assert count == len(QUESTION_ORDER)
