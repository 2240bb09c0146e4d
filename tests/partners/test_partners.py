"""Partners: the list, creating, inline saving with versions, merge and conflict, the one-click
move to "active", archive and restore, history, exports."""

from __future__ import annotations

import csv
import io

import pytest
import sqlalchemy as sa

from resokit_web.activity.models import Activity
from resokit_web.extensions import db
from resokit_web.live.history import HistoryEntry
from resokit_web.partners.models import Partner

from ..conftest import HX
from ..factories.buurtkaart import TreasureFactory
from .conftest import form_values


def _history(partner):
    return db.session.scalars(
        sa.select(HistoryEntry)
        .where(HistoryEntry.object_type == "partner", HistoryEntry.object_id == partner.id)
        .order_by(HistoryEntry.version)
    ).all()


def _reload(partner) -> Partner:
    db.session.expire_all()
    return db.session.get(Partner, partner.id)


# --- The list ---------------------------------------------------------------------------


def test_list_is_grouped_by_relation_in_ring_order(as_role, make_partner):
    make_partner(name="Zorgpunt", relation="to_discover")
    make_partner(name="Actief huis", relation="active")
    make_partner(name="Gewenste club", relation="wanted")
    html = as_role("viewer").get("/o/org-a/partners").get_data(as_text=True)
    positions = [html.index(f'id="partner-list-{r}"') for r in ("active", "occasional", "wanted", "to_discover")]
    assert positions == sorted(positions)
    assert html.index("Actief huis") < html.index("Gewenste club") < html.index("Zorgpunt")
    assert 'data-live-new="partner"' in html and 'sse-swap="row-partner-' in html  # live rows


def test_viewer_sees_no_edit_buttons(as_role, make_partner):
    make_partner(name="Actief huis", relation="wanted")
    html = as_role("viewer").get("/o/org-a/partners").get_data(as_text=True)
    assert "Actief huis" in html
    assert "/activate" not in html and "/edit" not in html and "Add a partner" not in html


def test_filters_by_relation_and_sector(as_role, make_partner):
    make_partner(name="Zorg A", sector="health", relation="active")
    make_partner(name="Zorg W", sector="health", relation="wanted")
    make_partner(name="Wonen A", sector="housing", relation="active")
    client = as_role("viewer")
    html = client.get("/o/org-a/partners?relation=active").get_data(as_text=True)
    assert "Zorg A" in html and "Wonen A" in html and "Zorg W" not in html
    assert 'id="partner-list-wanted"' not in html
    html = client.get("/o/org-a/partners?sector=health").get_data(as_text=True)
    assert "Zorg A" in html and "Zorg W" in html and "Wonen A" not in html
    response = client.get("/o/org-a/partners?sector=health", headers=HX("partner-results")())
    body = response.get_data(as_text=True)
    assert body.lstrip().startswith('<div id="partner-results"') and "<html" not in body


def test_unknown_filter_values_show_everything_without_error(as_role, make_partner):
    make_partner(name="Zorg A")
    response = as_role("viewer").get("/o/org-a/partners?relation=bogus&sector=%3Cx%3E")
    assert response.status_code == 200 and "Zorg A" in response.get_data(as_text=True)


# --- Creating ---------------------------------------------------------------------------


def test_member_adds_a_partner_without_javascript(as_role, world):
    response = as_role("member").post("/o/org-a/partners", data=form_values())
    assert response.status_code == 303 and "#partner-" in response.headers["Location"]
    partner = db.session.scalar(sa.select(Partner))
    assert (partner.name, partner.sector, partner.relation, partner.strength, partner.formal) == (
        "Wijkgezondheidscentrum",
        "health",
        "active",
        "strong",
        True,
    )
    assert partner.version == 1 and partner.organisation_id == world.org_a.id
    assert [h.action for h in _history(partner)] == ["created"]
    assert db.session.scalar(sa.select(Activity.action).where(Activity.object_type == "partner")) == "partner.created"


