"""The demo: a half-written notebook for Kuregem, figures citing the catalogue, one earlier edition."""

from __future__ import annotations

import sqlalchemy as sa

from resokit_web.buurtanalyse.catalogue import BY_ID
from resokit_web.buurtanalyse.models import NotebookEdition, NotebookFigure, NotebookSection, OwnSource
from resokit_web.buurtanalyse.sections import SECTIONS
from resokit_web.demo import seed_demo
from resokit_web.extensions import db, utcnow


def test_the_demo_notebook_is_half_written_with_an_earlier_edition(app):
    ctx = seed_demo()
    seed_demo()  # idempotent
    written = db.session.scalars(
        sa.select(NotebookSection.key).where(NotebookSection.organisation_id == ctx.demo.id, NotebookSection.body != "")
    ).all()
    assert 2 <= len(written) < len(SECTIONS)
    figures = db.session.scalars(sa.select(NotebookFigure).where(NotebookFigure.status == "current")).all()
    own = {s.source_id for s in db.session.scalars(sa.select(OwnSource))}
    assert len(figures) >= 6 and all(f.source_id in BY_ID or f.source_id in own for f in figures)
    assert sum(f.source_id in BY_ID for f in figures) >= 5
    [edition] = db.session.scalars(sa.select(NotebookEdition)).all()
    assert edition.created_at < utcnow() and edition.data["figures"] and edition.note


def test_the_demo_compare_shows_what_moved(app):
    seed_demo()
    edition = db.session.scalar(sa.select(NotebookEdition))
    client = app.test_client()
    client.post("/login", data={"email": "member@demo.resokit.test", "password": "resokit-demo"})
    html = client.get(f"/o/demo/buurtanalyse/compare?from={edition.id}&to=now").get_data(as_text=True)
    assert "+330" in html and "diff-added" in html
