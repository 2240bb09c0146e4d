"""Passkeys (WebAuthn) as a second factor: registration and sign-in checked by the
server against a software authenticator; every bad answer refused."""

from __future__ import annotations

import copy

import sqlalchemy as sa

from resokit_web.accounts.security_models import Passkey, RecoveryCode
from resokit_web.extensions import db

from ..conftest import login, sign_in
from ..factories import TEST_PASSWORD
from .soft_authenticator import SoftPasskey, b64


def register(client, passkey: SoftPasskey, name="telefoon"):
    options = client.post("/account/passkeys/options").get_json()
    return options, client.post("/account/passkeys", json={"credential": passkey.create(options), "name": name})


def test_adding_a_passkey_then_signing_in_with_it(app, world):
    client = app.test_client()
    sign_in(client, world.member)
    passkey = SoftPasskey()
    options, added = register(client, passkey)
    assert options["rp"]["id"] == "localhost" and options["user"]["name"] == world.member.email
    assert added.status_code == 200 and added.get_json()["ok"] is True
    stored = db.session.scalars(sa.select(Passkey)).one()
    assert (stored.user_id, stored.name, stored.credential_id) == (world.member.id, "telefoon", passkey.credential_id)
    db.session.refresh(world.member)
    assert world.member.second_factor_at is not None
    assert (
        db.session.scalar(sa.select(sa.func.count()).select_from(RecoveryCode)) == 10
    )  # the first factor brings codes
    # Registering the same key twice is refused (the browser is told to exclude it).
    assert b64(passkey.credential_id) in str(client.post("/account/passkeys/options").get_json()["excludeCredentials"])

    browser = app.test_client()
    assert login(browser, world.member.email).headers["Location"] == "/login/second-factor"
    request_options = browser.post("/login/passkey/options").get_json()
    assert request_options["allowCredentials"][0]["id"] == b64(passkey.credential_id)
    done = browser.post("/login/passkey", json={"credential": passkey.get(request_options)})
    assert done.status_code == 200 and done.get_json()["redirect"] == "/"
    assert browser.get("/orgs").status_code == 200
    db.session.refresh(stored)
    assert stored.sign_count == 1 and stored.last_used_at is not None


def test_a_replayed_or_foreign_answer_is_refused(app, world):
    client = app.test_client()
    sign_in(client, world.member)
    passkey = SoftPasskey()
    register(client, passkey)
    browser = app.test_client()
    login(browser, world.member.email)
    options = browser.post("/login/passkey/options").get_json()
    answer = passkey.get(options)
    assert browser.post("/login/passkey", json={"credential": answer}).status_code == 200
    # The same signed answer again (its challenge is used up), from a new sign-in.
    again = app.test_client()
    login(again, world.member.email)
    again.post("/login/passkey/options")
    assert again.post("/login/passkey", json={"credential": answer}).status_code == 422
    # Another site's key, or an answer for another origin.
    options = again.post("/login/passkey/options").get_json()
    assert again.post("/login/passkey", json={"credential": SoftPasskey().get(options)}).status_code == 422
    options = again.post("/login/passkey/options").get_json()
    phishing = SoftPasskey(origin="http://evil.test")
    phishing.key, phishing.credential_id = passkey.key, passkey.credential_id
    assert again.post("/login/passkey", json={"credential": phishing.get(options)}).status_code == 422
    assert again.get("/orgs").status_code == 302


def test_malformed_answers_are_refused_never_a_500(app, world):
    client = app.test_client()
    sign_in(client, world.member)
    options = client.post("/account/passkeys/options").get_json()
    good = SoftPasskey().create(options)
    broken = copy.deepcopy(good)
    broken["response"]["attestationObject"] = "!!!"
    for body in ({}, {"credential": "not json"}, {"credential": {"id": 5}}, {"credential": broken}, [1, 2]):
        client.post("/account/passkeys/options")
        assert client.post("/account/passkeys", json=body).status_code == 422
    assert client.post("/account/passkeys", data="{{{", content_type="application/json").status_code == 422
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Passkey)) == 0


def test_without_a_pending_sign_in_the_passkey_step_answers_401(client):
    assert client.post("/login/passkey/options").status_code == 401
    assert client.post("/login/passkey", json={}).status_code == 401


def test_removing_a_passkey_asks_for_the_password(app, world):
    client = app.test_client()
    sign_in(client, world.member)
    register(client, SoftPasskey())
    key = db.session.scalars(sa.select(Passkey)).one()
    assert client.post(f"/account/passkeys/{key.id}/remove", data={"password": "wrong password!"}).status_code == 422
    assert client.post(f"/account/passkeys/{key.id}/remove", data={"password": TEST_PASSWORD}).status_code == 303
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Passkey)) == 0
    db.session.refresh(world.member)
    assert world.member.second_factor_at is None
    assert db.session.scalar(sa.select(sa.func.count()).select_from(RecoveryCode)) == 0


def test_someone_elses_passkey_cannot_be_removed(app, world):
    owner = app.test_client()
    sign_in(owner, world.viewer)
    register(owner, SoftPasskey())
    key = db.session.scalars(sa.select(Passkey)).one()
    other = app.test_client()
    sign_in(other, world.member)
    assert other.post(f"/account/passkeys/{key.id}/remove", data={"password": TEST_PASSWORD}).status_code == 404
    assert db.session.get(Passkey, key.id) is not None