def test_adding_with_htmx_answers_the_form_and_the_new_row(as_role):
    response = as_role("member").post(
        "/o/org-a/partners", data=form_values(relation="wanted", formal="n"), headers=HX("add-partner")()
    )
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert body.lstrip().startswith('<div id="add-partner"')
    assert 'hx-swap-oob="afterbegin:#partner-list-wanted"' in body and "Wijkgezondheidscentrum" in body
    assert db.session.scalar(sa.select(Partner.formal)) is False


@pytest.mark.parametrize(
    "field,value,message",
    [
        ("sector", "astrology", "Choose one of the sectors."),
        ("sector", "", "Choose a sector."),
        ("relation", "enemies", "Choose one of the relations."),
        ("strength", "medium", "Choose light or strong."),
        ("formal", "perhaps", "Choose formal or informal."),
        ("name", "", "Give the partner a name."),
        ("name", "x" * 121, "Field cannot be longer than 120 characters."),
        ("contact", "a\x07b", "invisible control characters"),
    ],
)
def test_bad_input_is_refused_beside_the_field(as_role, field, value, message):
    response = as_role("member").post("/o/org-a/partners", data=form_values(**{field: value}))
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Partner)) == 0


def test_the_place_is_a_treasure_of_the_same_organisation(as_role, world):
    own = TreasureFactory(organisation_id=world.org_a.id, name="Buurthuis", address="Clemenceaulaan 9")
    foreign = TreasureFactory(organisation_id=world.org_b.id, name="Elders")
    db.session.commit()
    client = as_role("member")
    response = client.post("/o/org-a/partners", data=form_values(treasure_id=str(foreign.id)))
    assert response.status_code == 422 and "Choose a treasure of your own organisation." in response.get_data(
        as_text=True
    )
    response = client.post("/o/org-a/partners", data=form_values(treasure_id="not-a-number"))
    assert response.status_code == 422
    assert client.post("/o/org-a/partners", data=form_values(treasure_id=str(own.id))).status_code == 303
    partner = db.session.scalar(sa.select(Partner))
    assert partner.treasure_id == own.id
    html = client.get("/o/org-a/partners").get_data(as_text=True)
    assert "Clemenceaulaan 9" in html and f"/treasures/{own.id}" in html


def test_the_form_offers_only_own_treasures_on_the_map(as_role, world):
    TreasureFactory(organisation_id=world.org_a.id, name="Eigen plek")
    TreasureFactory(organisation_id=world.org_a.id, name="Oude plek", status="archived")
    TreasureFactory(organisation_id=world.org_b.id, name="Andermans plek")
    db.session.commit()
    html = as_role("member").get("/o/org-a/partners/new").get_data(as_text=True)
    assert "Eigen plek" in html and "Oude plek" not in html and "Andermans plek" not in html
    assert "Never a resident" in html  # the contact hint: organisations only


# --- Saving: versions, merge, conflict ----------------------------------------------------


def test_save_on_the_current_version_bumps_it(as_role, make_partner):
    partner = make_partner(name="Oud")
    response = as_role("member").post(f"/o/org-a/partners/{partner.id}", data=form_values(name="Nieuw", version="1"))
    assert response.status_code == 303
    partner = _reload(partner)
    assert partner.name == "Nieuw" and partner.version == 2
    assert [h.action for h in _history(partner)] == ["created", "updated"]


def test_save_without_version_is_428(as_role, make_partner):
    partner = make_partner()
    response = as_role("member").post(f"/o/org-a/partners/{partner.id}", data=form_values())
    assert response.status_code == 428
    assert _reload(partner).version == 1


