"""The workspace as a coordinator meets it on a laptop and on a 360 px phone: the top bar in
one row, the phone's menu (with and without JavaScript), the block pages and the overview
(axe at both widths), the keyboard following the eye, and every page without sideways
scrolling."""

from __future__ import annotations

import itertools
import re
import sqlite3

import pytest
from playwright.sync_api import Page, expect

from resokit_web import create_app
from tests.conftest import base_config

from .helpers import assert_accessible, assert_no_findings, login

pytestmark = pytest.mark.e2e

COORDINATOR = "coordinator@demo.resokit.test"
PHONE = {"width": 360, "height": 740}
LAPTOP = {"width": 1280, "height": 800}
BLOCKS = ("mindset", "burger", "buurt", "organisatie")
# Not pages: streams, exports and the parts pages fetch for themselves.
NOT_PAGES = re.compile(r"(\.json|\.csv|\.svg|\.geojson|\.md|/events|/presence|/photo)$")  # /photo: an image, not a page


def top_bar_height(page: Page) -> float:
    return page.locator("header.topbar").bounding_box()["height"]


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_the_top_bar_is_one_row_on_a_laptop(new_page, base_url, lang):
    page = new_page(viewport=LAPTOP, locale=lang)
    login(page, base_url, COORDINATOR)

    def switch(code: str) -> None:  # saved on the account: put back afterwards
        page.locator(f'.topbar-tools form.language-switch button[value="{code}"]').click()
        expect(page.locator("html")).to_have_attribute("lang", code)

    switch(lang)
    try:
        for url in ("/o/demo/", "/o/demo/partners/map"):
            page.goto(base_url + url)
            links = page.locator("nav.workspace-nav .blocks > li > a")
            expect(links).to_have_count(5)
            tops = {round(links.nth(i).bounding_box()["y"]) for i in range(5)}
            assert len(tops) == 1, f"{lang} {url}: the blocks wrap ({tops})"
            assert top_bar_height(page) < 64
            expect(page.locator("details.nav-menu")).to_be_hidden()
    finally:
        switch("nl")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_on_a_phone_the_top_bar_is_one_row_with_a_menu_button(new_page, base_url, javascript):
    page = new_page(viewport=PHONE, locale="nl-BE", javascript=javascript)
    login(page, base_url, COORDINATOR)
    page.goto(base_url + "/o/demo/people")
    assert top_bar_height(page) < 64
    expect(page.locator("nav.workspace-nav")).to_be_hidden()
    menu = page.locator("details.nav-menu")
    menu.locator("summary").click()  # <details>: no script needed
    panel = menu.locator(".nav-menu-panel")
    expect(panel).to_be_visible()
    expect(panel.locator('.blocks a[aria-current="true"]')).to_have_text("Burger")
    expect(panel.locator('.blocks a[aria-current="page"]')).to_have_text("Personen")
    panel.get_by_role("link", name="Partnerkaart").click()
    expect(page.locator("h1")).to_have_text("Partnerkaart")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert_accessible(page)


@pytest.mark.parametrize("viewport", [LAPTOP, PHONE], ids=["laptop", "phone"])
def test_the_block_pages_and_the_overview_are_accessible(new_page, base_url, viewport):
    page = new_page(viewport=viewport, locale="nl-BE")
    login(page, base_url, COORDINATOR)
    expect(page.locator("#todo-list")).to_contain_text("wachten op moderatie")
    # (The stalled-match item depends on what e2e/test_people.py did to the shared demo;
    # tests/blocks/test_overview.py covers it.)
    assert_accessible(page)
    if viewport is PHONE:
        page.locator("details.nav-menu summary").click()
        assert_accessible(page)
    for block in BLOCKS:
        page.goto(f"{base_url}/o/demo/{block}")
        expect(page.locator(".tool-card").first).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        assert_accessible(page)
    page.goto(base_url + "/o/demo/buurt")
    page.locator(".tool-card a", has_text="Schatten in de buurt").click()
    expect(page.locator("h1")).to_have_text("Buurtkaart")


