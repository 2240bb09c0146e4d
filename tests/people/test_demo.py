from __future__ import annotations

import sqlalchemy as sa

from resokit_web.demo import seed_demo
from resokit_web.extensions import db
from resokit_web.orgs.models import Organisation
from resokit_web.people.models import Person
from resokit_web.roles.models import STAGES, Match, SocialRole


def _counts(org_id):
    people = db.session.scalar(sa.select(sa.func.count()).select_from(Person).where(Person.organisation_id == org_id))
    roles = list(db.session.scalars(sa.select(SocialRole).where(SocialRole.organisation_id == org_id)))
    stages = set(db.session.scalars(sa.select(Match.stage).where(Match.organisation_id == org_id)))
    return people, roles, stages


def test_the_demo_has_people_roles_and_matches_in_every_stage(app):
    seed_demo()
    demo = db.session.scalar(sa.select(Organisation).where(Organisation.slug == "demo"))
    people, roles, stages = _counts(demo.id)
    assert people == 6 and len(roles) == 10 and stages == set(STAGES)
    assert all(r.treasure_id or r.partner_id for r in roles)
    assert all(r.treasure is None or r.treasure.organisation_id == demo.id for r in roles)
    assert all(r.partner is None or r.partner.organisation_id == demo.id for r in roles)
    seed_demo()  # idempotent
    assert _counts(demo.id)[0] == 6 and len(_counts(demo.id)[1]) == 10
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Match)) == 7
