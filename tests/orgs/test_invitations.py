"""Invitation links: random, stored only as a hash, with a role and an expiry, used once."""

from __future__ import annotations

import re
import threading
from datetime import timedelta

import pytest
import sqlalchemy as sa

from resokit_web.extensions import db, utcnow
from resokit_web.orgs.models import Invitation, Role
from resokit_web.orgs.service import accept_invitation, find_invitation, token_hash

from ..conftest import login, speaking
from ..factories import InvitationFactory, UserFactory


def invite(client, role="member", days="14", note=""):
    """Make an invitation as a coordinator; returns the token shown once on the members page."""
    response = client.post("/o/org-a/invitations", data={"role": role, "days": days, "note": note})
    assert response.status_code == 303
    html = client.get("/o/org-a/members").get_data(as_text=True)
    return re.search(r'value="http://localhost/join/([^"]+)"', html).group(1)


def new_user(email="nieuw@example.test"):
    user = UserFactory(email=email)
    db.session.commit()
    return user


def test_the_link_is_random_shown_once_and_only_its_hash_is_stored(world, as_role):
    coordinator = as_role("coordinator")
    first, second = invite(coordinator), invite(coordinator)
    assert first != second and len(first) >= 32
    assert "/join/" not in coordinator.get("/o/org-a/members").get_data(as_text=True)  # shown once
    stored = db.session.scalars(sa.select(Invitation)).all()
    assert {i.token_hash for i in stored} == {token_hash(first), token_hash(second)}
    for invitation in stored:
        row = db.session.execute(sa.select(Invitation.__table__).where(Invitation.id == invitation.id)).one()
        assert first not in str(tuple(row)) and second not in str(tuple(row))


def test_joining_through_the_link_gives_the_invited_role(app, world, as_role):
    token = invite(as_role("coordinator"), role="viewer", note="Fatima van de buurtwerking")
    client = speaking(app.test_client())
    page = client.get(f"/join/{token}").get_data(as_text=True)
    assert "Join Buurthuis A" in page and "Viewer" in page
    assert f"/signup?next=/join/{token}" in page.replace("%2F", "/")

    response = client.post(
        "/signup",
        data={
            "display_name": "Fatima",
            "email": "fatima@example.org",
            "password": "twaalf tekens!",
            "password_confirm": "twaalf tekens!",
            "next": f"/join/{token}",
        },
    )
    assert response.headers["Location"] == f"/join/{token}"
    response = client.post(f"/join/{token}")
    assert response.status_code == 303 and response.headers["Location"] == "/o/org-a/"
    assert client.get("/o/org-a/").status_code == 200
    assert client.get("/o/org-a/members").status_code == 403  # a viewer
    invitation = find_invitation(token)
    assert invitation.used_at is not None and invitation.used_by_id is not None


def test_a_link_works_only_once(app, world, as_role):
    token = invite(as_role("coordinator"))
    for email, expected in (("een@example.test", 303), ("twee@example.test", 404)):
        new_user(email)
        client = app.test_client()
        login(client, email)
        assert client.post(f"/join/{token}").status_code == expected
    assert app.test_client().get(f"/join/{token}").status_code == 404


def test_an_expired_link_cannot_be_used(app, world):
    InvitationFactory(
        organisation=world.org_a, token_hash=token_hash("verlopen"), expires_at=utcnow() - timedelta(minutes=1)
    )
    new_user()
    client = speaking(app.test_client())
    response = client.get("/join/verlopen")
    assert response.status_code == 404 and "cannot be used" in response.get_data(as_text=True)
    login(client, "nieuw@example.test")
    assert client.post("/join/verlopen").status_code == 404


def test_the_expiry_is_the_chosen_number_of_days(world, as_role):
    token = invite(as_role("coordinator"), days="3")
    left = find_invitation(token).expires_at - utcnow()
    assert timedelta(days=2, hours=23) < left <= timedelta(days=3)


@pytest.mark.parametrize("days", ["0", "61", "drie", ""])
def test_a_bad_number_of_days_is_refused_beside_the_field(world, as_role, days):
    response = speaking(as_role("coordinator")).post("/o/org-a/invitations", data={"role": "member", "days": days})
    assert response.status_code == 422
    assert 'id="days-error"' in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Invitation)) == 0


def test_a_withdrawn_link_stops_working(app, world, as_role):
    coordinator = as_role("coordinator")
    token = invite(coordinator)
    invitation = find_invitation(token)
    assert coordinator.post(f"/o/org-a/invitations/{invitation.id}/revoke").status_code == 303
    assert app.test_client().get(f"/join/{token}").status_code == 404
    assert coordinator.post(f"/o/org-a/invitations/{invitation.id}/revoke").status_code == 404


def test_an_invitation_never_lowers_an_existing_role(app, world, as_role):
    token = invite(as_role("coordinator"), role="viewer")
    client = as_role("member")
    assert client.post(f"/join/{token}").status_code == 303
    assert world.membership(world.member).role == Role.member


def test_a_stale_view_of_the_invitation_cannot_use_it_twice(app, world):
    """The race in slow motion: both requests loaded the invitation while it was still open."""
    invitation = InvitationFactory(organisation=world.org_a, role=Role.member)
    first, second = new_user("een@example.test"), new_user("twee@example.test")
    db.session.commit()
    seen_by_first = db.session.get(Invitation, invitation.id)
    assert seen_by_first.is_open
    assert accept_invitation(seen_by_first, first) is not None
    db.session.commit()
    assert accept_invitation(seen_by_first, second) is None


def test_two_simultaneous_accepts_use_the_link_once(app, world):
    InvitationFactory(organisation=world.org_a, token_hash=token_hash("samen"), role=Role.member)
    users = [new_user(f"user{n}@example.test") for n in range(2)]
    clients = []
    for user in users:
        client = app.test_client()
        login(client, user.email)
        clients.append(client)
    start = threading.Barrier(len(clients))
    results = [None] * len(clients)

    def accept(n):
        start.wait()
        results[n] = clients[n].post("/join/samen").status_code

    threads = [threading.Thread(target=accept, args=(n,)) for n in range(len(clients))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) in ([303, 404], [303, 409])
    joined = [u for u in users if world.membership(u) is not None]
    assert len(joined) == 1
