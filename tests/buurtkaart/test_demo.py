"""The demo treasures: realistic, every kind, some history; idempotent; a large set in bulk."""

from __future__ import annotations

import sqlalchemy as sa

from resokit_web.buurtkaart.categories import KINDS
from resokit_web.buurtkaart.demo import LARGE_COUNT, LARGE_PREFIX
from resokit_web.buurtkaart.models import Treasure
from resokit_web.demo import seed_demo
from resokit_web.extensions import db
from resokit_web.live.history import HistoryEntry


def count(*where):
    return db.session.scalar(sa.select(sa.func.count()).select_from(Treasure).where(*where))


def test_demo_has_a_living_neighbourhood_and_runs_twice_safely(app):
    ctx = seed_demo("small")
    org = Treasure.organisation_id == ctx.demo.id
    total = count(org)
    # About forty from the buurtkaart's seeder; residents' places and the few places the
    # partners and roles seeders need come on top.
    assert 35 <= count(org, Treasure.source == "team") <= 60
    assert set(db.session.scalars(sa.select(Treasure.kind).where(org).distinct())) == set(KINDS)
    assert count(org, Treasure.status == "archived") >= 2
    versions = db.session.scalar(sa.select(sa.func.max(Treasure.version)).where(org))
    assert versions >= 3
    lats = db.session.execute(sa.select(sa.func.min(Treasure.lat), sa.func.max(Treasure.lat)).where(org)).one()
    assert lats[0] > 50.82 and lats[1] < 50.85  # around Kuregem
    seed_demo("small")
    assert count(org) == total


def test_large_demo_adds_thousands_in_bulk_with_history(app):
    ctx = seed_demo("large")
    large = (Treasure.organisation_id == ctx.demo.id, Treasure.name.like(f"{LARGE_PREFIX} %"))
    assert count(*large) == LARGE_COUNT
    history = db.session.scalar(
        sa.select(sa.func.count()).select_from(HistoryEntry).where(HistoryEntry.object_type == "treasure")
    )
    assert history >= LARGE_COUNT
    seed_demo("large")
    assert count(*large) == LARGE_COUNT
