"""The buurtkaart in real browsers: two colleagues live, the map, JavaScript off, axe.

Runs against the demo data of the live server (organisation "demo"); each test works on
treasures of its own so the order does not matter.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .helpers import assert_accessible, login

pytestmark = pytest.mark.e2e

COORDINATOR, MEMBER = "coordinator@demo.resokit.test", "member@demo.resokit.test"
MAP = "/o/demo/buurtkaart"


def row(page, name: str):
    return page.locator("li.treasure").filter(has=page.get_by_role("link", name=name, exact=True))


def open_map(page, base_url: str, email: str, *, javascript: bool = True):
    login(page, base_url, email)
    page.goto(base_url + MAP)
    if javascript:
        # The map has drawn its markers and the stream is open: htmx, the SSE extension
        # and map.js are all running.
        expect(page.locator(".treasure-marker, .treasure-cluster").first).to_be_visible()
        page.wait_for_function("""() => {
            const data = document.getElementById("page")["htmx-internal-data"];
            return !!(data && data.sseEventSource && data.sseEventSource.readyState === 1);
        }""")
    return page


@pytest.fixture
def colleagues(new_page, base_url):
    """Noor (coordinator) and Samir (member), each in a browser of their own, on the map."""
    first = open_map(new_page(), base_url, COORDINATOR)
    second = open_map(new_page(), base_url, MEMBER)
    for page in (first, second):
        page.evaluate("window.__sameDocument = true")  # gone if the page reloads
    return first, second


def start_editing(page, name: str):
    row(page, name).locator("a[href$='/edit']").click()
    form = page.locator("li.treasure.editing form")
    expect(form).to_be_visible()
    return form


def add_treasure(page, name: str):
    """Add a treasure through the list's "Add a treasure" panel."""
    page.locator(".add-panel > summary").click()
    form = page.locator("#add-treasure form")
    form.locator("input[name=name]").fill(name)
    form.locator("button.primary").click()


def test_a_colleagues_change_appears_without_reloading(colleagues):
    noor, samir = colleagues
    form = start_editing(samir, "Dauwpark")
    # Noor sees that Samir is editing it, in the presence bar and on the row.
    expect(noor.locator(".presence")).to_contain_text("Dauwpark")
    expect(row(noor, "Dauwpark").locator(".editing-now")).to_be_visible()
    form.locator("input[name=name]").fill("Dauwpark met speeltuin")
    form.locator("button.primary").click()
    expect(samir.locator("li.treasure.editing")).to_have_count(0)
    expect(noor.get_by_role("link", name="Dauwpark met speeltuin", exact=True)).to_be_visible()
    expect(row(noor, "Dauwpark met speeltuin").locator(".editing-now")).to_have_count(0)
    assert noor.evaluate("window.__sameDocument") is True


def test_a_row_that_came_in_the_stream_works_like_any_other(colleagues):
    """The row Noor sees was rendered once for the whole team and sent in the stream, and
    the marker's feature with it (no request): its Archive form gets Noor's own token."""
    noor, samir = colleagues
    asked: list[str] = []
    noor.on("request", lambda request: asked.append(request.url))
    form = start_editing(samir, "Schoenmaker op de hoek")
    form.locator("input[name=name]").fill("Schoenmaker Ali")
    form.locator("input[name=lat]").fill("50.83901")
    form.locator("button.primary").click()
    pushed = row(noor, "Schoenmaker Ali")
    expect(pushed).to_be_visible()
    expect(pushed).to_have_attribute("data-lat", "50.83901")
    expect(pushed.locator(".editing-now")).to_have_count(0)
    # Neither the row nor the marker was asked for: both came in the stream.
    assert not [url for url in asked if "/treasures/" in url or ".geojson" in url], asked
    assert pushed.locator("input[name=csrf_token]").input_value() != ""
    pushed.locator("form[action$='/archive'] button").click()
    # Noor keeps the archived row (with Restore); from Samir's list it goes away.
    expect(row(noor, "Schoenmaker Ali")).to_have_class(re.compile("is-archived"))
    expect(row(samir, "Schoenmaker Ali")).to_have_count(0)
    assert noor.evaluate("window.__sameDocument") is True


