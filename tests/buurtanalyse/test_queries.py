"""The notebook's pages do a constant number of queries, however much the team wrote."""

from __future__ import annotations

import contextlib

import pytest
import sqlalchemy as sa

from resokit_web.buurtanalyse.models import NotebookSection
from resokit_web.buurtanalyse.sections import SECTIONS
from resokit_web.extensions import db
from resokit_web.live import versioning

from ..factories import UserFactory
from ..factories.buurtanalyse import NotebookEditionFactory, NotebookFigureFactory, OwnSourceFactory


@contextlib.contextmanager
def counting():
    seen = []

    def count(*args, **kwargs):
        seen.append(1)

    sa.event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", count)


@pytest.mark.parametrize(
    "url",
    [
        "/o/org-a/buurtanalyse",
        "/o/org-a/buurtanalyse/print",
        "/o/org-a/buurtanalyse.json",
        "/o/org-a/sources",
        "/o/org-a/sources.json",
    ],
)
def test_constant_queries(as_role, world, url):
    client = as_role("member")
    written = iter(SECTIONS)

    def queries_with(n: int) -> int:
        for _i in range(n):
            author = UserFactory()
            section = next(written)
            row = NotebookSection(
                organisation_id=world.org_a.id, key=section.key, body="Tekst", updated_by_id=author.id
            )
            versioning.create(row, user_id=author.id)
            NotebookFigureFactory(organisation_id=world.org_a.id, section=section.key)
            NotebookEditionFactory(organisation_id=world.org_a.id, created_by_id=author.id)
            OwnSourceFactory(organisation_id=world.org_a.id)
        db.session.commit()
        client.get(url)  # the first visit also stores the session; count a later one
        with counting() as seen:
            assert client.get(url).status_code == 200
        return len(seen)

    assert queries_with(1) == queries_with(4)
