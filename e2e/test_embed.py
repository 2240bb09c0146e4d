"""The public map inside an organisation's own website: a coordinator lists the site, the
site's page frames the map (a fake origin routed in the browser), any other site cannot;
axe on the embed page; the list without JavaScript."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .helpers import assert_accessible, login

pytestmark = pytest.mark.e2e

COORDINATOR = "coordinator@demo.resokit.test"
LOCAL_NETWORK_CHECKS = (
    "BlockInsecurePrivateNetworkRequests,PrivateNetworkAccessForNavigations,"
    "PrivateNetworkAccessRespectPreflightResults,LocalNetworkAccessChecks"
)
ALLOWED, OTHER = "https://www.partner-site.example", "https://www.other-site.example"


def host_page(page, origin: str, embed_url: str) -> None:
    """Serve ``origin``'s home page from the test: a page with our map in an iframe."""
    html = f'<!doctype html><title>Partner</title><h1>Our neighbourhood</h1><iframe src="{embed_url}" title="Map" width="800" height="600"></iframe>'
    page.route(f"{origin}/", lambda route: route.fulfill(status=200, content_type="text/html", body=html))


@pytest.fixture
def other_sites(browser_type, browser_type_launch_args):
    """New pages in a browser that lets a public site frame our server on 127.0.0.1:
    Chromium's local-network protection would block the frame before our CSP is asked."""
    args = [*browser_type_launch_args.get("args", []), f"--disable-features={LOCAL_NETWORK_CHECKS}"]
    browser = browser_type.launch(**{**browser_type_launch_args, "args": args})
    yield lambda: browser.new_context().new_page()
    browser.close()


def allow(page, base_url: str, origins: str) -> None:
    login(page, base_url, COORDINATOR)
    page.goto(base_url + "/o/demo/settings")
    page.fill("textarea[name=embed_origins]", origins)
    page.locator("form[action$='/settings/embed'] button[type=submit]").click()
    expect(page.locator("textarea[name=embed_origins]")).to_have_value(origins)


def test_a_listed_site_frames_the_map_and_others_cannot(page, other_sites, base_url):
    page.goto(base_url + "/o/demo/settings")  # signed out: the sign-in page first
    allow(page, base_url, ALLOWED)
    snippet = page.locator("#embed-snippet").input_value()
    assert snippet.startswith("<iframe src=") and "/buurt/demo/embed" in snippet
    assert_accessible(page)

    # A typo is shown beside the field, and nothing is saved.
    page.fill("textarea[name=embed_origins]", "www.partner-site.example/page")
    page.locator("form[action$='/settings/embed'] button[type=submit]").click()
    expect(page.locator("#embed_origins-error")).to_be_visible()
    page.goto(base_url + "/o/demo/settings")
    expect(page.locator("textarea[name=embed_origins]")).to_have_value(ALLOWED)

    visitor = other_sites()
    embed_url = base_url + "/buurt/demo/embed"
    host_page(visitor, ALLOWED, embed_url)
    visitor.goto(ALLOWED + "/")
    frame = visitor.frame_locator("iframe")
    expect(frame.locator("h1.embed-title")).to_be_visible()
    expect(frame.locator("svg.point-map .point-marker").first).to_be_attached()
    expect(frame.locator("ol.embed-list > li").first).to_be_visible()
    link = frame.locator("ol.embed-list a").first
    assert link.get_attribute("target") == "_blank"

    stranger = other_sites()
    host_page(stranger, OTHER, embed_url)
    stranger.goto(OTHER + "/")
    stranger.wait_for_load_state("load")
    child = stranger.frames[1]
    # The browser refuses to show it (frame-ancestors): nothing of ours is in the frame.
    # The frame turns into the error page a moment after the host page has loaded.
    for _ in range(100):
        if child.url.startswith("chrome-error:"):
            break
        stranger.wait_for_timeout(100)
    assert child.url.startswith("chrome-error:"), child.url
    assert child.locator("h1.embed-title").count() == 0


def test_embed_page_is_accessible_and_lists_without_javascript(page, nojs_page, base_url):
    page.set_viewport_size({"width": 360, "height": 640})
    page.goto(base_url + "/buurt/demo/embed?lang=fr")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert_accessible(page)

    nojs_page.goto(base_url + "/buurt/demo/embed")
    expect(nojs_page.locator("ol.embed-list > li").first).to_be_visible()
    expect(nojs_page.locator("svg.point-map")).to_be_visible()
    assert_accessible(nojs_page)
