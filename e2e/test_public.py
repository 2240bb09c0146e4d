"""The public resident page and its moderation as people use them: a resident on a
360 px phone, a resident without JavaScript, a coordinator watching proposals arrive
live, and an axe scan of every page on the way. Runs against the demo (its public page
is on at /buurt/demo)."""

from __future__ import annotations

import re
import uuid

import pytest
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from .helpers import assert_accessible, login

pytestmark = pytest.mark.e2e

PHONE = {"width": 360, "height": 740}
COORDINATOR = "coordinator@demo.resokit.test"
MEMBER = "member@demo.resokit.test"

# Counts calls to the geolocation API, so a test can see it is never used unasked.
COUNT_GEOLOCATION = """
window.__geolocationCalls = 0;
(function () {
  var original = navigator.geolocation && navigator.geolocation.getCurrentPosition;
  if (!original) return;
  navigator.geolocation.getCurrentPosition = function () {
    window.__geolocationCalls += 1;
    return original.apply(navigator.geolocation, arguments);
  };
})();
"""


def unique(name: str) -> str:
    return f"{name} {uuid.uuid4().hex[:6]}"


def badge_count(page: Page) -> int:
    text = page.locator("#moderation-badge").inner_text().strip()
    return int(text) if text else 0


def wait_for_stream(page: Page) -> None:
    """The page's event stream is open (htmx keeps its EventSource on #page)."""
    page.wait_for_function(
        "() => { const d = document.querySelector('#page')['htmx-internal-data'];"
        " return !!(d && d.sseEventSource && d.sseEventSource.readyState === 1); }"
    )


def small_targets(page: Page, selector: str) -> list[str]:
    """Visible elements matching ``selector`` less than 44 px high (or wide)."""
    return page.eval_on_selector_all(
        selector,
        """els => els
        .filter(el => el.offsetParent !== null && !el.closest('.hp-field'))
        .filter(el => { const r = el.getBoundingClientRect(); return r.height < 44 || r.width < 44; })
        .map(el => el.outerHTML.slice(0, 80))""",
    )


def test_a_resident_adds_a_place_on_a_phone(new_page, base_url):
    page = new_page(viewport=PHONE, locale="nl-BE", has_touch=True, is_mobile=True)
    page.add_init_script(COUNT_GEOLOCATION)
    page.goto(base_url + "/buurt/demo?lang=nl")
    expect(page.locator("h1")).to_contain_text("Welke plekken in")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    # Large touch targets: fields, buttons, choices and the language links.
    assert not small_targets(
        page,
        "main input:not([type=hidden]):not([type=radio]):not([type=checkbox]), "
        "main textarea, main button, .choice, .field-booleanfield, "
        ".resident-languages a",
    )
    # Leaflet is not loaded before a map is needed.
    assert page.evaluate("typeof window.L") == "undefined"
    assert_accessible(page)

    name = unique("Bank bij de vijver")
    page.fill("#name", name)
    page.fill("#description", "Hier zitten we 's avonds samen.")
    page.locator(".choice", has_text="Een park, een tuin of de natuur").click()
    page.get_by_role("button", name="Kies op de kaart").click()
    map_box = page.locator("#picker-map")
    expect(map_box).to_be_visible()
    expect(map_box.locator(".leaflet-tile-pane")).to_have_count(1)
    box = map_box.bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.6, box["y"] + box["height"] * 0.4)
    expect(page.locator("[data-location-status]")).to_contain_text("Het punt staat op de kaart")
    expect(page.locator("#lat")).not_to_have_value("")
    assert page.evaluate("window.__geolocationCalls") == 0  # never asked without a tap
    page.locator(".field-booleanfield", has_text="Ja, jullie mogen").click()
    expect(page.locator("#consent")).to_be_checked()
    assert_accessible(page)
    page.get_by_role("button", name="Versturen").click()

    expect(page.locator("h1")).to_have_text("Dank je wel!")
    expect(page.locator("main")).to_contain_text("Wat gebeurt er nu?")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(page)


def test_the_phone_location_is_asked_for_only_after_a_tap(new_page, base_url):
    page = new_page(
        viewport=PHONE,
        locale="fr-BE",
        permissions=["geolocation"],
        geolocation={"latitude": 50.8371, "longitude": 4.3190},
    )
    page.add_init_script(COUNT_GEOLOCATION)
    page.goto(base_url + "/buurt/demo?lang=fr")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__geolocationCalls") == 0
    page.get_by_role("button", name="Utiliser ma position").click()
    expect(page.locator("#lat")).to_have_value("50.837100")
    expect(page.locator("#lon")).to_have_value("4.319000")
    expect(page.locator("[data-location-status]")).to_contain_text("Votre position est sur la carte")
    assert page.evaluate("window.__geolocationCalls") == 1
    page.get_by_role("button", name="Retirer le point").click()
    expect(page.locator("#lat")).to_have_value("")


