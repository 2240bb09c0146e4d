"""`flask --app resokit_web demo`: the demo organisations and accounts, as often as you like."""

from __future__ import annotations

import sqlalchemy as sa

from resokit_web.accounts.models import User
from resokit_web.demo import DEMO_PASSWORD
from resokit_web.extensions import db
from resokit_web.orgs.models import Membership, Organisation, Role

from .conftest import login

ACCOUNTS = {
    "coordinator@demo.resokit.test": ("demo", Role.coordinator),
    "member@demo.resokit.test": ("demo", Role.member),
    "coordinator@demo2.resokit.test": ("demo2", Role.coordinator),
}


def row_counts() -> dict[str, int]:
    with db.engine.connect() as conn:
        return {
            t.name: conn.execute(sa.select(sa.func.count()).select_from(t)).scalar() for t in db.metadata.sorted_tables
        }


def test_demo_is_idempotent(app):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["demo"])
    assert first.exit_code == 0, first.output
    assert DEMO_PASSWORD in first.output
    counts = row_counts()
    second = runner.invoke(args=["demo"])
    assert second.exit_code == 0, second.output
    assert row_counts() == counts
    # The three required accounts, plus any extra demo colleagues an area adds (opinions: a third voice).
    assert counts["organisations"] == 2 and counts["users"] >= 3 and counts["memberships"] >= 3


def test_demo_accounts_sign_in_with_the_demo_password(app):
    app.test_cli_runner().invoke(args=["demo"])
    demo = db.session.scalar(sa.select(Organisation).filter_by(slug="demo"))
    assert "Kuregem" in demo.neighbourhood and "Anderlecht" in demo.neighbourhood
    assert (demo.map_lat, demo.map_lon) == (50.8366, 4.3185)
    for email, (slug, _role) in ACCOUNTS.items():
        client = app.test_client()
        assert login(client, email, DEMO_PASSWORD).status_code == 303
        assert client.get(f"/o/{slug}/").status_code == 200
        assert client.get(f"/o/{'demo2' if slug == 'demo' else 'demo'}/").status_code == 404
        membership = db.session.scalar(sa.select(Membership).join(Organisation).where(Organisation.slug == slug))
        assert membership is not None
    roles = db.session.execute(
        sa.select(Organisation.slug, User.email, Membership.role)
        .select_from(Membership)
        .join(Organisation, Organisation.id == Membership.organisation_id)
        .join(User, User.id == Membership.user_id)
    ).all()
    required = {(slug, email, role) for email, (slug, role) in ACCOUNTS.items()}
    assert required <= set(roles)
    # Nobody else coordinates a demo organisation, and the required accounts have no other roles.
    assert {(s, e, r) for s, e, r in roles if e in ACCOUNTS or r == Role.coordinator} == required
