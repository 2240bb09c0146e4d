"""Passwords of twelve characters that anyone could guess are refused, with the reason."""

from __future__ import annotations

import pytest

from resokit_web.accounts.strength import weakness
from resokit_web.extensions import db

from ..conftest import login, speaking
from ..factories import UserFactory
from .test_signup import GOOD, error_beside


@pytest.mark.parametrize(
    "password,reason",
    [
        ("aaaaaaaaaaaa", "repeats the same characters"),
        ("abcabcabcabc", "repeats the same characters"),
        ("123456789012", "most common passwords"),
        ("abcdefghijkl", "simple sequence"),
        ("qwertyuiopas", "most common passwords"),
        ("welkom123456", "most common passwords"),
        ("motdepasse123", "most common passwords"),
        ("Fatima123456", "your name or your e-mail address"),
        ("fatima@example", "your name or your e-mail address"),
    ],
)
def test_guessable_passwords_are_refused_beside_the_field_with_the_reason(client, password, reason):
    response = speaking(client).post("/signup", data={**GOOD, "password": password, "password_confirm": password})
    assert response.status_code == 422
    message = error_beside(response.get_data(as_text=True), "password")
    assert "easy to guess" in message and reason in message


def test_the_reason_is_in_the_readers_language(client):
    data = {**GOOD, "password": "aaaaaaaaaaaa", "password_confirm": "aaaaaaaaaaaa"}
    nl = error_beside(speaking(client, "nl").post("/signup", data=data).get_data(as_text=True), "password")
    fr = error_beside(speaking(client, "fr").post("/signup", data=data).get_data(as_text=True), "password")
    assert "raden" in nl and "deviner" in fr


@pytest.mark.parametrize(
    "password", ["een lange zin als wachtwoord", "blauwe#deur7", "Pompoen.Zee9", "Vlinder-Kade " * 20]
)
def test_hard_passwords_pass(password):
    assert weakness(password, ["fatima", "fatima@example.org"]) is None


def test_the_account_page_checks_against_the_users_own_name(app, client):
    UserFactory(email="samir.haddad@example.test", display_name="Samir Haddad")
    db.session.commit()
    login(client, "samir.haddad@example.test")
    new = "haddad2026samir"
    response = speaking(client).post(
        "/account/password",
        data={"current_password": "a-test-password-1", "new_password": new, "new_password_confirm": new},
    )
    assert response.status_code == 422 and "your name" in error_beside(response.get_data(as_text=True), "new_password")
