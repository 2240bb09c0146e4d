"""Printing: the buurtkaart's print page and the lists and boards people print, seen as
the printer sees them (print media): no navigation, forms, buttons or map controls."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .helpers import assert_accessible, login

pytestmark = pytest.mark.e2e

MEMBER = "member@demo.resokit.test"
CONTROLS = ".topbar, .block-nav, .footer, main form, main button, main .button, .add-panel, .presence"


def visible_controls(page) -> list[str]:
    """The controls the print would still show (tag and class)."""
    return page.eval_on_selector_all(
        CONTROLS,
        "els => els.filter(el => el.getClientRects().length > 0)"
        ".map(el => el.tagName.toLowerCase() + '.' + el.className)",
    )


def test_buurtkaart_prints_a_numbered_map_and_list(page, base_url):
    login(page, base_url, MEMBER)
    page.goto(base_url + "/o/demo/buurtkaart")
    page.locator('a[href="/o/demo/buurtkaart/print"]').click()
    expect(page).to_have_url(re.compile(r"/o/demo/buurtkaart/print$"))
    assert_accessible(page)

    markers = page.locator("svg.point-map .point-marker")
    items = page.locator("ol.print-list > li")
    assert markers.count() > 0 and items.count() >= markers.count()
    # Every number on the map is a number in the list, with the same name.
    first = markers.first.locator("text").text_content().strip()
    expect(items.nth(int(first) - 1).locator(".print-number")).to_have_text(first)
    expect(page.locator(".notice.no-print")).to_be_visible()  # on screen: how to print

    page.emulate_media(media="print")
    assert visible_controls(page) == []
    expect(page.locator(".notice.no-print")).to_be_hidden()
    expect(page.locator(".breadcrumb")).to_be_hidden()
    expect(page.locator("svg.point-map")).to_be_visible()
    expect(items.first).to_be_visible()
    # The map on its own A4 landscape page, the list starting on the next.
    assert page.eval_on_selector(".print-map-sheet", "el => getComputedStyle(el).breakAfter") == "page"
    pdf = page.pdf(prefer_css_page_size=True)
    # A4 landscape (842 × 595 pt) for every page: the map's and the list's.
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    assert boxes and all(round(float(w)) == 842 and round(float(h)) == 595 for w, h in boxes), boxes


def test_print_page_fits_a_phone(page, base_url):
    login(page, base_url, MEMBER)
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(base_url + "/o/demo/buurtkaart/print")
    expect(page.locator("svg.point-map")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


@pytest.mark.parametrize("path", ["/o/demo/partners", "/o/demo/matches", "/o/demo/buurtkaart"])
def test_lists_and_boards_print_without_controls(page, base_url, path):
    login(page, base_url, MEMBER)
    page.goto(base_url + path)
    assert visible_controls(page) != []  # on screen they are there
    page.emulate_media(media="print")
    assert visible_controls(page) == []
    expect(page.locator("main h1")).to_be_visible()


def test_talentenkaart_prints_without_controls(page, base_url):
    login(page, base_url, MEMBER)
    page.goto(base_url + "/o/demo/people")
    hrefs = page.eval_on_selector_all("main a[href]", "els => els.map(el => el.getAttribute('href'))")
    person = next(m for m in (re.search(r"/people/(\d+)$", h) for h in hrefs) if m)
    page.goto(f"{base_url}/o/demo/people/{person.group(1)}/talentenkaart")
    expect(page.locator(".talent-step").first).to_be_visible()
    page.emulate_media(media="print")
    assert visible_controls(page) == []
    expect(page.locator(".talent-step").first).to_be_visible()
