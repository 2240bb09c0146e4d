"""The organisation revision: raised in the commit of every change of its objects, by
nothing else, and per organisation."""

from __future__ import annotations

from resokit_web.buurtkaart.models import Treasure
from resokit_web.extensions import db, utcnow
from resokit_web.live import versioning
from resokit_web.live.revisions import jump_all, revision_of

from ..factories.buurtkaart import TreasureFactory


def _new(org_id: int, name: str) -> Treasure:
    now = utcnow()
    return Treasure(organisation_id=org_id, name=name, kind="place", category="other", created_at=now, updated_at=now)


def test_a_change_raises_it_at_commit_and_a_rollback_does_not(world):
    a = world.org_a.id
    start = revision_of(a)
    treasure = versioning.create(_new(a, "Nieuw"), user_id=None)
    assert revision_of(a) == start  # not before the commit
    db.session.commit()
    assert revision_of(a) == start + 1
    versioning.save(treasure, {"name": "Anders"}, treasure.version, user_id=None)
    db.session.rollback()
    assert revision_of(a) == start + 1
    versioning.save(treasure, {"name": "Anders"}, treasure.version, user_id=None)
    versioning.save(treasure, {"name": "Nog anders"}, treasure.version, user_id=None)
    db.session.commit()
    assert revision_of(a) == start + 2  # one commit, one step


def test_each_organisation_has_its_own(world):
    a, b = world.org_a.id, world.org_b.id
    before_b = revision_of(b)
    TreasureFactory(organisation_id=a)
    db.session.commit()
    assert revision_of(b) == before_b
    TreasureFactory(organisation_id=a)
    TreasureFactory(organisation_id=b)
    db.session.commit()
    assert revision_of(b) == before_b + 1


def test_after_a_restore_every_revision_jumps_past_all_it_was(world):
    a, b = world.org_a.id, world.org_b.id
    TreasureFactory(organisation_id=a)
    db.session.commit()
    before = {a: revision_of(a), b: revision_of(b)}
    jump_all()
    assert revision_of(a) > before[a] + 2**19 and revision_of(b) > 2**19  # b had none yet