def test_a_treasure_a_colleague_adds_appears_in_the_list(colleagues):
    noor, samir = colleagues
    add_treasure(samir, "Zitbank aan de kerk")
    expect(samir.get_by_role("link", name="Zitbank aan de kerk", exact=True)).to_be_visible()
    expect(noor.get_by_role("link", name="Zitbank aan de kerk", exact=True)).to_be_visible()
    assert noor.evaluate("window.__sameDocument") is True


def test_both_edit_one_description_and_the_changes_merge(colleagues):
    noor, samir = colleagues
    name = "Sociaal restaurant De Soepketel"
    noor_form, samir_form = start_editing(noor, name), start_editing(samir, name)
    text = noor_form.locator("textarea[name=description]").input_value()
    first, second = text.split("\n", 1)
    noor_form.locator("textarea[name=description]").fill("Warme maaltijd voor vijf euro.\n" + second)
    samir_form.locator("textarea[name=description]").fill(first + "\nOp vrijdag ook vis.")
    noor_form.locator("button.primary").click()
    expect(noor.locator("li.treasure.editing")).to_have_count(0)
    # Samir's open form says a newer version exists; saving merges both changes.
    expect(samir.locator(".stale-notice .notice")).to_be_visible()
    samir_form.locator("button.primary").click()
    expect(samir.locator("#status .flash-success")).to_be_visible()
    for page in (noor, samir):
        description = row(page, name).locator(".treasure-description")
        expect(description).to_contain_text("Warme maaltijd voor vijf euro.")
        expect(description).to_contain_text("Op vrijdag ook vis.")


def test_the_same_sentence_changed_twice_shows_the_conflict_view(colleagues):
    noor, samir = colleagues
    name = "Wijkgezondheidscentrum De Brug"
    noor_form, samir_form = start_editing(noor, name), start_editing(samir, name)
    noor_form.locator("textarea[name=description]").fill("Medisch huis, open tot 19 uur.")
    samir_form.locator("textarea[name=description]").fill("Medisch huis, ook op zaterdag open.")
    noor_form.locator("button.primary").click()
    expect(noor.locator("li.treasure.editing")).to_have_count(0)
    samir_form.locator("button.primary").click()
    conflict = samir.locator("form.conflict")
    expect(conflict).to_be_visible()
    expect(conflict).to_contain_text("Medisch huis, open tot 19 uur.")  # theirs
    expect(conflict).to_contain_text("Medisch huis, ook op zaterdag open.")  # mine
    conflict.locator("input[value=combined]").check()
    conflict.locator("textarea").fill("Medisch huis, open tot 19 uur en op zaterdag.")
    conflict.locator("button.primary").click()
    for page in (noor, samir):
        expect(row(page, name).locator(".treasure-description")).to_have_text(
            "Medisch huis, open tot 19 uur en op zaterdag."
        )


def test_marker_and_row_find_each_other_by_keyboard(colleagues):
    noor, _ = colleagues
    target = row(noor, "Bibliotheek Kuregem")
    locate = target.locator("[data-locate]")
    expect(locate).to_be_visible()  # hidden without JavaScript, shown by the map
    locate.focus()
    noor.keyboard.press("Enter")
    popup = noor.locator(".leaflet-popup-content")
    expect(popup).to_contain_text("Bibliotheek Kuregem")
    marker = noor.locator(".treasure-marker.is-selected")
    expect(marker).to_be_focused()
    expect(marker).to_have_attribute("aria-label", re.compile("Bibliotheek Kuregem"))
    # And back: Enter on the marker highlights its row and moves focus to it.
    noor.keyboard.press("Enter")
    expect(target).to_have_class(re.compile("is-selected"))
    expect(target.locator(".treasure-name a")).to_be_focused()


