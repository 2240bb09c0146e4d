"""E-mail through a real SMTP server: the recipient's language, text and HTML, and a send
that fails never breaks the request; it is retried and logged."""

from __future__ import annotations

import logging
import time
from pathlib import Path

import pytest

from resokit_web.accounts import mail
from resokit_web.config import ConfigError, smtp_settings

from ..conftest import make_app, sign_in
from ..mailbox import html_of, link_in, text_of


def test_the_smtp_url_says_server_account_and_encryption():
    assert smtp_settings("smtp://post%40buurthuis.be:g%3Aheim@mail.example.org") == {
        "MAIL_SERVER": "mail.example.org",
        "MAIL_PORT": 587,
        "MAIL_USERNAME": "post@buurthuis.be",
        "MAIL_PASSWORD": "g:heim",
        "MAIL_USE_TLS": True,  # STARTTLS, required
        "MAIL_USE_SSL": False,
    }
    assert smtp_settings("smtps://mail.example.org")["MAIL_USE_SSL"] is True
    assert smtp_settings("smtps://mail.example.org")["MAIL_PORT"] == 465
    plain = smtp_settings("smtp+plain://127.0.0.1:2525")
    assert (plain["MAIL_PORT"], plain["MAIL_USE_TLS"], plain["MAIL_USE_SSL"]) == (2525, False, False)
    for bad in ("http://mail.example.org", "smtp://", "mail.example.org:587"):
        with pytest.raises(ConfigError):
            smtp_settings(bad)


def invite(client, **data):
    return client.post("/o/org-a/invitations", data={"role": "member", "days": "7", **data})


def test_an_invitation_arrives_in_the_chosen_language_as_text_and_html(mail_app, world, mailbox):
    coordinator = mail_app.test_client()
    sign_in(coordinator, world.coordinator)
    response = invite(coordinator, email="Nadia@Example.org", language="fr")
    assert response.status_code == 303
    [message] = mailbox.wait(1)
    assert message["To"] == "nadia@example.org"
    assert message["From"] == mail_app.config["RESOKIT_MAIL_FROM"]
    assert "Coordinator A" in message["Subject"] and "Buurthuis A" in message["Subject"]
    assert message["Content-Language"] == "fr"
    text, html = text_of(message), html_of(message)
    assert "vous invite" in text and "Bonjour" in text  # French
    link = link_in(message)
    assert link.startswith("http://localhost/join/") and f'href="{link}"' in html
    # The link also stays on the page, for a colleague without mail.
    page = coordinator.get("/o/org-a/members").get_data(as_text=True)
    assert f'value="{link}"' in page and "nadia@example.org" in page


def test_an_invitation_without_an_address_sends_nothing(mail_app, world, mailbox):
    coordinator = mail_app.test_client()
    sign_in(coordinator, world.coordinator)
    assert invite(coordinator).status_code == 303
    time.sleep(0.3)  # the sender would have sent it by now (only to see that it did not)
    assert mailbox.messages == []


def test_a_bad_address_is_refused_beside_the_field(mail_app, world, mailbox):
    coordinator = mail_app.test_client()
    sign_in(coordinator, world.coordinator)
    response = invite(coordinator, email="geen adres")
    assert response.status_code == 422 and 'id="email-error"' in response.get_data(as_text=True)


def test_a_refused_send_is_retried_and_logged_and_the_request_is_not_held_up(mail_app, world, mailbox, caplog):
    mailbox.refuse_next = 2
    coordinator = mail_app.test_client()
    sign_in(coordinator, world.coordinator)
    with caplog.at_level(logging.WARNING, logger="resokit_web.accounts.mail"):
        assert invite(coordinator, email="nadia@example.org").status_code == 303
        [message] = mailbox.wait(1)  # arrives at the third try
        assert mail.outbox(mail_app).drain(5)
    assert message["To"] == "nadia@example.org"
    tries = [r for r in caplog.records if "failed (try" in r.getMessage()]
    assert len(tries) == 2 and "example.org" in tries[0].getMessage() and "nadia" not in tries[0].getMessage()


def test_a_send_that_keeps_failing_is_given_up_with_an_error(app, database_url, world, caplog):
    dead = make_app(
        database_url, empty=False, RESOKIT_SMTP_URL="smtp+plain://127.0.0.1:9", RESOKIT_MAIL_RETRY_DELAYS=(0.05,)
    )
    coordinator = dead.test_client()
    sign_in(coordinator, world.coordinator)
    with caplog.at_level(logging.WARNING, logger="resokit_web.accounts.mail"):
        assert invite(coordinator, email="nadia@example.org").status_code == 303
        assert mail.outbox(dead).drain(10)
    assert any(r.levelno == logging.ERROR and "given up after 2 tries" in r.getMessage() for r in caplog.records)


def test_without_smtp_in_development_mail_is_an_eml_file_and_a_log_line(app, database_url, world, tmp_path, caplog):
    dev = make_app(database_url, empty=False, TESTING=False, RESOKIT_MAIL_DIR=str(tmp_path / "mail"))
    coordinator = dev.test_client()
    sign_in(coordinator, world.coordinator)
    with caplog.at_level(logging.WARNING, logger="resokit_web.accounts.mail"):
        assert invite(coordinator, email="nadia@example.org", language="nl").status_code == 303
        assert mail.outbox(dev).drain(10)
    [written] = list(Path(tmp_path / "mail").glob("*.eml"))
    content = written.read_text()
    assert "To: nadia@example.org" in content and "text/html" in content
    [line] = [r.getMessage() for r in caplog.records if "mail written to" in r.getMessage()]
    assert "nodigt je uit" in line and "/join/" in line  # its subject (Dutch) and its link