def test_invalid_save_with_htmx_is_422_and_keeps_the_form(as_role, make_partner):
    partner = make_partner(name="Oud")
    response = as_role("member").post(
        f"/o/org-a/partners/{partner.id}",
        data=form_values(name="Nieuw", relation="nope", version="1"),
        headers=HX(f"partner-{partner.id}")(),
    )
    body = response.get_data(as_text=True)
    assert response.status_code == 422
    assert body.lstrip().startswith(f'<li id="partner-{partner.id}"') and 'value="Nieuw"' in body
    assert _reload(partner).name == "Oud"


def test_stale_save_of_other_lines_merges(as_role, make_partner):
    partner = make_partner(notes="Eerste lijn.\nTweede lijn.")
    client = as_role("member")
    assert (
        client.post(
            f"/o/org-a/partners/{partner.id}",
            data=form_values(name=partner.name, notes="Eerste lijn, aangevuld.\nTweede lijn.", version="1"),
        ).status_code
        == 303
    )
    response = client.post(
        f"/o/org-a/partners/{partner.id}",
        headers=HX(f"partner-{partner.id}")(),
        data=form_values(name=partner.name, notes="Eerste lijn.\nTweede lijn, ook aangevuld.", version="1"),
    )
    assert response.status_code == 200 and "both changes are kept" in response.get_data(as_text=True)
    partner = _reload(partner)
    assert partner.notes == "Eerste lijn, aangevuld.\nTweede lijn, ook aangevuld."
    assert partner.version == 3 and _history(partner)[-1].action == "merged"


def test_stale_save_of_the_same_field_is_a_409_conflict_view(as_role, make_partner):
    partner = make_partner(name="Buurthuis")
    client = as_role("member")
    client.post(f"/o/org-a/partners/{partner.id}", data=form_values(name="Buurthuis Noord", version="1"))
    response = client.post(
        f"/o/org-a/partners/{partner.id}",
        headers=HX(f"partner-{partner.id}")(),
        data=form_values(name="Maison de quartier", version="1"),
    )
    body = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "A colleague changed the same thing" in body and "Buurthuis Noord" in body and "Maison de quartier" in body
    assert 'name="__choice_name"' in body
    assert _reload(partner).name == "Buurthuis Noord"
    # Choosing "mine" in the conflict view saves it as the next version.
    data = form_values(name="Maison de quartier", version="2", __choice_name="yours", __theirs_name="Buurthuis Noord")
    assert client.post(f"/o/org-a/partners/{partner.id}", data=data).status_code == 303
    assert _reload(partner).name == "Maison de quartier" and _reload(partner).version == 3


def test_edit_form_names_the_page_for_presence_and_keeps_ids_unique(as_role, make_partner):
    partner = make_partner()
    body = (
        as_role("member")
        .get(f"/o/org-a/partners/{partner.id}/edit?group=active", headers=HX(f"partner-{partner.id}")())
        .get_data(as_text=True)
    )
    assert f'data-presence-item="partner:{partner.id}"' in body
    assert f'id="p{partner.id}-name"' in body and 'name="group" value="active"' in body
    assert 'name="version" value="1"' in body


# --- Live rows ------------------------------------------------------------------------------


def test_a_row_refetch_moves_the_row_when_the_relation_changed(as_role, make_partner):
    partner = make_partner(relation="active")
    partner.relation, partner.version = "wanted", 2
    db.session.commit()
    response = as_role("viewer").get(
        f"/o/org-a/partners/{partner.id}?list=1&group=active", headers=HX(f"partner-{partner.id}")()
    )
    body = response.get_data(as_text=True)
    assert response.headers["HX-Reswap"] == "delete"
    # every copy goes first, then one comes back in its new group: never twice
    assert body.index(f'<div id="partner-{partner.id}" hx-swap-oob="delete">') < body.index(
        'hx-swap-oob="afterbegin:#partner-list-wanted"'
    )
    assert 'id="partner-count-active" hx-swap-oob="true">0<' in body
    assert 'id="partner-count-wanted" hx-swap-oob="true">1<' in body