def test_enter_on_a_cluster_opens_it(colleagues):
    noor, _ = colleagues
    clusters = noor.locator(".treasure-cluster")
    expect(clusters.first).to_be_visible()
    before = clusters.count()
    noor.evaluate("document.querySelector('#treasure-map').scrollIntoView()")
    clusters.first.focus()
    noor.keyboard.press("Enter")
    expect(clusters).not_to_have_count(before)


def test_the_map_follows_the_filters_and_shows_markers_without_tiles(colleagues):
    noor, _ = colleagues
    # No tile server is reachable here: the notice says so and the markers still show.
    expect(noor.locator("[data-tiles-failed]")).to_be_visible()
    with noor.expect_request(lambda r: "buurtkaart.geojson" in r.url and "kind=service" in r.url):
        noor.locator("#filter-kind").select_option("service")
    expect(noor.locator("#treasure-results")).to_have_attribute("data-filter-query", "kind=service")


def test_picking_a_point_on_the_map_fills_the_form(colleagues):
    _, samir = colleagues
    samir.locator(".add-panel > summary").click()
    form = samir.locator("#add-treasure form")
    form.locator("input[name=name]").click()
    samir.locator("#treasure-map").click(position={"x": 200, "y": 200})
    lat = form.locator("input[name=lat]")
    expect(lat).to_have_value(re.compile(r"^50\.8\d+$"))
    expect(form.locator("input[name=lon]")).to_have_value(re.compile(r"^4\.3\d+$"))
    expect(samir.locator(".pick-marker")).to_be_visible()
    # The inline edit form picks too: its point shows as a draggable marker, a click moves it.
    edit = start_editing(samir, "Digipunt Kuregem")
    before = edit.locator("input[name=lat]").input_value()
    samir.locator("#treasure-map").click(position={"x": 120, "y": 320})
    expect(edit.locator("input[name=lat]")).not_to_have_value(before)
    expect(samir.locator(".pick-marker")).to_have_count(1)


def test_the_list_alone_works_without_javascript(nojs_page, base_url):
    page = open_map(nojs_page, base_url, MEMBER, javascript=False)
    base = base_url
    # Add
    page.locator(".add-panel > summary").click()
    form = page.locator("#add-treasure form")
    form.locator("input[name=name]").fill("Koffiehoek zonder JS")
    form.locator("select[name=kind]").select_option("initiative")
    form.locator("input[name=lat]").fill("50.837")
    form.locator("input[name=lon]").fill("4.319")
    form.locator("button.primary").click()
    expect(page.locator("#status .flash-success")).to_be_visible()
    expect(row(page, "Koffiehoek zonder JS")).to_be_visible()
    expect(row(page, "Koffiehoek zonder JS").locator("[data-locate]")).to_be_hidden()
    # Bad input: a message beside the field
    page.goto(base + "/o/demo/treasures/new")
    page.locator("input[name=name]").fill("Te noordelijk")
    page.locator("input[name=lat]").fill("95")
    page.locator("input[name=lon]").fill("4.3")
    page.locator("form.stack button.primary").click()
    expect(page.locator("#lat-error")).to_be_visible()
    # Edit
    page.goto(base + MAP)
    row(page, "Koffiehoek zonder JS").locator("a[href$='/edit']").click()
    page.locator("input[name=name]").fill("Koffiehoek")
    page.locator("li.treasure.editing button.primary").click()
    expect(row(page, "Koffiehoek")).to_be_visible()
    # Archive, find it in the archive, restore
    row(page, "Koffiehoek").locator("form[action$='/archive'] button").click()
    expect(page.get_by_role("link", name="Koffiehoek", exact=True)).to_have_count(0)
    page.locator("#filter-status").select_option("archived")
    page.locator("form.filters button[type=submit]").click()
    row(page, "Koffiehoek").locator("form[action$='/restore'] button").click()
    page.goto(base + MAP)
    # Filters
    page.locator("#filter-kind").select_option("initiative")
    page.locator("form.filters button[type=submit]").click()
    expect(row(page, "Koffiehoek")).to_be_visible()
    expect(page.get_by_role("link", name="Dauwpark", exact=True)).to_have_count(0)
    assert_accessible(page)  # the list-only page, as a browser without JavaScript shows it


