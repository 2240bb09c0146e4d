"""The building blocks: the top bar, the block pages with the method's tools as cards, and
the registry through which an area gives its tool a card."""

from __future__ import annotations

import re

import pytest
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from resokit_web.core.method import BLOCKS, TOOLS
from resokit_web.core.nav import Page, register_tool
from resokit_web.extensions import db

from ..conftest import HX, speaking
from ..factories.buurtkaart import TreasureFactory

BLOCK_URLS = {code: f"/o/org-a/{code}" for code in BLOCKS}


def page(client, url: str) -> str:
    response = speaking(client).get(url)
    assert response.status_code == 200, url
    return response.get_data(as_text=True)


def section(html: str, start: str, end: str) -> str:
    return html[html.index(start) : html.index(end, html.index(start))]


def card(html: str, start: str) -> str:
    """The tool card that holds ``start``, up to the next card or the end of its list."""
    begin = html.index(start)
    ends = [i for i in (html.find('<li class="tool-card', begin), html.find("</section>", begin)) if i > 0]
    return html[begin : min(ends)]


def test_the_method_has_18_tools_each_with_one_home_block():
    tools = [t for t in TOOLS if t.in_method]
    assert len(tools) == 18
    assert len({t.key for t in tools}) == 18
    assert {t.block for t in tools} == set(BLOCKS)


def english(text) -> str:
    with force_locale("en"):
        return str(text)


def test_every_tool_of_the_method_has_its_home_on_a_block_page(app, as_role):
    client = as_role("coordinator")
    pages = {code: page(client, url) for code, url in BLOCK_URLS.items()}
    for tool in TOOLS:
        if not tool.in_method:
            continue
        with app.test_request_context():
            name = english(tool.name)
        homes = [code for code, html in pages.items() if f">{name}<" in html]
        assert homes == [tool.block], f"{tool.name} shows on {homes}"


@pytest.mark.parametrize("code", BLOCKS)
def test_a_block_page_shows_its_tools_in_the_methods_order(app, as_role, code):
    html = page(as_role("coordinator"), BLOCK_URLS[code])
    with app.test_request_context():
        names = [english(t.name) for t in TOOLS if t.block == code and t.in_method]
    positions = [html.index(f">{name}<") for name in names]
    # The tools in the workspace come first (as cards), then those it does not offer yet:
    # within each group the method's order.
    cards = section(html, 'id="tool-cards"', "</main>")
    in_cards = [p for p, name in zip(positions, names) if f">{name}<" in cards.split('class="method-later"')[0]]
    assert in_cards == sorted(in_cards)
    later = [p for p in positions if p not in in_cards]
    assert later == sorted(later)


def test_a_tool_in_the_workspace_links_to_its_page_with_a_live_figure(as_role, world):
    TreasureFactory(organisation_id=world.org_a.id, name="Wasserette")
    db.session.commit()
    html = page(as_role("member"), BLOCK_URLS["buurt"])
    assert 'href="/o/org-a/buurtkaart"' in html
    assert "1 treasure on the map" in card(html, ">Treasures of the neighbourhood<")
    # The cards refresh themselves, as a fragment, when anything changes.
    assert 'hx-trigger="sse:change delay:500ms, live:resync from:body"' in html
    fragment = speaking(as_role("member")).get(BLOCK_URLS["buurt"], headers=HX("tool-cards")())
    assert fragment.get_data(as_text=True).lstrip().startswith('<div id="tool-cards"')


def test_a_tool_not_in_the_workspace_yet_is_named_but_never_a_link(app, as_role):
    # Every tool of the method has an area now: take one away to see how a missing one shows.
    app.extensions["resokit_tools"].pop("inclusion_web")
    html = page(as_role("coordinator"), BLOCK_URLS["burger"])
    later = section(html, 'class="method-later"', "</section>")
    assert "Inclusion web" in later and "<a " not in later
    assert "Inclusion web" not in section(html, 'id="tool-cards"', 'class="method-later"')


def test_an_area_gives_its_tool_a_card_through_the_registry(app, as_role):
    app.extensions["resokit_tools"].pop("inclusion_web")  # the real area's pages, taken away
    register_tool(
        app,
        "inclusion_web",
        Page("orgs.audit_log", _l("Audit log")),  # any existing page stands in for the new tool's
        figure=lambda org: ["7 webs", "2 moments this week"],
    )
    html = page(as_role("coordinator"), BLOCK_URLS["burger"])
    web = card(html, 'href="/o/org-a/audit">Inclusion web<')
    assert "7 webs" in web and "2 moments this week" in web
    assert 'class="method-later"' not in html  # burger's last missing tool has arrived
    # ... and its page joins the block's navigation.
    nav = section(html, '<nav class="block-nav"', "</nav>")
    assert 'href="/o/org-a/audit"' in nav


def test_only_tools_of_the_method_can_register(app):
    with pytest.raises(ValueError):
        register_tool(app, "no_such_tool", Page("orgs.audit_log", _l("Audit log")))


def test_a_tool_beyond_the_viewers_role_has_its_card_without_a_link(as_role):
    html = page(as_role("viewer"), BLOCK_URLS["burger"])
    assert "does not open this tool" in card(html, ">Talentenkaart<")
    assert 'href="/o/org-a/people"' not in html
    # The workspace's own pages (team, audit log) are for coordinators only.
    organisation = page(as_role("viewer"), BLOCK_URLS["organisatie"])
    assert "Team and invitations" not in organisation and 'id="workspace-title"' not in organisation
    assert "Team and invitations" in page(as_role("coordinator"), BLOCK_URLS["organisatie"])


def test_the_current_block_and_page_are_marked_for_screen_readers(as_role):
    client = as_role("member")
    people = page(client, "/o/org-a/people")
    top = section(people, '<nav class="workspace-nav', "</nav>")
    assert re.search(r'href="/o/org-a/burger" aria-current="true">Citizen', top)
    assert 'aria-current="page"' not in top
    tabs = section(people, '<nav class="block-nav" aria-label="Citizen"', "</nav>")
    assert re.search(r'href="/o/org-a/people" aria-current="page">People', tabs)
    landing = page(client, BLOCK_URLS["burger"])
    assert re.search(r'href="/o/org-a/burger" aria-current="page">Citizen', landing)
    overview = page(client, "/o/org-a/")
    assert re.search(r'href="/o/org-a/" aria-current="page">Overview', overview)
    assert '<nav class="block-nav"' not in overview  # the overview belongs to no block


def test_the_phone_menu_is_a_details_element_holding_the_whole_navigation(as_role, client):
    html = page(as_role("coordinator"), "/o/org-a/partners")
    menu = section(html, '<details class="nav-menu', "</details>")
    for url in ("/o/org-a/", "/o/org-a/mindset", "/o/org-a/partners", "/o/org-a/members", "/account"):
        assert f'href="{url}"' in menu
    assert re.search(r'href="/o/org-a/partners" aria-current="page">Partners', menu)
    assert 'action="/language"' in menu and 'action="/logout"' in menu
    # Without an account there is nothing to put in a menu: the languages and "Sign in".
    assert "nav-menu" not in page(client, "/login")


def test_display_names_show_without_a_role_but_the_role_where_it_matters(as_role, world):
    html = page(as_role("coordinator"), "/o/org-a/")
    menu = section(html, '<details class="menu user-menu"', "</details>")
    assert "Coordinator in Buurthuis A" in menu
