"""Password reset by e-mail: one answer whether or not the address exists, a link that
works once for an hour, every session ended, the event in the audit log."""

from __future__ import annotations

from datetime import timedelta

import pyotp
import sqlalchemy as sa
import time_machine

from resokit_web.accounts import mail
from resokit_web.accounts.passwords import verify_password
from resokit_web.accounts.second_factor import enable_totp, new_secret
from resokit_web.activity.models import Activity
from resokit_web.extensions import db, utcnow

from ..conftest import login, sign_in, speaking
from ..mailbox import link_in, text_of

NEW = "een nieuw lang wachtwoord"


def forgot(client, email):
    return client.post("/password/forgot", data={"email": email})


def path_of(link: str) -> str:
    return link.removeprefix("http://localhost")


def test_the_forgot_page_has_the_contract_field(client):
    html = client.get("/password/forgot").get_data(as_text=True)
    assert 'name="email"' in html and 'action="/password/forgot"' in html
    assert 'href="/password/forgot"' in client.get("/login").get_data(as_text=True)


def test_the_same_answer_whether_or_not_the_address_exists(mail_app, world, mailbox):
    client = speaking(mail_app.test_client())
    known, unknown = forgot(client, world.member.email), forgot(client, "niemand@example.org")
    assert (known.status_code, known.headers["Location"]) == (unknown.status_code, unknown.headers["Location"])
    assert known.status_code == 303
    assert "If an account exists" in client.get(known.headers["Location"]).get_data(as_text=True)
    assert mail.outbox(mail_app).drain(10)
    assert [m["To"] for m in mailbox.messages] == [world.member.email]  # only the real account gets mail


def test_a_reset_link_changes_the_password_ends_every_session_and_is_logged(mail_app, world, mailbox):
    phone = mail_app.test_client()
    login(phone, world.member.email)
    assert phone.get("/orgs").status_code == 200
    browser = speaking(mail_app.test_client())
    forgot(browser, world.member.email)
    [message] = mailbox.wait(1)
    assert "one hour" in text_of(message) and message["Content-Language"] == "en"  # the member's language
    link = path_of(link_in(message))
    assert link.startswith("/password/reset/")

    page = browser.get(link)
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and 'name="password"' in html and 'name="password_confirm"' in html
    weak = browser.post(link, data={"password": "aaaaaaaaaaaa", "password_confirm": "aaaaaaaaaaaa"})
    assert weak.status_code == 422 and "easy to guess" in weak.get_data(as_text=True)

    done = browser.post(link, data={"password": NEW, "password_confirm": NEW})
    assert done.status_code == 303 and done.headers["Location"] == "/login"
    db.session.refresh(world.member)
    assert verify_password(world.member.password_hash, NEW)
    assert phone.get("/orgs").status_code == 302  # the phone is signed out
    assert login(mail_app.test_client(), world.member.email, NEW).status_code == 303
    # Used once: the link is dead now.
    assert browser.get(link).status_code == 404
    assert browser.post(link, data={"password": NEW + "!", "password_confirm": NEW + "!"}).status_code == 404
    # The owner hears of it, and each of their organisations' audit logs shows it.
    changed = mailbox.wait(2)[1]
    assert changed["To"] == world.member.email and "changed" in changed["Subject"]
    line = db.session.scalars(sa.select(Activity).where(Activity.action == "password.reset")).one()
    assert (line.organisation_id, line.user_id) == (world.org_a.id, world.member.id)
    coordinator = speaking(mail_app.test_client())
    sign_in(coordinator, world.coordinator)
    assert "chose a new password" in coordinator.get("/o/org-a/audit").get_data(as_text=True)
    assert "chose a new password" not in coordinator.get("/o/org-a/").get_data(as_text=True)  # audit only


def test_a_reset_link_expires_after_an_hour(mail_app, world, mailbox):
    client = speaking(mail_app.test_client())
    forgot(client, world.member.email)
    link = path_of(link_in(mailbox.wait(1)[0]))
    with time_machine.travel(utcnow() + timedelta(minutes=61)):
        response = client.get(link)
    assert response.status_code == 404 and "works once, for one hour" in response.get_data(as_text=True)


def test_a_forged_or_mangled_link_does_not_work(client, world):
    assert client.get("/password/reset/abc").status_code == 404
    assert client.get("/password/reset/" + "x" * 2000).status_code == 404


def test_reset_requests_are_limited_per_address_the_same_for_unknown_ones(mail_app, world, mailbox):
    mail_app.config["RESOKIT_RESET_LIMIT_ADDRESS"] = "2 per hour"
    for email in (world.member.email, "niemand@example.org"):
        client = mail_app.test_client()
        assert [forgot(client, email).status_code for _ in range(3)] == [303, 303, 429]


def test_a_reset_does_not_skip_the_second_step(mail_app, world, mailbox):
    secret = new_secret()
    assert enable_totp(world.member, secret, pyotp.TOTP(secret).now())
    db.session.commit()
    client = mail_app.test_client()
    forgot(client, world.member.email)
    link = path_of(link_in(mailbox.wait(1)[0]))
    assert client.post(link, data={"password": NEW, "password_confirm": NEW}).status_code == 303
    response = login(client, world.member.email, NEW)
    assert response.headers["Location"] == "/login/second-factor"
    assert client.get("/orgs").status_code == 302
