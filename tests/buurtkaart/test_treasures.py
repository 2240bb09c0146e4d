"""The buurtkaart's pages and saves, with and without htmx."""

from __future__ import annotations

import pytest

from resokit_web.buurtkaart.models import Treasure
from resokit_web.extensions import db
from resokit_web.live.history import entries_for

from ..conftest import HX
from ..factories.buurtkaart import TreasureFactory

FORM = {
    "name": "Wasserette Bergense",
    "kind": "place",
    "category": "market_shops",
    "description": "Mensen wachten hier lang.",
    "address": "Bergensesteenweg 112",
    "lat": "50.8356",
    "lon": "4.3141",
    "formal": "y",
    "tags": "wachten, praatje",
}


@pytest.fixture
def treasure(world):
    t = TreasureFactory(
        organisation_id=world.org_a.id,
        name="Café Het Kolenhuis",
        description="Open op dinsdag.\nKoffie gratis.\nIedereen welkom.",
    )
    db.session.commit()
    return t


def edit_form(t, **changes):
    data = {
        "name": t.name,
        "kind": t.kind,
        "category": t.category,
        "description": t.description,
        "address": t.address,
        "lat": str(t.lat),
        "lon": str(t.lon),
        "formal": "y" if t.formal else "",
        "tags": ", ".join(t.tags),
        "version": str(t.version),
    }
    data.update(changes)
    return data


def test_the_page_shows_map_list_and_filters(world, as_role, treasure):
    html = as_role("viewer").get("/o/org-a/buurtkaart").get_data(as_text=True)
    assert 'id="treasure-map"' in html and "/o/org-a/buurtkaart.geojson" in html
    assert 'data-filter-query=""' in html and "Café Het Kolenhuis" in html
    assert "data-locate" in html  # "Show on map" (hidden until the map runs)
    assert "Add a treasure" not in html  # viewers read only


def test_filters_narrow_the_list(world, as_role, treasure):
    TreasureFactory(
        organisation_id=world.org_a.id,
        name="Buurtagent",
        kind="key_figure",
        formal=False,
        category="public_space",
        tags=["politie"],
        description="Kent de straat.",
    )
    TreasureFactory(organisation_id=world.org_b.id, name="Elders")
    db.session.commit()
    client = as_role("viewer")

    def names(query):
        html = client.get(f"/o/org-a/buurtkaart?{query}", headers=HX("treasure-results")()).get_data(as_text=True)
        assert "<html" not in html
        return {n for n in ("Café Het Kolenhuis", "Buurtagent", "Elders") if n in html}

    assert names("") == {"Café Het Kolenhuis", "Buurtagent"}
    assert names("kind=key_figure") == {"Buurtagent"}
    assert names("formal=y") == {"Café Het Kolenhuis"}
    assert names("category=public_space") == {"Buurtagent"}
    assert names("tag=Politie") == {"Buurtagent"}
    assert names("q=straat") == {"Buurtagent"}
    assert names("q=zzz") == set()
    assert 'data-filter-query="kind=key_figure"' in client.get("/o/org-a/buurtkaart?kind=key_figure").get_data(
        as_text=True
    )
    assert names("kind=castle") == {"Café Het Kolenhuis", "Buurtagent"}  # an invalid filter is ignored, not a 500


def test_add_a_treasure_without_javascript(world, as_role):
    response = as_role("member").post("/o/org-a/treasures", data=FORM)
    assert response.status_code == 303 and "/o/org-a/buurtkaart#treasure-" in response.headers["Location"]
    t = db.session.scalar(db.select(Treasure).filter_by(name="Wasserette Bergense"))
    assert (t.version, t.tags, t.lat, t.created_by_id) == (1, ["wachten", "praatje"], 50.8356, world.member.id)
    assert entries_for(t)[0].action == "created"


def test_add_a_treasure_with_htmx_answers_the_form_and_the_new_row(world, as_role):
    response = as_role("member").post("/o/org-a/treasures", data=FORM, headers=HX("add-treasure")())
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and 'id="add-treasure"' in html
    assert 'hx-swap-oob="afterbegin:#treasure-list"' in html and "Wasserette Bergense" in html


