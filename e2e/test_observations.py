"""Observations and the lexicon in real browsers: a member adds an observation with a
photo on a phone, a colleague sees it appear on the buurtkaart's layer live; the lexicon's
popover with the keyboard; axe on every new page."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from playwright.sync_api import expect

from .helpers import assert_accessible, login

pytestmark = pytest.mark.e2e

COORDINATOR, MEMBER = "coordinator@demo.resokit.test", "member@demo.resokit.test"


def _photo(tmp_path):
    path = tmp_path / "plein.jpg"
    out = io.BytesIO()
    Image.new("RGB", (2000, 1500), (40, 120, 90)).save(out, "JPEG")
    path.write_bytes(out.getvalue())
    return path


def _stream_open(page):
    page.wait_for_function("""() => {
        const data = document.getElementById("page")["htmx-internal-data"];
        return !!(data && data.sseEventSource && data.sseEventSource.readyState === 1);
    }""")


def test_an_observation_from_a_phone_appears_live_on_the_colleagues_map(new_page, base_url, tmp_path):
    colleague = new_page(viewport={"width": 1280, "height": 900})
    login(colleague, base_url, COORDINATOR)
    colleague.goto(base_url + "/o/demo/buurtkaart")
    expect(colleague.locator(".treasure-marker, .treasure-cluster").first).to_be_visible()
    _stream_open(colleague)
    markers = colleague.locator(".leaflet-marker-pane .observation-marker")
    expect(markers).to_have_count(0)  # the layer is off by default
    colleague.locator("[data-observation-layer]").check()
    expect(markers.first).to_be_attached()
    before = markers.count()

    phone = new_page(viewport={"width": 360, "height": 740}, has_touch=True, is_mobile=True)
    login(phone, base_url, MEMBER)
    phone.goto(base_url + "/o/demo/observations/new")
    assert_accessible(phone)
    phone.locator("textarea[name=text]").fill("Kinderen spelen voetbal tegen de kerkmuur")
    phone.locator("select[name=kind]").select_option("meeting_place")
    phone.locator("input[name=lat]").fill("50.83715")
    phone.locator("input[name=lon]").fill("4.31700")
    phone.locator("input[name=photo]").set_input_files(str(_photo(tmp_path)))
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    phone.locator("#observation-form button[type=submit]").click()
    expect(phone.locator(".flash-success")).to_contain_text("Je observatie is bewaard")
    item = phone.locator("li.observation").filter(has_text="Kinderen spelen voetbal")
    expect(item.locator("img.observation-thumb")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360

    expect(markers).to_have_count(before + 1)  # live, without a reload
    assert_accessible(colleague)


def test_observation_pages_and_treasure_action_are_accessible(new_page, base_url):
    page = new_page(viewport={"width": 1280, "height": 900})
    login(page, base_url, MEMBER)
    page.goto(base_url + "/o/demo/observations")
    expect(page.locator("li.observation").first).to_be_visible()
    assert_accessible(page)
    page.locator("li.observation").filter(has_text="Geen enkele bank").locator(
        "a[href*='/observations/']"
    ).first.click()
    expect(page.locator("form[action$='/treasure'] button[type=submit]")).to_be_visible()
    assert_accessible(page)
    page.locator("input[name=name]").fill("Bankjes gezocht in de Ropsy Chaudronstraat")
    page.locator("form[action$='/treasure'] button[type=submit]").click()
    expect(page.get_by_text("is nu een schat op de buurtkaart")).to_be_visible()
    page.get_by_role("link", name="Bankjes gezocht in de Ropsy Chaudronstraat").click()
    expect(page.locator("h1, .treasure-name").filter(has_text="Bankjes gezocht").first).to_be_visible()


def test_the_lexicon_and_its_popover_with_the_keyboard(new_page, base_url):
    page = new_page(viewport={"width": 1280, "height": 900})
    login(page, base_url, MEMBER)
    page.goto(base_url + "/o/demo/lexicon")
    expect(page.locator("#light-ties h3")).to_have_text("Lichte banden")
    assert_accessible(page)
    page.locator("input[name=term]").fill("Stoepgesprek")
    page.locator("textarea[name=definition]").fill("Een gesprek dat op de stoep begint en soms binnen eindigt.")
    page.locator("form[action$='/lexicon'] button[type=submit]").click()
    expect(page.get_by_text("“Stoepgesprek” staat in je lexicon.")).to_be_visible()
    page.locator("#own-entries").get_by_role("link", name="Stoepgesprek").click()
    assert_accessible(page)
    page.locator("a[href$='/edit']").click()
    expect(page.locator("textarea[name=definition]")).to_be_visible()
    assert_accessible(page)

    page.goto(base_url + "/o/demo/observations")
    button = page.locator("button.lexicon-info").first
    button.focus()
    page.keyboard.press("Enter")
    popover = page.locator(".lexicon-popover").first
    expect(popover).to_be_visible()
    expect(popover).to_contain_text("De buurt lezen")
    page.keyboard.press("Escape")
    expect(popover).to_be_hidden()


def test_without_javascript_the_term_is_a_plain_link(new_page, base_url):
    page = new_page(javascript=False)
    login(page, base_url, MEMBER)
    page.goto(base_url + "/o/demo/observations")
    page.locator("a.lexicon-term").first.click()
    assert page.url.endswith("/o/demo/lexicon#reading-the-neighbourhood")
    expect(page.locator("#reading-the-neighbourhood h3")).to_be_visible()


def test_a_colleague_edits_links_archives_and_restores_an_observation(new_page, base_url):
    page = new_page(viewport={"width": 360, "height": 740})
    login(page, base_url, MEMBER)
    page.goto(base_url + "/o/demo/observations")
    page.locator("li.observation").filter(has_text="wasserette").locator("a[href*='/observations/']").first.click()
    page.locator("a[href$='/edit']").first.click()
    expect(page.locator("textarea[name=text]")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert_accessible(page)
    page.locator("select[name=section]").select_option("loneliness")
    page.locator("form[action*='/observations/'] button[type=submit]").first.click()
    expect(page.locator("#observation-section a[href$='#section-loneliness']")).to_be_visible()
    page.locator("a[href$='/history']").first.click()
    expect(page.locator("h1")).to_be_visible()
    assert_accessible(page)
    page.go_back()
    page.locator("form[action$='/archive'] button").click()
    expect(page.locator("form[action$='/restore'] button")).to_be_visible()
    page.locator("form[action$='/restore'] button").click()
    expect(page.locator("form[action$='/archive'] button")).to_be_visible()
