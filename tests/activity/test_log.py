"""The activity and audit log: who, where, what, when — never content."""

from __future__ import annotations

import sqlalchemy as sa

from resokit_web.activity.models import Activity
from resokit_web.extensions import db

from ..conftest import speaking


def log_rows():
    return db.session.execute(
        sa.select(Activity.organisation_id, Activity.user_id, Activity.action).order_by(Activity.id)
    ).all()


def test_the_log_has_no_room_for_content():
    columns = {c.name for c in Activity.__table__.columns}
    assert columns == {"id", "organisation_id", "user_id", "action", "object_type", "object_id", "created_at"}


def test_refused_access_is_logged(world, as_role):
    assert as_role("outsider").get("/o/org-a/").status_code == 404
    assert as_role("viewer").get("/o/org-a/members").status_code == 403
    assert log_rows() == [
        (world.org_a.id, world.outsider.id, "denied.not_member"),
        (world.org_a.id, world.viewer.id, "denied.role"),
    ]


def test_the_team_feed_leaves_out_refusals_and_logins_but_the_audit_log_shows_them(world, as_role):
    as_role("viewer").get("/o/org-a/members")
    as_role("coordinator").post("/o/org-a/invitations", data={"role": "member", "days": "7"})
    coordinator = speaking(as_role("coordinator"))
    feed = coordinator.get("/o/org-a/").get_data(as_text=True)
    audit = coordinator.get("/o/org-a/audit").get_data(as_text=True)
    assert "made an invitation link" in feed and "refused" not in feed
    assert "Viewer A was refused: role too low" in audit and "made an invitation link" in audit


def test_times_are_utc(world, as_role):
    as_role("outsider").get("/o/org-a/")
    entry = db.session.scalar(sa.select(Activity))
    assert entry.created_at.utcoffset().total_seconds() == 0
