"""Partners and the partner map in a real browser: a colleague's change moves a partner on
an open map without a reload, labels do not overlap as the browser draws them, details on
keyboard focus, sharing arrives and leaves live, everything works without JavaScript, and
axe finds nothing serious on the partner pages."""

from __future__ import annotations

import itertools
import uuid

import pytest
from playwright.sync_api import Page, expect

from .helpers import assert_accessible, login

pytestmark = pytest.mark.e2e

COORDINATOR = "coordinator@demo.resokit.test"
MEMBER = "member@demo.resokit.test"
COORDINATOR2 = "coordinator@demo2.resokit.test"


@pytest.fixture
def person(new_page, live_server):
    """``person(email, javascript=True)``: a signed-in page in a browser context of its own
    (the harness watches it for CSP violations and script errors)."""

    def make(email: str, *, javascript: bool = True) -> Page:
        page = new_page(javascript=javascript, viewport={"width": 1400, "height": 1000})
        login(page, live_server.url, email)
        return page

    return make


def _add_partner(page: Page, base: str, name: str, relation: str) -> None:
    page.goto(base + "/o/demo/partners")
    page.locator("details.add-panel > summary").click()
    form = page.locator("#add-partner form")
    form.locator("input[name=name]").fill(name)
    form.locator("select[name=sector]").select_option("youth")
    form.locator("select[name=relation]").select_option(relation)
    form.locator("button[type=submit]").click()
    expect(page.locator(f"#partner-list-{relation} .partner-name", has_text=name)).to_be_visible()


def test_a_colleagues_change_reaches_an_open_list_in_its_stream(person, live_server):
    """A rename stays in its group: the row comes in the stream (no request). A move to
    another group: the row asks for itself, moves, and the group counts follow."""
    base, name = live_server.url, f"Buurtsportploeg {uuid.uuid4().hex[:5]}"
    watcher, colleague = person(COORDINATOR), person(MEMBER)
    _add_partner(colleague, base, name, "wanted")
    watcher.goto(base + "/o/demo/partners")
    row = watcher.locator("#partner-list-wanted li", has_text=name)
    expect(row).to_be_visible()
    watcher.wait_for_function("""() => {
        const data = document.getElementById("page")["htmx-internal-data"];
        return !!(data && data.sseEventSource && data.sseEventSource.readyState === 1);
    }""")
    watcher.evaluate("window.__stillTheSamePage = true")
    asked: list[str] = []
    watcher.on("request", lambda request: asked.append(request.url))

    colleague.locator("#partner-list-wanted li", has_text=name).locator("a[href$='/edit']").click()
    form = colleague.locator("#partner-list-wanted li.editing form")
    form.locator("input[name=name]").fill(name + " Noord")
    form.locator("button.primary").click()
    renamed = watcher.locator("#partner-list-wanted li", has_text=name + " Noord")
    expect(renamed).to_be_visible()
    expect(renamed.locator(".editing-now")).to_have_count(0)
    assert not [url for url in asked if "/partners/" in url], asked

    active_before = int(watcher.locator("#partner-count-active").inner_text())
    colleague.locator("#partner-list-wanted li", has_text=name + " Noord").locator(
        "form[action$='/activate'] button"
    ).click()
    expect(watcher.locator("#partner-list-active li", has_text=name + " Noord")).to_be_visible()
    expect(watcher.locator("#partner-list-wanted li", has_text=name + " Noord")).to_have_count(0)
    expect(watcher.locator("#partner-count-active")).to_have_text(str(active_before + 1))
    assert watcher.evaluate("window.__stillTheSamePage") is True


def _node(page: Page, name: str):
    return page.locator("svg.partner-map a.node", has=page.locator("title", has_text=f"{name}:"))


def test_a_colleagues_relation_change_moves_the_partner_on_an_open_map(person, live_server):
    base, name = live_server.url, f"Jeugdploeg {uuid.uuid4().hex[:5]}"
    watcher, colleague = person(COORDINATOR), person(MEMBER)
    watcher.goto(base + "/o/demo/partners/map")
    expect(watcher.locator(".map-wide svg.partner-map")).to_be_visible()
    watcher.evaluate("window.__stillTheSamePage = true")

    _add_partner(colleague, base, name, "to_discover")
    node = _node(watcher, name)
    expect(node).to_have_attribute("data-relation", "to_discover")  # it appeared, live
    before = node.locator(".node-shape").bounding_box()

    colleague.locator("#partner-list-to_discover li", has_text=name).locator(
        "form[action$='/activate'] button"
    ).click()  # "We work together now"
    expect(colleague.locator("#partner-list-active li", has_text=name)).to_be_visible()

    expect(node).to_have_attribute("data-relation", "active")
    after = node.locator(".node-shape").bounding_box()
    centre = watcher.locator(".map-wide svg.partner-map .centre-circle").bounding_box()
    cx, cy = centre["x"] + centre["width"] / 2, centre["y"] + centre["height"] / 2

    def distance(box):
        return ((box["x"] + box["width"] / 2 - cx) ** 2 + (box["y"] + box["height"] / 2 - cy) ** 2) ** 0.5

    assert distance(after) < distance(before)  # from the outer ring towards the centre
    assert watcher.evaluate("window.__stillTheSamePage") is True  # no reload


