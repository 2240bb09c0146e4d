"""E-mail verification at sign-up, RESOKIT_SIGNUP=open|invite|off, and new organisations:
only from a confirmed address, a few a day."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa
import time_machine

from resokit_web import create_app
from resokit_web.accounts.models import User
from resokit_web.accounts.tokens import verify_token
from resokit_web.config import ConfigError
from resokit_web.extensions import db, utcnow
from resokit_web.orgs.models import Organisation

from ..conftest import base_config, make_app, sign_in, speaking
from ..factories import UserFactory
from ..mailbox import link_in
from .test_signup import GOOD


def new_org(client, slug="nieuw-buurthuis"):
    return client.post("/orgs", data={"name": "Nieuw buurthuis", "slug": slug})


def user(email="fatima@example.org") -> User:
    return db.session.scalar(sa.select(User).where(User.email == email))


def test_signing_up_sends_a_link_that_confirms_the_address(mail_app, mailbox):
    client = speaking(mail_app.test_client())
    assert client.post("/signup", data=GOOD).status_code == 303
    assert user().email_verified_at is None
    [message] = mailbox.wait(1)
    assert message["To"] == "fatima@example.org" and "Confirm" in message["Subject"]

    # Not confirmed yet: the workspace form explains, and creating one is refused.
    page = client.get("/orgs/new").get_data(as_text=True)
    assert "First confirm your e-mail address" in page and 'name="slug"' not in page
    assert new_org(client).status_code == 403
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Organisation)) == 0

    link = link_in(message).removeprefix("http://localhost")
    assert link.startswith("/verify/")
    confirmed = client.get(link)
    assert confirmed.status_code == 200 and "is confirmed" in confirmed.get_data(as_text=True)
    db.session.expire_all()
    assert user().email_verified_at is not None
    assert new_org(client).status_code == 303


def test_a_verification_link_lasts_three_days_and_only_for_that_address(app, client):
    member = UserFactory(email="samir@example.org", email_verified_at=None)
    db.session.commit()
    with app.test_request_context():
        token = verify_token(member)
    with time_machine.travel(utcnow() + timedelta(days=3, minutes=1)):
        assert speaking(client).get(f"/verify/{token}").status_code == 404
    member.email = "samir@elders.example.org"
    db.session.commit()
    assert client.get(f"/verify/{token}").status_code == 404
    assert client.get("/verify/nonsense").status_code == 404


def test_the_link_can_be_sent_again(mail_app, mailbox):
    client = mail_app.test_client()
    client.post("/signup", data=GOOD)
    assert client.post("/account/verification", data={"next": "/orgs/new"}).headers["Location"] == "/orgs/new"
    assert len(mailbox.wait(2)) == 2


def test_signing_up_through_an_invitation_mailed_to_that_address_needs_no_check(mail_app, world, mailbox):
    coordinator = mail_app.test_client()
    sign_in(coordinator, world.coordinator)
    coordinator.post("/o/org-a/invitations", data={"role": "member", "days": "7", "email": "fatima@example.org"})
    join = link_in(mailbox.wait(1)[0]).removeprefix("http://localhost")
    client = mail_app.test_client()
    assert client.post("/signup", data={**GOOD, "next": join}).headers["Location"] == join
    assert user().email_verified_at is not None
    assert len(mailbox.messages) == 1  # no verification mail


def test_accepting_an_invitation_mailed_to_ones_own_address_confirms_it(mail_app, world, mailbox):
    stranger = UserFactory(email="fatima@example.org", email_verified_at=None)
    db.session.commit()
    coordinator = mail_app.test_client()
    sign_in(coordinator, world.coordinator)
    coordinator.post("/o/org-a/invitations", data={"role": "member", "days": "7", "email": stranger.email})
    join = link_in(mailbox.wait(1)[0]).removeprefix("http://localhost")
    client = mail_app.test_client()
    sign_in(client, stranger)
    assert client.post(join).status_code == 303
    assert user().email_verified_at is not None


# RESOKIT_SIGNUP --------------------------------------------------------------------------


def test_the_signup_mode_comes_from_the_environment_and_is_checked(monkeypatch):
    monkeypatch.setenv("RESOKIT_SIGNUP", "invite")
    assert create_app(base_config("sqlite://")).config["RESOKIT_SIGNUP"] == "invite"
    monkeypatch.setenv("RESOKIT_SIGNUP", "closed")
    with pytest.raises(ConfigError):
        create_app(base_config("sqlite://"))


@pytest.fixture
def invite_only(app, database_url):
    return make_app(database_url, empty=False, RESOKIT_SIGNUP="invite")


def test_invite_only_accounts_come_through_an_invitation(invite_only, world):
    client = speaking(invite_only.test_client())
    closed = client.get("/signup")
    assert closed.status_code == 403 and "through an invitation" in closed.get_data(as_text=True)
    assert client.post("/signup", data=GOOD).status_code == 403
    assert "/signup" not in client.get("/login").get_data(as_text=True)
    assert user() is None

    coordinator = invite_only.test_client()
    sign_in(coordinator, world.coordinator)
    coordinator.post("/o/org-a/invitations", data={"role": "member", "days": "7"})
    join = (
        coordinator.get("/o/org-a/members")
        .get_data(as_text=True)
        .split('id="new-link" type="text" readonly value="http://localhost')[1]
        .split('"')[0]
    )
    assert client.get(f"/signup?next={join}").status_code == 200
    signed_up = client.post("/signup", data={**GOOD, "next": join})
    assert signed_up.status_code == 303 and signed_up.headers["Location"] == "/o/org-a/"  # in the team at once
    assert user() is not None and client.get("/o/org-a/").status_code == 200
    # A used invitation opens no second account.
    other = invite_only.test_client()
    assert other.post("/signup", data={**GOOD, "email": "b@example.org", "next": join}).status_code == 403


def test_signup_off_takes_no_account_and_no_new_organisation(app, database_url, world):
    off = make_app(database_url, empty=False, RESOKIT_SIGNUP="off")
    client = speaking(off.test_client())
    assert client.get("/signup").status_code == 403
    assert client.post("/signup", data=GOOD).status_code == 403
    signed_in = speaking(off.test_client())
    sign_in(signed_in, world.member)
    assert "person who runs it" in signed_in.get("/orgs/new").get_data(as_text=True)
    assert new_org(signed_in).status_code == 403


def test_flask_user_create_makes_a_confirmed_account(app):
    runner = app.test_cli_runner()
    weak = runner.invoke(args=["user", "create", "noor@example.org", "Noor", "--password", "aaaaaaaaaaaa"])
    assert weak.exit_code != 0 and "easy to guess" in weak.output
    done = runner.invoke(
        args=["user", "create", "noor@example.org", "Noor", "--password", "een lange zin als wachtwoord"]
    )
    assert done.exit_code == 0, done.output
    created = user("noor@example.org")
    assert created.display_name == "Noor" and created.email_verified_at is not None
    again = runner.invoke(
        args=["user", "create", "NOOR@example.org", "Noor", "--password", "een lange zin als wachtwoord"]
    )
    assert again.exit_code != 0 and "already" in again.output


def test_new_organisations_are_limited_per_account_and_failures_do_not_count(app, database_url, world):
    limited = make_app(database_url, empty=False, RESOKIT_ORG_LIMIT="2 per day")
    client = limited.test_client()
    sign_in(client, world.member)
    assert client.post("/orgs", data={"name": "", "slug": "x"}).status_code == 422
    assert [new_org(client, f"buurthuis-{n}").status_code for n in range(3)] == [303, 303, 429]
    other = limited.test_client()
    sign_in(other, world.viewer)
    assert new_org(other, "buurthuis-z").status_code == 303
