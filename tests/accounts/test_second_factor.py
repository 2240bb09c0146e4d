"""Two-factor sign-in: TOTP with a QR code, ten recovery codes shown once, the second
step at sign-in, coordinators required to have one, and a coordinator's reset."""

from __future__ import annotations

import re
from datetime import timedelta
from html import unescape

import pyotp
import pytest
import sqlalchemy as sa
import time_machine

from resokit_web import create_app
from resokit_web.accounts.second_factor import enable_totp, new_recovery_codes, new_secret
from resokit_web.accounts.security_models import Passkey, RecoveryCode
from resokit_web.activity.models import Activity
from resokit_web.extensions import db, utcnow

from ..conftest import base_config, login, make_app, sign_in, speaking
from ..factories import TEST_PASSWORD, MembershipFactory, OrganisationFactory


def secret_on(html: str) -> str:
    return re.search(r'name="secret" type="hidden" value="([A-Z2-7]{32})"', html).group(1)


def with_totp(user) -> pyotp.TOTP:
    secret = new_secret()
    assert enable_totp(user, secret, pyotp.TOTP(secret).now())
    user.totp_last_step = None  # as if set up a while ago: the current code is still unused
    db.session.commit()
    return pyotp.TOTP(secret)


def second_step(client, code):
    return client.post("/login/second-factor", data={"code": code})


def test_turning_on_totp_shows_a_qr_code_the_key_and_ten_codes_once(client, world):
    speaking(client)
    sign_in(client, world.member)
    page = client.get("/account/security")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    assert "<svg" in html and 'class="qr-code"' in html and 'hx-history="false"' in html
    secret = secret_on(html)
    assert " ".join(secret[i : i + 4] for i in range(0, 32, 4)) in html  # the key, readable
    # A wrong code: the same secret stays, the message is beside the field.
    wrong = client.post("/account/totp", data={"secret": secret, "code": "000000"})
    assert wrong.status_code == 422 and 'id="totp-code-error"' in wrong.get_data(as_text=True)
    assert secret_on(wrong.get_data(as_text=True)) == secret

    done = client.post("/account/totp", data={"secret": secret, "code": pyotp.TOTP(secret).now()})
    assert done.status_code == 303
    shown = client.get("/account/security").get_data(as_text=True)
    codes = re.findall(r"<code>([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})</code>", shown)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert not re.findall(
        r"<code>[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}</code>", client.get("/account/security").get_data(as_text=True)
    )
    db.session.refresh(world.member)
    assert world.member.totp_enabled_at and world.member.second_factor_at
    stored = db.session.scalars(sa.select(RecoveryCode.code_hash)).all()
    assert len(stored) == 10 and not any(c.replace("-", "") in h for c in codes for h in stored)
    assert db.session.scalar(sa.select(Activity.action).where(Activity.action == "second_factor.enabled"))


def test_a_made_up_secret_is_not_taken(client, world):
    sign_in(client, world.member)
    response = client.post("/account/totp", data={"secret": "short", "code": "123456"})
    assert response.status_code == 422


def test_signing_in_asks_for_the_code_and_each_code_works_once(app, world):
    totp = with_totp(world.member)
    client = speaking(app.test_client())
    response = login(client, world.member.email)
    assert response.status_code == 303 and response.headers["Location"] == "/login/second-factor"
    assert client.get("/orgs").status_code == 302  # not signed in yet
    page = client.get("/login/second-factor").get_data(as_text=True)
    assert 'name="code"' in page and 'autocomplete="one-time-code"' in page
    bad = second_step(client, "000000")
    assert bad.status_code == 422 and 'id="code-error"' in bad.get_data(as_text=True)
    code = totp.now()
    assert second_step(client, code).headers["Location"] == "/"
    assert client.get("/orgs").status_code == 200
    # The same code once more, from another browser with the password: refused.
    thief = app.test_client()
    login(thief, world.member.email)
    assert second_step(thief, code).status_code == 422


