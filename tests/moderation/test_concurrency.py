"""Two moderators deciding the same proposal at the same moment: applied once.

Each moderator is a thread with its own app context, session and connection; a barrier
lets both send at once. Whatever the interleaving, one decision wins and the other is
told who decided (409). Runs on SQLite and, when configured, on PostgreSQL.
"""

from __future__ import annotations

import threading

import pytest
import sqlalchemy as sa

from resokit_web.activity.models import Activity
from resokit_web.buurtkaart.models import Treasure
from resokit_web.extensions import db
from resokit_web.live.history import HistoryEntry
from resokit_web.public.models import ResidentSubmission

from ..conftest import sign_in
from ..factories.public import make_proposal


def _race(app, users, requests):
    """Send ``requests[i]`` (url, data) as ``users[i]``, all at once; returns the statuses."""
    barrier = threading.Barrier(len(requests))
    statuses: list[int | None] = [None] * len(requests)
    errors: list[BaseException] = []

    def moderator(i):
        try:
            with app.app_context():
                client = app.test_client()
                sign_in(client, users[i])
                url, data = requests[i]
                barrier.wait(timeout=30)
                statuses[i] = client.post(url, data=data).status_code
                db.session.remove()
        except BaseException as error:  # noqa: BLE001 - reported by the test below
            errors.append(error)

    threads = [threading.Thread(target=moderator, args=(i,)) for i in range(len(requests))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors, errors
    return statuses


@pytest.fixture
def proposal(world):
    treasure = make_proposal(world.org_a, name="Wasserette")
    db.session.commit()
    return treasure


def _counts(treasure_id):
    db.session.expire_all()
    history = list(
        db.session.scalars(
            sa.select(HistoryEntry.action)
            .where(HistoryEntry.object_type == "treasure", HistoryEntry.object_id == treasure_id)
            .order_by(HistoryEntry.version)
        )
    )
    activity = list(
        db.session.scalars(
            sa.select(Activity.action).where(Activity.object_id == treasure_id, Activity.object_type == "treasure")
        )
    )
    return history, activity


def test_two_accepts_at_once_apply_once(app, world, proposal):
    url = f"/o/org-a/moderation/{proposal.id}/accept"
    statuses = _race(app, [world.coordinator, world.member], [(url, {"version": 1}), (url, {"version": 1})])
    assert sorted(statuses) == [303, 409]
    history, activity = _counts(proposal.id)
    assert history == ["proposed", "accepted"]
    assert activity.count("treasure.accepted") == 1
    treasure = db.session.get(Treasure, proposal.id)
    assert (treasure.status, treasure.version) == ("accepted", 2)
    submission = db.session.scalars(sa.select(ResidentSubmission)).one()
    winner = world.coordinator if statuses[0] == 303 else world.member
    assert (submission.decision, submission.decided_by_id) == ("accepted", winner.id)


def test_accept_and_reject_at_once_apply_one_of_them(app, world, proposal):
    accept = (f"/o/org-a/moderation/{proposal.id}/accept", {"version": 1})
    reject = (f"/o/org-a/moderation/{proposal.id}/reject", {f"p{proposal.id}-reason": "spam"})
    statuses = _race(app, [world.coordinator, world.member], [accept, reject])
    assert sorted(statuses) == [303, 409]
    history, _activity = _counts(proposal.id)
    assert len(history) == 2
    submission = db.session.scalars(sa.select(ResidentSubmission)).one()
    assert submission.decision == ("accepted" if statuses[0] == 303 else "rejected")
    assert db.session.get(Treasure, proposal.id).status == ("accepted" if statuses[0] == 303 else "archived")


def test_many_moderators_at_once(app, world, proposal):
    url = f"/o/org-a/moderation/{proposal.id}/accept"
    users = [world.coordinator, world.member] * 3
    statuses = _race(app, users, [(url, {"version": 1})] * len(users))
    assert sorted(statuses) == [303] + [409] * (len(users) - 1)
    history, activity = _counts(proposal.id)
    assert history == ["proposed", "accepted"]
    assert activity.count("treasure.accepted") == 1
