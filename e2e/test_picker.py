"""Picking a place in real browsers: the small map beside a form's coordinate fields
(click, drag, keyboard), the big map's clusters while picking, and axe at laptop and
phone width."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.geocoder_server import running_geocoder

from .helpers import assert_accessible, login

pytestmark = pytest.mark.e2e

COORDINATOR, MEMBER = "coordinator@demo.resokit.test", "member@demo.resokit.test"
SIZES = {"laptop": {"width": 1280, "height": 800}, "phone": {"width": 360, "height": 740}}


def coords(page, lat="input[name=lat]", lon="input[name=lon]"):
    return page.locator(lat).input_value(), page.locator(lon).input_value()


@pytest.mark.parametrize("size", SIZES)
def test_a_point_by_click_and_by_keyboard_on_the_add_page(new_page, base_url, size):
    page = new_page(viewport=SIZES[size])
    login(page, base_url, MEMBER)
    page.goto(base_url + "/o/demo/treasures/new")
    picker = page.locator("#lat-picker")
    expect(picker).to_be_visible()  # shown by picker.js
    assert page.evaluate("document.documentElement.scrollWidth") <= SIZES[size]["width"]
    assert_accessible(page)
    the_map = page.locator("#lat-picker-map")
    expect(the_map).to_have_attribute("role", "application")
    expect(the_map).to_have_accessible_name("Kaart om te kiezen waar de schat ligt")  # the demo speaks Dutch
    # Click: the fields get the point, the marker shows, the status says where.
    the_map.click(position={"x": 120, "y": 100})
    lat, lon = coords(page)
    assert re.fullmatch(r"50\.8\d+", lat) and re.fullmatch(r"4\.3\d+", lon)
    expect(picker.locator(".pick-marker")).to_have_count(1)
    expect(picker.locator("[data-picker-status]")).to_contain_text("Het punt staat op")
    # Keyboard: on the focused map the arrows move it (right: east, up: north).
    the_map.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Shift+ArrowUp")
    lat2, lon2 = coords(page)
    assert float(lon2) > float(lon) and float(lat2) > float(lat)
    # Drag the marker.
    box = picker.locator(".pick-marker").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] - 2)
    page.mouse.down()
    page.mouse.move(box["x"] + 60, box["y"] + 40, steps=5)
    page.mouse.up()
    expect(page.locator("input[name=lon]")).not_to_have_value(lon2)
    # "Remove the point" empties the fields.
    remove = picker.get_by_role("button", name="Punt weghalen")
    remove.click()
    expect(page.locator("input[name=lat]")).to_have_value("")
    expect(picker.locator(".pick-marker")).to_have_count(0)
    # No point yet: the first arrow press places it in the middle, the form saves it.
    the_map.focus()
    page.keyboard.press("ArrowDown")
    expect(page.locator("input[name=lat]")).to_have_value(re.compile(r"^50\.8\d+$"))
    page.locator("input[name=name]").fill(f"Speelplein geprikt {size}")
    page.locator("form.stack button.primary").click()
    expect(page.locator(".flash-success")).to_contain_text(f"Speelplein geprikt {size}")


def test_the_edit_page_shows_the_point_and_no_misleading_line(new_page, base_url):
    page = new_page()
    login(page, base_url, MEMBER)
    page.goto(base_url + "/o/demo/buurtkaart")
    link = page.locator("li.treasure a[href$='/edit']").first
    page.goto(base_url + link.get_attribute("href"))
    expect(page.locator("#lat-picker .pick-marker")).to_have_count(1)
    expect(page.get_by_text("Klik op de kaart om het punt te kiezen")).to_be_hidden()
    assert_accessible(page)


def test_a_cluster_tapped_while_picking_splits_and_places_nothing(new_page, base_url):
    page = new_page()
    login(page, base_url, MEMBER)
    page.goto(base_url + "/o/demo/buurtkaart")
    clusters = page.locator(".treasure-cluster")
    expect(clusters.first).to_be_visible()
    page.locator(".add-panel > summary").click()
    form = page.locator("#add-treasure form")
    form.locator("input[name=name]").click()
    expect(form.locator("#lat-picker")).to_be_hidden()  # the big map picks for this form
    expect(form.get_by_text("Klik op de kaart om het punt te kiezen")).to_be_visible()
    before = clusters.count()
    clusters.first.click()
    expect(clusters).not_to_have_count(before)
    assert form.locator("input[name=lat]").input_value() == ""
    expect(page.locator(".pick-marker")).to_have_count(0)


@pytest.mark.parametrize("size", SIZES)
def test_the_new_organisation_chooses_its_map_centre_on_a_map(new_page, base_url, size):
    page = new_page(viewport=SIZES[size])
    login(page, base_url, COORDINATOR)
    page.goto(base_url + "/orgs/new")
    the_map = page.locator("#map_lat-picker-map")
    expect(the_map).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= SIZES[size]["width"]
    assert_accessible(page)
    before = coords(page, "input[name=map_lat]", "input[name=map_lon]")
    the_map.focus()
    page.keyboard.press("ArrowLeft")
    after = coords(page, "input[name=map_lat]", "input[name=map_lon]")
    assert after != before and float(after[1]) < float(before[1])
    the_map.click(position={"x": 60, "y": 60})
    expect(page.locator("input[name=map_lat]")).not_to_have_value(after[0])


@pytest.fixture(scope="module")
def geocoding_server(live_server_factory):
    """A server of its own with the address search pointed at a local Nominatim-speaking one."""
    with running_geocoder() as geocoder:
        yield live_server_factory(RESOKIT_GEOCODER_URL=geocoder.url), geocoder


def test_an_address_search_through_htmx_and_a_candidate_chosen_in_the_page(new_page, geocoding_server):
    server, geocoder = geocoding_server
    page = new_page(base_url=server.url)
    login(page, server.url, MEMBER)
    page.goto(server.url + "/o/demo/treasures/new")
    page.evaluate("window.__sameDocument = true")  # gone if the page reloads
    search = page.locator("input[name=place_search]")
    search.fill("Wayezstraat 12")
    search.press("Enter")  # searches (the form's default button would save)
    found = page.locator("[data-geocoder-results]")
    expect(found).to_contain_text("2 plekken gevonden")
    expect(search).to_have_value("Wayezstraat 12")
    assert page.evaluate("window.__sameDocument === true")  # htmx, not a page load
    assert geocoder.requests[-1]["q"] == "Wayezstraat 12"
    assert_accessible(page)
    asked = len(geocoder.requests)
    found.get_by_role("button", name=re.compile("Anderlecht, Brussel")).click()
    expect(page.locator("input[name=lat]")).to_have_value("50.836820")
    expect(page.locator("input[name=lon]")).to_have_value("4.309870")
    expect(page.locator("#lat-picker .pick-marker")).to_have_count(1)
    assert len(geocoder.requests) == asked and page.evaluate("window.__sameDocument === true")


def test_an_address_search_without_javascript(new_page, geocoding_server):
    server, _ = geocoding_server
    page = new_page(javascript=False, base_url=server.url)
    login(page, server.url, MEMBER)
    page.goto(server.url + "/o/demo/treasures/new")
    page.locator("input[name=name]").fill("Wasserette zonder JS")
    page.locator("input[name=place_search]").fill("Wayezstraat")
    page.locator("button[name=find_address]").click()
    page.get_by_role("button", name=re.compile("Rue Wayez")).click()
    expect(page.locator("input[name=lat]")).to_have_value("50.837100")
    expect(page.locator("input[name=name]")).to_have_value("Wasserette zonder JS")
    page.locator("form.stack button.primary").click()
    expect(page.locator(".flash-success")).to_contain_text("Wasserette zonder JS")


@pytest.mark.parametrize("size", SIZES)
def test_accepting_a_residents_place_with_a_point_from_the_map(new_page, base_url, size):
    resident = new_page(viewport=SIZES["phone"], locale="nl-BE")
    resident.goto(base_url + "/buurt/demo?lang=nl")
    name = f"Wasserette geprikt {size}"
    resident.fill("#name", name)
    resident.locator(".choice", has_text="Een plek om mensen te ontmoeten").click()
    resident.fill("#location_text", "Naast de bakker")
    resident.get_by_role("button", name="Versturen").click()
    expect(resident.locator("h1")).to_have_text("Dank je wel!")

    page = new_page(viewport=SIZES[size])
    login(page, base_url, MEMBER)
    page.goto(base_url + "/o/demo/moderation")
    page.locator("#proposal-list > li", has_text=name).get_by_role("link", name=re.compile(name)).first.click()
    picker = page.locator("[data-picker]")
    expect(picker).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= SIZES[size]["width"]
    assert_accessible(page)
    lat = page.locator(f"#{picker.get_attribute('data-lat-input')}")
    expect(lat).to_have_value("")
    picker.locator("[data-picker-map]").click(position={"x": 100, "y": 80})
    expect(lat).to_have_value(re.compile(r"^50\.8\d+$"))
    page.get_by_role("button", name="Aanvaarden en op de kaart zetten").click()
    expect(page.locator(".flash-success").first).to_be_visible()