def test_pages_pass_axe(new_page, base_url, tmp_path):
    page = open_map(new_page(), base_url, COORDINATOR)
    assert_accessible(page)
    treasure_url = row(page, "Raadsplein").get_by_role("link", name="Raadsplein", exact=True).get_attribute("href")
    page.goto(base_url + treasure_url)
    assert_accessible(page)
    page.goto(base_url + treasure_url + "/history")
    assert_accessible(page)
    page.goto(base_url + "/o/demo/buurtkaart/import")
    assert_accessible(page)
    upload = tmp_path / "schatten.csv"
    upload.write_text("name,kind,lat,lon\nNieuwe plek,place,50.83,4.31\n,castle,91,4.3\n", encoding="utf-8")
    page.locator("input[type=file]").set_input_files(str(upload))
    page.locator("form.stack button.primary").click()
    expect(page.locator("#import-status")).to_be_visible()
    assert_accessible(page)
    page.set_viewport_size({"width": 360, "height": 740})
    for url in (MAP, treasure_url, treasure_url + "/history", "/o/demo/buurtkaart/import", "/o/demo/"):
        page.goto(base_url + url)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, url  # reflow, WCAG 1.4.10
    page.goto(base_url + MAP)
    assert_accessible(page)


def test_going_back_after_filtering_brings_the_map_back(colleagues):
    noor, _ = colleagues
    noor.locator("#filter-kind").select_option("service")
    expect(noor.locator("#treasure-results")).to_have_attribute("data-filter-query", "kind=service")
    noor.go_back()
    expect(noor.locator("#treasure-results")).to_have_attribute("data-filter-query", "")
    expect(noor.locator(".treasure-marker, .treasure-cluster").first).to_be_visible()
    expect(noor.locator(".leaflet-control-zoom")).to_have_count(1)


def test_links_inside_the_list_and_the_filters_go_to_their_page(colleagues):
    """Boosted links inside parts with a target of their own (the filter form, a row)
    still open their page as a whole, not inside that part."""
    noor, _ = colleagues
    noor.locator("#filter-kind").select_option("service")
    expect(noor.locator("#treasure-results")).to_have_attribute("data-filter-query", "kind=service")
    noor.locator("form.filters").get_by_role("link").click()
    expect(noor).to_have_url(re.compile(r"/o/demo/buurtkaart$"))
    expect(noor.locator("#treasure-results")).to_have_attribute("data-filter-query", "")
    expect(noor.locator("h1")).to_have_count(1)
    expect(noor.locator("#filter-kind")).to_have_value("")
    expect(noor.locator("form.filters")).to_have_count(1)

    name = noor.locator("#treasure-results .treasure-name a").first.inner_text()
    noor.locator("#treasure-results .treasure-name a").first.click()
    expect(noor).to_have_url(re.compile(r"/o/demo/treasures/\d+$"))
    expect(noor.locator("h1")).to_have_text(name)
    expect(noor.locator("#treasure-results")).to_have_count(0)


def test_clear_filters_right_after_typing_a_search_leaves_the_list_unfiltered(colleagues):
    """Leaving the search box sends its search (a change) just as the link asks for the
    whole list; the search's answer, held back here until the list has come, must not
    filter it again (nor may the typing's delayed request that follows)."""
    noor, _ = colleagues
    held = []
    noor.route(re.compile(r".*/buurtkaart\?(.*&)?q=Zzz"), lambda route: held.append(route))
    noor.locator("#filter-q").fill("Zzz")
    noor.locator("form.filters").get_by_role("link").click()
    expect(noor).to_have_url(re.compile(r"/o/demo/buurtkaart$"))
    expect(noor.locator("#treasure-results")).to_have_attribute("data-filter-query", "")
    for route in held:
        try:
            route.continue_()
        except Exception:  # noqa: BLE001 - the browser gave up on it (aborted): as wanted
            pass
    noor.unroute(re.compile(r".*/buurtkaart\?(.*&)?q=Zzz"))
    noor.wait_for_timeout(1000)  # past the typing's delay (400 ms) and any late answer
    expect(noor).to_have_url(re.compile(r"/o/demo/buurtkaart$"))
    expect(noor.locator("#treasure-results")).to_have_attribute("data-filter-query", "")
    expect(noor.locator("#filter-q")).to_have_value("")