def test_a_row_refetch_in_its_group_is_just_the_row(as_role, make_partner):
    partner = make_partner(relation="active")
    response = as_role("viewer").get(
        f"/o/org-a/partners/{partner.id}?list=1&group=active", headers=HX(f"partner-{partner.id}")()
    )
    assert "HX-Reswap" not in response.headers
    assert response.get_data(as_text=True).lstrip().startswith(f'<li id="partner-{partner.id}"')


def test_a_row_that_left_the_filtered_list_removes_itself(as_role, make_partner):
    partner = make_partner(sector="health")
    response = as_role("viewer").get(
        f"/o/org-a/partners/{partner.id}?list=1&group=active&sector=housing", headers=HX(f"partner-{partner.id}")()
    )
    assert response.headers["HX-Reswap"] == "delete"
    assert "afterbegin" not in response.get_data(as_text=True)


def test_a_colleagues_new_partner_lands_in_its_group(as_role, make_partner):
    partner = make_partner(relation="to_discover")
    response = as_role("viewer").get(f"/o/org-a/partners/{partner.id}?new=1", headers=HX("partner-results")())
    assert 'hx-swap-oob="afterbegin:#partner-list-to_discover"' in response.get_data(as_text=True)
    response = as_role("viewer").get(
        f"/o/org-a/partners/{partner.id}?new=1&relation=active", headers=HX("partner-results")()
    )
    assert "afterbegin" not in response.get_data(as_text=True)


def test_a_save_publishes_an_event_after_commit(app, as_role, make_partner):
    partner = make_partner()
    with app.extensions["resokit_bus"].subscribe(partner.organisation_id) as sub:
        as_role("member").post(f"/o/org-a/partners/{partner.id}", data=form_values(name="Anders", version="1"))
        events = sub.drain()
    assert [(e.type, e.id, e.version) for e in events if e.type == "partner"] == [("partner", partner.id, 2)]


# --- "We work together now" ------------------------------------------------------------------


def test_moving_wanted_to_active_is_one_versioned_click(as_role, make_partner):
    partner = make_partner(relation="wanted", name="Boksclub")
    client = as_role("member")
    html = client.get("/o/org-a/partners").get_data(as_text=True)
    assert f"/partners/{partner.id}/activate" in html
    response = client.post(
        f"/o/org-a/partners/{partner.id}/activate",
        data={"version": "1", "group": "wanted"},
        headers=HX(f"partner-{partner.id}")(),
    )
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and response.headers["HX-Reswap"] == "delete"
    assert 'hx-swap-oob="afterbegin:#partner-list-active"' in body
    assert "is now an active collaboration" in body
    partner = _reload(partner)
    assert partner.relation == "active" and partner.version == 2
    assert _history(partner)[-1].data["relation"] == "active"


def test_moving_to_active_without_javascript_redirects(as_role, make_partner):
    partner = make_partner(relation="to_discover")
    response = as_role("member").post(f"/o/org-a/partners/{partner.id}/activate", data={"version": "1"})
    assert response.status_code == 303 and _reload(partner).relation == "active"


def test_moving_to_active_merges_with_a_colleagues_other_change(as_role, make_partner):
    partner = make_partner(relation="wanted", name="Boksclub")
    client = as_role("member")
    client.post(
        f"/o/org-a/partners/{partner.id}",
        data=form_values(name="Boksclub Kuregem", relation="wanted", sector="welfare", version="1"),
    )
    assert client.post(f"/o/org-a/partners/{partner.id}/activate", data={"version": "1"}).status_code == 303
    partner = _reload(partner)
    assert (partner.name, partner.relation, partner.version) == ("Boksclub Kuregem", "active", 3)


def test_moving_to_active_conflicts_when_a_colleague_chose_another_relation(as_role, make_partner):
    partner = make_partner(relation="wanted")
    client = as_role("member")
    client.post(
        f"/o/org-a/partners/{partner.id}",
        data=form_values(name=partner.name, relation="occasional", sector="welfare", version="1"),
    )
    response = client.post(f"/o/org-a/partners/{partner.id}/activate", data={"version": "1"})
    assert response.status_code == 409 and "A colleague changed the same thing" in response.get_data(as_text=True)
    assert _reload(partner).relation == "occasional"


