from __future__ import annotations

import pytest
from flask import g, request_started

from resokit_web.extensions import db
from resokit_web.partners.models import Partner

from ..factories.partners import PartnerFactory


@pytest.fixture(autouse=True)
def fresh_user_per_request(app):
    """The ``app`` fixture keeps one app context for the whole test, and requests reuse it,
    so what a request caches in ``g`` (Flask-Login's user, Flask-Babel's locale, the
    organisation) would leak from one test client to the next. Each request starts with
    an empty ``g``, as in production."""

    def forget_user(sender, **extra):
        vars(g).clear()

    request_started.connect(forget_user, app)
    yield
    request_started.disconnect(forget_user, app)


@pytest.fixture
def make_partner(world):
    """``make_partner(name=..., org=world.org_b, ...)``: a committed partner (org A by default)."""

    def make(org=None, **fields) -> Partner:
        partner = PartnerFactory(organisation_id=(org or world.org_a).id, **fields)
        db.session.commit()
        return partner

    return make


def form_values(**overrides) -> dict:
    """A complete, valid partner form."""
    values = {"name": "Wijkgezondheidscentrum", "sector": "health", "relation": "active", "strength": "strong",
              "formal": "y", "contact": "Onthaal", "notes": "Samen koffie.", "treasure_id": ""}
    values.update(overrides)
    return values
