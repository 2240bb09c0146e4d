"""Device cookies: failures from elsewhere cannot lock the owner's own browser out."""

from __future__ import annotations

import pytest

from resokit_web.extensions import db

from ..conftest import make_app
from ..factories import TEST_PASSWORD, UserFactory

WRONG = "wrong password!"


@pytest.fixture
def limited(app, database_url):
    UserFactory(email="samir@example.org")
    UserFactory(email="noor@example.org")
    db.session.commit()

    def make(ip="5 per hour", account="3 per hour", device="3 per hour", **extra):
        return make_app(
            database_url,
            empty=False,
            RESOKIT_LOGIN_LIMIT_IP=ip,
            RESOKIT_LOGIN_LIMIT_ACCOUNT=account,
            RESOKIT_LOGIN_LIMIT_DEVICE=device,
            **extra,
        )

    return make


def attempt(client, email="samir@example.org", password=WRONG, ip="10.0.0.1"):
    return client.post("/login", data={"email": email, "password": password}, environ_base={"REMOTE_ADDR": ip})


def known_browser(app, email="samir@example.org", ip="10.0.0.1"):
    browser = app.test_client()
    assert attempt(browser, email, TEST_PASSWORD, ip=ip).status_code == 303
    browser.post("/logout")
    return browser


def test_a_sign_in_leaves_a_device_cookie(limited):
    app = limited()
    client = app.test_client()
    response = attempt(client, password=TEST_PASSWORD)
    cookie = next(h for h in response.headers.getlist("Set-Cookie") if h.startswith("resokit_device="))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Max-Age=31536000" in cookie
    failed = attempt(app.test_client())
    assert not any(h.startswith("resokit_device=") for h in failed.headers.getlist("Set-Cookie"))


def test_in_production_it_is_a_secure_host_cookie(limited):
    app = limited(RESOKIT_ENV="production")
    response = attempt(app.test_client(), password=TEST_PASSWORD)
    cookie = next(h for h in response.headers.getlist("Set-Cookie") if h.startswith("__Host-resokit_device="))
    assert "Secure" in cookie and "Path=/" in cookie and "Domain" not in cookie


def test_a_stranger_guessing_the_password_does_not_lock_out_the_owners_browser(limited):
    app = limited()
    owner = known_browser(app, ip="10.0.0.1")
    stranger = app.test_client()
    for n in range(3):
        assert attempt(stranger, ip=f"198.51.100.{n}").status_code == 422
    # Every unknown browser is held back now, even with the right password...
    assert attempt(stranger, password=TEST_PASSWORD, ip="198.51.100.9").status_code == 429
    assert attempt(app.test_client(), password=TEST_PASSWORD, ip="10.0.0.1").status_code == 429
    # ...but the browser that signed in before still gets in.
    assert attempt(owner, password=TEST_PASSWORD, ip="10.0.0.1").status_code == 303


def test_failures_from_a_shared_office_address_do_not_lock_out_colleagues_who_signed_in_before(limited):
    app = limited(ip="3 per hour", account="100 per hour")
    colleague = known_browser(app, "noor@example.org", ip="10.0.0.1")
    office = app.test_client()
    for n in range(3):
        assert attempt(office, email=f"guess{n}@example.org", ip="10.0.0.1").status_code == 422
    assert attempt(office, password=TEST_PASSWORD, ip="10.0.0.1").status_code == 429
    assert attempt(colleague, "noor@example.org", TEST_PASSWORD, ip="10.0.0.1").status_code == 303


def test_a_known_browser_has_its_own_allowance_for_its_own_mistakes(limited):
    app = limited(device="2 per hour")
    owner = known_browser(app)
    assert [attempt(owner).status_code for _ in range(3)] == [422, 422, 429]
    assert attempt(owner, password=TEST_PASSWORD).status_code == 429
    # Its mistakes never counted against the account: other browsers go on as before.
    assert attempt(app.test_client(), password=TEST_PASSWORD, ip="10.0.0.7").status_code == 303


def test_a_cookie_for_another_account_or_a_forged_one_counts_for_nothing(limited):
    app = limited()
    noor = known_browser(app, "noor@example.org")
    for n in range(3):
        attempt(app.test_client(), ip=f"198.51.100.{n}")
    assert attempt(noor, password=TEST_PASSWORD, ip="10.0.0.1").status_code == 429  # known to Noor, not Samir
    forged = app.test_client()
    forged.set_cookie("resokit_device", "W1sxLCJ4Il1d.forged")
    assert attempt(forged, password=TEST_PASSWORD, ip="10.0.0.1").status_code == 429
