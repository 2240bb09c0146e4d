"""Signing in and out: fresh session ids, sessions that really end, login limits."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from resokit_web.accounts.sessions import ServerSession
from resokit_web.activity.models import Activity
from resokit_web.extensions import db

from ..conftest import login, make_app, session_cookie, speaking
from ..factories import TEST_PASSWORD, UserFactory


def stored_sessions() -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(ServerSession))


@pytest.fixture
def user(app):
    user = UserFactory(email="samir@example.test")
    db.session.commit()
    return user


def test_login_page_has_the_contract_fields(client):
    html = client.get("/login").get_data(as_text=True)
    for name in ("email", "password", "csrf_token"):
        assert f'name="{name}"' in html


def test_login_gives_a_new_session_id(client, user):
    client.get("/login?lang=fr")  # an anonymous session exists, e.g. with a language choice
    before = session_cookie(client)
    assert before
    response = login(client, "Samir@Example.test ")
    assert response.status_code == 303
    after = session_cookie(client)
    assert after and after != before
    # The anonymous session is gone from the store; its language choice came along.
    old = client.application.test_client()
    old.set_cookie("resokit_session", before)
    assert old.get("/orgs").status_code == 302
    assert client.get("/orgs").status_code == 200
    assert 'lang="fr"' in client.get("/orgs").get_data(as_text=True)


def test_wrong_password_or_unknown_address_gives_one_message(client, user):
    speaking(client)
    for email, password in (("samir@example.test", "wrong password!"), ("nobody@example.test", TEST_PASSWORD)):
        response = login(client, email, password)
        assert response.status_code == 422
        assert "do not match an account" in response.get_data(as_text=True)
    assert client.get("/orgs").status_code == 302


def test_empty_login_form_answers_422_beside_the_fields(client):
    response = speaking(client).post("/login", data={})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'id="email-error"' in html and 'id="password-error"' in html


def test_logout_deletes_the_server_side_session_and_the_old_cookie_is_dead(client, user):
    login(client, "samir@example.test")
    cookie = session_cookie(client)
    assert db.session.get(ServerSession, cookie) is not None
    response = client.post("/logout")
    assert response.status_code == 303
    assert db.session.get(ServerSession, cookie) is None
    assert session_cookie(client) != cookie
    assert client.get("/orgs").status_code == 302
    replay = client.application.test_client()
    replay.set_cookie("resokit_session", cookie)
    response = replay.get("/orgs")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_next_after_login_stays_on_this_site(client, user):
    assert login(client, "samir@example.test", next="/orgs/new").headers["Location"] == "/orgs/new"
    client.post("/logout")
    assert login(client, "samir@example.test", next="//evil.test/x").headers["Location"] == "/"


def test_logins_and_failed_logins_are_logged_without_the_address(client, user):
    login(client, "samir@example.test", "wrong password!")
    login(client, "unknown@example.test", "wrong password!")
    login(client, "samir@example.test")
    rows = db.session.execute(sa.select(Activity.action, Activity.user_id).order_by(Activity.id)).all()
    assert rows == [("login.failed", user.id), ("login.failed", None), ("login", user.id)]


# Login limits -----------------------------------------------------------------------------


@pytest.fixture
def limited(database_url):
    """An app with small login limits, given the way a deployer gives them."""

    def make(monkeypatch, ip="5 per hour", account="3 per hour"):
        monkeypatch.setenv("RESOKIT_LOGIN_LIMIT_IP", ip)
        monkeypatch.setenv("RESOKIT_LOGIN_LIMIT_ACCOUNT", account)
        app = make_app(database_url)
        with app.app_context():
            UserFactory(email="samir@example.test")
            UserFactory(email="noor@example.test")
            db.session.commit()
        return app

    return make


def attempt(client, email, password="wrong password!", ip="10.0.0.1"):
    return client.post("/login", data={"email": email, "password": password}, environ_base={"REMOTE_ADDR": ip})


def test_the_limits_come_from_the_environment(limited, monkeypatch):
    app = limited(monkeypatch, ip="7 per minute", account="2 per day")
    assert app.config["RESOKIT_LOGIN_LIMIT_IP"] == "7 per minute"
    assert app.config["RESOKIT_LOGIN_LIMIT_ACCOUNT"] == "2 per day"


def test_failures_on_one_account_lock_that_account_only(limited, monkeypatch):
    app = limited(monkeypatch)
    client = speaking(app.test_client())
    for n in range(3):
        assert attempt(client, "samir@example.test", ip=f"10.0.0.{n}").status_code == 422
    # From yet another address, even the right password is refused for a while.
    response = attempt(client, "SAMIR@example.test", TEST_PASSWORD, ip="10.0.0.9")
    assert response.status_code == 429
    html = response.get_data(as_text=True)
    assert "too many attempts" in html and "<form" in html  # a friendly page in the layout
    # Another account is not affected.
    assert attempt(client, "noor@example.test", TEST_PASSWORD, ip="10.0.0.9").status_code == 303


def test_failures_from_one_address_lock_that_address_only(limited, monkeypatch):
    app = limited(monkeypatch, ip="3 per hour", account="100 per hour")
    client = app.test_client()
    for n in range(3):
        assert attempt(client, f"guess{n}@example.test").status_code == 422
    assert attempt(client, "samir@example.test", TEST_PASSWORD).status_code == 429
    assert attempt(client, "samir@example.test", TEST_PASSWORD, ip="10.0.0.2").status_code == 303


def test_successful_logins_do_not_count(limited, monkeypatch):
    app = limited(monkeypatch, ip="2 per hour", account="2 per hour")
    for _ in range(4):
        client = app.test_client()
        assert attempt(client, "samir@example.test", TEST_PASSWORD).status_code == 303
    assert attempt(app.test_client(), "samir@example.test").status_code == 422


def test_the_password_check_runs_without_holding_a_database_connection(client, user, monkeypatch):
    """A burst of sign-ins waiting for their turn must not empty the pool (the soak's 500s)."""
    from resokit_web.accounts import service

    seen = []
    real = service.verify_password

    def watching(password_hash, password):
        seen.append(db.session().in_transaction())
        return real(password_hash, password)

    monkeypatch.setattr(service, "verify_password", watching)
    assert login(client, "samir@example.test").status_code == 303
    assert login(client, "nobody@example.test").status_code == 422
    assert seen == [False, False]


def test_at_most_one_password_check_per_core_at_once(app, monkeypatch):
    import threading
    import time

    from resokit_web.accounts import passwords

    running, most, lock = 0, 0, threading.Lock()
    real = passwords._hasher

    class Counting:
        def verify(self, stored, password):
            nonlocal running, most
            with lock:
                running += 1
                most = max(most, running)
            time.sleep(0.02)
            with lock:
                running -= 1
            return real.verify(stored, password)

    stored = real.hash("correct horse battery")
    monkeypatch.setattr(passwords, "_hasher", Counting())
    threads = [
        threading.Thread(target=passwords.verify_password, args=(stored, "correct horse battery")) for _ in range(12)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert 1 < most <= passwords.CONCURRENT
