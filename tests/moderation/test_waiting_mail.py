"""Coordinators hear by e-mail that residents' places wait: once when a wave starts, at
most daily while places keep waiting, never members, never a coordinator who turned it off."""

from __future__ import annotations

from datetime import timedelta

import pytest

from resokit_web.extensions import db, utcnow
from resokit_web.moderation.notify import REMIND_AFTER, tell_coordinators

from ..conftest import sign_in
from ..factories.public import make_proposal, open_public_page
from ..mailbox import html_of, link_in, text_of
from ..public.helpers import place


@pytest.fixture
def page(world):
    open_public_page(world.org_a, public_slug="kuregem")
    db.session.commit()
    return world.org_a


def test_the_first_waiting_place_mails_each_coordinator_once(mail_app, world, page, mailbox):
    resident = mail_app.test_client()
    assert resident.post("/buurt/kuregem", data=place(name="Wasserette")).status_code == 303
    [message] = mailbox.wait(1)
    assert message["To"] == world.coordinator.email  # not the member, not the viewer
    text = text_of(message)
    assert "Wasserette" not in text  # nothing a resident wrote travels in the mail
    assert link_in(message).endswith("/o/org-a/moderation")
    assert world.org_a.name in html_of(message)
    assert message["Subject"] == "1 place from residents waits for your team"  # the coordinator reads English

    # A second place the same day: no second mail. (The outbox sends in order, so the
    # next mail to arrive would be this one if it had been sent.)
    assert resident.post("/buurt/kuregem", data=place(name="Bank")).status_code == 303
    membership = world.membership(world.coordinator)
    membership.waiting_mailed_at = utcnow() - REMIND_AFTER - timedelta(minutes=1)
    db.session.commit()
    assert resident.post("/buurt/kuregem", data=place(name="Bibliotheek")).status_code == 303
    second = mailbox.wait(2)[1]
    assert second["Subject"] == "3 places from residents wait for your team"


def test_the_rules_of_who_is_mailed_and_when(app, world, page):
    with app.test_request_context():
        make_proposal(page)
        db.session.commit()
        assert tell_coordinators(page) == 1  # the first place waiting: a new wave
        make_proposal(page, name="Tweede")
        db.session.commit()
        assert tell_coordinators(page) == 0  # mailed an hour ago? no: seconds ago
        membership = world.membership(world.coordinator)
        membership.waiting_mailed_at = utcnow() - REMIND_AFTER
        db.session.commit()
        assert tell_coordinators(page) == 1  # a day later, places still waiting
        membership.mail_waiting_places = False
        membership.waiting_mailed_at = None
        db.session.commit()
        assert tell_coordinators(page) == 0  # turned off


def test_a_coordinator_turns_the_mail_off_and_on_without_javascript(client, world, page):
    sign_in(client, world.coordinator)
    html = client.get("/o/org-a/moderation").get_data(as_text=True)
    assert 'name="mail_waiting_places" checked' in html
    response = client.post("/o/org-a/moderation/mail", data={})
    assert response.status_code == 303 and response.headers["Location"].endswith("/o/org-a/moderation")
    assert world.membership(world.coordinator).mail_waiting_places is False
    html = client.get("/o/org-a/moderation").get_data(as_text=True)
    assert 'name="mail_waiting_places">' in html and "no longer get an e-mail" in html
    client.post("/o/org-a/moderation/mail", data={"mail_waiting_places": "on"})
    db.session.expire_all()
    assert world.membership(world.coordinator).mail_waiting_places is True


def test_members_do_not_see_the_switch(client, world, page):
    sign_in(client, world.member)
    assert "mail_waiting_places" not in client.get("/o/org-a/moderation").get_data(as_text=True)
