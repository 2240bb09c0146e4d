"""Account security in the browser: codes from an app at sign-in, a passkey through
Chromium's virtual authenticator, the forgotten-password pages — each page checked
with axe — and the production server's view of forwarded headers."""

from __future__ import annotations

import re
import time
import urllib.request
import uuid

import pyotp
import pytest
from playwright.sync_api import Page, expect

from .helpers import assert_accessible, confirm_email, link_in_mail, mail_to, signup

pytestmark = pytest.mark.e2e

PASSWORD = "een lange zin als wachtwoord"


def new_account(page: Page, base_url: str) -> str:
    """A fresh account (not a demo one: other tests sign in as those), signed in."""
    email = f"tester-{uuid.uuid4().hex[:8]}@example.org"
    page.goto(base_url + "/signup")
    signup(page, "Tester", email, PASSWORD)
    return email


def sign_out(page: Page) -> None:
    page.locator("details.user-menu summary").click()
    page.locator('details.user-menu form[action="/logout"] button').click()
    expect(page).to_have_url(re.compile(r"/login$"))


def password_step(page: Page, base_url: str, email: str) -> None:
    page.goto(base_url + "/login")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/login/second-factor$"))


def test_codes_from_an_app_at_sign_in(new_page, base_url, live_server):
    page = new_page(locale="en-GB")
    email = new_account(page, base_url)
    confirm_email(page, live_server.instance_path, email)
    page.goto(base_url + "/account")
    page.locator("main a", has_text="Sign-in security").click()
    expect(page.locator("h1")).to_have_text("Sign-in security")
    expect(page.locator("svg.qr-code")).to_be_visible()
    assert_accessible(page)
    page.screenshot(path=str(live_server.instance_path / "security-1280.png"), full_page=True)

    key = page.locator("code.totp-key").inner_text().replace(" ", "")
    totp = pyotp.TOTP(key)
    page.fill("#totp-code", "000000")
    page.locator('form[action="/account/totp"] button').click()
    expect(page.locator("#totp-code-error")).to_be_visible()
    assert page.locator("code.totp-key").inner_text().replace(" ", "") == key  # the same key stays
    page.fill("#totp-code", totp.now())
    page.locator('form[action="/account/totp"] button').click()
    codes = page.locator(".code-list code")
    expect(codes).to_have_count(10)
    assert_accessible(page)

    sign_out(page)
    password_step(page, base_url, email)
    expect(page.locator("h1")).to_have_text("Second step")
    assert_accessible(page)
    page.fill("input[name=code]", "123456")
    page.locator('main form[action="/login/second-factor"] button').click()
    expect(page.locator("#code-error")).to_be_visible()
    assert_accessible(page)
    # The code of the set-up is used up; the app's next one (30 s on) is already accepted.
    page.fill("input[name=code]", totp.at(time.time() + 30))
    page.locator('main form[action="/login/second-factor"] button').click()
    expect(page.locator("details.user-menu summary")).to_have_text("Tester")


def test_a_passkey_with_chromiums_virtual_authenticator(new_page, live_server):
    # WebAuthn wants a secure context and a domain (not an IP address): localhost is both.
    base_url = live_server.url.replace("127.0.0.1", "localhost")
    page = new_page(base_url=base_url, locale="en-GB")
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    authenticator = cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    email = new_account(page, base_url)
    page.goto(base_url + "/account/security")
    box = page.locator('[data-passkey="register"]')
    expect(box).to_be_visible()  # shown by the script where the browser has WebAuthn
    page.fill("#passkey-name", "Virtuele sleutel")
    box.locator("button[data-passkey-start]").click()
    expect(page.locator(".code-list code")).to_have_count(10)  # the first factor brings the codes
    expect(page.locator("main")).to_contain_text("Virtuele sleutel")
    assert_accessible(page)

    sign_out(page)
    password_step(page, base_url, email)
    page.locator('[data-passkey="login"] button[data-passkey-start]').click()
    expect(page.locator("details.user-menu summary")).to_have_text("Tester")
    stored = cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator["authenticatorId"]})
    [credential] = stored["credentials"]
    assert credential["rpId"] == "localhost" and credential["signCount"] >= 1  # it signed the sign-in


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_a_forgotten_password(new_page, base_url, live_server, javascript):
    page = new_page(locale="fr-BE")
    email = new_account(page, base_url)
    sign_out(page)
    other = new_page(javascript=javascript, locale="fr-BE")
    other.goto(base_url + "/login")
    other.locator("main a", has_text="Mot de passe oublié").click()
    expect(other.locator("h1")).to_contain_text("Mot de passe oublié")
    assert_accessible(other)
    other.fill("input[name=email]", email)
    other.locator('main form[action="/password/forgot"] button').click()
    expect(other.locator("#status")).to_contain_text("Si un compte existe")

    message = mail_to(live_server.instance_path, email, "mot de passe")
    other.goto(link_in_mail(message))
    expect(other.locator("h1")).to_have_text("Choisissez un nouveau mot de passe")
    assert_accessible(other)
    other.fill("input[name=password]", "aaaaaaaaaaaa")
    other.fill("input[name=password_confirm]", "aaaaaaaaaaaa")
    other.locator("main form button[type=submit]").click()
    expect(other.locator("#password-error")).to_contain_text("facile à deviner")
    assert_accessible(other)
    other.fill("input[name=password]", "une autre phrase assez longue")
    other.fill("input[name=password_confirm]", "une autre phrase assez longue")
    other.locator("main form button[type=submit]").click()
    expect(other).to_have_url(re.compile(r"/login$"))
    expect(other.locator("#status")).to_contain_text("mot de passe est modifié")
    other.goto(link_in_mail(message))  # used once
    expect(other.locator("h1")).to_have_text("Ce lien ne fonctionne plus")
    assert_accessible(other)


def test_the_server_ignores_a_forwarded_https_from_loopback(live_server):
    """No RESOKIT_PROXY_COUNT: gunicorn must not take X-Forwarded-Proto (and send HSTS)."""
    request = urllib.request.Request(live_server.url + "/login", headers={"X-Forwarded-Proto": "https"})
    with urllib.request.urlopen(request) as response:
        assert response.status == 200
        assert response.headers.get("Strict-Transport-Security") is None
        assert 'action="/login"' in response.read().decode()  # not an https:// address either
