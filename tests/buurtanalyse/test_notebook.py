"""The notebook: sections co-written with version, merge and 409; figures; editions; print; JSON."""

from __future__ import annotations

import pytest

from resokit_web.buurtanalyse.models import NotebookEdition
from resokit_web.buurtanalyse.sections import SECTIONS
from resokit_web.extensions import db

from ..conftest import HX
from ..factories.buurtanalyse import NotebookEditionFactory, NotebookFigureFactory, OwnSourceFactory
from .helpers import NOTEBOOK, error_for, figures, hidden, section_row

FIGURE = {
    "section": "residents",
    "label": "Inwoners",
    "value": "22 150",
    "unit": "inwoners",
    "year": "2025",
    "source_id": "wijkmonitoring",
}


def save(client, key, body, version, **headers):
    return client.post(f"{NOTEBOOK}/sections/{key}", data={"body": body, "version": version}, headers=headers)


def test_the_notebook_shows_every_section_of_our_structure(as_role):
    html = as_role("viewer").get(NOTEBOOK).get_data(as_text=True)
    for section in SECTIONS:
        assert f'id="section-{section.key}"' in html
    assert "Write in this section" not in html  # viewers read only


def test_a_first_save_makes_the_section_and_renders_sanitised_markdown(as_role):
    c = as_role("member")
    response = save(c, "housing", "Veel **huurders**.\n\n<script>alert(1)</script>", 1)
    assert response.status_code == 303
    assert section_row("housing").version == 2
    html = c.get(NOTEBOOK).get_data(as_text=True)
    assert "<strong>huurders</strong>" in html and "<script>alert(1)" not in html


def test_a_save_without_version_is_428_and_an_unknown_section_404(as_role):
    c = as_role("member")
    assert c.post(f"{NOTEBOOK}/sections/housing", data={"body": "x"}).status_code == 428
    assert save(c, "no-such-section", "x", 1).status_code == 404


def test_a_stale_save_of_other_lines_merges(as_role):
    c = as_role("member")
    save(c, "residents", "Lijn een\nLijn twee\nLijn drie\n", 1)
    save(as_role("coordinator"), "residents", "Lijn een, aangevuld\nLijn twee\nLijn drie\n", 2)
    response = save(c, "residents", "Lijn een\nLijn twee\nLijn drie, ook\n", 2)
    assert response.status_code == 303
    row = section_row("residents")
    assert row.body == "Lijn een, aangevuld\nLijn twee\nLijn drie, ook\n" and row.version == 4


def test_the_same_line_changed_both_ways_is_409_with_the_conflict_view(as_role):
    c = as_role("member")
    save(c, "residents", "Lijn een\n", 1)
    save(as_role("coordinator"), "residents", "Lijn van de collega\n", 2)
    response = save(c, "residents", "Mijn lijn\n", 2, **HX("section-residents-editor")())
    assert response.status_code == 409
    html = response.get_data(as_text=True)
    assert "A colleague changed the same thing" in html and "Mijn lijn" in html and "Lijn van de collega" in html
    assert hidden(html, "version") == "3"
    assert section_row("residents").body == "Lijn van de collega\n"  # nothing overwritten
    # Choosing mine in the conflict view saves it on top of the colleague's version.
    resolved = c.post(
        f"{NOTEBOOK}/sections/residents",
        data={"body": "Mijn lijn\n", "version": "3", "__choice_body": "yours"},
    )
    assert resolved.status_code == 303 and section_row("residents").body == "Mijn lijn\n"


def test_a_section_save_with_htmx_answers_the_editor_and_the_text(as_role):
    response = save(as_role("member"), "housing", "Nieuw", 1, **HX("section-housing-editor")())
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and 'id="section-housing-editor"' in html
    assert 'id="section-housing-content"' in html and 'hx-swap-oob="true"' in html and "Nieuw" in html
    assert "<html" not in html


def test_the_editor_opens_without_javascript(as_role):
    html = as_role("member").get(f"{NOTEBOOK}/sections/housing/edit").get_data(as_text=True)
    assert 'name="body"' in html and 'name="version" value="1"' in html and "<html" in html


def test_a_figure_is_added_with_the_contract_fields(as_role):
    c = as_role("member")
    response = c.post(f"{NOTEBOOK}/figures", data=FIGURE)
    assert response.status_code == 303
    [figure] = figures()
    assert (figure.section, figure.label, figure.value, figure.unit, figure.year, figure.source_id) == (
        "residents",
        "Inwoners",
        22150.0,
        "inwoners",
        2025,
        "wijkmonitoring",
    )
    html = c.get(NOTEBOOK).get_data(as_text=True)
    assert "22.150" in html or "22,150" in html or "22\u00a0150" in html
    assert 'href="https://monitoringdesquartiers.brussels"' in html


