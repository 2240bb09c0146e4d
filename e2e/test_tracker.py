"""The inclusion tracker in a browser: a member answers while the coordinator's round
page counts up live without showing any answer, the reveal, the pages without
JavaScript, and axe on the tracker, a round and the statements."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

try:
    from .helpers import assert_accessible, login
except ImportError:  # the shared e2e harness (conftest, helpers) lands with its own branch
    pytest.skip("the e2e harness is not merged into this branch yet", allow_module_level=True)

pytestmark = pytest.mark.e2e

COORDINATOR = "coordinator@demo.resokit.test"
MEMBER = "member@demo.resokit.test"
THIRD = "member3@demo.resokit.test"  # Yasmina: has not answered the demo's open round


def wait_for_stream(page: Page) -> None:
    page.wait_for_function("""() => {
        const data = document.getElementById("page")["htmx-internal-data"];
        return !!(data && data.sseEventSource && data.sseEventSource.readyState === 1);
    }""")


def open_round_page(page: Page, base_url: str, email: str, title: str) -> None:
    login(page, base_url, email)
    page.goto(base_url + "/o/demo/tracker")
    page.get_by_role("link", name=title).click()
    expect(page.locator("h1")).to_have_text(title)


def test_tracker_pages_are_accessible(new_page, base_url):
    page = new_page()
    login(page, base_url, COORDINATOR)
    page.goto(base_url + "/o/demo/tracker")
    expect(page.locator("svg.trend-chart")).to_have_count(1)
    expect(page.locator(".tracker-changes li")).to_have_count(4)
    assert_accessible(page)
    page.get_by_role("link", name="Zelfscan najaar 2026").first.click()
    expect(page.locator("svg.block-chart")).to_have_count(1)
    assert_accessible(page)
    page.goto(base_url + "/o/demo/tracker/statements")
    assert_accessible(page)
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(base_url + "/o/demo/tracker")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_answers_count_up_live_and_stay_hidden_until_the_reveal(new_page, base_url):
    coordinator, member = new_page(), new_page()
    title = "Zelfscan winter 2026"
    open_round_page(coordinator, base_url, COORDINATOR, title)
    wait_for_stream(coordinator)
    expect(coordinator.locator("#round-status")).to_contain_text(re.compile("2 (teamleden|members)"))
    open_round_page(member, base_url, THIRD, title)
    assert_accessible(member)
    first = member.locator("fieldset.tracker-statement").first
    first.locator("input[value='1']").check()
    first.locator("textarea").fill("Geheim antwoord van Yasmina")
    member.locator("#answer-form button[type=submit]").click()
    expect(member.locator("#answer-form .notice")).to_be_visible()
    expect(coordinator.locator("#round-status")).to_contain_text(re.compile("3 (teamleden|members)"))
    expect(coordinator.locator("body")).not_to_contain_text("Geheim antwoord van Yasmina")
    coordinator.locator("#round-status button", has_text=re.compile("zichtbaar|Reveal")).click()
    expect(coordinator.locator("#results")).to_contain_text("Geheim antwoord van Yasmina")


def test_answering_without_javascript(new_page, base_url):
    page = new_page(javascript=False)
    title = "Zelfscan winter 2026"
    open_round_page(page, base_url, MEMBER, title)
    first = page.locator("fieldset.tracker-statement").first
    first.locator("input[value='unknown']").check()
    page.locator("#answer-form button[type=submit]").click()
    expect(page.locator("#status")).to_contain_text(re.compile("bewaard|saved"))
    expect(page.locator("fieldset.tracker-statement").first.locator("input[value='unknown']")).to_be_checked()


def test_screening_is_accessible_and_a_saved_note_reaches_a_colleague_live(new_page, base_url):
    writer, reader = new_page(), new_page()
    login(reader, base_url, COORDINATOR)
    reader.goto(base_url + "/o/demo/screening")
    wait_for_stream(reader)
    assert_accessible(reader)
    login(writer, base_url, MEMBER)
    writer.goto(base_url + "/o/demo/screening")
    row = writer.locator("li.screening-question").nth(4)
    row_id = row.get_attribute("id")
    row.get_by_role("link", name=re.compile("Stand of notities|Change the status")).click()
    editor = writer.locator(f"#{row_id}.editing form")
    editor.locator("select[name=status]").select_option("in_place")
    editor.locator("textarea[name=notes]").fill("Elke vrijdag soep aan de toog")
    editor.locator("button[type=submit]").click()
    expect(writer.locator(f"#{row_id}")).to_contain_text("Elke vrijdag soep aan de toog")
    expect(reader.locator(f"#{row_id}")).to_contain_text("Elke vrijdag soep aan de toog")
    reader.goto(base_url + "/o/demo/screening/editions")
    expect(reader.locator("table.screening-compare")).to_have_count(1)
    assert_accessible(reader)
    reader.goto(base_url + "/o/demo/screening/print")
    assert_accessible(reader)


def test_the_game_with_a_facilitator_and_two_phones(new_page, base_url):
    facilitator = new_page()
    login(facilitator, base_url, COORDINATOR)
    facilitator.goto(base_url + "/o/demo/tracker")
    facilitator.fill("#new-round input[name=title]", "Teamoverleg spel")
    facilitator.locator("#new-round button[type=submit]").click()
    expect(facilitator.locator("h1")).to_have_text("Teamoverleg spel")
    play_url = facilitator.url.split("#")[0] + "/play"
    facilitator.goto(play_url)
    wait_for_stream(facilitator)
    assert_accessible(facilitator)
    phones = []
    for email in (MEMBER, "member2@demo.resokit.test"):
        phone = new_page(viewport={"width": 360, "height": 740})
        login(phone, base_url, email)
        phone.goto(play_url)
        wait_for_stream(phone)
        phones.append(phone)
    assert_accessible(phones[0])
    for n, (phone, value) in enumerate(zip(phones, ("2", "5")), start=1):
        phone.locator(f"#play-stage input[value='{value}']").check()
        phone.locator("#play-stage button[type=submit]").click()
        expect(phone.locator("#play-stage .notice")).to_be_visible()
        expect(facilitator.locator(".play-voted")).to_contain_text(re.compile(f"^{n} (stem|stemmen|vote|votes)"))
    expect(facilitator.locator("#play-count svg")).to_have_count(0)
    facilitator.locator("body").press("r")
    expect(facilitator.locator("#play-count svg")).to_have_count(1)
    for phone in phones:
        expect(phone.locator("#play-count svg")).to_have_count(1)
        expect(phone.locator("#play-count table td").nth(1)).to_have_text("1")
        expect(phone.locator("#play-count table td").nth(4)).to_have_text("1")
    facilitator.locator("body").press("ArrowRight")
    for page in (facilitator, *phones):
        expect(page.locator(".play-where")).to_contain_text(re.compile("2 (van|of)"))
        expect(page.locator("#play-count svg")).to_have_count(0)
