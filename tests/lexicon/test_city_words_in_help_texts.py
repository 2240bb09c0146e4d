"""The lexicon's words in the other tools' help texts: a plain link to the entry, and a
native popover with the definition (no JavaScript needed)."""

import re

from resokit_web.extensions import db

TERM = r'<a class="lexicon-term" href="/o/org-a/lexicon#{key}">([^<]+)</a>'


def _purpose(page: str, tool_name: str) -> str:
    card = page.split(f">{tool_name}</", 1)[1]
    return re.search(r'<p class="tool-purpose">(.*?)</p>', card, re.S).group(1)


def test_a_block_page_links_the_tool_purposes_words(as_role, world):
    page = as_role("viewer").get("/o/org-a/mindset").get_data(as_text=True)
    purpose = _purpose(page, "Loneliness chat jar")
    assert re.search(TERM.format(key="loneliness"), purpose)
    pid = "city-word-tool-chat_jar-loneliness"
    assert f'popovertarget="{pid}"' in purpose
    assert f'<span popover id="{pid}" class="lexicon-popover" role="note">' in purpose
    # The block's intro links it too, with its own popover id.
    lead = re.search(r'<p class="lead">(.*?)</p>', page, re.S).group(1)
    assert 'class="lexicon-term"' in lead and pid not in lead


def test_the_block_page_links_in_dutch_and_french(as_role, world):
    for locale, word in (("nl", "Eenzaamheid"), ("fr", "Solitude")):
        world.viewer.locale = locale
        db.session.commit()
        page = as_role("viewer").get("/o/org-a/mindset").get_data(as_text=True)
        found = re.findall(TERM.format(key="loneliness"), page)
        assert found and all(w.lower() == word.lower() for w in found), (locale, found)


def test_the_neighbourhood_map_links_safety_net(as_role, world):
    page = as_role("viewer").get("/o/org-a/buurtkaart").get_data(as_text=True)
    lead = re.search(r'<p class="lead">(.*?)</p>\s', page, re.S).group(1)
    assert re.search(TERM.format(key="safety-net"), lead)
    assert 'popovertarget="city-word-safety-net-' in lead
    # Without JavaScript the word is still a plain link to its entry (a real href, no script).
    assert "<script" not in lead and "onclick" not in lead


def test_the_tool_cards_fragment_keeps_the_popover_ids_apart_from_the_intro(as_role, world):
    client = as_role("viewer")
    page = client.get("/o/org-a/mindset").get_data(as_text=True)
    fragment = client.get("/o/org-a/mindset", headers={"HX-Request": "true", "HX-Target": "tool-cards"})
    fragment = fragment.get_data(as_text=True)
    assert "<h1" not in fragment and 'popover id="city-word-tool-chat_jar-loneliness"' in fragment
    # The intro stays on the page when the cards are swapped: its ids never come back in them.
    lead = re.search(r'<p class="lead">(.*?)</p>', page, re.S).group(1)
    for pid in re.findall(r'popover id="([^"]+)"', lead):
        assert pid not in fragment
    ids = re.findall(r' id="(city-word-[^"]+)"', page)
    assert len(ids) == len(set(ids))