@pytest.mark.parametrize(
    "change,field,message",
    [
        ({"value": ""}, "figure-value", "Give the figure a number"),
        ({"value": "veel"}, "figure-value", "Write the figure as a number"),
        ({"year": "vorig jaar"}, "figure-year", "Give the year"),
        ({"source_id": ""}, "figure-source", "Choose the source"),
        ({"source_id": "made-up"}, "figure-source", ""),
        ({"section": "nowhere"}, "figure-section", ""),
        ({"label": ""}, "figure-label", "Say what the figure counts"),
    ],
)
def test_a_bad_figure_is_422_with_the_message_next_to_the_field(as_role, change, field, message):
    response = as_role("member").post(f"{NOTEBOOK}/figures", data={**FIGURE, **change})
    assert response.status_code == 422
    error = error_for(response.get_data(as_text=True), field)
    assert error is not None and message in error
    assert figures() == []


def test_a_figure_cites_a_teams_own_source_but_not_another_organisations(as_role, world):
    mine = OwnSourceFactory(organisation_id=world.org_a.id)
    theirs = OwnSourceFactory(organisation_id=world.org_b.id)
    db.session.commit()
    c = as_role("member")
    assert c.post(f"{NOTEBOOK}/figures", data={**FIGURE, "source_id": mine.source_id}).status_code == 303
    assert c.post(f"{NOTEBOOK}/figures", data={**FIGURE, "source_id": theirs.source_id}).status_code == 422


def test_a_figure_taken_out_can_be_put_back(as_role, world):
    figure = NotebookFigureFactory(organisation_id=world.org_a.id, label="Oud cijfer")
    db.session.commit()
    c = as_role("member")
    assert c.post(f"{NOTEBOOK}/figures/{figure.id}/archive").status_code == 303
    assert figures()[0].status == "archived"
    assert "1 figure taken out of the notebook" in c.get(NOTEBOOK).get_data(as_text=True)
    assert c.post(f"{NOTEBOOK}/figures/{figure.id}/restore").status_code == 303
    assert figures()[0].status == "current"


def test_freezing_an_edition_keeps_texts_and_figures(as_role, world):
    c = as_role("member")
    save(c, "residents", "Voor\n", 1)
    c.post(f"{NOTEBOOK}/figures", data=FIGURE)
    assert c.post(f"{NOTEBOOK}/editions", data={"note": "Voorjaar"}).status_code == 303
    edition = db.session.query(NotebookEdition).one()
    assert edition.note == "Voorjaar" and edition.data["sections"]["residents"] == "Voor\n"
    assert edition.data["figures"][0]["value"] == 22150.0
    assert c.post(f"{NOTEBOOK}/editions", data={"note": "x" * 501}).status_code == 422


def test_compare_shows_figures_side_by_side_and_the_text_as_a_diff(as_role):
    c = as_role("member")
    save(c, "residents", "Kuregem is jong.\n", 1)
    c.post(f"{NOTEBOOK}/figures", data=FIGURE)
    c.post(f"{NOTEBOOK}/editions", data={"note": "Voorjaar"})
    first = db.session.query(NotebookEdition).one()
    save(c, "residents", "Kuregem is jong en druk.\n", 2)
    [old] = figures()
    c.post(f"{NOTEBOOK}/figures/{old.id}/archive")
    c.post(f"{NOTEBOOK}/figures", data={**FIGURE, "value": "22480", "year": "2026"})
    html = c.get(f"{NOTEBOOK}/compare?from={first.id}&to=now").get_data(as_text=True)
    assert "+330" in html  # the change
    assert "diff-removed" in html and "diff-added" in html and "druk" in html
    c.post(f"{NOTEBOOK}/editions", data={"note": "Najaar"})
    second = db.session.query(NotebookEdition).order_by(NotebookEdition.id.desc()).first()
    response = c.get(f"{NOTEBOOK}/compare?from={first.id}&to={second.id}")
    assert response.status_code == 200 and "+330" in response.get_data(as_text=True)


@pytest.mark.parametrize("query", ["from=abc", "from=999999", "from=1&to=zzz", "from=1&to=999999", "from=" + "9" * 40])
def test_compare_with_a_bad_edition_is_404(as_role, world, query):
    NotebookEditionFactory(organisation_id=world.org_a.id, id=1)
    db.session.commit()
    assert as_role("viewer").get(f"{NOTEBOOK}/compare?{query}").status_code == 404


def test_compare_never_shows_another_organisations_edition(as_role, world):
    theirs = NotebookEditionFactory(organisation_id=world.org_b.id)
    db.session.commit()
    assert as_role("coordinator").get(f"{NOTEBOOK}/compare?from={theirs.id}").status_code == 404


def test_compare_without_editions_says_so(as_role):
    html = as_role("viewer").get(f"{NOTEBOOK}/compare").get_data(as_text=True)
    assert "There is no edition yet" in html