@pytest.mark.parametrize(
    "field,value,message",
    [
        ("lat", "91", "between -90 and 90"),
        ("lon", "-200", "between -180 and 180"),
        ("lat", "abc", "Not a valid float"),
        ("kind", "castle", "Not a valid choice"),
        ("category", "nowhere", "Not a valid choice"),
        ("name", "x" * 121, "120"),
        ("name", "", "Give the treasure a name."),
        ("description", "x" * 4001, "4000"),
        ("tags", "a" * 41, "at most 40"),
    ],
)
def test_bad_input_gets_a_message_beside_the_field_and_saves_nothing(world, as_role, field, value, message):
    response = as_role("member").post("/o/org-a/treasures", data={**FORM, field: value}, headers=HX("add-treasure")())
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert f'id="{field}-error"' in html and message in html
    assert db.session.scalar(db.select(db.func.count()).select_from(Treasure)) == 0


def test_half_a_point_is_refused(world, as_role):
    response = as_role("member").post("/o/org-a/treasures", data={**FORM, "lon": ""})
    assert response.status_code == 422 and "Give both latitude and longitude" in response.get_data(as_text=True)


def test_inline_edit_turns_the_row_into_its_form_and_back(world, as_role, treasure):
    client = as_role("member")
    target = HX(f"treasure-{treasure.id}")
    form_html = client.get(f"/o/org-a/treasures/{treasure.id}/edit", headers=target()).get_data(as_text=True)
    assert form_html.lstrip().startswith(f'<li id="treasure-{treasure.id}" class="treasure editing">')
    assert 'name="version" value="1"' in form_html and "data-pick-point" in form_html
    response = client.post(
        f"/o/org-a/treasures/{treasure.id}", data=edit_form(treasure, name="Café Kolenhuis"), headers=target()
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "Café Kolenhuis" in html and 'class="treasure"' in html
    assert 'hx-swap-oob="innerHTML"' in html and "Saved." in html


def test_a_save_without_a_version_is_428(world, as_role, treasure):
    data = edit_form(treasure)
    del data["version"]
    assert as_role("member").post(f"/o/org-a/treasures/{treasure.id}", data=data).status_code == 428
    assert as_role("member").post(f"/o/org-a/treasures/{treasure.id}", data={**data, "version": "x"}).status_code == 428


def test_two_edits_of_different_sentences_merge_and_say_so(world, as_role, treasure):
    first = edit_form(treasure, description="Open op dinsdag en donderdag.\nKoffie gratis.\nIedereen welkom.")
    second = edit_form(treasure, description="Open op dinsdag.\nKoffie gratis.\nIedereen welkom, ook kinderen.")
    assert as_role("member").post(f"/o/org-a/treasures/{treasure.id}", data=first).status_code == 303
    response = as_role("coordinator").post(
        f"/o/org-a/treasures/{treasure.id}", data=second, headers=HX(f"treasure-{treasure.id}")()
    )
    assert response.status_code == 200 and "both changes are kept" in response.get_data(as_text=True)
    db.session.refresh(treasure)
    assert treasure.description == "Open op dinsdag en donderdag.\nKoffie gratis.\nIedereen welkom, ook kinderen."
    assert treasure.version == 3


def test_the_same_sentence_changed_twice_shows_the_conflict_view_and_resolves(world, as_role, treasure):
    mine = edit_form(treasure, description="Open op vrijdag.\nKoffie gratis.\nIedereen welkom.")
    theirs = edit_form(treasure, description="Open op woensdag.\nKoffie gratis.\nIedereen welkom.")
    as_role("member").post(f"/o/org-a/treasures/{treasure.id}", data=theirs)
    response = as_role("coordinator").post(
        f"/o/org-a/treasures/{treasure.id}", data=mine, headers=HX(f"treasure-{treasure.id}")()
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "A colleague changed the same thing" in html
    assert "Open op woensdag." in html and "Open op vrijdag." in html  # theirs and yours
    assert 'name="version" value="2"' in html and 'name="__choice_description"' in html
    db.session.refresh(treasure)
    assert treasure.version == 2 and "woensdag" in treasure.description

    # Resolve: keep a combination written by hand.
    resolution = {
        **mine,
        "version": "2",
        "__choice_description": "combined",
        "__theirs_description": theirs["description"],
        "__combined_description": "Open op woensdag en vrijdag.\nKoffie gratis.\nIedereen welkom.",
    }
    assert as_role("coordinator").post(f"/o/org-a/treasures/{treasure.id}", data=resolution).status_code == 303
    db.session.refresh(treasure)
    assert treasure.description.startswith("Open op woensdag en vrijdag.") and treasure.version == 3


def test_the_conflict_view_without_htmx_is_a_whole_page(world, as_role, treasure):
    first, second = edit_form(treasure, name="Eén"), edit_form(treasure, name="Twee")
    as_role("member").post(f"/o/org-a/treasures/{treasure.id}", data=first)
    response = as_role("coordinator").post(f"/o/org-a/treasures/{treasure.id}", data=second)
    html = response.get_data(as_text=True)
    assert response.status_code == 409 and "<html" in html and "Keep my colleague" in html


def test_archive_and_restore(world, as_role, treasure):
    client = as_role("member")
    assert client.post(f"/o/org-a/treasures/{treasure.id}/archive").status_code == 303
    db.session.refresh(treasure)
    assert treasure.status == "archived"
    results = HX("treasure-results")()
    assert "Café Het Kolenhuis" not in client.get("/o/org-a/buurtkaart", headers=results).get_data(as_text=True)
    assert "Café Het Kolenhuis" in client.get("/o/org-a/buurtkaart?status=archived", headers=results).get_data(
        as_text=True
    )
    response = client.post(f"/o/org-a/treasures/{treasure.id}/restore", headers=HX(f"treasure-{treasure.id}")())
    assert response.status_code == 200 and "back on the map" in response.get_data(as_text=True)
    db.session.refresh(treasure)
    assert treasure.status == "accepted" and [e.action for e in entries_for(treasure)][:2] == ["restored", "archived"]


def test_a_row_that_left_the_filtered_list_removes_itself(world, as_role, treasure):
    as_role("member").post(f"/o/org-a/treasures/{treasure.id}/archive")
    response = as_role("viewer").get(
        f"/o/org-a/treasures/{treasure.id}?list=1", headers=HX(f"treasure-{treasure.id}")()
    )
    assert response.status_code == 200 and response.get_data() == b""  # outerHTML with nothing: gone


def test_history_shows_every_version_and_restores_one(world, as_role, treasure):
    client = as_role("member")
    client.post(f"/o/org-a/treasures/{treasure.id}", data=edit_form(treasure, name="Verkeerde naam"))
    html = client.get(f"/o/org-a/treasures/{treasure.id}/history").get_data(as_text=True)
    assert "Version 2" in html and "Version 1" in html and "Verkeerde naam" in html
    assert "Restore this version" in html
    response = client.post(f"/o/org-a/treasures/{treasure.id}/history/1/restore")
    assert response.status_code == 303
    db.session.refresh(treasure)
    assert treasure.name == "Café Het Kolenhuis" and treasure.version == 3
    assert "Version 1 is restored as version 3." in client.get(response.headers["Location"]).get_data(as_text=True)
    # The version it already looks like: said so, and no new version.
    again = client.post(f"/o/org-a/treasures/{treasure.id}/history/3/restore", follow_redirects=True)
    assert "Nothing to restore: this is what the treasure looks like now." in again.get_data(as_text=True)
    db.session.refresh(treasure)
    assert treasure.version == 3
    assert client.post(f"/o/org-a/treasures/{treasure.id}/history/42/restore").status_code == 404


def test_a_viewer_cannot_change_anything(world, as_role, treasure):
    viewer = as_role("viewer")
    assert viewer.post("/o/org-a/treasures", data=FORM).status_code == 403
    assert viewer.post(f"/o/org-a/treasures/{treasure.id}", data=edit_form(treasure, name="X")).status_code == 403
    assert viewer.post(f"/o/org-a/treasures/{treasure.id}/archive").status_code == 403


def test_user_text_is_escaped(world, as_role):
    as_role("member").post("/o/org-a/treasures", data={**FORM, "name": "<script>alert(1)</script>"})
    html = as_role("viewer").get("/o/org-a/buurtkaart").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_the_list_page_makes_a_constant_number_of_queries(app, world, as_role):
    import sqlalchemy as sa

    def queries_for(n):
        for i in range(n):
            TreasureFactory(
                organisation_id=world.org_a.id,
                name=f"Schat {n}-{i}",
                updated_by_id=world.member.id if i % 2 else world.coordinator.id,
            )
        db.session.commit()
        statements = []

        def count(conn, cursor, statement, *args):
            statements.append(statement)

        sa.event.listen(db.engine, "before_cursor_execute", count)
        try:
            assert as_role("viewer").get("/o/org-a/buurtkaart").status_code == 200
        finally:
            sa.event.remove(db.engine, "before_cursor_execute", count)
        return len(statements)

    assert queries_for(3) == queries_for(30)
