"""People: consent, pseudonyms, privacy headers, the access log, versions and the talentenkaart."""

from __future__ import annotations

import re
from datetime import date, timedelta

import sqlalchemy as sa
import time_machine

from resokit_web.extensions import db
from resokit_web.people.models import Consent, Person, PersonAccess

from ..conftest import HX
from ..factories.people import PersonFactory

CONSENTED = {
    "pseudonym": "Jongen met de fiets",
    "talents": "fietsen herstellen, koken",
    "interests": "muziek",
    "strengths": "handig",
    "consent": "y",
}


def _people(org_id):
    return list(db.session.scalars(sa.select(Person).where(Person.organisation_id == org_id)))


def _log(person_id):
    return list(
        db.session.scalars(sa.select(PersonAccess).where(PersonAccess.person_id == person_id).order_by(PersonAccess.id))
    )


# --- Creating, consent, pseudonyms ---------------------------------------------------------


def test_creating_a_person_records_their_consent(as_role, world):
    response = as_role("member").post("/o/org-a/people", data=CONSENTED)
    assert response.status_code == 303
    [person] = _people(world.org_a.id)
    assert person.pseudonym == "Jongen met de fiets"
    assert person.talents == ["fietsen herstellen", "koken"] and person.interests == ["muziek"]
    [consent] = person.consents
    assert consent.given_on == date.today() and consent.recorded_by_id == world.member.id
    assert consent.scopes == ["talentenkaart", "matching"]  # the contract's fields alone: the two base scopes
    assert response.headers["Location"].endswith(f"/o/org-a/people/{person.id}")


def test_the_form_records_date_and_chosen_scopes(as_role, world):
    day = (date.today() - timedelta(days=3)).isoformat()
    response = as_role("member").post(
        "/o/org-a/people", data={**CONSENTED, "consent_date": day, "consent_scope": ["", "talentenkaart", "team"]}
    )
    assert response.status_code == 303
    [consent] = _people(world.org_a.id)[0].consents
    assert consent.given_on.isoformat() == day and consent.scopes == ["talentenkaart", "team"]


def test_a_person_without_consent_is_refused_beside_the_field(as_role, world):
    response = as_role("member").post("/o/org-a/people", data={**CONSENTED, "consent": ""})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'id="consent-error"' in html and "only be added with their consent" in html
    assert _people(world.org_a.id) == []
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Consent)) == 0


def test_no_scope_ticked_is_refused(as_role, world):
    response = as_role("member").post("/o/org-a/people", data={**CONSENTED, "consent_scope": [""]})
    assert response.status_code == 422
    assert 'id="consent_scope-error"' in response.get_data(as_text=True)


def test_consent_cannot_be_dated_in_the_future(as_role, world):
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    response = as_role("member").post("/o/org-a/people", data={**CONSENTED, "consent_date": tomorrow})
    assert response.status_code == 422
    assert 'id="consent_date-error"' in response.get_data(as_text=True)


def test_over_long_text_is_refused(as_role, world):
    response = as_role("member").post("/o/org-a/people", data={**CONSENTED, "pseudonym": "x" * 61})
    assert response.status_code == 422
    assert 'id="pseudonym-error"' in response.get_data(as_text=True)
    response = as_role("member").post("/o/org-a/people", data={**CONSENTED, "talents": "k" * 41})
    assert response.status_code == 422 and 'id="talents-error"' in response.get_data(as_text=True)


def test_emails_and_national_numbers_are_refused(as_role, world):
    for pseudonym in ("jan.peeters@example.be", "85.07.30-033.28", "85073003328"):
        response = as_role("member").post("/o/org-a/people", data={**CONSENTED, "pseudonym": pseudonym})
        assert response.status_code == 422, pseudonym
        assert 'id="pseudonym-error"' in response.get_data(as_text=True)
    assert _people(world.org_a.id) == []


def test_a_full_name_is_saved_with_a_warning(as_role, world):
    client = as_role("member")
    response = client.post("/o/org-a/people", data={**CONSENTED, "pseudonym": "Jan Peeters"})
    assert response.status_code == 303
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "looks like a full name" in page
    assert "Jan Peeters" in page