def test_a_recovery_code_signs_in_once(app, world):
    with_totp(world.member)
    codes = new_recovery_codes(world.member)
    db.session.commit()
    client = speaking(app.test_client())
    login(client, world.member.email)
    done = second_step(client, codes[3].lower().replace("-", " "))
    assert done.status_code == 303
    assert "9 are left" in client.get("/orgs").get_data(as_text=True)
    again = app.test_client()
    login(again, world.member.email)
    assert second_step(again, codes[3]).status_code == 422


def test_the_second_step_waits_ten_minutes_at_most(app, world):
    totp = with_totp(world.member)
    client = app.test_client()
    login(client, world.member.email)
    with time_machine.travel(utcnow() + timedelta(minutes=11)):
        late = second_step(client, totp.now())
    assert late.status_code == 303 and late.headers["Location"] == "/login"
    assert client.get("/orgs").status_code == 302


def test_without_a_password_first_there_is_no_second_step(client, world):
    assert client.get("/login/second-factor").headers["Location"] == "/login"
    assert second_step(client, "123456").headers["Location"] == "/login"


def test_wrong_codes_are_limited_per_device_so_a_thief_cannot_lock_the_owner_out(app, database_url, world):
    limited = make_app(database_url, empty=False, RESOKIT_SECOND_FACTOR_LIMIT="3 per hour")
    totp = with_totp(world.member)
    owner = limited.test_client()
    login(owner, world.member.email)
    assert second_step(owner, totp.now()).status_code == 303  # the owner's browser is now known
    owner.post("/logout")
    thief = limited.test_client()
    login(thief, world.member.email)
    assert [second_step(thief, "000000").status_code for _ in range(4)] == [422, 422, 422, 429]
    world.member.totp_last_step = None
    db.session.commit()
    login(owner, world.member.email)
    assert second_step(owner, totp.now()).status_code == 303


def test_turning_totp_off_and_new_codes_ask_for_the_password(client, world):
    speaking(client)
    with_totp(world.member)
    old = new_recovery_codes(world.member)
    db.session.commit()
    sign_in(client, world.member)
    refused = client.post("/account/recovery-codes", data={"password": "wrong password!"})
    assert refused.status_code == 422 and 'id="password-codes-error"' in refused.get_data(as_text=True)
    assert client.post("/account/recovery-codes", data={"password": TEST_PASSWORD}).status_code == 303
    new = re.findall(r"<code>([A-Z0-9-]{14})</code>", client.get("/account/security").get_data(as_text=True))
    assert len(new) == 10 and not set(new) & set(old)
    assert client.post("/account/totp/disable", data={"password": "wrong password!"}).status_code == 422
    assert client.post("/account/totp/disable", data={"password": TEST_PASSWORD}).status_code == 303
    db.session.refresh(world.member)
    assert world.member.totp_secret is None and world.member.second_factor_at is None
    assert db.session.scalar(sa.select(sa.func.count()).select_from(RecoveryCode)) == 0


# Required for coordinators -------------------------------------------------------------


def test_production_requires_it_of_coordinators_development_does_not():
    assert create_app(base_config("sqlite://")).config["RESOKIT_REQUIRE_SECOND_FACTOR"] == "off"
    production = create_app(base_config("sqlite://", RESOKIT_ENV="production"))
    assert production.config["RESOKIT_REQUIRE_SECOND_FACTOR"] == "coordinators"


@pytest.fixture
def required(app, database_url):
    return make_app(database_url, empty=False, RESOKIT_REQUIRE_SECOND_FACTOR="coordinators")