def test_print_page_has_every_section_and_the_cited_sources(as_role, world):
    NotebookFigureFactory(organisation_id=world.org_a.id, source_id="statbel")
    db.session.commit()
    html = as_role("viewer").get(f"{NOTEBOOK}/print").get_data(as_text=True)
    assert all(f'id="print-{s.key}"' in html for s in SECTIONS)
    assert "https://statbel.fgov.be" in html and "Write in this section" not in html


def test_the_json_has_sections_figures_and_editions(as_role, world):
    figure = NotebookFigureFactory(organisation_id=world.org_a.id)
    NotebookFigureFactory(organisation_id=world.org_b.id, label="Van B")
    NotebookEditionFactory(organisation_id=world.org_a.id)
    db.session.commit()
    data = as_role("viewer").get(f"{NOTEBOOK}.json").get_json()
    assert [s["key"] for s in data["sections"]] == [s.key for s in SECTIONS]
    residents = data["sections"][0]
    assert set(residents) == {"key", "title", "body", "version", "figures"}
    assert residents["figures"] == [
        {
            "id": figure.id,
            "section": "residents",
            "label": figure.label,
            "value": 21500.0,
            "unit": "inwoners",
            "year": 2025,
            "source_id": "wijkmonitoring",
        }
    ]
    assert len(data["editions"]) == 1 and set(data["editions"][0]) == {"id", "note", "created_at"}


def test_the_block_page_links_the_two_tools(as_role):
    html = as_role("viewer").get("/o/org-a/buurt").get_data(as_text=True)
    assert 'href="/o/org-a/buurtanalyse"' in html and 'href="/o/org-a/sources"' in html


def test_an_open_editor_hears_that_a_colleague_saved_a_newer_version(as_role):
    c = as_role("member")
    html = c.get(f"{NOTEBOOK}/sections/residents/edit").get_data(as_text=True)
    assert 'id="section-residents-stale"' in html and "sse:notebook_section" in html
    assert "saved a newer version" not in html
    save(as_role("coordinator"), "residents", "Van de coördinator\n", 1)
    stale = c.get(f"{NOTEBOOK}?since=1", headers=HX("section-residents-stale")())
    text = stale.get_data(as_text=True)
    assert "Coordinator A saved a newer version of this section (2)" in text and "<html" not in text
    assert "saved a newer version" not in c.get(
        f"{NOTEBOOK}?since=2", headers=HX("section-residents-stale")()
    ).get_data(as_text=True)


def test_the_teams_activity_tells_about_figures_editions_and_sections(as_role):
    c = as_role("member")
    c.post(f"{NOTEBOOK}/figures", data=FIGURE)
    c.post(f"{NOTEBOOK}/editions", data={"note": ""})
    save(c, "housing", "Tekst", 1)
    html = c.get("/o/org-a/").get_data(as_text=True)
    assert "added a figure to the neighbourhood analysis" in html
    assert "froze the neighbourhood analysis as an edition" in html
    assert "Housing" in html


def test_a_sections_history_restores_an_older_text_as_a_new_version(as_role):
    c = as_role("member")
    save(c, "housing", "Eerste tekst\n", 1)
    save(c, "housing", "Tweede tekst\n", 2)
    html = c.get(f"{NOTEBOOK}/sections/housing/history").get_data(as_text=True)
    assert "Version 3" in html and "Eerste tekst" in html and "Restore this version" in html
    assert c.post(f"{NOTEBOOK}/sections/housing/history/2/restore").status_code == 303
    row = section_row("housing")
    assert row.body == "Eerste tekst\n" and row.version == 4
    assert c.post(f"{NOTEBOOK}/sections/housing/history/99/restore").status_code == 404
    assert c.post(f"{NOTEBOOK}/sections/our_work/history/1/restore").status_code == 404  # never written
    assert as_role("viewer").get(f"{NOTEBOOK}/sections/our_work/history").status_code == 200


def test_an_edition_prints_as_it_was_frozen(as_role):
    c = as_role("member")
    save(c, "residents", "Toen\n", 1)
    c.post(f"{NOTEBOOK}/figures", data=FIGURE)
    c.post(f"{NOTEBOOK}/editions", data={"note": "Voorjaar"})
    edition = db.session.query(NotebookEdition).one()
    save(c, "residents", "Vandaag anders\n", 2)
    html = c.get(f"{NOTEBOOK}/print?edition={edition.id}").get_data(as_text=True)
    assert (
        "Toen" in html
        and "Vandaag anders" not in html
        and "Voorjaar" in html
        and "https://monitoringdesquartiers.brussels" in html
    )
    assert f"print?edition={edition.id}" in c.get(NOTEBOOK).get_data(as_text=True)
    assert c.get(f"{NOTEBOOK}/print?edition=abc").status_code == 404


def test_colleagues_see_who_is_writing_in_a_section(as_role):
    as_role("coordinator").get(f"{NOTEBOOK}/sections/housing/edit")
    html = as_role("member").get(NOTEBOOK).get_data(as_text=True)
    assert "Coordinator A is writing in this section now" in html
    assert "sse:presence-notebook_section-2" in html
