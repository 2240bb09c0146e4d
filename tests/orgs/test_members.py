"""Coordinators change roles and remove members; the change holds at the very next request."""

from __future__ import annotations

import sqlalchemy as sa

from resokit_web.extensions import db
from resokit_web.orgs.models import Membership, Role
from resokit_web.orgs.service import remove_member

from ..conftest import login, make_app, sign_in, speaking
from ..factories import MembershipFactory


def members_url(world, membership, action):
    return f"/o/{world.org_a.slug}/members/{membership.id}/{action}"


def test_the_members_page_lists_the_team_with_their_roles(world, as_role):
    html = speaking(as_role("coordinator")).get("/o/org-a/members").get_data(as_text=True)
    for name in ("Coordinator A", "Member A", "Viewer A"):
        assert name in html
    assert "Coordinator B" not in html
    assert 'name="csrf_token"' in html


def test_a_raised_role_takes_effect_at_once(world, as_role):
    member = as_role("member")
    assert member.get("/o/org-a/members").status_code == 403
    response = as_role("coordinator").post(
        members_url(world, world.membership(world.member), "role"), data={"role": "coordinator"}
    )
    assert response.status_code == 303
    assert member.get("/o/org-a/members").status_code == 200


def test_a_lowered_role_takes_effect_at_once(world, as_role):
    MembershipFactory(organisation=world.org_a, user=world.outsider, role=Role.coordinator)
    db.session.commit()
    second = as_role("outsider")
    assert second.get("/o/org-a/members").status_code == 200
    as_role("coordinator").post(members_url(world, world.membership(world.outsider), "role"), data={"role": "viewer"})
    assert second.get("/o/org-a/members").status_code == 403
    assert second.get("/o/org-a/").status_code == 200


def test_an_unknown_role_changes_nothing(world, as_role):
    response = as_role("coordinator").post(
        members_url(world, world.membership(world.member), "role"), data={"role": "admin"}
    )
    assert response.status_code == 303
    assert world.membership(world.member).role == Role.member


def test_the_last_coordinator_cannot_be_demoted_or_removed(world, as_role):
    coordinator = speaking(as_role("coordinator"))
    own = world.membership(world.coordinator)
    for action, data in (("role", {"role": "member"}), ("remove", {})):
        response = coordinator.post(members_url(world, own, action), data=data, follow_redirects=True)
        assert "at least one coordinator" in response.get_data(as_text=True)
    assert world.membership(world.coordinator).role == Role.coordinator


def test_with_two_coordinators_one_may_step_down(world, as_role):
    as_role("coordinator").post(
        members_url(world, world.membership(world.member), "role"), data={"role": "coordinator"}
    )
    as_role("coordinator").post(
        members_url(world, world.membership(world.coordinator), "role"), data={"role": "member"}
    )
    assert world.membership(world.coordinator).role == Role.member
    assert world.membership(world.member).role == Role.coordinator


def test_removing_a_member_ends_their_sessions_for_real(app, world, as_role):
    # Signed in through the real form, on two devices.
    laptop, phone = app.test_client(), app.test_client()
    for device in (laptop, phone):
        assert login(device, world.member.email).status_code == 303
        assert device.get("/o/org-a/").status_code == 200

    response = as_role("coordinator").post(members_url(world, world.membership(world.member), "remove"))
    assert response.status_code == 303
    assert world.membership(world.member) is None

    for device in (laptop, phone):
        response = device.get("/orgs")  # not even a page of their own: they are anonymous now
        assert response.status_code == 302 and "/login" in response.headers["Location"]
    # They can sign in again, but organisation A is closed to them.
    fresh = app.test_client()
    login(fresh, world.member.email)
    assert fresh.get("/o/org-a/").status_code == 404