def test_labels_do_not_overlap_as_the_browser_draws_them(person, live_server):
    page = person(COORDINATOR)
    page.goto(live_server.url + "/o/demo/partners/map")
    boxes = page.evaluate("""() => [...document.querySelectorAll(
        '.map-wide svg.partner-map :is(.node-label, .sector-label, .ring-label)')]
        .map(t => { const b = t.getBBox(); return [b.x, b.y, b.x + b.width, b.y + b.height, t.textContent]; })""")
    assert len(boxes) > 20
    clashes = [
        (a[4], b[4])
        for a, b in itertools.combinations(boxes, 2)
        if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
    ]
    assert not clashes


def test_keyboard_focus_shows_the_partners_details(person, live_server):
    page = person(COORDINATOR)
    page.goto(live_server.url + "/o/demo/partners/map")
    node = page.locator("svg.partner-map a.node").first
    card = node.locator(".node-card")
    expect(card).to_be_hidden()
    node.focus()
    expect(card).to_be_visible()
    expect(card).to_contain_text(node.get_attribute("aria-label").split(":")[0])
    # Enter follows the link to the same partner in the table under the map.
    page.keyboard.press("Enter")
    assert page.url.endswith(node.get_attribute("href"))


def test_sharing_arrives_and_leaves_live_on_the_receiving_side(person, live_server):
    base = live_server.url
    receiver, owner = person(COORDINATOR), person(COORDINATOR2)
    receiver.goto(base + "/o/demo/shares")
    incoming = receiver.locator("#incoming-list")
    expect(incoming).to_contain_text("Wijkpunt Clemenceau")  # the demo shares demo2's map

    owner.goto(base + "/o/demo2/shares")
    owner.locator("#outgoing-list li", has_text="Buurthuis De Kolenkit").locator(
        "form[action$='/revoke'] button"
    ).click()  # "Stop sharing with …"
    expect(incoming).not_to_contain_text("Wijkpunt Clemenceau")
    assert receiver.request.get(base + "/o/demo/shared/demo2/partners/map").status == 404

    owner.fill("input[name=organisation]", "demo")
    owner.locator("#sharing-main form button[type=submit]").first.click()
    expect(incoming).to_contain_text("Wijkpunt Clemenceau")
    assert receiver.request.get(base + "/o/demo/shared/demo2/partners/map").status == 200


def test_without_javascript_the_map_the_list_and_adding_work(person, live_server):
    base, name = live_server.url, f"Buurtsportclub {uuid.uuid4().hex[:5]}"
    page = person(MEMBER, javascript=False)
    page.goto(base + "/o/demo/partners/map")
    expect(page.locator("svg.partner-map a.node").first).to_be_attached()
    expect(page.locator("#pm-table-title")).to_be_visible()
    page.goto(base + "/o/demo/partners")
    page.locator("details.add-panel > summary").click()
    form = page.locator("#add-partner form")
    form.locator("input[name=name]").fill(name)
    form.locator("select[name=sector]").select_option("sport")
    form.locator("select[name=relation]").select_option("wanted")
    form.locator("button[type=submit]").click()
    expect(page.locator("#partner-list-wanted li", has_text=name)).to_be_visible()
    page.locator("#partner-list-wanted li", has_text=name).locator("form[action$='/activate'] button").click()
    expect(page.locator("#partner-list-active li", has_text=name)).to_be_visible()


@pytest.mark.parametrize(
    "path",
    [
        "/o/demo/partners",
        "/o/demo/partners/map",
        "/o/demo/network",
        "/o/demo/shares",
        "/o/demo/shared/demo2/partners/map",
    ],
)
def test_partner_pages_are_accessible(person, live_server, path):
    page = person(COORDINATOR)
    page.goto(live_server.url + path)
    assert_accessible(page)


def test_the_partner_list_is_accessible_with_an_open_edit_form(person, live_server):
    page = person(MEMBER)
    page.goto(live_server.url + "/o/demo/partners")
    page.locator("details.add-panel > summary").click()
    row = page.locator("#partner-list-active li").first
    row.locator("a[href$='/edit']").click()
    expect(page.locator("#partner-list-active li.editing form")).to_be_visible()
    assert_accessible(page)


@pytest.mark.parametrize("path", ["/o/demo/partners", "/o/demo/partners/map", "/o/demo/network"])
def test_partner_pages_are_accessible_without_javascript(person, live_server, path):
    page = person(COORDINATOR, javascript=False)
    page.goto(live_server.url + path)
    assert_accessible(page)


def test_partner_pages_fit_a_small_phone(new_page, live_server):
    """WCAG 1.4.10: at 360 px the page never scrolls sideways (the map scrolls inside its own box)."""
    page = new_page(viewport={"width": 360, "height": 740}, locale="nl-BE")
    login(page, live_server.url, COORDINATOR)
    for path in (
        "/o/demo/partners",
        "/o/demo/partners/map",
        "/o/demo/network",
        "/o/demo/shares",
        "/o/demo/shared/demo2/partners/map",
        "/o/demo/partners/new",
    ):
        page.goto(live_server.url + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, path
    first = page.locator("#partner-list-active .partner-name a").first
    page.goto(live_server.url + "/o/demo/partners")
    page.goto(live_server.url + first.get_attribute("href") + "/history")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, "history"
