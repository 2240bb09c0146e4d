from __future__ import annotations

import pytest

from resokit_web.extensions import db
from resokit_web.partners.models import Partner

from ..factories.partners import PartnerFactory


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
    values = {
        "name": "Wijkgezondheidscentrum",
        "sector": "health",
        "relation": "active",
        "strength": "strong",
        "formal": "y",
        "contact": "Onthaal",
        "notes": "Samen koffie.",
        "treasure_id": "",
    }
    values.update(overrides)
    return values
