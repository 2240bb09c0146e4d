"""Stadswoorden: the shipped entries, lexicon.json, the team's own entries (versioned, live,
409 on a clash), and the lexicon words in help texts."""

from __future__ import annotations

import json
import re

import sqlalchemy as sa

from resokit_web.extensions import db
from resokit_web.lexicon.entries import BY_KEY, ENTRIES
from resokit_web.lexicon.models import LexiconEntry

from ..factories.lexicon import make_entry


def _own(org_id):
    return list(db.session.scalars(sa.select(LexiconEntry).where(LexiconEntry.organisation_id == org_id)))


def test_about_thirty_shipped_entries_each_complete_and_related_within_the_lexicon():
    assert 28 <= len(ENTRIES) <= 40
    for entry in ENTRIES:
        assert entry.term and entry.definition and entry.example and entry.related
        assert all(key in BY_KEY and key != entry.key for key in entry.related)
    keys = {"light-ties", "trusted-strangers", "soft-structures", "bridge-figure", "key-figure"}
    assert keys | {"outreach-work", "social-capital", "co-existence", "reciprocity"} <= set(BY_KEY)


def test_the_lexicon_page_in_three_languages(as_role, world):
    client = as_role("viewer")
    page = client.get("/o/org-a/lexicon").get_data(as_text=True)
    assert 'id="light-ties"' in page and "Light ties" in page and 'href="#trusted-strangers"' in page
    for locale, term in (("nl", "Lichte banden"), ("fr", "Liens légers")):
        world.viewer.locale = locale
        db.session.commit()
        assert term in client.get("/o/org-a/lexicon").get_data(as_text=True)


def test_every_internal_link_of_the_lexicon_has_its_entry(as_role, world):
    page = as_role("viewer").get("/o/org-a/lexicon").get_data(as_text=True)
    ids = set(re.findall(r'id="([^"]+)"', page))
    for anchor in re.findall(r'href="#([^"]+)"', page):
        assert anchor in ids, anchor


def test_lexicon_json_has_the_contract_keys(as_role, world):
    make_entry(world.org_a.id, term="Pleinpraat")
    make_entry(world.org_a.id, term="Weg", status="archived")
    make_entry(world.org_b.id, term="Van B")
    db.session.commit()
    response = as_role("viewer").get("/o/org-a/lexicon.json")
    assert response.mimetype == "application/json"
    rows = json.loads(response.data)
    assert all(set(row) == {"id", "term", "definition", "own"} for row in rows)
    own = [row for row in rows if row["own"]]
    assert [row["term"] for row in own] == ["Pleinpraat"]
    assert len(rows) == len(ENTRIES) + 1
    shipped = next(row for row in rows if row["id"] == "light-ties")
    assert shipped["term"] == "Light ties" and shipped["own"] is False


def test_a_member_adds_an_entry_and_bad_input_gets_its_message(as_role, world):
    client = as_role("member")
    response = client.post(
        "/o/org-a/lexicon",
        data={"term": "Pleinpraat", "definition": "Wat het plein vertelt.", "example": "", "related": "sleutelfiguur"},
    )
    assert response.status_code == 303
    [entry] = _own(world.org_a.id)
    assert (entry.term, entry.version, entry.status) == ("Pleinpraat", 1, "current")
    again = client.post("/o/org-a/lexicon", data={"term": "pleinpraat", "definition": "Nog eens."})
    assert again.status_code == 422 and "Your team has an entry for this word already." in again.get_data(as_text=True)
    empty = client.post("/o/org-a/lexicon", data={"term": "", "definition": ""})
    html = empty.get_data(as_text=True)
    assert empty.status_code == 422
    assert "Write the word or expression." in html and "Say in a sentence or two what the word means." in html
    assert len(_own(world.org_a.id)) == 1
    assert as_role("viewer").post("/o/org-a/lexicon", data={"term": "x", "definition": "y"}).status_code == 403


def _save(client, entry_id, version, **fields):
    data = {"term": "Pleinpraat", "definition": "Wat het plein vertelt.", "example": "", "related": "", **fields}
    if version is not None:
        data["version"] = str(version)
    return client.post(f"/o/org-a/lexicon/{entry_id}", data=data)


