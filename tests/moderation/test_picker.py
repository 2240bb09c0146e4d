"""Accepting a resident's place: the small map and the address search in the accept form."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from resokit_web.extensions import db
from resokit_web.public.models import ResidentSubmission

from ..conftest import HX
from ..factories.public import make_proposal, open_public_page
from ..geocoder_server import geocoder  # noqa: F401 (a fixture)


@pytest.fixture
def proposal(world):
    open_public_page(world.org_a, public_slug="kuregem")
    treasure = make_proposal(world.org_a, name="Wasserette", location_text="Wayezstraat 12")
    db.session.commit()
    return treasure


def _decision(treasure_id: int):
    db.session.expire_all()
    return db.session.scalars(
        sa.select(ResidentSubmission.decision).where(ResidentSubmission.treasure_id == treasure_id)
    ).one()


def test_the_accept_form_has_a_picker_for_its_point(as_role, proposal):
    html = as_role("member").get(f"/o/org-a/moderation/{proposal.id}").get_data(as_text=True)
    picker = re.search(
        r'<div class="point-picker" id="([\w-]+)-picker" data-picker hidden\s+data-lat-input="([\w-]+)"', html
    )
    assert picker and picker.group(1) == picker.group(2)
    assert picker.group(2) == f"p{proposal.id}-lat"  # the fields keep their names (the form's prefix)
    assert f'name="p{proposal.id}-lat"' in html and f'name="p{proposal.id}-lon"' in html
    assert "Searching by address is not set up on this server." in html


def test_find_address_in_the_accept_form_decides_nothing(as_role, proposal, geocoder):
    member = as_role("member")
    p = f"p{proposal.id}-"
    data = {
        "version": "1",
        p + "name": "Wasserette",
        p + "kind": "place",
        p + "category": "meeting_place",
        p + "address": "Wayezstraat 12",
    }
    # Empty search box: the form's address (filled with the resident's words) is searched.
    response = member.post(f"/o/org-a/moderation/{proposal.id}/accept", data={**data, "find_address": "1"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "2 places found" in html
    assert geocoder.requests[-1]["q"] == "Wayezstraat 12"
    assert _decision(proposal.id) is None
    # With htmx: the card comes back with the candidates and the typed search.
    fragment = member.post(
        f"/o/org-a/moderation/{proposal.id}/accept",
        data={**data, "place_search": "Wayezstraat", "find_address": "1", "note": "kept"},
        headers=HX(f"proposal-{proposal.id}")(),
    ).get_data(as_text=True)
    assert fragment.lstrip().startswith(f'<li id="proposal-{proposal.id}"')
    assert 'value="Wayezstraat"' in fragment and "data-geocoder-point=" in fragment
    # Choosing a candidate puts its point in the accept form; still nothing decided.
    chosen = member.post(
        f"/o/org-a/moderation/{proposal.id}/accept", data={**data, "use_point": "50.836820,4.309870"}
    ).get_data(as_text=True)
    assert 'value="50.836820"' in chosen and 'value="4.309870"' in chosen
    assert _decision(proposal.id) is None
    # Then accepting saves that point.
    done = member.post(
        f"/o/org-a/moderation/{proposal.id}/accept", data={**data, p + "lat": "50.83682", p + "lon": "4.30987"}
    )
    assert done.status_code == 303 and _decision(proposal.id) == "accepted"
