"""The partner pages do a constant number of queries, however many partners there are."""

from __future__ import annotations

import contextlib

import pytest
import sqlalchemy as sa

from resokit_web.extensions import db

from ..factories.buurtkaart import TreasureFactory


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
        "/o/org-a/partners",
        "/o/org-a/partners/map",
        "/o/org-a/partners/map.svg",
        "/o/org-a/partners.json",
        "/o/org-a/partners.csv",
        "/o/org-a/network",
        "/o/org-a/shared/org-b/partners/map",
    ],
)
def test_constant_queries(as_role, world, make_partner, url):
    from ..factories.partners import ShareFactory

    ShareFactory(source_org_id=world.org_b.id, target_org_id=world.org_a.id)
    db.session.commit()
    client = as_role("member")

    def queries_with(n: int) -> int:
        for i in range(n):
            treasure = TreasureFactory(organisation_id=world.org_a.id)
            db.session.commit()
            make_partner(name=f"A {i}", relation=("active", "wanted")[i % 2], treasure_id=treasure.id)
            make_partner(org=world.org_b, name=f"B {i}")
        client.get(url)  # the first visit also stores the session; count a later one
        with counting() as seen:
            assert client.get(url).status_code == 200
        return len(seen)

    assert queries_with(2) == queries_with(12)
