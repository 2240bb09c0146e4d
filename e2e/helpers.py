"""Helpers for the browser tests: signing in and up, mails the server wrote, and the
accessibility check."""

from __future__ import annotations

import email
import email.policy
import re
import time
import weakref
from email.message import EmailMessage
from pathlib import Path
from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Page, expect

DEMO_PASSWORD = "resokit-demo"
BLOCKING_IMPACTS = ("serious", "critical")

_axe = Axe()
# Contexts created with JavaScript off: axe (itself JavaScript) audits their pages elsewhere.
NO_JS_CONTEXTS: weakref.WeakSet[BrowserContext] = weakref.WeakSet()


def login(page: Page, base_url: str, email: str, password: str = DEMO_PASSWORD) -> None:
    """Sign in through the login form and wait for the page it leads to."""
    page.goto(base_url.rstrip("/") + "/login")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", password)
    page.locator("main form button[type=submit]").click()
    expect(page.locator("input[name=password]")).to_have_count(0)


def signup(page: Page, name: str, email: str, password: str) -> None:
    """Fill and send the sign-up form on the page that shows it."""
    page.fill("input[name=display_name]", name)
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", password)
    page.fill("input[name=password_confirm]", password)
    page.locator("main form button[type=submit]").click()
    expect(page.locator("input[name=password_confirm]")).to_have_count(0)


def mail_to(instance_path: Path, address: str, subject_part: str = "") -> EmailMessage:
    """The newest mail the live server wrote for ``address`` (no SMTP: ``instance/mail``)."""
    deadline = time.monotonic() + 15  # the background sender writes it; a readiness wait
    while True:
        found = []
        for path in sorted((instance_path / "mail").glob("*.eml"), key=lambda p: p.stat().st_mtime):
            message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
            if message["To"] == address and subject_part in str(message["Subject"]):
                found.append(message)
        if found or time.monotonic() > deadline:
            assert found, f"no mail to {address}"
            return found[-1]
        time.sleep(0.1)


def link_in_mail(message: EmailMessage) -> str:
    text = message.get_body(preferencelist=("plain",)).get_content()
    return re.search(r"https?://\S+", text).group(0)


def confirm_email(page: Page, instance_path: Path, address: str) -> None:
    """Open the address-check link the live server mailed to ``address``."""
    page.goto(link_in_mail(mail_to(instance_path, address, "")))
    expect(page.locator("main a.button.primary")).to_be_visible()


def accessibility_violations(page: Page) -> list[dict]:
    """axe-core's serious and critical violations on the page as it is now."""
    if page.context in NO_JS_CONTEXTS:
        return _violations_without_javascript(page)
    page.wait_for_load_state("load")
    results = _axe.run(page)
    return [v for v in results.response["violations"] if v.get("impact") in BLOCKING_IMPACTS]


def _violations_without_javascript(page: Page) -> list[dict]:
    # The exact HTML the JavaScript-less page shows, served again at its own address to an
    # auditor page that runs none of the site's scripts (axe is injected, not loaded).
    auditor, served = _auditor(page.context.browser)
    served.update(url=page.url, html=page.content())
    auditor.set_viewport_size(page.viewport_size)
    auditor.goto(served["url"])
    results = _axe.run(auditor)
    return [v for v in results.response["violations"] if v.get("impact") in BLOCKING_IMPACTS]


# One auditor page per browser, reused: a fresh one per check costs seconds.
_AUDITORS: weakref.WeakKeyDictionary[Browser, tuple[Page, dict]] = weakref.WeakKeyDictionary()


def _auditor(browser: Browser) -> tuple[Page, dict]:
    entry = _AUDITORS.get(browser)
    if entry is None or entry[0].is_closed():
        page = browser.new_context().new_page()
        served: dict = {}
        page.route(lambda url: urlsplit(url).path.endswith(".js"), lambda route: route.abort())
        page.route(
            lambda url: url == served.get("url"),
            lambda route: route.fulfill(body=served["html"], content_type="text/html; charset=utf-8"),
        )
        entry = _AUDITORS[browser] = (page, served)
    return entry


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        targets = ", ".join(
            " ".join(n["target"]) if isinstance(n["target"], list) else str(n["target"]) for n in v["nodes"][:5]
        )
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']} — {targets}")
    return "\n".join(lines)


def assert_accessible(page: Page) -> None:
    """Fail on any serious or critical axe-core violation on the current page."""
    violations = accessibility_violations(page)
    assert not violations, f"accessibility problems on {page.url}:\n{describe(violations)}"


def assert_no_findings(page: Page, rules: tuple[str, ...]) -> None:
    """Fail on any finding of these axe-core rules, whatever its impact (moderate ones too)."""
    page.wait_for_load_state("load")
    results = _axe.run(page)
    found = [v for v in results.response["violations"] if v["id"] in rules]
    assert not found, f"on {page.url}:\n{describe(found)}"