def test_the_pseudonym_check_warns_while_typing(as_role, world):
    client = as_role("member")
    warn = client.post(
        "/o/org-a/people/check-pseudonym", data={"pseudonym": "Fatima El Amrani"}, headers=HX("pseudonym-check")()
    )
    assert warn.status_code == 200 and "full name" in warn.get_data(as_text=True)
    phone = client.post("/o/org-a/people/check-pseudonym", data={"pseudonym": "Mevrouw 0470 12 34 56"})
    assert "phone number" in phone.get_data(as_text=True)
    fine = client.post("/o/org-a/people/check-pseudonym", data={"pseudonym": "Mevrouw R."})
    assert fine.get_data(as_text=True).strip() == ""


def test_adding_with_htmx_answers_the_panel_and_the_new_row(as_role, world):
    response = as_role("member").post("/o/org-a/people", data=CONSENTED, headers=HX("add-person")())
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert 'id="add-person"' in html and 'hx-swap-oob="afterbegin:#person-list"' in html
    assert "Jongen met de fiets" in html and "<html" not in html


# --- Lists, JSON, viewers ----------------------------------------------------------------------


def test_people_json_has_the_contract_fields(as_role, world, person):
    data = as_role("member").get("/o/org-a/people.json").get_json()
    assert data == [
        {"id": person.id, "pseudonym": "Vrouw met de rode jas", "talents": ["koken"], "interests": ["tuinieren"]}
    ]


def test_viewers_never_see_people(as_role, world, person):
    viewer = as_role("viewer")
    for url in ("/o/org-a/people", "/o/org-a/people.json", f"/o/org-a/people/{person.id}", "/o/org-a/matches"):
        assert viewer.get(url).status_code == 403
    nav = viewer.get("/o/org-a/").get_data(as_text=True)
    assert "/o/org-a/people" not in nav and "/o/org-a/matches" not in nav
    assert "/o/org-a/roles" in nav


def test_the_dashboard_names_people_for_members_only(as_role, world, person):
    assert "Vrouw met de rode jas" in as_role("member").get("/o/org-a/").get_data(as_text=True)
    assert "Vrouw met de rode jas" not in as_role("viewer").get("/o/org-a/").get_data(as_text=True)


# --- Privacy headers ---------------------------------------------------------------------------


