"""The demo partners: enough to show the method, idempotent, shared and partly in common."""

from __future__ import annotations

import sqlalchemy as sa

from resokit_web.demo import seed_demo
from resokit_web.extensions import db
from resokit_web.live.history import HistoryEntry
from resokit_web.orgs.models import Organisation
from resokit_web.partners import network
from resokit_web.partners.models import Partner, Share


def _partners(slug: str) -> list[Partner]:
    org = db.session.scalar(sa.select(Organisation).where(Organisation.slug == slug))
    return db.session.scalars(sa.select(Partner).where(Partner.organisation_id == org.id)).all()


def test_demo_partners_cover_the_method_and_are_shared(app):
    seed_demo()
    demo = _partners("demo")
    assert 14 <= len(demo) <= 18
    assert len({p.sector for p in demo}) >= 6
    assert {p.relation for p in demo} == {"active", "occasional", "wanted", "to_discover"}
    assert sum(1 for p in demo if p.treasure_id) >= 3
    assert all(p.treasure.organisation_id == p.organisation_id for p in demo if p.treasure_id)
    assert {p.formal for p in demo} == {True, False}
    assert 8 <= len(_partners("demo2")) <= 12
    share = db.session.scalar(sa.select(Share))
    assert (share.source.slug, share.target.slug, share.revoked_at) == ("demo2", "demo", None)
    view = network.build(share.target)
    assert len(view.common) >= 3
    assert any(len(p.spellings) > 1 for p in view.common)  # spelled differently on each side
    assert view.gaps  # and some sector nobody reaches


def test_demo_twice_changes_nothing(app):
    seed_demo()
    counts = (
        len(_partners("demo")),
        len(_partners("demo2")),
        db.session.scalar(sa.select(sa.func.count()).select_from(Share)),
    )
    seed_demo()
    assert (
        len(_partners("demo")),
        len(_partners("demo2")),
        db.session.scalar(sa.select(sa.func.count()).select_from(Share)),
    ) == counts


def test_large_demo_adds_500_partners_with_their_history(app):
    seed_demo("large")
    bulk = [p for p in _partners("demo") if p.name.startswith("Netwerkpartner")]
    assert len(bulk) == 500 and all(p.version == 1 for p in bulk)
    assert (
        db.session.scalar(
            sa.select(sa.func.count())
            .select_from(HistoryEntry)
            .where(HistoryEntry.object_type == "partner", HistoryEntry.object_id.in_([p.id for p in bulk]))
        )
        == 500
    )
    seed_demo("large")
    assert len([p for p in _partners("demo") if p.name.startswith("Netwerkpartner")]) == 500
