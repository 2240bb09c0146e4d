"""The foundation as a person uses it: sign up, start a workspace, invite, join, switch
language — with JavaScript and without — and an axe scan of every page on the way."""

from __future__ import annotations

import re
import uuid

import pytest
from playwright.sync_api import Page, expect

from .helpers import assert_accessible, confirm_email, login, signup

pytestmark = pytest.mark.e2e

PASSWORD = "een lange zin als wachtwoord"


def submit(page: Page, action: str) -> None:
    page.locator(f'main form[action="{action}"] button[type=submit]').click()


def html_lang(page: Page) -> str | None:
    return page.locator("html").get_attribute("lang")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_sign_up_start_a_workspace_invite_a_colleague_who_joins_and_switch_language(
    new_page, base_url, live_server, javascript
):
    slug = f"buurthuis-{uuid.uuid4().hex[:6]}"
    coordinator = new_page(javascript=javascript, locale="nl-BE")

    coordinator.goto(base_url + "/")
    expect(coordinator.locator("h1")).to_have_text("Resokit Web")
    assert_accessible(coordinator)

    coordinator.locator("main a", has_text="Account aanmaken").click()
    expect(coordinator.locator("h1")).to_have_text("Account aanmaken")
    assert_accessible(coordinator)

    # A password that is too short: the message appears beside the field, nothing is lost.
    coordinator.fill("input[name=display_name]", "Noor")
    coordinator.fill("input[name=email]", f"noor-{slug}@example.org")
    coordinator.fill("input[name=password]", "te kort")
    coordinator.fill("input[name=password_confirm]", "te kort")
    submit(coordinator, "/signup")
    expect(coordinator.locator("#password-error")).to_contain_text("12")
    expect(coordinator.locator("input[name=email]")).to_have_value(f"noor-{slug}@example.org")
    assert_accessible(coordinator)
    signup(coordinator, "Noor", f"noor-{slug}@example.org", PASSWORD)
    expect(coordinator.locator("h1")).to_have_text("Mijn organisaties")
    assert_accessible(coordinator)
    # The address is confirmed through the link that came by mail (instance/mail here).
    confirm_email(coordinator, live_server.instance_path, f"noor-{slug}@example.org")
    assert_accessible(coordinator)
    coordinator.goto(base_url + "/orgs")

    coordinator.locator("main a", has_text="nieuwe werkruimte").click()
    expect(coordinator.locator("h1")).to_have_text("Nieuwe organisatie")
    assert_accessible(coordinator)
    coordinator.fill("input[name=name]", "Buurthuis Test")
    coordinator.fill("input[name=slug]", "Geen Geldig Adres")
    coordinator.fill("input[name=neighbourhood]", "Kuregem, Anderlecht")
    submit(coordinator, "/orgs")
    expect(coordinator.locator("#slug-error")).to_be_visible()
    assert_accessible(coordinator)
    coordinator.fill("input[name=slug]", slug)
    submit(coordinator, "/orgs")
    expect(coordinator).to_have_url(f"{base_url}/o/{slug}/")
    expect(coordinator.locator("h1")).to_have_text("Buurthuis Test")
    expect(coordinator.locator("#activity-feed")).to_contain_text("Noor")
    assert_accessible(coordinator)

    coordinator.locator("nav.workspace-nav a", has_text="Organisatie").click()
    coordinator.locator("nav.block-nav a", has_text="Team en uitnodigingen").click()
    expect(coordinator.locator("h1")).to_have_text("Team en uitnodigingen")
    assert_accessible(coordinator)
    coordinator.select_option("select[name=role]", "member")
    submit(coordinator, f"/o/{slug}/invitations")
    link = coordinator.locator("#new-link").input_value()
    assert re.fullmatch(rf"{re.escape(base_url)}/join/[A-Za-z0-9_-]{{32,}}", link)
    assert_accessible(coordinator)

    # A colleague, in another browser and in French, follows the link.
    colleague = new_page(javascript=javascript, locale="fr-BE")
    colleague.goto(link)
    expect(colleague.locator("h1")).to_have_text("Rejoindre Buurthuis Test")
    assert_accessible(colleague)
    colleague.locator("main a", has_text="Créer un compte").click()
    expect(colleague.locator("h1")).to_have_text("Créer un compte")
    signup(colleague, "Claire", f"claire-{slug}@example.org", PASSWORD)
    expect(colleague.locator("h1")).to_have_text("Rejoindre Buurthuis Test")
    assert_accessible(colleague)
    colleague.locator("main button", has_text="Rejoindre l'équipe").click()
    expect(colleague).to_have_url(f"{base_url}/o/{slug}/")
    expect(colleague.locator("h2#activity-title")).to_have_text("Activité récente")
    assert html_lang(colleague) == "fr"
    assert_accessible(colleague)
    # Members do not manage the team.
    expect(colleague.locator("details.nav-menu")).to_contain_text("Partenaires")
    expect(colleague.locator("details.nav-menu")).not_to_contain_text("Équipe et invitations")

    # The coordinator sees the new colleague, then switches language.
    coordinator.goto(f"{base_url}/o/{slug}/members")
    expect(coordinator.locator("table")).to_contain_text("Claire")
    for lang, heading in (
        ("fr", "Équipe et invitations"),
        ("en", "Team and invitations"),
        ("nl", "Team en uitnodigingen"),
    ):
        coordinator.locator(f'.topbar-tools form.language-switch button[value="{lang}"]').click()
        expect(coordinator.locator("h1")).to_have_text(heading)
        assert html_lang(coordinator) == lang
        expect(coordinator.locator(f'.topbar-tools form.language-switch button[value="{lang}"]')).to_have_attribute(
            "aria-pressed", "true"
        )
    assert_accessible(coordinator)


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_demo_coordinator_signs_in_and_out(new_page, base_url, javascript):
    page = new_page(javascript=javascript, locale="nl-BE")
    page.goto(base_url + "/login")
    expect(page.locator("h1")).to_have_text("Aanmelden")
    assert_accessible(page)

    page.fill("input[name=email]", "coordinator@demo.resokit.test")
    page.fill("input[name=password]", "niet het wachtwoord")
    submit(page, "/login")
    expect(page.locator("#password-error")).to_be_visible()
    assert_accessible(page)

    login(page, base_url, "coordinator@demo.resokit.test")
    expect(page).to_have_url(base_url + "/o/demo/")
    expect(page.locator("h1")).to_have_text("Buurthuis De Kolenkit")
    assert_accessible(page)

    page.goto(base_url + "/account")
    expect(page.locator("h1")).to_have_text("Mijn account")
    assert_accessible(page)

    page.goto(base_url + "/o/demo/audit")
    assert_accessible(page)

    page.goto(base_url + "/o/bestaat-niet/")
    expect(page.locator("h1")).to_have_text("Pagina niet gevonden")
    assert_accessible(page)

    page.goto(base_url + "/o/demo/")
    page.locator("details.user-menu summary").click()  # <details> opens without JavaScript too
    page.locator('details.user-menu form[action="/logout"] button').click()
    expect(page.locator("h1")).to_have_text("Aanmelden")
    page.goto(base_url + "/o/demo/")
    expect(page).to_have_url(re.compile(r"/login\?next="))


