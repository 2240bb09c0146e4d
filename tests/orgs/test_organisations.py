"""Creating organisations, belonging to several, switching between them, the dashboard."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from resokit_web.extensions import db
from resokit_web.orgs.models import Organisation, Role

from ..conftest import HX, speaking
from ..factories import MembershipFactory, OrganisationFactory

NEW_ORG = {
    "name": "Buurthuis Kuregem",
    "slug": "buurthuis-kuregem",
    "neighbourhood": "Kuregem",
    "map_lat": "50.8366",
    "map_lon": "4.3185",
}


def test_creating_an_organisation_makes_you_its_coordinator(app, world, as_role):
    client = as_role("member")
    response = client.post("/orgs", data=NEW_ORG)
    assert response.status_code == 303 and response.headers["Location"] == "/o/buurthuis-kuregem/"
    org = db.session.scalar(sa.select(Organisation).filter_by(slug="buurthuis-kuregem"))
    assert (org.map_lat, org.map_lon) == (50.8366, 4.3185)
    assert world.membership(world.member, org).role == Role.coordinator
    assert client.get("/o/buurthuis-kuregem/members").status_code == 200


@pytest.mark.parametrize(
    "changes,field,message",
    [
        ({"slug": "Hoofd Letters"}, "slug", "lowercase letters"),
        ({"slug": "ab"}, "slug", "lowercase letters"),
        ({"slug": "a--b"}, "slug", "lowercase letters"),
        ({"slug": "new"}, "slug", "reserved"),
        ({"slug": "org-a"}, "slug", "already uses this address"),
        ({"name": ""}, "name", "Fill in a name"),
        ({"map_lat": "91"}, "map_lat", "between -90 and 90"),
        ({"map_lon": "oost"}, "map_lon", ""),
    ],
)
def test_bad_organisation_answers_422_beside_the_field(world, as_role, changes, field, message):
    count = db.session.scalar(sa.select(sa.func.count()).select_from(Organisation))
    response = speaking(as_role("member")).post("/orgs", data={**NEW_ORG, **changes})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert f'id="{field}-error"' in html and message in html
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Organisation)) == count


def test_a_user_in_two_organisations_sees_both_and_switches(app, world, as_role):
    MembershipFactory(organisation=world.org_b, user=world.member, role=Role.viewer)
    db.session.commit()
    client = as_role("member")

    # With two organisations and none visited yet, the start page lists them.
    assert client.get("/").headers["Location"] == "/orgs"
    listing = client.get("/orgs").get_data(as_text=True)
    assert "Buurthuis A" in listing and "Wijkpunt B" in listing

    page = client.get("/o/org-a/").get_data(as_text=True)
    assert 'href="/o/org-b/"' in page  # the organisation switch offers the other one
    assert client.get("/").headers["Location"] == "/o/org-a/"

    # Switching: the role is the one held there (a viewer in B: no team page).
    assert client.get("/o/org-b/").status_code == 200
    assert client.get("/").headers["Location"] == "/o/org-b/"
    assert client.get("/o/org-b/members").status_code == 403
    assert client.get("/o/org-a/members").status_code == 403  # a member in A


def test_someone_in_one_organisation_goes_straight_to_it(world, as_role):
    assert as_role("viewer").get("/").headers["Location"] == "/o/org-a/"


def test_anonymous_start_page_is_a_welcome(client):
    html = speaking(client).get("/").get_data(as_text=True)
    assert "Sign in" in html and "Create an account" in html


def test_dashboard_has_an_honest_empty_state_and_then_the_activity(app, world, as_role):
    other = OrganisationFactory(slug="leeg")
    MembershipFactory(organisation=other, user=world.viewer, role=Role.viewer)
    db.session.commit()
    client = speaking(as_role("viewer"))
    assert "Nothing has happened here yet" in client.get("/o/leeg/").get_data(as_text=True)

    speaking(as_role("coordinator")).post("/o/org-a/invitations", data={"role": "member", "days": "7"})
    html = client.get("/o/org-a/").get_data(as_text=True)
    assert "Coordinator A made an invitation link" in html
    assert "Nothing has happened here yet" not in html


def test_the_dashboard_feed_is_a_fragment_for_htmx(world, as_role):
    response = as_role("viewer").get("/o/org-a/", headers=HX("activity-feed")())
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'id="activity-feed"' in html and "<html" not in html
    assert "HX-Request" in response.headers["Vary"]


def test_navigation_follows_the_building_blocks_and_the_role(world, as_role):
    coordinator = speaking(as_role("coordinator")).get("/o/org-a/").get_data(as_text=True)
    viewer = speaking(as_role("viewer")).get("/o/org-a/").get_data(as_text=True)
    assert 'aria-label="Workspace"' in coordinator
    assert "Team and invitations" in coordinator and "Audit log" in coordinator
    assert "Team and invitations" not in viewer and "Audit log" not in viewer
    for html in (coordinator, viewer):
        assert 'aria-current="page">Overview' in html
