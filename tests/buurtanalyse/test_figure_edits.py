"""A figure of the notebook is edited (not only taken out): merge, 409, history."""

from __future__ import annotations

from resokit_web.extensions import db

from ..factories.buurtanalyse import NotebookFigureFactory, OwnSourceFactory
from .helpers import NOTEBOOK, error_for, figures


def _edit(figure, **fields):
    return {
        "version": str(figure.version),
        "section": figure.section,
        "label": figure.label,
        "value": "21500",
        "unit": figure.unit,
        "year": str(figure.year),
        "source_id": figure.source_id,
        **fields,
    }


def test_a_member_edits_a_figure(as_role, world):
    figure = NotebookFigureFactory(organisation_id=world.org_a.id, label="Inwoners")
    own = OwnSourceFactory(organisation_id=world.org_a.id)
    db.session.commit()
    c = as_role("member")
    page = c.get(NOTEBOOK).get_data(as_text=True)
    assert f"{NOTEBOOK}/figures/{figure.id}/edit" in page
    form = c.get(f"{NOTEBOOK}/figures/{figure.id}/edit").get_data(as_text=True)
    assert 'name="version" value="1"' in form and 'value="Inwoners"' in form
    response = c.post(
        f"{NOTEBOOK}/figures/{figure.id}",
        data=_edit(
            figure,
            label="Inwoners (1 januari)",
            value="22150",
            year="2026",
            section="housing",
            source_id=own.source_id,
        ),
    )
    assert response.status_code == 303
    [saved] = figures()
    assert (saved.label, saved.value, saved.year, saved.section, saved.source_id, saved.version) == (
        "Inwoners (1 januari)",
        22150.0,
        2026,
        "housing",
        own.source_id,
        2,
    )
    history = as_role("viewer").get(f"{NOTEBOOK}/figures/{figure.id}/history").get_data(as_text=True)
    assert "Inwoners (1 januari)" in history
    assert c.post(f"{NOTEBOOK}/figures/{figure.id}/history/1/restore").status_code == 303
    assert figures()[0].label == "Inwoners" and figures()[0].version == 3


def test_a_bad_edit_is_422_and_a_clash_is_409(as_role, world):
    figure = NotebookFigureFactory(organisation_id=world.org_a.id)
    db.session.commit()
    c = as_role("member")
    bad = c.post(f"{NOTEBOOK}/figures/{figure.id}", data=_edit(figure, value="veel"))
    assert bad.status_code == 422 and error_for(bad.get_data(as_text=True), "figure-value")
    stale = _edit(figure)
    assert c.post(f"{NOTEBOOK}/figures/{figure.id}", data=_edit(figure, value="1")).status_code == 303
    assert c.post(f"{NOTEBOOK}/figures/{figure.id}", data={**stale, "unit": "mensen"}).status_code == 303
    assert (figures()[0].value, figures()[0].unit) == (1.0, "mensen")
    assert c.post(f"{NOTEBOOK}/figures/{figure.id}", data={**stale, "value": "2"}).status_code == 409
    assert figures()[0].value == 1.0
    del stale["version"]
    assert c.post(f"{NOTEBOOK}/figures/{figure.id}", data=stale).status_code == 428


def test_access_to_figure_edits(as_role, world):
    figure = NotebookFigureFactory(organisation_id=world.org_a.id)
    other = NotebookFigureFactory(organisation_id=world.org_b.id)
    db.session.commit()
    assert as_role("viewer").get(f"{NOTEBOOK}/figures/{figure.id}/edit").status_code == 403
    assert as_role("viewer").post(f"{NOTEBOOK}/figures/{figure.id}", data=_edit(figure)).status_code == 403
    assert as_role("member").get(f"{NOTEBOOK}/figures/{other.id}/edit").status_code == 404
    assert as_role("member").get(f"{NOTEBOOK}/figures/99999999999/history").status_code == 404
