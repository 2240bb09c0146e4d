"""The unsent draft: kept every few seconds, brought back after a closed tab or a lost
connection (based on the version it started from), thrown away once saved."""

from __future__ import annotations

import sqlalchemy as sa

from resokit_web.extensions import db
from resokit_web.opinions.models import Draft

from ..factories.opinions import ContributionFactory
from .helpers import draft_of, fresh, hidden, htmx, make_piece, textarea, url

BASE = "Inclusie is samen.\nWe bouwen bruggen.\nWe luisteren eerst.\n"


def autosave(client, piece, body, version="1", kind="team", target="team-draft-status"):
    return client.post(
        url(piece, "/draft"), data={"kind": kind, "body": body, "version": version}, headers=htmx(target)
    )


def test_an_autosave_keeps_the_draft_without_making_a_version(world, as_role):
    piece = make_piece(world, body=BASE)
    response = autosave(as_role("member"), piece, BASE + "Half af")
    assert response.status_code == 200
    assert "Draft kept at" in response.get_data(as_text=True)
    draft = draft_of(piece, world.member)
    assert draft.body == BASE + "Half af" and draft.base_version == 1
    assert fresh(piece).version == 1 and fresh(piece).body == BASE


def test_later_autosaves_overwrite_the_same_draft(world, as_role):
    piece = make_piece(world, body=BASE)
    client = as_role("member")
    for text in ("a", "ab", "abc"):
        assert autosave(client, piece, text).status_code == 200
    assert db.session.scalar(sa.select(sa.func.count(Draft.id))) == 1
    assert draft_of(piece, world.member).body == "abc"


def test_coming_back_brings_the_draft_back_into_the_editor(world, as_role):
    piece = make_piece(world, body=BASE)
    autosave(as_role("member"), piece, BASE + "Wat ik nog wou zeggen.\n")
    # The tab was closed; the member opens the piece again, later.
    html = as_role("member").get(url(piece)).get_data(as_text=True)
    assert textarea(html, "team-body") == BASE + "Wat ik nog wou zeggen.\n"
    assert hidden(html, "version") == "1"
    assert "We brought back what you were writing" in html
    assert "Throw my draft away" in html
    # A colleague does not see it.
    other = as_role("coordinator").get(url(piece)).get_data(as_text=True)
    assert "Wat ik nog wou zeggen." not in other and textarea(other, "team-body") is None


def test_a_restored_draft_from_an_older_version_merges_with_what_colleagues_saved(world, as_role):
    piece = make_piece(world, body=BASE)
    autosave(as_role("member"), piece, BASE + "Mijn toevoeging.\n")
    as_role("coordinator").post(
        url(piece),
        data={"body": "Inclusie is samen, met iedereen.\nWe bouwen bruggen.\nWe luisteren eerst.\n", "version": "1"},
    )
    html = as_role("member").get(url(piece)).get_data(as_text=True)
    assert hidden(html, "version") == "1"  # the draft's own base, not the newest version
    assert "saved a newer version (2)" in html
    response = as_role("member").post(url(piece), data={"body": textarea(html, "team-body"), "version": "1"})
    assert response.status_code == 303
    body = fresh(piece).body
    assert "met iedereen" in body and "Mijn toevoeging." in body
    assert draft_of(piece, world.member) is None


def test_saving_throws_the_draft_away(world, as_role):
    piece = make_piece(world, body=BASE)
    client = as_role("member")
    autosave(client, piece, BASE + "Klaar.\n")
    client.post(url(piece), data={"body": BASE + "Klaar.\n", "version": "1"})
    assert draft_of(piece, world.member) is None
    html = client.get(url(piece)).get_data(as_text=True)
    assert "We brought back" not in html and "Write in the team text" in html


def test_a_draft_that_says_nothing_new_is_not_kept(world, as_role):
    piece = make_piece(world, body=BASE)
    client = as_role("member")
    autosave(client, piece, BASE + "x")
    autosave(client, piece, BASE)  # typed and then removed again
    assert draft_of(piece, world.member) is None


def test_the_draft_can_be_thrown_away_on_purpose(world, as_role):
    piece = make_piece(world, body=BASE)
    client = as_role("member")
    autosave(client, piece, "Weg hiermee")
    response = client.post(url(piece, "/draft/discard"), data={"kind": "team"}, headers=htmx("team-editor"))
    assert response.status_code == 200
    assert "Write in the team text" in response.get_data(as_text=True)
    assert draft_of(piece, world.member) is None
    assert fresh(piece).body == BASE
    # Without JavaScript: a redirect back to the piece.
    autosave(client, piece, "Nog eens")
    assert client.post(url(piece, "/draft/discard"), data={"kind": "team"}).status_code == 303
    assert draft_of(piece, world.member) is None


def test_closing_the_editor_keeps_the_draft_and_says_so(world, as_role):
    piece = make_piece(world, body=BASE)
    client = as_role("member")
    autosave(client, piece, "Onaf")
    html = client.get(url(piece), headers=htmx("team-editor")).get_data(as_text=True)
    assert "You have a draft from" in html and "Go on writing" in html
    assert textarea(html, "team-body") is None
    html = client.get(url(piece, "/edit"), headers=htmx("team-editor")).get_data(as_text=True)
    assert textarea(html, "team-body") == "Onaf"


def test_the_contribution_has_its_own_draft(world, as_role):
    piece = make_piece(world, body=BASE)
    mine = ContributionFactory(
        organisation_id=world.org_a.id, piece_id=piece.id, author_id=world.member.id, body="Mijn mening."
    )
    db.session.commit()
    client = as_role("member")
    response = autosave(
        client,
        piece,
        "Mijn mening, herschreven",
        version=str(mine.version),
        kind="contribution",
        target="contribution-draft-status",
    )
    assert response.status_code == 200
    assert draft_of(piece, world.member, "contribution").body == "Mijn mening, herschreven"
    assert draft_of(piece, world.member, "team") is None
    html = client.get(url(piece)).get_data(as_text=True)
    assert "Mijn mening, herschreven" in html  # back in the contribution editor
    client.post(url(piece, "/contribution"), data={"body": "Mijn mening, herschreven", "version": "1"})
    assert draft_of(piece, world.member, "contribution") is None


def test_a_draft_for_an_unknown_kind_is_refused(world, as_role):
    piece = make_piece(world, body=BASE)
    response = as_role("member").post(
        url(piece, "/draft"), data={"kind": "other", "body": "x"}, headers=htmx("team-draft-status")
    )
    assert response.status_code == 422
    assert db.session.scalar(sa.select(sa.func.count(Draft.id))) == 0


def test_viewers_keep_no_drafts(world, as_role):
    piece = make_piece(world, body=BASE)
    assert autosave(as_role("viewer"), piece, "x").status_code == 403