def test_moving_to_active_needs_the_version(as_role, make_partner):
    partner = make_partner(relation="wanted")
    assert as_role("member").post(f"/o/org-a/partners/{partner.id}/activate", data={}).status_code == 428


# --- Archive, restore, history ----------------------------------------------------------------


def test_archive_and_restore_are_versions(as_role, make_partner):
    partner = make_partner(name="Weg")
    client = as_role("member")
    response = client.post(f"/o/org-a/partners/{partner.id}/archive", headers=HX(f"partner-{partner.id}")())
    assert response.status_code == 200 and "Restore" in response.get_data(as_text=True)
    assert _reload(partner).status == "archived"
    assert "Weg" not in client.get("/o/org-a/partners").get_data(as_text=True)
    assert "Weg" in client.get("/o/org-a/partners?status=archived").get_data(as_text=True)
    assert client.post(f"/o/org-a/partners/{partner.id}/restore").status_code == 303
    partner = _reload(partner)
    assert partner.status == "current" and partner.version == 3
    assert [h.action for h in _history(partner)] == ["created", "archived", "restored"]


def test_history_shows_changes_and_restores_an_old_version(as_role, make_partner, world):
    treasure = TreasureFactory(organisation_id=world.org_a.id, name="Het Pleintje")
    db.session.commit()
    partner = make_partner(name="Eerst")
    client = as_role("member")
    client.post(
        f"/o/org-a/partners/{partner.id}", data=form_values(name="Daarna", treasure_id=str(treasure.id), version="1")
    )
    html = client.get(f"/o/org-a/partners/{partner.id}/history").get_data(as_text=True)
    assert "Version 2" in html and "Daarna" in html and "Het Pleintje" in html
    response = client.post(f"/o/org-a/partners/{partner.id}/history/1/restore")
    assert response.status_code == 303
    partner = _reload(partner)
    assert partner.name == "Eerst" and partner.version == 3 and partner.treasure_id is None
    assert client.post(f"/o/org-a/partners/{partner.id}/history/99/restore").status_code == 404


# --- Exports ----------------------------------------------------------------------------------


def test_json_has_exactly_the_contract_fields(as_role, make_partner, world):
    treasure = TreasureFactory(organisation_id=world.org_a.id)
    db.session.commit()
    partner = make_partner(name="Een", treasure_id=treasure.id, formal=False)
    make_partner(name="Gearchiveerd", status="archived")
    make_partner(name="Van B", org=world.org_b)
    data = as_role("viewer").get("/o/org-a/partners.json").get_json()
    assert data == [
        {
            "id": partner.id,
            "name": "Een",
            "sector": "welfare",
            "relation": "active",
            "strength": "light",
            "formal": False,
            "treasure_id": treasure.id,
            "version": 1,
        }
    ]


def test_csv_is_safe_against_formula_injection(as_role, make_partner):
    make_partner(name='=HYPERLINK("http://evil")', notes="+31 6 123", contact="@admin\u202egnp.exe")
    response = as_role("viewer").get("/o/org-a/partners.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0]["name"] == '\'=HYPERLINK("http://evil")'
    assert rows[0]["notes"] == "'+31 6 123" and rows[0]["contact"] == "'@admingnp.exe"
    assert rows[0]["relation_label"] == "Active collaboration"


def test_partners_of_another_organisation_are_not_found(as_role, make_partner, world):
    other = make_partner(org=world.org_b)
    client = as_role("coordinator")
    assert client.get(f"/o/org-a/partners/{other.id}").status_code == 404
    assert client.post(f"/o/org-a/partners/{other.id}/activate", data={"version": "1"}).status_code == 404