def test_the_listed_axe_findings_are_gone(new_page, base_url):
    """Moderate ones too: heading order, landmark names, focusable scroll regions."""
    page = new_page(viewport=PHONE, locale="nl-BE")
    login(page, base_url, COORDINATOR)
    rules = ("heading-order", "landmark-unique", "scrollable-region-focusable")
    for url in ("/o/demo/network", "/o/demo/members", "/o/demo/partners/map", "/o/demo/shared/demo2/partners/map"):
        page.goto(base_url + url)
        assert_no_findings(page, rules)
    for list_url, row in (
        ("/o/demo/buurtkaart", ".treasure-name a"),
        ("/o/demo/partners", ".partner-name a"),
        ("/o/demo/roles", ".treasure-name a"),
    ):
        page.goto(base_url + list_url)
        page.locator(row).first.click()
        expect(page.locator("h1")).to_be_visible()
        assert_no_findings(page, rules)


def focus_path(page: Page, steps: int) -> list[dict]:
    """Press Tab ``steps`` times; where each focused element sits on the screen."""
    path = []
    for _ in range(steps):
        page.keyboard.press("Tab")
        path.append(
            page.evaluate(
                # A card is read as one unit: its own place counts, not that of a link inside it.
                """() => { const e = document.activeElement, r = (e.closest('.tool-card') || e).getBoundingClientRect();
                return {x: r.left, y: r.top, h: r.height, text: (e.innerText || e.value || '').trim().slice(0, 30),
                        bar: !!e.closest('header.topbar')}; }"""
            )
        )
    return path


def test_the_keyboard_follows_the_visual_order(new_page, base_url):
    page = new_page(viewport=LAPTOP, locale="nl-BE")
    login(page, base_url, COORDINATOR)
    page.goto(base_url + "/o/demo/burger")
    path = focus_path(page, 24)
    bar = [p for p in path if p["bar"]]
    # In the top bar, one row: from left to right.
    assert len(bar) >= 9 and [p["x"] for p in bar] == sorted(p["x"] for p in bar), bar
    # Below it (the block's tabs, then the cards): row by row, each row from left to right.
    rest = [p for p in path if not p["bar"] and p["h"] > 0][1:]  # the first is the skip target's neighbour
    for before, after in zip(rest, rest[1:]):
        same_row = abs(before["y"] - after["y"]) < 8
        same_card = (before["x"], before["y"]) == (after["x"], after["y"])
        assert same_card or after["y"] > before["y"] + 8 or (same_row and after["x"] > before["x"]), (before, after)

    phone = new_page(viewport=PHONE, locale="nl-BE")
    login(phone, base_url, COORDINATOR)
    phone.goto(base_url + "/o/demo/")
    first = focus_path(phone, 3)
    assert [p["text"] for p in first[1:3]] == ["Resokit", "Menu"]
    phone.keyboard.press("Enter")  # opens the menu
    inside = focus_path(phone, 8)
    assert [p["y"] for p in inside] == sorted(p["y"] for p in inside), inside


# Every page ------------------------------------------------------------------------------------


def _page_values(database: str) -> dict[str, object]:
    """A demo value for each URL parameter of the workspace's pages."""
    db = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    one = lambda sql: db.execute(sql).fetchone()[0]  # noqa: E731
    org = one("SELECT id FROM organisations WHERE slug = 'demo'")
    opinion = one(f"SELECT id FROM opinion_pieces WHERE organisation_id = {org}")
    values = {
        "treasure_id": one(f"SELECT id FROM treasures WHERE organisation_id = {org} AND status = 'accepted'"),
        "proposal_id": one(f"SELECT id FROM treasures WHERE organisation_id = {org} AND status = 'proposed'"),
        "partner_id": one(f"SELECT id FROM partners WHERE organisation_id = {org}"),
        # A person whose inclusieweb has contacts, so that the contact's pages exist for them.
        "person_id": one(f"SELECT min(person_id) FROM web_contacts WHERE organisation_id = {org}"),
        "role_id": one(f"SELECT id FROM social_roles WHERE organisation_id = {org}"),
        "match_id": one(f"SELECT id FROM matches WHERE organisation_id = {org}"),
        "opinion_id": opinion,
        "contribution_id": one(f"SELECT id FROM opinion_contributions WHERE piece_id = {opinion}"),
        "import_id": one(f"SELECT max(id) FROM treasure_imports WHERE organisation_id = {org}"),
        "contact_id": one(
            f"SELECT min(id) FROM web_contacts WHERE person_id = "
            f"(SELECT min(person_id) FROM web_contacts WHERE organisation_id = {org})"
        ),
        "round_id": one(f"SELECT min(id) FROM tracker_rounds WHERE organisation_id = {org}"),
        "action_id": one(f"SELECT min(id) FROM tracker_actions WHERE organisation_id = {org}"),
        "question_id": one(f"SELECT min(id) FROM screening_items WHERE organisation_id = {org}"),
        "session_id": one(f"SELECT min(id) FROM team_sessions WHERE organisation_id = {org}"),
        "card_id": one(f"SELECT min(id) FROM team_session_cards WHERE organisation_id = {org}"),
        "section_key": one(f"SELECT min(key) FROM notebook_sections WHERE organisation_id = {org}"),
        "figure_id": one(f"SELECT min(id) FROM notebook_figures WHERE organisation_id = {org}"),
        "source_id": one(f"SELECT min(id) FROM own_sources WHERE organisation_id = {org}"),
        "observation_id": one(f"SELECT min(id) FROM observations WHERE organisation_id = {org}"),
        "lexicon_entry_id": one(f"SELECT min(id) FROM lexicon_entries WHERE organisation_id = {org}"),
        "source_slug": "demo2",
        "step": "interests",
    }
    db.close()
    assert None not in values.values(), values  # the demo holds one of each
    return values