def test_a_coordinator_without_it_is_sent_to_set_it_up_and_sees_nothing_before(required, world):
    client = speaking(required.test_client())
    response = login(client, world.coordinator.email, next="/o/org-a/people")
    assert response.headers["Location"].startswith("/account/security?next=")
    for url in ("/o/org-a/people", "/o/org-a/audit", "/o/org-a/", "/o/org-a/members"):
        blocked = client.get(url)
        assert blocked.status_code == 302 and blocked.headers["Location"].startswith("/account/security"), url
    fragment = client.get("/o/org-a/people", headers={"HX-Request": "true"})
    assert fragment.status_code == 401 and fragment.headers["HX-Redirect"].startswith("/account/security")
    # A member of the same team is not held up.
    member = required.test_client()
    login(member, world.member.email)
    assert member.get("/o/org-a/people").status_code == 200

    page = client.get(response.headers["Location"]).get_data(as_text=True)
    secret = secret_on(page)
    done = client.post(
        "/account/totp", data={"secret": secret, "code": pyotp.TOTP(secret).now(), "next": "/o/org-a/people"}
    )
    assert done.headers["Location"] == "/o/org-a/people"
    assert client.get("/o/org-a/people").status_code == 200


def test_a_required_coordinator_keeps_at_least_one_factor(required, world):
    with_totp(world.coordinator)
    client = speaking(required.test_client())
    sign_in(client, world.coordinator)
    response = client.post("/account/totp/disable", data={"password": TEST_PASSWORD})
    assert response.status_code == 422 and "need a second sign-in step" in response.get_data(as_text=True)
    db.session.refresh(world.coordinator)
    assert world.coordinator.totp_secret is not None


def test_in_development_a_coordinator_is_invited_not_required(client, world):
    speaking(client)
    response = login(client, world.coordinator.email)
    assert response.headers["Location"] == "/"
    assert "second sign-in step" in client.get("/orgs").get_data(as_text=True)
    assert client.get("/o/org-a/audit").status_code == 200


# A coordinator's reset -----------------------------------------------------------------


def test_a_coordinator_resets_a_members_second_factor_audited_and_mailed(mail_app, world, mailbox):
    with_totp(world.member)
    new_recovery_codes(world.member)
    db.session.add(Passkey(user_id=world.member.id, credential_id=b"key", public_key=b"pub", name="telefoon"))
    db.session.commit()
    phone = mail_app.test_client()
    sign_in(phone, world.member)
    coordinator = speaking(mail_app.test_client())
    sign_in(coordinator, world.coordinator)
    members = coordinator.get("/o/org-a/members").get_data(as_text=True)
    membership = world.membership(world.member)
    action = f"/o/org-a/members/{membership.id}/reset-second-factor"
    assert f'action="{action}"' in members

    assert coordinator.post(action).status_code == 303
    db.session.refresh(world.member)
    assert world.member.second_factor_at is None and world.member.totp_secret is None
    assert db.session.scalar(sa.select(sa.func.count()).select_from(RecoveryCode)) == 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Passkey)) == 0
    assert phone.get("/orgs").status_code == 302  # signed out everywhere
    line = db.session.scalars(sa.select(Activity).where(Activity.action == "second_factor.reset")).one()
    assert (line.user_id, line.object_id, line.organisation_id) == (
        world.coordinator.id,
        world.member.id,
        world.org_a.id,
    )
    assert "reset a member's second sign-in step" in unescape(coordinator.get("/o/org-a/audit").get_data(as_text=True))
    [message] = mailbox.wait(1)
    assert message["To"] == world.member.email and "Coordinator A" in message.get_body(("plain",)).get_content()


def test_a_coordinator_cannot_reset_someone_who_is_also_elsewhere(client, world):
    with_totp(world.member)
    MembershipFactory(organisation=OrganisationFactory(), user=world.member)
    db.session.commit()
    sign_in(client, world.coordinator)
    membership = world.membership(world.member)
    assert client.post(f"/o/org-a/members/{membership.id}/reset-second-factor").status_code == 303
    db.session.refresh(world.member)
    assert world.member.totp_secret is not None  # unchanged
    assert "also in organisations" in speaking(client).get("/o/org-a/members").get_data(as_text=True)
