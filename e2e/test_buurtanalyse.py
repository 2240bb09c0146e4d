"""The buurtanalyse notebook and Brussel op het net in a browser: a colleague's section text
appears live, the pages pass axe and reflow at 360 px, and the notebook works without JavaScript."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from .helpers import assert_accessible, login

pytestmark = pytest.mark.e2e

COORDINATOR = "coordinator@demo.resokit.test"
MEMBER = "member@demo.resokit.test"
PAGES = (
    "/o/demo/buurtanalyse",
    "/o/demo/sources",
    "/o/demo/sources?level=neighbourhood",
    "/o/demo/buurtanalyse/compare",
    "/o/demo/buurtanalyse/print",
    "/o/demo/buurtanalyse/sections/residents/history",
)


def wait_for_stream(page: Page) -> None:
    page.wait_for_function("""() => {
        const data = document.getElementById("page")["htmx-internal-data"];
        return !!(data && data.sseEventSource && data.sseEventSource.readyState === 1);
    }""")


def test_a_section_text_saved_by_one_member_appears_for_a_colleague(new_page, base_url):
    member, coordinator = new_page(), new_page()
    for page, email in ((member, MEMBER), (coordinator, COORDINATOR)):
        login(page, base_url, email)
        page.goto(base_url + "/o/demo/buurtanalyse")
        wait_for_stream(page)
    section = member.locator("#section-strengths")
    section.get_by_role("link", name=re.compile("Schrijven in dit deel|Write in this section|Écrire")).click()
    textarea = member.locator("#section-strengths-body")
    expect(textarea).to_be_visible()
    textarea.fill("De markt op zondag brengt **iedereen** samen.")
    section.get_by_role("button", name=re.compile("Dit deel bewaren|Save this section|Enregistrer")).click()
    expect(member.locator("#section-strengths-content strong")).to_have_text("iedereen")
    expect(coordinator.locator("#section-strengths-content")).to_contain_text("De markt op zondag")


def test_the_pages_pass_axe_and_reflow_at_360_px(new_page, base_url):
    page = new_page()
    login(page, base_url, MEMBER)
    page.set_viewport_size({"width": 360, "height": 740})
    for path in PAGES:
        page.goto(base_url + path)
        wide = page.evaluate(
            """() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 361).slice(0, 6).map(e => e.tagName + '.' + e.className + '#' + e.id + ' ' + Math.round(e.getBoundingClientRect().right))"""
        )
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, (path, wide)  # reflow, WCAG 1.4.10
    page.set_viewport_size({"width": 1280, "height": 900})
    for path in PAGES:
        page.goto(base_url + path)
        assert_accessible(page)


def test_a_figure_and_a_source_without_javascript(nojs_page, base_url):
    page = nojs_page
    login(page, base_url, MEMBER)
    page.goto(base_url + "/o/demo/sources")
    page.fill("#source-name", "Wijkkrant Kuregem")
    page.fill("#source-url", "ftp://example.be")
    page.locator("#source-form button[type=submit]").click()
    expect(page.locator("#source-url-error")).to_contain_text("https://")
    page.fill("#source-url", "https://www.example.be/wijkkrant")
    page.locator("#source-form button[type=submit]").click()
    expect(page.locator(".source-list")).to_contain_text("Wijkkrant Kuregem")
    page.goto(base_url + "/o/demo/buurtanalyse?figure_section=public_space#figure-form")
    page.fill("#figure-label", "Parken binnen 10 minuten wandelen")
    page.fill("#figure-value", "3")
    page.fill("#figure-year", "2026")
    page.select_option("#figure-source", label="Wijkkrant Kuregem")
    page.locator("#figure-form button[type=submit]").click()
    expect(page.locator("#section-public_space-content")).to_contain_text("Parken binnen 10 minuten wandelen")


def test_editing_a_figure_and_a_source_pass_axe(new_page, base_url):
    page = new_page(viewport={"width": 360, "height": 740})
    login(page, base_url, MEMBER)
    page.goto(base_url + "/o/demo/buurtanalyse")
    page.locator("a[href*='/buurtanalyse/figures/'][href$='/edit']").first.click()
    expect(page.locator("input[name=label]")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert_accessible(page)
    page.goto(base_url + "/o/demo/sources")
    page.locator("input[name=name]").fill("Buurtenquête Kuregem 2026")
    page.locator("input[name=url]").fill("https://kuregem.example.be/enquete")
    page.locator("form[action$='/sources'] button[type=submit]").click()
    page.locator("a[href*='/sources/'][href$='/edit']").first.click()
    expect(page.locator("input[name=url]")).to_be_visible()
    assert_accessible(page)
    page.locator("a[href$='/history']").first.click()
    assert_accessible(page)