def test_a_resident_without_javascript(new_page, base_url):
    page = new_page(javascript=False, viewport=PHONE, locale="en-GB")
    page.goto(base_url + "/buurt/demo?lang=en")
    # The map buttons need JavaScript and stay hidden; the words are enough.
    expect(page.get_by_role("button", name="Use my location")).to_be_hidden()
    expect(page.get_by_role("button", name="Choose on the map")).to_be_hidden()
    expect(page.locator("#places-map")).to_be_hidden()
    expect(page.locator(".place").first).to_be_visible()

    page.get_by_role("button", name="Send").click()
    expect(page.locator("#name-error")).to_have_text("Write the name of the place.")
    expect(page.locator("#category-error")).to_have_text("Choose what kind of place it is.")
    expect(page.locator("#location_text-error")).to_contain_text("Tell us where it is")
    assert_accessible(page)

    page.fill("#name", unique("Reading corner"))
    page.locator("label", has_text="Culture, or a library").click()
    page.fill("#location_text", "South station, side entrance")
    page.get_by_role("button", name="Send").click()
    expect(page.locator("h1")).to_have_text("Thank you!")
    assert_accessible(page)

    # The language links work without JavaScript and without an account.
    page.get_by_role("link", name=re.compile("Français")).click()
    expect(page.locator("h1")).to_have_text("Merci beaucoup\u202f!")


def test_the_places_map_loads_after_the_list_and_matches_it(new_page, base_url):
    page = new_page(locale="nl-BE")
    page.goto(base_url + "/buurt/demo?lang=nl")
    places = page.locator(".place").count()
    page.locator("#places-map").scroll_into_view_if_needed()
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    expect(page.locator("#places-map")).to_be_visible()
    markers = page.locator("#places-map .leaflet-marker-icon")
    expect(markers.first).to_be_visible()
    assert 0 < markers.count() <= places
    popup = page.locator(".leaflet-popup-content")
    # The map zooms to its markers once they are placed; a click during that animation
    # can miss the moving marker (seen under CI load), so click once it has settled.
    for _ in range(3):
        page.wait_for_function("() => !document.querySelector('#places-map.leaflet-zoom-anim')")
        markers.first.click()
        try:
            popup.wait_for(state="visible", timeout=3000)
            break
        except PlaywrightTimeout:
            continue
    expect(popup.locator("strong")).not_to_be_empty()
    expect(popup.get_by_role("link", name="Lees meer in de lijst")).to_have_attribute(
        "href", re.compile(r"^#place-\d+$")
    )
    # Contrast is judged on the finished popup, not halfway through its fade-in.
    expect(page.locator(".leaflet-popup")).to_have_css("opacity", "1")
    assert_accessible(page)


def test_proposals_arrive_live_and_are_decided_once(new_page, base_url):
    coordinator = new_page(locale="nl-BE")
    login(coordinator, base_url, COORDINATOR)
    coordinator.goto(base_url + "/o/demo/moderation")
    wait_for_stream(coordinator)
    before = badge_count(coordinator)
    assert_accessible(coordinator)

    member = new_page(locale="nl-BE")
    login(member, base_url, MEMBER)
    member.goto(base_url + "/o/demo/")
    wait_for_stream(member)
    member_before = badge_count(member)

    resident = new_page(viewport=PHONE, locale="nl-BE")
    resident.goto(base_url + "/buurt/demo?lang=nl")
    name = unique("Wasserette live")
    resident.fill("#name", name)
    resident.locator(".choice", has_text="Een plek om mensen te ontmoeten").click()
    resident.fill("#location_text", "Naast de bakker")
    resident.fill("#email", "fatima@example.org")
    resident.get_by_role("button", name="Versturen").click()
    expect(resident.locator("h1")).to_have_text("Dank je wel!")

    # Without a reload: the card appears in the queue, the badges count it.
    card = coordinator.locator("#proposal-list > li", has_text=name)
    expect(card).to_be_visible()
    expect(card).to_contain_text("fatima@example.org")
    expect(coordinator.locator("#moderation-badge")).to_have_text(str(before + 1))
    expect(member.locator("#moderation-badge")).to_have_text(str(member_before + 1))
    assert_accessible(coordinator)

    # The member reviews it, the coordinator accepts it meanwhile: the member is told.
    member.goto(base_url + "/o/demo/moderation")
    wait_for_stream(member)
    member_card = member.locator("#proposal-list > li", has_text=name)
    expect(member_card).not_to_contain_text("fatima@example.org")  # only coordinators see it
    member_card.get_by_role("link", name=re.compile("Aanpassen, samenvoegen of weigeren")).click()
    expect(member.locator("form[action$='/accept'] input[name$='-name']")).to_have_value(name)
    assert_accessible(member)

    card.get_by_role("button", name=re.compile("Aanvaarden")).click()
    expect(card).to_have_class(re.compile("is-decided"))
    expect(coordinator.locator("#status")).to_contain_text("staat op de kaart")
    expect(coordinator.locator("#moderation-badge")).to_have_text(str(before) if before else "")
    expect(member.locator(".stale-notice")).to_contain_text("Over dit voorstel is intussen beslist")
    expect(member.locator("#decided-list")).to_contain_text(name)

    member.get_by_role("button", name="Aanvaarden en op de kaart zetten").click()
    expect(member.locator("#status")).to_contain_text("Noor besliste al")

    # Accepted without a public consent: on the team's map, not on the public page.
    coordinator.goto(base_url + "/o/demo/buurtkaart?q=" + name.split()[-1])
    expect(coordinator.locator("main")).to_contain_text(name)