def test_keyboard_focus_stays_where_the_change_happened(colleagues):
    noor, _ = colleagues
    add_treasure(noor, "Bank onder de linde")
    treasure = row(noor, "Bank onder de linde")
    expect(treasure).to_be_visible()
    # Edit, by keyboard: focus goes into the form that came in.
    treasure.locator("a[href$='/edit']").focus()
    noor.keyboard.press("Enter")
    form = noor.locator("li.treasure.editing form")
    expect(form).to_be_visible()
    expect(form.locator("input[name=name]")).to_be_focused()
    # Saved without a name: focus is on the field that says what is wrong.
    form.locator("input[name=name]").fill("")
    form.locator("button.primary").focus()
    noor.keyboard.press("Enter")
    expect(form.locator("input[name=name][aria-invalid=true]")).to_be_focused()
    # Saved: focus stays on the row, not back at the top of the page.
    form.locator("input[name=name]").fill("Bank onder de oude linde")
    form.locator("button.primary").focus()
    noor.keyboard.press("Enter")
    expect(row(noor, "Bank onder de oude linde")).to_be_focused()


def test_the_dashboard_activity_follows_live(new_page, base_url):
    noor = new_page()
    login(noor, base_url, COORDINATOR)
    noor.goto(base_url + "/o/demo/")
    noor.wait_for_function("() => !!document.getElementById('page')['htmx-internal-data'].sseEventSource")
    samir = open_map(new_page(), base_url, MEMBER)
    form = start_editing(samir, "Atelier Kleur")
    form.locator("input[name=name]").fill("Atelier Kleur en Klei")
    form.locator("button.primary").click()
    expect(noor.locator("#activity-feed")).to_contain_text("Atelier Kleur en Klei")


def test_closing_the_tab_ends_the_editing_presence(live_server_factory, new_page):
    # Heartbeats every second: a closed stream is noticed at its next write.
    server = live_server_factory(RESOKIT_SSE_HEARTBEAT="1")
    noor = open_map(new_page(base_url=server.url), server.url, COORDINATOR)
    samir = open_map(new_page(base_url=server.url), server.url, MEMBER)
    expect(noor.locator(".presence")).to_contain_text("Samir")
    start_editing(samir, "Kapsalon Noura")
    busy = row(noor, "Kapsalon Noura").locator(".editing-now")
    expect(busy).to_be_visible()
    samir.close(run_before_unload=True)  # the tab goes away with its edit form open
    expect(busy).to_have_count(0)
    expect(noor.locator(".presence")).not_to_contain_text("Samir")


def test_two_workers_with_postgresql_and_redis_keep_colleagues_in_step(live_server_factory, new_page):
    """As in production: PostgreSQL, Redis, two gunicorn workers; each page's stream and
    each save may land on either worker."""
    server = live_server_factory(database="postgresql", redis=True, workers=2)
    noor = open_map(new_page(base_url=server.url), server.url, COORDINATOR)
    samir = open_map(new_page(base_url=server.url), server.url, MEMBER)
    for name, new_name in (("Dauwpark", "Dauwpark (speeltuin)"), ("Bibliotheek Kuregem", "Bib Kuregem")):
        form = start_editing(samir, name)
        form.locator("input[name=name]").fill(new_name)
        form.locator("button.primary").click()
        expect(noor.get_by_role("link", name=new_name, exact=True)).to_be_visible()
