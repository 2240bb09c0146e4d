"""Team sessions in real browsers: a facilitator and two phones (guests).

A drawn card and a new speeddate round appear on both phones live, without a reload;
the facilitator's and the participant's views pass axe.
"""

from __future__ import annotations

import re
import uuid

import pytest
from playwright.sync_api import Page, expect

from .helpers import assert_accessible, login

pytestmark = pytest.mark.e2e

COORDINATOR = "coordinator@demo.resokit.test"
WAIT = 10_000  # ms: an upper bound for a live round trip, not a timing assertion


def wait_for_stream(page: Page) -> None:
    page.wait_for_function("""() => {
        const data = document.getElementById("page")["htmx-internal-data"];
        return !!(data && data.sseEventSource && data.sseEventSource.readyState === 1);
    }""")


def start_session(page: Page, base_url: str, fmt: str) -> str:
    page.goto(f"{base_url}/o/demo/sessions?format={fmt}")
    page.select_option("#format", fmt)
    page.fill("#title", f"Sessie {uuid.uuid4().hex[:6]}")
    page.check("#guests")
    page.locator(".session-new button[type=submit]").click()
    page.wait_for_url(re.compile(r"/o/demo/sessions/\d+$"))
    return page.locator(".session-code").inner_text().strip()


def phone(new_page, base_url: str, code: str, name: str) -> Page:
    page = new_page(viewport={"width": 360, "height": 740})
    page.goto(f"{base_url}/s/{code}")
    page.fill("#name", name)
    page.locator("main form button[type=submit]").click()
    expect(page.locator("#participant-state")).to_be_visible()
    wait_for_stream(page)
    return page


def test_a_drawn_card_appears_on_both_phones(new_page, base_url):
    facilitator = new_page()
    login(facilitator, base_url, COORDINATOR)
    code = start_session(facilitator, base_url, "kletspot")
    assert_accessible(facilitator)
    phones = [phone(new_page, base_url, code, name) for name in ("Fatima", "Youssef")]
    assert_accessible(phones[0])
    facilitator.get_by_role("button", name=re.compile("Trek een kaart|Draw a card")).click()
    card = facilitator.locator(".session-card").get_attribute("data-card", timeout=WAIT)
    for p in phones:
        expect(p.locator(f'.session-card[data-card="{card}"]')).to_be_visible(timeout=WAIT)
    assert_accessible(phones[1])


def test_a_new_speeddate_round_appears_on_both_phones(new_page, base_url):
    facilitator = new_page()
    login(facilitator, base_url, COORDINATOR)
    code = start_session(facilitator, base_url, "speeddate")
    phones = [phone(new_page, base_url, code, name) for name in ("Ana", "Bram")]
    facilitator.locator(".session-controls button.primary").click()
    expect(facilitator.locator(".session-pairs li")).to_have_count(1, timeout=WAIT)
    for p, other in zip(phones, ("Bram", "Ana"), strict=True):
        expect(p.locator(".session-talk")).to_contain_text(other, timeout=WAIT)
        expect(p.locator(".session-countdown")).to_be_visible()
    assert_accessible(facilitator)


def test_a_phone_without_javascript_joins_answers_and_reloads(new_page, nojs_page, base_url):
    facilitator = new_page()
    login(facilitator, base_url, COORDINATOR)
    code = start_session(facilitator, base_url, "kletspot")
    nojs_page.goto(f"{base_url}/s/{code}")
    nojs_page.fill("#name", "Aïcha")
    nojs_page.locator("main form button[type=submit]").click()
    expect(nojs_page.locator(".session-you")).to_contain_text("Aïcha")
    facilitator.get_by_role("button", name=re.compile("Trek een kaart|Draw a card")).click()
    card = facilitator.locator(".session-card").get_attribute("data-card", timeout=WAIT)
    nojs_page.reload()  # without JavaScript, a reload shows where the session is
    expect(nojs_page.locator(f'.session-card[data-card="{card}"]')).to_be_visible()
    nojs_page.fill("#note", "Alleen zijn is niet hetzelfde als eenzaam zijn")
    nojs_page.locator("#participant-state form button[type=submit]").click()
    expect(nojs_page.locator(".flash")).to_be_visible()
    expect(facilitator.locator(".session-notes")).to_contain_text("Alleen zijn is niet hetzelfde", timeout=WAIT)


def test_inclusion_tables_views_pass_axe(new_page, base_url):
    facilitator = new_page()
    login(facilitator, base_url, COORDINATOR)
    code = start_session(facilitator, base_url, "inclusietafels")
    ana = phone(new_page, base_url, code, "Ana")
    facilitator.locator(".session-controls button.primary").click()
    expect(ana.locator(".session-case")).to_be_visible(timeout=WAIT)
    assert_accessible(ana)
    ana.locator("label[for=position-agree]").click()
    ana.locator("#participant-state form button[type=submit]").click()
    facilitator.locator(".session-controls button.primary").click()
    expect(ana.locator("textarea[name=argument]")).to_be_visible(timeout=WAIT)
    assert_accessible(ana)
    assert_accessible(facilitator)


def test_text_being_typed_is_not_replaced_when_the_screen_moves_on(new_page, base_url):
    facilitator = new_page()
    login(facilitator, base_url, COORDINATOR)
    code = start_session(facilitator, base_url, "kletspot")
    ana = phone(new_page, base_url, code, "Ana")
    draw = facilitator.get_by_role("button", name=re.compile("Trek een kaart|Draw a card"))
    draw.click()
    first = facilitator.locator(".session-card").get_attribute("data-card", timeout=WAIT)
    expect(ana.locator(f'.session-card[data-card="{first}"]')).to_be_visible(timeout=WAIT)
    ana.fill("#note", "Ik was nog aan het typen")
    draw.click()
    expect(facilitator.locator(".session-card")).not_to_have_attribute("data-card", first, timeout=WAIT)
    expect(ana.locator(".session-moved")).to_be_visible(timeout=WAIT)
    expect(ana.locator("#note")).to_have_value("Ik was nog aan het typen")
    expect(ana.locator(f'.session-card[data-card="{first}"]')).to_be_visible()
    assert_accessible(ana)
    ana.locator("#participant-state form button[type=submit]").click()
    expect(ana.locator(".flash")).to_be_visible(timeout=WAIT)
    second = facilitator.locator(".session-card").get_attribute("data-card")
    expect(ana.locator(f'.session-card[data-card="{second}"]')).to_be_visible(timeout=WAIT)


def test_a_team_card_is_edited_and_its_history_passes_axe(new_page, base_url):
    page = new_page()
    login(page, base_url, COORDINATOR)
    page.goto(f"{base_url}/o/demo/sessions/cards")
    question = f"Waar voel jij je thuis in Anderlecht? {uuid.uuid4().hex[:4]}"
    page.fill("#text", question)
    page.locator("main form button.primary").first.click()
    row = page.locator("#team-cards li", has_text=question)
    expect(row).to_be_visible()
    row.locator("a.button").click()
    page.wait_for_url(re.compile(r"/sessions/cards/\d+/edit$"))
    assert_accessible(page)
    page.fill("#text", question + " (bewerkt)")
    page.locator("main form button.primary").click()
    expect(page.locator("#team-cards li", has_text="(bewerkt)")).to_be_visible()
    page.locator("#team-cards li", has_text="(bewerkt)").get_by_role(
        "link", name=re.compile("Geschiedenis|History")
    ).click()
    expect(page.locator(".history-entry")).to_have_count(2)
    assert_accessible(page)