def test_team_pages_are_accessible(new_page, base_url):
    coordinator = new_page(locale="nl-BE")
    login(coordinator, base_url, COORDINATOR)
    for path in ("/o/demo/settings", "/o/demo/poster?languages=nl&languages=fr&languages=en"):
        coordinator.goto(base_url + path)
        expect(coordinator.locator("h1")).to_be_visible()
        assert_accessible(coordinator)
    coordinator.goto(base_url + "/o/demo/moderation")
    first = coordinator.locator("#proposal-list > li").first
    if first.count():
        coordinator.goto(base_url + first.get_attribute("hx-get").split("?")[0])
        expect(coordinator.locator(".decisions")).to_be_visible()
        assert_accessible(coordinator)


def test_the_poster_prints_on_one_a4_page(new_page, base_url):
    coordinator = new_page(locale="nl-BE")
    login(coordinator, base_url, COORDINATOR)
    for languages in ("languages=nl", "languages=nl&languages=fr&languages=en"):
        coordinator.goto(f"{base_url}/o/demo/poster?{languages}")
        expect(coordinator.locator(".poster-qr svg")).to_be_visible()
        pdf = coordinator.pdf(prefer_css_page_size=True, print_background=True)
        pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
        assert pages == 1, f"{languages}: {pages} pages"
        # Nothing but our own origin is requested.
        assert coordinator.evaluate(
            "performance.getEntriesByType('resource').every(e => e.name.startsWith(location.origin))"
        )


def test_moderation_without_javascript(new_page, base_url):
    resident = new_page(javascript=False, locale="nl-BE")
    resident.goto(base_url + "/buurt/demo?lang=nl")
    name = unique("Reclame")
    resident.fill("#name", name)
    resident.locator("label", has_text="Iets anders").click()
    resident.fill("#location_text", "Overal")
    resident.get_by_role("button", name="Versturen").click()
    expect(resident.locator("h1")).to_have_text("Dank je wel!")

    coordinator = new_page(javascript=False, locale="nl-BE")
    login(coordinator, base_url, COORDINATOR)
    coordinator.goto(base_url + "/o/demo/moderation")
    card = coordinator.locator("#proposal-list > li", has_text=name)
    card.get_by_role("link", name=re.compile("Aanpassen, samenvoegen of weigeren")).click()
    expect(coordinator.locator("h1")).to_have_text(name)
    refuse = coordinator.locator("form[action$='/reject']")
    refuse.get_by_role("button", name="Weigeren").click()
    expect(coordinator.locator("[id$='-reason-error']")).to_have_text("Kies een reden.")
    assert_accessible(coordinator)
    coordinator.locator("form[action$='/reject'] label", has_text="Spam, reclame of onzin").click()
    coordinator.locator("form[action$='/reject']").get_by_role("button", name="Weigeren").click()
    expect(coordinator.locator("#status")).to_contain_text("is geweigerd")
    expect(coordinator.locator("#proposal-list > li", has_text=name)).to_have_count(0)
    expect(coordinator.locator(".decided-list")).to_contain_text(name)


def test_a_resident_reads_and_sends_in_arabic_right_to_left_on_a_phone(new_page, base_url):
    page = new_page(viewport=PHONE, locale="ar", has_touch=True, is_mobile=True)
    page.goto(base_url + "/buurt/demo")  # the phone's language chooses Arabic
    html = page.locator("html")
    expect(html).to_have_attribute("lang", "ar")
    expect(html).to_have_attribute("dir", "rtl")
    assert page.evaluate("getComputedStyle(document.querySelector('main')).direction") == "rtl"
    # Right to left: the form's labels start at the right edge, and nothing scrolls sideways.
    label = page.locator("label[for=name]").bounding_box()
    field = page.locator("#name").bounding_box()
    assert label["x"] + label["width"] >= field["x"] + field["width"] - 2
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert page.evaluate("document.scrollingElement.scrollLeft") == 0
    assert not small_targets(page, ".resident-languages a, main button, .choice")
    assert_accessible(page)
    # The map keeps its own left-to-right layout (tiles and controls).
    page.locator("[data-pick-open]").click()
    map_box = page.locator("#picker-map")
    expect(map_box.locator(".leaflet-tile-pane")).to_have_count(1)
    expect(map_box).to_have_attribute("dir", "ltr")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    box = map_box.bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.5)
    expect(page.locator("#lat")).not_to_have_value("")
    page.fill("#name", unique("مقهى الحي"))
    page.locator(".choice").first.click()
    page.locator(".field-booleanfield").click()
    assert_accessible(page)
    page.locator("button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/buurt/demo/thanks$"))
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("h1")).to_have_text("شكرًا لكم!")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(page)
    # Another language is one tap away, and the page turns left to right again.
    page.locator(".resident-languages a[lang=tr]").click()
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    expect(page.locator("html")).to_have_attribute("lang", "tr")
