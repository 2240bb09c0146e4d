"""The inclusieweb in a browser: a contact dragged with the pointer and moved with the
keyboard, a colleague's open web following live, and axe on the web, the comparison and
the "with the person" view."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from .helpers import assert_accessible, login

pytestmark = pytest.mark.e2e

COORDINATOR = "coordinator@demo.resokit.test"
MEMBER = "member@demo.resokit.test"
PERSON = "Meneer met de hoed"


def open_web(page: Page, base_url: str, email: str) -> str:
    login(page, base_url, email)
    page.goto(base_url + "/o/demo/inclusieweb")
    page.evaluate("window.arrivedByBoost = true")
    page.get_by_role("link", name=PERSON).click()
    expect(page.locator("h1")).to_contain_text(PERSON)
    # A boosted link (htmx swapped the body): the page script, loaded with every page, still
    # drives the drag and the keyboard below.
    assert page.evaluate("window.arrivedByBoost === true")
    page.wait_for_function("""() => {
        const data = document.getElementById("page")["htmx-internal-data"];
        return !!(data && data.sseEventSource && data.sseEventSource.readyState === 1);
    }""")
    return page.url


def node(page: Page, label: str):
    cid = page.locator("li.web-contact", has_text=label).first.get_attribute("id").removeprefix("contact-")
    return page.locator(f'.web-figure a.node[data-cid="{cid}"]')


def target_point(page: Page, circle: str, domain: str) -> tuple[float, float]:
    """The screen point in the middle of ``circle`` × ``domain`` of the drawing."""
    return tuple(
        page.evaluate(
            """([circle, domain]) => {
            const svg = document.querySelector(".web-figure svg.inclusieweb-svg");
            const ring = svg.dataset.rings.split(" ").map(s => s.split(":")).find(p => p[0] === circle);
            const wedge = svg.dataset.wedges.split(" ").map(s => s.split(":")).find(p => p[0] === domain);
            const r = (+ring[1] + +ring[2]) / 2, a = (+wedge[1] + +wedge[2]) / 2;
            const pt = svg.createSVGPoint();
            pt.x = +svg.dataset.cx + r * Math.cos(a); pt.y = +svg.dataset.cy + r * Math.sin(a);
            const s = pt.matrixTransform(svg.getScreenCTM());
            return [s.x, s.y];
        }""",
            [circle, domain],
        )
    )


def test_drag_and_keyboard_moves_reach_a_colleague_live(new_page, base_url):
    member, coordinator = new_page(viewport={"width": 1280, "height": 1600}), new_page()
    open_web(member, base_url, MEMBER)
    open_web(coordinator, base_url, COORDINATOR)
    bakker = node(member, "De bakker")
    expect(bakker).to_have_attribute("data-circle", re.compile("[23]"))

    member.locator(".web-figure").scroll_into_view_if_needed()
    box = bakker.locator(".node-shape").bounding_box()
    x, y = target_point(member, "1", "neighbourhood")
    member.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    member.mouse.down()
    member.mouse.move(x, y, steps=12)
    member.mouse.up()
    expect(node(member, "De bakker")).to_have_attribute("data-circle", "1")
    expect(node(coordinator, "De bakker")).to_have_attribute("data-circle", "1")  # live, no reload

    # The keyboard: focus the mark, one circle further, one domain on, Enter.
    node(member, "De bakker").focus()
    member.keyboard.press("ArrowDown")
    expect(member.locator("#web-move-status")).to_contain_text(re.compile(r"\S"))
    member.keyboard.press("ArrowRight")
    member.keyboard.press("Enter")
    moved = node(member, "De bakker")
    expect(moved).to_have_attribute("data-circle", "2")
    expect(moved).to_have_attribute("data-domain", "daytime")
    expect(node(coordinator, "De bakker")).to_have_attribute("data-domain", "daytime")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_web_compare_and_together_are_accessible(new_page, base_url, javascript):
    page = new_page(javascript=javascript)
    login(page, base_url, MEMBER)
    page.goto(base_url + "/o/demo/inclusieweb")
    page.get_by_role("link", name=PERSON).click()
    expect(page.locator("h1")).to_contain_text(PERSON)  # a boosted link: wait for it to land
    web = page.url
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("Vergelijken met nu|Compare with now")).first.click()
    expect(page.locator("h1")).to_contain_text(PERSON)
    assert_accessible(page)
    page.goto(web + "/together")
    expect(page.locator("h1")).to_contain_text(PERSON)
    assert page.locator(".workspace-nav").count() == 0
    assert_accessible(page)
