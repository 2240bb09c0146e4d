from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from resokit_web.extensions import db

from ..conftest import sign_in
from ..factories.people import MatchFactory, PersonFactory, RoleFactory


@pytest.fixture
def person(world):
    p = PersonFactory(
        organisation_id=world.org_a.id,
        pseudonym="Vrouw met de rode jas",
        talents=["koken"],
        interests=["tuinieren"],
        strengths=["geduldig"],
    )
    db.session.commit()
    return p


@pytest.fixture
def role(world):
    r = RoleFactory(organisation_id=world.org_a.id, title="Koken op donderdag", tags=["kok", "afwas"])
    db.session.commit()
    return r


@pytest.fixture
def match(world, person, role):
    m = MatchFactory(organisation_id=world.org_a.id, person_id=person.id, role_id=role.id)
    db.session.commit()
    return m


class FreshContextClient(FlaskClient):
    """Each request in an app context of its own, as in production.

    The ``app`` fixture keeps one app context open for the whole test, so Flask's ``g``
    (and Flask-Login's cached user in it) would otherwise carry over from one client's
    request to the next: a viewer's request after a member's would run as the member.
    """

    def open(self, *args, **kwargs):
        with self.application.app_context():
            return super().open(*args, **kwargs)


@pytest.fixture
def as_role(app, world):
    """Like the shared ``as_role``, but every request sees only its own ``g``."""

    def make(role: str):
        client = FreshContextClient(app, app.response_class, use_cookies=True)
        user = world.user_for(role)
        if user is not None:
            sign_in(client, user)
        return client

    return make