def test_removing_yourself_signs_you_out(world, as_role):
    as_role("coordinator").post(
        members_url(world, world.membership(world.member), "role"), data={"role": "coordinator"}
    )
    client = as_role("member")
    response = client.post(members_url(world, world.membership(world.member), "remove"))
    assert response.headers["Location"] == "/login"
    assert client.get("/orgs").status_code == 302


def test_members_of_another_organisation_cannot_be_touched(world, as_role):
    theirs = world.membership(world.outsider, world.org_b)
    for action, data in (("role", {"role": "viewer"}), ("remove", {})):
        assert as_role("coordinator").post(members_url(world, theirs, action), data=data).status_code == 404
    assert db.session.get(Membership, theirs.id).role == Role.coordinator


def test_role_changes_and_removals_are_in_the_audit_log(world, as_role):
    coordinator = speaking(as_role("coordinator"))
    coordinator.post(members_url(world, world.membership(world.viewer), "role"), data={"role": "member"})
    coordinator.post(members_url(world, world.membership(world.viewer), "remove"))
    html = coordinator.get("/o/org-a/audit").get_data(as_text=True)
    assert "changed a colleague&#39;s role" in html and "removed someone from the team" in html
    assert (
        db.session.scalar(
            sa.select(sa.func.count()).select_from(Membership).where(Membership.user_id == world.viewer.id)
        )
        == 0
    )


def test_removal_also_closes_their_open_live_stream(database_url, world, as_role):
    # Long heartbeat and lifetime: the stream can only end at once through the removal.
    app = make_app(database_url, empty=False, RESOKIT_SSE_HEARTBEAT=30.0, RESOKIT_SSE_MAX_AGE=30.0)
    member = app.test_client()
    sign_in(member, world.member)
    stream = member.get("/o/org-a/events", buffered=False)
    assert stream.status_code == 200 and stream.mimetype == "text/event-stream"
    chunks = iter(stream.response)
    assert b"connected" in next(chunks)

    coordinator = app.test_client()
    sign_in(coordinator, world.coordinator)
    membership_id = world.membership(world.member).id
    assert coordinator.post(f"/o/org-a/members/{membership_id}/remove").status_code == 303
    rest = b"".join(chunks)  # ends without waiting for a heartbeat
    assert b"ping" not in rest
    stream.close()


def test_the_removal_is_announced_on_the_organisations_channel_after_commit(app, world):
    bus = app.extensions["resokit_bus"]
    with bus.subscribe(world.org_a.id) as subscription:
        membership = world.membership(world.member)
        remove_member(world.org_a, membership, by=world.coordinator)
        db.session.commit()
        events = subscription.drain()
    assert [(e.type, e.extra) for e in events] == [("access", {"user_id": world.member.id})]


def _count_coordinators(org_id: int) -> int:
    return db.session.scalar(
        sa.select(sa.func.count())
        .select_from(Membership)
        .where(Membership.organisation_id == org_id, Membership.role == Role.coordinator)
    )


def test_two_coordinators_stepping_down_at_once_leave_one(app, world):
    """Each sees the other still coordinating; only one may go (SQLite and PostgreSQL)."""
    import threading

    from resokit_web.orgs.models import Organisation
    from resokit_web.orgs.service import LastCoordinatorError, change_role

    second = MembershipFactory(organisation=world.org_a, role=Role.coordinator)
    db.session.commit()
    ids = [world.membership(world.coordinator).id, second.id]
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def step_down(membership_id: int) -> None:
        with app.app_context():
            try:
                membership = db.session.get(Membership, membership_id)
                org = db.session.get(Organisation, world.org_a.id)
                barrier.wait()
                change_role(org, membership, Role.member, by=membership.user)
                db.session.commit()
                outcomes.append("stepped down")
            except LastCoordinatorError:
                db.session.rollback()
                outcomes.append("refused")
            finally:
                db.session.remove()

    threads = [threading.Thread(target=step_down, args=(i,)) for i in ids]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(outcomes) == ["refused", "stepped down"]
    db.session.expire_all()
    assert _count_coordinators(world.org_a.id) == 1