def test_person_pages_are_never_stored_nor_kept_in_htmx_history(as_role, world, person, match):
    client = as_role("coordinator")
    for url in (
        f"/o/org-a/people/{person.id}",
        f"/o/org-a/people/{person.id}/talentenkaart",
        f"/o/org-a/people/{person.id}/talentenkaart/talents",
        f"/o/org-a/people/{person.id}/suggestions",
        f"/o/org-a/people/{person.id}/history",
        f"/o/org-a/people/{person.id}/edit",
        f"/o/org-a/people/{person.id}/access-log",
        f"/o/org-a/people/{person.id}/erase",
        "/o/org-a/people",
        "/o/org-a/matches",
        f"/o/org-a/matches/{match.id}",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response.headers["Cache-Control"], url
        assert 'hx-history="false"' in response.get_data(as_text=True), url
    for url in (f"/o/org-a/people/{person.id}/export.json", "/o/org-a/people.json", "/o/org-a/matches.json"):
        assert "no-store" in client.get(url).headers["Cache-Control"], url


# --- Consent withdrawal ------------------------------------------------------------------------


def test_withdrawing_consent_hides_the_person_and_their_matches(as_role, world, person, match):
    member = as_role("member")
    response = member.post(f"/o/org-a/people/{person.id}/consent/withdraw")
    assert response.status_code == 303
    db.session.expire_all()
    assert person.status == "withdrawn" and person.consent is None
    assert person.consents[0].withdrawn_by_id == world.member.id
    assert "Vrouw met de rode jas" not in member.get("/o/org-a/people").get_data(as_text=True)
    assert member.get("/o/org-a/people.json").get_json() == []
    assert member.get("/o/org-a/matches.json").get_json() == []
    assert "Vrouw met de rode jas" not in member.get("/o/org-a/matches").get_data(as_text=True)
    assert member.get(f"/o/org-a/people/{person.id}").status_code == 404
    assert member.get(f"/o/org-a/matches/{match.id}").status_code == 404
    # A live row asking for itself is told to leave the list.
    row = member.get(f"/o/org-a/people/{person.id}?list=1", headers=HX(f"person-{person.id}")())
    assert row.status_code == 200 and row.headers["HX-Reswap"] == "delete"
    # Coordinators still reach the person, in the list of withdrawn people.
    coordinator = as_role("coordinator")
    assert coordinator.get(f"/o/org-a/people/{person.id}").status_code == 200
    assert "Vrouw met de rode jas" in coordinator.get("/o/org-a/people?show=withdrawn").get_data(as_text=True)


def test_a_coordinator_can_record_a_new_consent(as_role, world, person):
    as_role("member").post(f"/o/org-a/people/{person.id}/consent/withdraw")
    response = as_role("coordinator").post(
        f"/o/org-a/people/{person.id}/consent",
        data={"consent_date": date.today().isoformat(), "consent_scope": ["", "matching"]},
    )
    assert response.status_code == 303
    db.session.expire_all()
    assert person.status == "active" and person.consent.scopes == ["matching"]
    assert as_role("member").get(f"/o/org-a/people/{person.id}").status_code == 200


# --- The access log ----------------------------------------------------------------------------


def test_views_exports_and_erasures_are_logged_without_content(as_role, world, person):
    coordinator, person_id = as_role("coordinator"), person.id
    coordinator.get(f"/o/org-a/people/{person.id}")
    coordinator.get(f"/o/org-a/people/{person.id}/export.json")
    entries = _log(person.id)
    assert [(e.action, e.what, e.user_id) for e in entries] == [
        ("viewed", "person", world.coordinator.id),
        ("exported", "", world.coordinator.id),
    ]
    page = coordinator.get(f"/o/org-a/people/{person.id}/access-log").get_data(as_text=True)
    assert "Coordinator A" in page
    coordinator.post(f"/o/org-a/people/{person_id}/erase", data={"confirm": "y"})
    db.session.expire_all()
    assert [e for e in _log(person_id) if e.action != "erased"] == []
    [erased] = db.session.scalars(sa.select(PersonAccess).where(PersonAccess.action == "erased"))
    assert erased.person_id is None and erased.user_id == world.coordinator.id


def test_repeated_views_within_a_quarter_of_an_hour_count_once(as_role, world, person):
    member = as_role("member")
    with time_machine.travel("2026-03-02 10:00:00+00:00", tick=False) as clock:
        member.get(f"/o/org-a/people/{person.id}")
        clock.shift(timedelta(minutes=10))
        member.get(f"/o/org-a/people/{person.id}")
        member.get(f"/o/org-a/people/{person.id}/talentenkaart")
        clock.shift(timedelta(minutes=20))
        member.get(f"/o/org-a/people/{person.id}")
    assert [e.what for e in _log(person.id)] == ["person", "talentenkaart", "person"]


def test_the_access_log_is_for_coordinators(as_role, world, person):
    assert as_role("member").get(f"/o/org-a/people/{person.id}/access-log").status_code == 403
    assert as_role("member").get(f"/o/org-a/people/{person.id}/export.json").status_code == 403
    assert as_role("member").post(f"/o/org-a/people/{person.id}/erase", data={"confirm": "y"}).status_code == 403


# --- Versions, merge, conflicts ----------------------------------------------------------------


def _edit(person, **changes):
    data = {
        "pseudonym": person.pseudonym,
        "talents": ", ".join(person.talents),
        "interests": ", ".join(person.interests),
        "strengths": ", ".join(person.strengths),
    }
    return {**data, **changes}


def test_saving_a_person_makes_a_new_version(as_role, world, person):
    response = as_role("member").post(
        f"/o/org-a/people/{person.id}", data={**_edit(person, talents="koken, naaien"), "version": 1}
    )
    assert response.status_code == 303
    db.session.expire_all()
    assert person.version == 2 and person.talents == ["koken", "naaien"]
    history = as_role("member").get(f"/o/org-a/people/{person.id}/history").get_data(as_text=True)
    assert "naaien" in history


def test_a_save_without_version_is_428(as_role, world, person):
    assert as_role("member").post(f"/o/org-a/people/{person.id}", data=_edit(person)).status_code == 428


def test_concurrent_edits_of_different_fields_merge(as_role, world, person):
    base = _edit(person)
    assert (
        as_role("member")
        .post(f"/o/org-a/people/{person.id}", data={**base, "talents": "koken, naaien", "version": 1})
        .status_code
        == 303
    )
    response = as_role("coordinator").post(
        f"/o/org-a/people/{person.id}", data={**base, "strengths": "geduldig, stipt", "version": 1}
    )
    assert response.status_code == 303
    db.session.expire_all()
    assert person.version == 3
    assert set(person.talents) == {"koken", "naaien"} and set(person.strengths) == {"geduldig", "stipt"}


def test_clashing_edits_get_the_conflict_view(as_role, world, person):
    base = _edit(person)
    as_role("member").post(f"/o/org-a/people/{person.id}", data={**base, "pseudonym": "Mevrouw Rosa", "version": 1})
    response = as_role("coordinator").post(
        f"/o/org-a/people/{person.id}", data={**base, "pseudonym": "Dame met de hoed", "version": 1}
    )
    assert response.status_code == 409
    html = response.get_data(as_text=True)
    assert "Dame met de hoed" in html and "Mevrouw Rosa" in html and "__choice_pseudonym" in html
    db.session.expire_all()
    assert person.pseudonym == "Mevrouw Rosa" and person.version == 2
    # Choosing mine settles it.
    chosen = as_role("coordinator").post(
        f"/o/org-a/people/{person.id}",
        data={
            **base,
            "pseudonym": "Dame met de hoed",
            "version": 2,
            "__choice_pseudonym": "yours",
            "__theirs_pseudonym": "Mevrouw Rosa",
        },
    )
    assert chosen.status_code == 303
    db.session.expire_all()
    assert person.pseudonym == "Dame met de hoed" and person.version == 3


# --- The talentenkaart ------------------------------------------------------------------------


def test_the_talentenkaart_goes_step_by_step_without_javascript(as_role, world):
    person = PersonFactory(organisation_id=world.org_a.id, talents=[], interests=[], strengths=[])
    db.session.commit()
    client = as_role("member")
    page = client.get(f"/o/org-a/people/{person.id}/talentenkaart/interests").get_data(as_text=True)
    assert "0 of 4 steps filled in" in page and 'aria-current="step"' in page
    response = client.post(
        f"/o/org-a/people/{person.id}/talentenkaart/interests",
        data={"interests": "muziek, tuin", "interests_note": "Zingt graag.", "version": 1, "then": "next"},
    )
    assert response.status_code == 303 and response.headers["Location"].endswith("/talentenkaart/strengths")
    response = client.post(
        f"/o/org-a/people/{person.id}/talentenkaart/domains",
        data={"domains": ["", "neighbourhood", "culture"], "domains_note": "In het buurthuis.", "version": 2},
    )
    assert response.status_code == 303 and response.headers["Location"].endswith("/talentenkaart")
    db.session.expire_all()
    assert person.interests == ["muziek", "tuin"] and person.interests_note == "Zingt graag."
    assert person.domains == ["neighbourhood", "culture"] and person.version == 3
    overview = client.get(f"/o/org-a/people/{person.id}/talentenkaart").get_data(as_text=True)
    assert "2 of 4 steps filled in" in overview and "Zingt graag." in overview


def test_a_step_rejects_bad_input(as_role, world, person):
    client = as_role("member")
    long_note = client.post(
        f"/o/org-a/people/{person.id}/talentenkaart/talents",
        data={"talents": "koken", "talents_note": "x" * 1001, "version": 1},
    )
    assert long_note.status_code == 422 and 'id="talents_note-error"' in long_note.get_data(as_text=True)
    bad_domain = client.post(
        f"/o/org-a/people/{person.id}/talentenkaart/domains", data={"domains": ["", "mars"], "version": 1}
    )
    assert bad_domain.status_code == 422 and 'id="domains-error"' in bad_domain.get_data(as_text=True)
    assert client.get(f"/o/org-a/people/{person.id}/talentenkaart/elsewhere").status_code == 404
    db.session.expire_all()
    assert person.version == 1


def test_co_editing_a_step_merges_notes_line_by_line(as_role, world, person):
    url = f"/o/org-a/people/{person.id}/talentenkaart/talents"
    as_role("member").post(url, data={"talents": "koken", "talents_note": "Koken\nNaaien\nFietsen", "version": 1})
    # Two colleagues start from version 2 and change different lines.
    assert (
        as_role("member")
        .post(url, data={"talents": "koken", "talents_note": "Koken voor tien\nNaaien\nFietsen", "version": 2})
        .status_code
        == 303
    )
    response = as_role("coordinator").post(
        url, data={"talents": "koken", "version": 2, "talents_note": "Koken\nNaaien\nFietsen herstellen"}
    )
    assert response.status_code == 303
    db.session.expire_all()
    assert person.talents_note == "Koken voor tien\nNaaien\nFietsen herstellen" and person.version == 4
    # The same line changed twice: the second colleague chooses, with both texts in view.
    clash = as_role("coordinator").post(
        url, data={"talents": "koken", "version": 2, "talents_note": "Bakken\nNaaien\nFietsen"}
    )
    assert clash.status_code == 409
    html = clash.get_data(as_text=True)
    assert "Koken voor tien" in html and "Bakken" in html and "__choice_talents_note" in html


def test_co_editing_different_steps_merges(as_role, world, person):
    as_role("member").post(
        f"/o/org-a/people/{person.id}/talentenkaart/talents",
        data={"talents": "koken, naaien", "talents_note": "", "version": 1},
    )
    response = as_role("coordinator").post(
        f"/o/org-a/people/{person.id}/talentenkaart/interests",
        data={"interests": "tuinieren, muziek", "interests_note": "", "version": 1},
    )
    assert response.status_code == 303
    db.session.expire_all()
    assert person.version == 3 and "naaien" in person.talents and "muziek" in person.interests


def test_the_step_page_listens_for_colleagues(as_role, world, person):
    html = as_role("member").get(f"/o/org-a/people/{person.id}/talentenkaart/strengths").get_data(as_text=True)
    assert f"sse:person-{person.id}" in html and 'data-presence-item="person:' in html
    stale = as_role("member").get(f"/o/org-a/people/{person.id}?since=1", headers=HX(f"stale-{person.id}")())
    assert stale.get_data(as_text=True).strip() == ""


def test_privacy_settings_are_for_coordinators(as_role, world):
    assert as_role("member").get("/o/org-a/people/settings").status_code == 403
    client = as_role("coordinator")
    assert client.post("/o/org-a/people/settings", data={"retention_months": "0"}).status_code == 422
    assert client.post("/o/org-a/people/settings", data={"retention_months": "36"}).status_code == 303
    db.session.expire_all()
    assert world.org_a.retention_months == 36


def test_after_an_add_the_warning_is_in_the_status_not_under_the_emptied_field(as_role, world):
    response = as_role("member").post(
        "/o/org-a/people", data={**CONSENTED, "pseudonym": "Fatima El Amrani"}, headers=HX("add-person")()
    )
    html = response.get_data(as_text=True)
    check = re.search(r'<div id="pseudonym-check"[^>]*>(.*?)</div>', html, re.S)
    assert check and check.group(1).strip() == ""
    status = html[html.index('id="status"') :]
    assert "full name" in status
    # While the add is on its way, a pseudonym check from the same form is dropped.
    assert 'hx-sync="closest form:abort"' in html


def test_the_count_above_the_list_follows_every_change(as_role, world, person):
    client = as_role("member")
    page = client.get("/o/org-a/people").get_data(as_text=True)
    count = re.search(r'<div id="people-count"[^>]*>', page).group(0)
    assert 'hx-trigger="sse:person delay:300ms' in count
    client.post("/o/org-a/people", data=CONSENTED, headers=HX("add-person")())
    fragment = client.get("/o/org-a/people", headers=HX("people-count")()).get_data(as_text=True)
    assert fragment.lstrip().startswith('<div id="people-count"') and "2 people" in fragment
    assert 'id="person-list"' not in fragment