def test_someone_in_two_organisations_switches_between_them(new_page, base_url):
    slug = f"tweede-{uuid.uuid4().hex[:6]}"
    page = new_page(locale="fr-BE")
    login(page, base_url, "coordinator@demo2.resokit.test")
    expect(page).to_have_url(base_url + "/o/demo2/")
    page.goto(base_url + "/orgs/new")
    page.fill("input[name=name]", "Deuxième maison")
    page.fill("input[name=slug]", slug)
    submit(page, "/orgs")
    expect(page).to_have_url(f"{base_url}/o/{slug}/")

    page.locator("details.org-switch summary").click()
    page.locator("details.org-switch a", has_text="Wijkpunt Clemenceau").click()
    expect(page).to_have_url(base_url + "/o/demo2/")
    expect(page.locator("h1")).to_have_text("Wijkpunt Clemenceau")
    page.locator("details.org-switch summary").click()
    page.locator("details.org-switch a", has_text="Toutes mes organisations").click()
    expect(page.locator("main")).to_contain_text("Deuxième maison")
    expect(page.locator("main")).to_contain_text("Wijkpunt Clemenceau")
    assert_accessible(page)
    # The start page remembers the organisation visited last.
    page.goto(f"{base_url}/o/{slug}/")
    page.goto(base_url + "/")
    expect(page).to_have_url(f"{base_url}/o/{slug}/")


def test_pages_fit_a_small_phone_without_sideways_scrolling(new_page, base_url):
    """WCAG 1.4.10 (reflow): at 360 px wide nothing makes the whole page scroll sideways."""
    page = new_page(viewport={"width": 360, "height": 740}, locale="nl-BE")
    for url in ("/", "/login", "/signup"):
        page.goto(base_url + url)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, url
    login(page, base_url, "coordinator@demo.resokit.test")
    for url in ("/o/demo/", "/o/demo/members", "/o/demo/audit", "/orgs", "/orgs/new", "/account"):
        page.goto(base_url + url)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, url
    assert_accessible(page)