def test_editing_is_versioned_merges_and_conflicts_with_409(as_role, world):
    entry = make_entry(world.org_a.id, term="Pleinpraat", definition="Wat het plein vertelt.", example="")
    db.session.commit()
    member, coordinator = as_role("member"), as_role("coordinator")
    assert member.get(f"/o/org-a/lexicon/{entry.id}/edit").status_code == 200
    assert _save(member, entry.id, None).status_code == 428
    assert _save(member, entry.id, 1, example="Op het Rauterplein.").status_code == 303
    # A colleague who started from version 1 changes another field: merged.
    assert _save(coordinator, entry.id, 1, related="sleutelfiguur").status_code == 303
    db.session.expire_all()
    entry = db.session.get(LexiconEntry, entry.id)
    assert (entry.example, entry.related, entry.version) == ("Op het Rauterplein.", "sleutelfiguur", 3)
    # The same field changed both ways from version 1: 409 with the conflict view.
    clash = _save(coordinator, entry.id, 1, example="Aan de wasserette.")
    assert clash.status_code == 409
    assert "A colleague changed the same thing" in clash.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(LexiconEntry, entry.id).example == "Op het Rauterplein."
    history = member.get(f"/o/org-a/lexicon/{entry.id}/history")
    assert history.status_code == 200


def test_archive_and_restore(as_role, world):
    entry = make_entry(world.org_a.id, term="Pleinpraat")
    db.session.commit()
    client = as_role("member")
    assert client.post(f"/o/org-a/lexicon/{entry.id}/archive").status_code == 303
    client.get(f"/o/org-a/lexicon/{entry.id}")  # the flashed message is shown there
    db.session.expire_all()
    assert db.session.get(LexiconEntry, entry.id).status == "archived"
    page = client.get("/o/org-a/lexicon").get_data(as_text=True)
    assert "Pleinpraat" not in page
    assert "Pleinpraat" in client.get("/o/org-a/lexicon?show=archived").get_data(as_text=True)
    assert client.post(f"/o/org-a/lexicon/{entry.id}/restore").status_code == 303
    db.session.expire_all()
    assert db.session.get(LexiconEntry, entry.id).status == "current"


def test_a_new_entry_is_published_live(as_role, world):
    from resokit_web.live.events import bus

    subscription = bus().subscribe(world.org_a.id)
    try:
        as_role("member").post("/o/org-a/lexicon", data={"term": "Pleinpraat", "definition": "Wat het plein vertelt."})
        event = subscription.get(timeout=2)
    finally:
        subscription.close()
    assert event is not None and event.type == "lexicon_entry"


def test_lexicon_words_in_help_texts_link_with_a_popover(as_role, world):
    from resokit_web.observations.models import Observation  # noqa: F401

    page = as_role("viewer").get("/o/org-a/observations").get_data(as_text=True)
    link = re.search(r'<a class="lexicon-term" href="([^"]+)">([^<]+)</a>', page)
    assert link and link.group(1) == "/o/org-a/lexicon#reading-the-neighbourhood"
    assert 'popovertarget="city-word-reading-the-neighbourhood-1"' in page
    assert 'popover id="city-word-reading-the-neighbourhood-1"' in page
    assert "What “Reading the neighbourhood” means" in page
    world.viewer.locale = "nl"
    db.session.commit()
    nl = as_role("viewer").get("/o/org-a/observations").get_data(as_text=True)
    assert '<a class="lexicon-term" href="/o/org-a/lexicon#reading-the-neighbourhood">De buurt lezen</a>' in nl


def test_city_words_escape_the_text(app, world):
    from flask import g
    from flask_babel import force_locale

    from resokit_web.lexicon.service import city_words

    with app.test_request_context("/o/org-a/lexicon"), force_locale("en"):
        g.org = world.org_a
        html = str(city_words("<script>x</script> light ties and Light ties"))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert html.count('class="lexicon-term"') == 1
