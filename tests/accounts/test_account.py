"""The account page: name, language, password change (which ends the other sessions)."""

from __future__ import annotations

import pytest

from resokit_web.accounts.passwords import MIN_LENGTH, verify_password
from resokit_web.extensions import db

from ..conftest import login, speaking
from ..factories import TEST_PASSWORD, UserFactory

NEW = "een nieuw lang wachtwoord"


@pytest.fixture
def user(app):
    user = UserFactory(email="samir@example.test", locale="en")
    db.session.commit()
    return user


def change(client, current=TEST_PASSWORD, new=NEW, confirm=None):
    return client.post(
        "/account/password",
        data={"current_password": current, "new_password": new, "new_password_confirm": confirm or new},
    )


def test_password_change_ends_the_other_sessions_but_not_this_one(app, user):
    laptop, phone = app.test_client(), app.test_client()
    login(laptop, "samir@example.test")
    login(phone, "samir@example.test")
    assert phone.get("/account").status_code == 200

    response = change(laptop)
    assert response.status_code == 303
    assert laptop.get("/account").status_code == 200
    response = phone.get("/account")
    assert response.status_code == 302 and "/login" in response.headers["Location"]

    db.session.refresh(user)
    assert verify_password(user.password_hash, NEW)
    assert login(app.test_client(), "samir@example.test").status_code == 422
    assert login(app.test_client(), "samir@example.test", NEW).status_code == 303


@pytest.mark.parametrize(
    "current,new,confirm,field,message",
    [
        ("wrong password!", NEW, None, "current_password", "not your current password"),
        (TEST_PASSWORD, "te kort", None, "new_password", f"at least {MIN_LENGTH} characters"),
        (TEST_PASSWORD, NEW, "een ander lang wachtwoord", "new_password_confirm", "not the same"),
    ],
)
def test_a_refused_password_change_says_why_beside_the_field(app, user, current, new, confirm, field, message):
    client = speaking(app.test_client())
    login(client, "samir@example.test")
    response = change(client, current, new, confirm)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert f'id="{field}-error"' in html and message in html
    db.session.refresh(user)
    assert verify_password(user.password_hash, TEST_PASSWORD)
    assert client.get("/account").status_code == 200  # still signed in


def test_profile_saves_name_and_language(app, user, client):
    login(client, "samir@example.test")
    response = client.post("/account", data={"display_name": "Samir B.", "locale": "fr"})
    assert response.status_code == 303
    db.session.refresh(user)
    assert (user.display_name, user.locale) == ("Samir B.", "fr")
    assert '<html lang="fr">' in client.get("/account").get_data(as_text=True)


def test_profile_refuses_an_unknown_language(app, user, client):
    login(client, "samir@example.test")
    response = client.post("/account", data={"display_name": "Samir", "locale": "de"})
    assert response.status_code == 422
    assert 'id="locale-error"' in response.get_data(as_text=True)


def test_passwords_are_hashed_with_argon2id_at_the_rfc_9106_cost(cheap_password_hashing):
    real = cheap_password_hashing  # the module's own hasher, set aside for speed
    hashed = real.hash("wat dan ook hier")
    assert hashed.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert real.verify(hashed, "wat dan ook hier")