def test_every_workspace_page_fits_a_360_px_phone(new_page, base_url, live_server, tmp_path):
    page = new_page(viewport=PHONE, locale="nl-BE")
    login(page, base_url, COORDINATOR)
    # An import, so its page exists too.
    page.goto(base_url + "/o/demo/buurtkaart/import")
    csv = tmp_path / "schatten.csv"
    csv.write_text("name,kind,category\nWasserette 360,place,meeting_place\n")
    page.locator("input[type=file]").set_input_files(str(csv))
    page.locator("main form button[type=submit]").first.click()
    expect(page).to_have_url(re.compile(r"/buurtkaart/import/\d+$"))

    database = live_server.instance_path / "resokit.sqlite3"
    values = _page_values(str(database))
    app = create_app(base_config(f"sqlite:///{database}"))
    urls = []
    with app.test_request_context():
        from flask import url_for

        for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
            if not rule.rule.startswith("/o/<slug>") or "GET" not in rule.methods or NOT_PAGES.search(rule.rule):
                continue
            missing = rule.arguments - {"slug"} - set(values)
            assert not missing, f"{rule.rule}: give _page_values a demo value for {missing}"
            urls.append(url_for(rule.endpoint, slug="demo", **{a: values[a] for a in rule.arguments - {"slug"}}))
    assert len(urls) > 50
    too_wide = {}
    for url in urls:
        response = page.goto(base_url + url)
        assert response.ok, f"{url}: {response.status}"
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 360:
            too_wide[url] = width
    assert not too_wide, f"pages wider than the phone: {too_wide}"


def test_the_partner_map_fits_a_phone_with_readable_names(new_page, base_url):
    page = new_page(viewport=PHONE, locale="nl-BE")
    login(page, base_url, COORDINATOR)
    page.goto(base_url + "/o/demo/partners/map")
    expect(page.locator(".map-wide")).to_be_hidden()
    drawing = page.locator(".map-compact svg.partner-map")
    expect(drawing).to_be_visible()
    box = drawing.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360  # scales to the width
    # The names as the browser draws them: apart from each other, and at least 11 px high.
    labels = page.evaluate("""() => [...document.querySelectorAll(
        '.map-compact svg.partner-map :is(.node-label, .sector-label, .ring-label, .centre-name)')]
        .map(t => { const r = t.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom, t.textContent,
                    parseFloat(getComputedStyle(t).fontSize) * r.height / (t.getBBox().height || 1)]; })""")
    assert len(labels) > 10
    small = [(text, round(px, 1)) for *_, text, px in labels if px < 10.5]
    assert not small, small
    text_boxes = [b for b in labels if "centre" not in b[4]]
    clashes = [
        (a[4], b[4])
        for a, b in itertools.combinations(text_boxes, 2)
        if a[0] < b[2] - 1 and b[0] < a[2] - 1 and a[1] < b[3] - 1 and b[1] < a[3] - 1
    ]
    assert not clashes, clashes
    # Pinch-zoom stays possible: the page does not forbid scaling.
    viewport = page.locator('meta[name="viewport"]').get_attribute("content")
    assert "user-scalable=no" not in viewport and "maximum-scale=1" not in viewport
    assert_accessible(page)
