"""People, roles and matches in a browser: two colleagues moving one match live, the
conflict when they move it at once, the talentenkaart without JavaScript, and axe."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

try:
    from .helpers import assert_accessible, login
except ImportError:  # the shared e2e harness (conftest, helpers) lands with its own branch
    pytest.skip("the e2e harness is not merged into this branch yet", allow_module_level=True)

pytestmark = pytest.mark.e2e

COORDINATOR = "coordinator@demo.resokit.test"
MEMBER = "member@demo.resokit.test"


def card(page: Page, pseudonym: str, stage: str | None = None):
    scope = f"section.stage-{stage} " if stage else ""
    return page.locator(f"{scope}li.match-card", has_text=pseudonym)


def open_board(page: Page, base_url: str, email: str) -> None:
    login(page, base_url, email)
    page.goto(base_url + "/o/demo/matches")
    expect(page.locator("h1")).to_have_text(re.compile("Matches|Jumelages"))
    wait_for_stream(page)


def wait_for_stream(page: Page) -> None:
    """Until the page's event stream (htmx's SSE extension on #page) is open."""
    page.wait_for_function("""() => {
        const data = document.getElementById("page")["htmx-internal-data"];
        return !!(data && data.sseEventSource && data.sseEventSource.readyState === 1);
    }""")


def test_two_members_move_one_match_and_both_boards_follow(new_page, base_url):
    member, coordinator = new_page(), new_page()
    open_board(member, base_url, MEMBER)
    open_board(coordinator, base_url, COORDINATOR)
    expect(card(coordinator, "Monsieur au chien", "idea")).to_have_count(1)

    card(member, "Monsieur au chien").locator("button", has_text=re.compile("Volgende|Suivant|Next")).click()
    expect(card(member, "Monsieur au chien", "explored")).to_have_count(1)
    expect(card(coordinator, "Monsieur au chien", "explored")).to_have_count(1)
    # Focus stays on the card's buttons after the board refreshed (same ids).
    card(coordinator, "Monsieur au chien").locator("button", has_text=re.compile("Volgende|Next")).click()
    expect(card(coordinator, "Monsieur au chien", "trying")).to_have_count(1)
    expect(card(member, "Monsieur au chien", "trying")).to_have_count(1)


def test_a_simultaneous_move_gets_the_conflict_view(new_page, base_url):
    member = new_page()
    open_board(member, base_url, MEMBER)
    # This colleague's board hears nothing (as if both clicked at the same instant).
    stale = new_page()
    stale.route(re.compile(r".*/events\?.*"), lambda route: route.abort())
    login(stale, base_url, COORDINATOR)
    stale.goto(base_url + "/o/demo/matches")
    expect(card(stale, "Madame B.", "idea")).to_have_count(1)

    card(member, "Madame B.").locator("button", has_text=re.compile("Volgende|Next")).click()
    expect(card(member, "Madame B.", "explored")).to_have_count(1)
    card(member, "Madame B.").locator("button", has_text=re.compile("Volgende|Next")).click()
    expect(card(member, "Madame B.", "trying")).to_have_count(1)
    expect(card(stale, "Madame B.", "idea")).to_have_count(1)  # still the old board

    # From the old board: "explored" → the stale colleague picks a stage by hand.
    madame = card(stale, "Madame B.")
    madame.locator("summary").click()
    madame.locator("select[name=stage]").select_option("active")
    madame.locator("button", has_text=re.compile("Verplaatsen|Move")).click()
    conflict = stale.locator("#match-board.board-conflict")
    expect(conflict).to_be_visible()
    expect(conflict.locator(".conflict-side", has_text=re.compile("Uitproberen|Trying"))).to_have_count(1)
    assert_accessible(stale)
    conflict.locator("input[value=yours]").check()
    conflict.locator("button[type=submit]").click()
    expect(card(stale, "Madame B.", "active")).to_have_count(1)
    expect(card(member, "Madame B.", "active")).to_have_count(1)  # live, on the other board


def test_moving_a_card_by_keyboard_keeps_focus_on_it(new_page, base_url):
    page = new_page()
    open_board(page, base_url, MEMBER)
    buurvrouw = card(page, "De buurvrouw van 3 hoog").first
    card_id = buurvrouw.get_attribute("id")
    buurvrouw.locator("summary").focus()
    page.keyboard.press("Enter")
    buurvrouw.locator("select[name=stage]").select_option("ended")
    buurvrouw.locator("button", has_text=re.compile("Verplaatsen|Move")).focus()
    page.keyboard.press("Enter")
    # Sent back: "Move to…" stays open on "ended", focus on the outcome it asks for.
    outcome = page.locator(f"#{card_id} select[name=outcome]")
    expect(outcome).to_be_focused()
    expect(page.locator(f"#{card_id} select[name=stage]")).to_have_value("ended")
    page.locator(f"#{card_id} select[name=stage]").select_option("active")
    page.locator(f"#{card_id} button", has_text=re.compile("Verplaatsen|Move")).focus()
    page.keyboard.press("Enter")
    # Moved: the card is in its new column, and focus is on it, not back at the top.
    expect(page.locator(f"section.stage-active #{card_id}")).to_be_focused()


def test_the_talentenkaart_works_without_javascript(nojs_page, base_url):
    page = nojs_page
    login(page, base_url, MEMBER)
    page.goto(base_url + "/o/demo/people")
    page.locator("details.add-panel summary").click()
    page.fill("#pseudonym", "Vrouw met de blauwe sjaal")
    page.fill("#talents", "koken, naaien")
    page.check("#consent")
    page.locator("#add-person button[type=submit]").click()
    expect(page.locator("h1")).to_have_text("Vrouw met de blauwe sjaal")
    page.locator("a", has_text="Talentenkaart").first.click()
    page.locator("a", has_text=re.compile("Fill in this step|Deze stap invullen")).first.click()
    page.fill("#interests", "muziek, tuinieren")
    page.locator("button[value=next]").click()
    expect(page.locator("h1")).to_contain_text("2")
    expect(page.locator(".steps-count")).to_contain_text(re.compile(r"^2\D"))  # talents, then interests
    assert_accessible(page)


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_people_pages_are_accessible(new_page, base_url, javascript):
    page = new_page(javascript=javascript)
    login(page, base_url, COORDINATOR)
    page.goto(base_url + "/o/demo/people")
    assert_accessible(page)
    page.locator("li.person-row h3 a", has_text="Mevrouw R.").click()
    expect(page.locator("h1")).to_have_text("Mevrouw R.")
    assert_accessible(page)
    person_url = page.url
    page.goto(person_url + "/talentenkaart")
    assert_accessible(page)
    page.goto(person_url + "/talentenkaart/domains")
    assert_accessible(page)
    page.goto(person_url + "/suggestions")
    expect(page.locator("ol.suggestions > li").first).to_be_visible()
    assert_accessible(page)
    page.goto(person_url + "/access-log")
    assert_accessible(page)
    page.goto(base_url + "/o/demo/roles")
    assert_accessible(page)
    page.goto(base_url + "/o/demo/matches")
    assert_accessible(page)
