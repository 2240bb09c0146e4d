"""Signing up: validation beside the fields, duplicates, the password rules."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from resokit_web.accounts.models import User
from resokit_web.extensions import db

from ..conftest import speaking
from ..factories import UserFactory

GOOD = {
    "display_name": "Fatima",
    "email": "Fatima@Example.org",
    "password": "twaalf tekens!",
    "password_confirm": "twaalf tekens!",
}


def error_beside(html: str, field: str) -> str:
    """The error text rendered right after ``field`` (the form macro's ``<id>-error``)."""
    match = re.search(rf'<p class="error" id="{field}-error">(.*?)</p>', html, re.S)
    assert match, f"no error beside {field}"
    return match.group(1)


def field_tag(html: str, field: str) -> str:
    match = re.search(rf'<(?:input|select|textarea)[^>]*\bid="{field}"[^>]*>', html)
    assert match, f"no input {field}"
    return match.group(0)


def test_signup_creates_the_account_and_signs_in(app, client):
    response = client.post("/signup", data=GOOD)
    assert response.status_code == 303
    user = db.session.scalar(sa.select(User))
    assert user.email == "fatima@example.org"  # stored normalised
    assert user.password_hash.startswith("$argon2id$")
    assert "twaalf" not in user.password_hash
    assert client.get("/orgs").status_code == 200  # signed in


def test_signup_follows_a_safe_next_but_never_another_site(client):
    response = client.post("/signup", data={**GOOD, "next": "/join/abc"})
    assert response.headers["Location"] == "/join/abc"
    other = client.application.test_client()
    response = other.post("/signup", data={**GOOD, "email": "b@example.org", "next": "https://evil.test/"})
    assert response.headers["Location"] == "/orgs"


@pytest.mark.parametrize(
    "changes,field,message",
    [
        ({"password": "elf tekens!", "password_confirm": "elf tekens!"}, "password", "at least 12 characters"),
        ({"password_confirm": "iets anders helemaal"}, "password_confirm", "not the same"),
        ({"email": "geen-adres"}, "email", "does not look like an e-mail address"),
        ({"email": ""}, "email", "Fill in your e-mail address"),
        ({"display_name": "   "}, "display_name", "Fill in a name"),
        ({"display_name": "Fati\x07ma"}, "display_name", "control characters"),
        (
            {"password": "fatima@example.org", "password_confirm": "fatima@example.org"},
            "password",
            "e-mail address as your password",
        ),
    ],
)
def test_bad_signup_answers_422_with_the_message_beside_the_field(client, changes, field, message):
    response = speaking(client).post("/signup", data={**GOOD, **changes})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert message in error_beside(html, field)
    tag = field_tag(html, field)
    assert 'aria-invalid="true"' in tag and f"{field}-error" in tag  # announced by screen readers
    # What was typed stays, except passwords.
    if field != "email" and changes.get("email") is None:
        assert 'value="Fatima@Example.org"' in html or 'value="fatima@example.org"' in html
    assert "twaalf tekens!" not in html
    assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 0


def test_twelve_characters_are_enough_when_they_are_hard_to_guess(client):
    response = client.post("/signup", data={**GOOD, "password": "blauwe#deur7", "password_confirm": "blauwe#deur7"})
    assert response.status_code == 303


def test_an_existing_email_is_refused_whatever_its_case(app, client):
    UserFactory(email="fatima@example.org")
    db.session.commit()
    response = speaking(client).post("/signup", data=GOOD)
    assert response.status_code == 422
    assert "already exists" in error_beside(response.get_data(as_text=True), "email")
    assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 1


def test_signup_keeps_the_chosen_language(client):
    client.get("/signup?lang=fr")
    client.post("/signup", data=GOOD)
    assert db.session.scalar(sa.select(User.locale)) == "fr"
