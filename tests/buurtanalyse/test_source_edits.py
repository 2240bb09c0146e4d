"""The team's own sources are edited, archived and restored (declared lifecycle)."""

from __future__ import annotations

from resokit_web.buurtanalyse.models import OwnSource
from resokit_web.extensions import db

from ..factories.buurtanalyse import NotebookFigureFactory, OwnSourceFactory
from .helpers import NOTEBOOK, SOURCES, error_for


def _edit(source, **fields):
    return {
        "version": str(source.version),
        "name": source.name,
        "publisher": source.publisher,
        "url": source.url,
        "level": source.level,
        "languages": list(source.languages),
        "description": source.description or "",
        **fields,
    }


def _get(source_id):
    db.session.expire_all()
    return db.session.get(OwnSource, source_id)


def test_a_member_edits_a_source_of_the_team(as_role, world):
    source = OwnSourceFactory(organisation_id=world.org_a.id, name="Wijkkrant")
    db.session.commit()
    c = as_role("member")
    assert f"/o/org-a/sources/{source.id}/edit" in c.get(SOURCES).get_data(as_text=True)
    assert 'value="Wijkkrant"' in c.get(f"{SOURCES}/{source.id}/edit").get_data(as_text=True)
    response = c.post(
        f"{SOURCES}/{source.id}",
        data=_edit(source, name="Wijkkrant Kuregem", url="https://kuregem.example.be", languages=["nl", "fr"]),
    )
    assert response.status_code == 303
    saved = _get(source.id)
    assert (saved.name, saved.url, saved.languages, saved.version) == (
        "Wijkkrant Kuregem",
        "https://kuregem.example.be",
        ["nl", "fr"],
        2,
    )
    assert "Wijkkrant Kuregem" in as_role("viewer").get(f"{SOURCES}/{source.id}/history").get_data(as_text=True)


def test_bad_edits_and_clashes(as_role, world):
    source = OwnSourceFactory(organisation_id=world.org_a.id)
    db.session.commit()
    c = as_role("member")
    bad = c.post(f"{SOURCES}/{source.id}", data=_edit(source, url="javascript:alert(1)"))
    assert bad.status_code == 422 and "https://" in (error_for(bad.get_data(as_text=True), "source-url") or "")
    stale = _edit(source)
    assert c.post(f"{SOURCES}/{source.id}", data=_edit(source, name="Een")).status_code == 303
    assert c.post(f"{SOURCES}/{source.id}", data={**stale, "name": "Twee"}).status_code == 409
    assert _get(source.id).name == "Een"


def test_archive_and_restore_keep_the_figures_citing_it(as_role, world):
    source = OwnSourceFactory(organisation_id=world.org_a.id, name="Buurtenquête")
    NotebookFigureFactory(organisation_id=world.org_a.id, source_id=source.source_id)
    db.session.commit()
    c = as_role("member")
    assert c.post(f"{SOURCES}/{source.id}/archive").status_code == 303
    assert _get(source.id).status == "archived"
    json_ids = [s["id"] for s in c.get(f"{SOURCES}.json").get_json()]
    assert source.source_id not in json_ids
    page = c.get(SOURCES).get_data(as_text=True)
    assert "1 source of your own in the archive" in page
    # The figure still names its (archived) source; new figures cannot cite it.
    assert "Buurtenquête" in c.get(NOTEBOOK).get_data(as_text=True)
    assert c.post(f"{SOURCES}/{source.id}/restore").status_code == 303
    assert _get(source.id).status == "current"
    assert source.source_id in [s["id"] for s in c.get(f"{SOURCES}.json").get_json()]


def test_access_to_source_edits(as_role, world):
    source = OwnSourceFactory(organisation_id=world.org_a.id)
    other = OwnSourceFactory(organisation_id=world.org_b.id)
    db.session.commit()
    assert as_role("viewer").get(f"{SOURCES}/{source.id}/edit").status_code == 403
    assert as_role("viewer").post(f"{SOURCES}/{source.id}/archive").status_code == 403
    assert as_role("member").post(f"{SOURCES}/{other.id}/archive").status_code == 404
    assert as_role("member").get(f"{SOURCES}/99999999999/history").status_code == 404
