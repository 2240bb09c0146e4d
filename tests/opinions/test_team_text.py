"""The team text: versioned saves, line-by-line merges of stale saves, 409 conflicts
with both versions and an editable merge, 428 without a version."""

from __future__ import annotations

from resokit_web.extensions import db

from .helpers import draft_of, fresh, hidden, htmx, make_piece, textarea, url, versions

BASE = "Inclusie is samen.\nWe bouwen bruggen.\nWe luisteren eerst.\n"


def save(client, piece, body, version, **extra):
    return client.post(url(piece), data={"body": body, "version": str(version), **extra}, **extra.pop("kw", {}))


def test_a_save_on_the_current_version_applies_and_bumps_it(world, as_role):
    piece = make_piece(world, body=BASE)
    response = save(as_role("member"), piece, BASE + "Iedereen hoort erbij.\n", 1)
    assert response.status_code == 303
    assert response.headers["Location"].endswith(url(piece) + "#team-text")
    piece = fresh(piece)
    assert piece.version == 2 and piece.body.endswith("Iedereen hoort erbij.\n")
    assert piece.updated_by_id == world.member.id
    assert [v.action for v in versions(piece)] == ["created", "updated"]


def test_browsers_crlf_line_breaks_are_stored_as_lf(world, as_role):
    piece = make_piece(world, body=BASE)
    save(as_role("member"), piece, "Een\r\nTwee\r\n", 1)
    assert fresh(piece).body == "Een\nTwee\n"


def test_the_editor_opens_with_the_current_text_and_version(world, as_role):
    piece = make_piece(world, body=BASE)
    client = as_role("member")
    html = client.get(url(piece, "/edit"), headers=htmx("team-editor")).get_data(as_text=True)
    assert html.lstrip().startswith('<div id="team-editor"')
    assert textarea(html, "team-body") == BASE
    assert hidden(html, "version") == "1"
    assert f'data-presence-item="opinion:{piece.id}"' in html  # colleagues see who is writing
    assert 'hx-trigger="input changed delay:2s"' in html  # the draft autosave
    # Without JavaScript the same address is a whole page with the editor open.
    page = client.get(url(piece, "/edit")).get_data(as_text=True)
    assert "<!doctype html>" in page and f'action="{url(piece)}"' in page


def test_with_htmx_a_save_answers_the_editor_on_the_new_version(world, as_role):
    piece = make_piece(world, body=BASE)
    response = as_role("member").post(
        url(piece), data={"body": BASE + "Nieuw.\n", "version": "1"}, headers=htmx("team-editor")
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="team-editor"')
    assert hidden(html, "version") == "2"
    assert textarea(html, "team-body") == BASE + "Nieuw.\n"
    assert 'id="team-text"' in html and 'hx-swap-oob="true"' in html  # the rendered text, at once
    assert 'id="status" hx-swap-oob="innerHTML"' in html and "Saved as version 2." in html


def test_a_save_without_version_is_refused_with_428(world, as_role):
    piece = make_piece(world, body=BASE)
    client = as_role("member")
    assert client.post(url(piece), data={"body": "Weg ermee"}).status_code == 428
    assert client.post(url(piece), data={"body": "Weg ermee", "version": "abc"}).status_code == 428
    assert client.post(url(piece), data={"body": "Weg ermee", "version": "0"}).status_code == 428
    assert fresh(piece).version == 1 and fresh(piece).body == BASE


def test_an_empty_title_is_refused_beside_the_field(world, as_role):
    piece = make_piece(world, body=BASE)
    response = as_role("member").post(
        url(piece), data={"title": "", "body": "x", "version": "1"}, headers=htmx("team-editor")
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'id="piece-title-error"' in html
    assert textarea(html, "team-body") == "x"  # what was typed stays in the form
    assert fresh(piece).version == 1


def test_a_stale_save_on_other_lines_merges_line_by_line(world, as_role):
    piece = make_piece(world, body=BASE)
    first = as_role("member")
    second = as_role("coordinator")
    assert (
        save(
            first, piece, "Inclusie is samen, voor iedereen.\nWe bouwen bruggen.\nWe luisteren eerst.\n", 1
        ).status_code
        == 303
    )
    response = save(
        second,
        piece,
        "Inclusie is samen.\nWe bouwen bruggen.\nWe luisteren eerst, dan spreken we.\n",
        1,
        kw={"headers": htmx("team-editor")},
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "both changes are combined" in html
    piece = fresh(piece)
    assert piece.version == 3
    assert piece.body == "Inclusie is samen, voor iedereen.\nWe bouwen bruggen.\nWe luisteren eerst, dan spreken we.\n"
    assert [v.action for v in versions(piece)] == ["created", "updated", "merged"]


def test_a_real_conflict_answers_409_with_both_versions_and_an_editable_merge(world, as_role):
    piece = make_piece(world, body=BASE)
    save(as_role("member"), piece, "Inclusie is samen met de buurt.\nWe bouwen bruggen.\nWe luisteren eerst.\n", 1)
    mine = "Inclusie is iets wat we elke dag oefenen.\nWe bouwen bruggen.\nWe luisteren eerst.\n"
    response = save(as_role("coordinator"), piece, mine, 1, kw={"headers": htmx("team-editor")})
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert html.lstrip().startswith('<div id="team-editor"')
    assert 'class="conflict card"' in html
    assert 'class="card clash-diff"' in html  # where the two texts differ, line by line
    assert "Inclusie is samen met de buurt." in html  # theirs
    assert "Inclusie is iets wat we elke dag oefenen." in html  # yours
    assert 'name="__choice_body" value="yours"' in html and 'name="__choice_body" value="theirs"' in html
    combined = textarea(html, "__combined_body")
    assert "Inclusie is samen met de buurt." in combined and "Inclusie is iets wat we elke dag oefenen." in combined
    assert hidden(html, "version") == "2"  # the conflict form starts from the version it showed
    # Nothing was saved, and nothing typed is lost: the text waits as a draft.
    assert fresh(piece).version == 2
    assert draft_of(piece, world.coordinator).body == mine
    assert draft_of(piece, world.coordinator).base_version == 1


def test_the_conflict_is_resolved_with_the_combined_text_and_nothing_is_lost(world, as_role):
    piece = make_piece(world, body=BASE)
    theirs = "Inclusie is samen met de buurt.\nWe bouwen bruggen.\nWe luisteren eerst.\n"
    mine = "Inclusie is iets wat we elke dag oefenen.\nWe bouwen bruggen.\nWe luisteren eerst.\n"
    save(as_role("member"), piece, theirs, 1)
    client = as_role("coordinator")
    html = save(client, piece, mine, 1).get_data(as_text=True)
    combined = textarea(html, "__combined_body")
    response = client.post(
        url(piece),
        data={
            "version": hidden(html, "version"),
            "title": hidden(html, "title"),
            "body": mine,
            "__theirs_body": theirs,
            "__choice_body": "combined",
            "__combined_body": combined,
        },
    )
    assert response.status_code == 303
    piece = fresh(piece)
    assert piece.version == 3
    assert "Inclusie is samen met de buurt." in piece.body and "elke dag oefenen" in piece.body
    assert draft_of(piece, world.coordinator) is None  # saved: the draft is done with


def test_choosing_theirs_keeps_the_colleagues_text_and_mine_stays_in_the_draft_until_then(world, as_role):
    piece = make_piece(world, body=BASE)
    theirs = "Inclusie is samen met de buurt.\nWe bouwen bruggen.\nWe luisteren eerst.\n"
    save(as_role("member"), piece, theirs, 1)
    client = as_role("coordinator")
    save(client, piece, "Iets anders.\nWe bouwen bruggen.\nWe luisteren eerst.\n", 1)
    response = client.post(
        url(piece), data={"version": "2", "body": "Iets anders.\n", "__theirs_body": theirs, "__choice_body": "theirs"}
    )
    assert response.status_code == 303
    assert fresh(piece).body == theirs and fresh(piece).version == 2  # unchanged: nothing new to save


def test_a_rename_only_changes_the_title(world, as_role):
    piece = make_piece(world, body=BASE, title="Oud")
    response = as_role("member").post(url(piece), data={"title": "Nieuw", "version": "1"})
    assert response.status_code == 303
    piece = fresh(piece)
    assert piece.title == "Nieuw" and piece.body == BASE and piece.version == 2


def test_a_post_without_any_field_is_refused(world, as_role):
    piece = make_piece(world, body=BASE)
    assert as_role("member").post(url(piece), data={"version": "1"}).status_code == 422


def test_the_page_listens_for_saved_changes_and_presence(world, as_role):
    piece = make_piece(world, body=BASE)
    html = as_role("viewer").get(url(piece)).get_data(as_text=True)
    assert f'data-live-page="opinion-{piece.id}"' in html
    assert f'id="presence-opinion-{piece.id}"' in html
    assert f'hx-trigger="sse:opinion-{piece.id}, sse:presence-opinion-{piece.id}, live:resync from:body"' in html
    assert f"sse:opinion_contributions-{piece.id}" in html
    assert "Write in the team text" not in html  # viewers read only


def test_the_rendered_text_refreshes_as_a_fragment(world, as_role):
    piece = make_piece(world, body="**Samen** sterk.\n")
    response = as_role("viewer").get(url(piece), headers=htmx("team-text"))
    html = response.get_data(as_text=True)
    assert html.lstrip().startswith('<div id="team-text"')
    assert "<strong>Samen</strong> sterk." in html
    assert "<!doctype html>" not in html


def test_colleagues_see_who_is_writing(app, world, as_role):
    from resokit_web.live import presence

    piece = make_piece(world, body=BASE)
    presence.announce(world.org_a.id, world.member.id, f"opinion-{piece.id}", f"opinion:{piece.id}")
    html = as_role("coordinator").get(url(piece), headers=htmx("team-text")).get_data(as_text=True)
    assert "Member A is writing in the team text now" in html
    own = as_role("member").get(url(piece), headers=htmx("team-text")).get_data(as_text=True)
    assert "is writing in the team text now" not in own


def test_the_stale_notice_says_a_newer_version_exists_and_what_changed(world, as_role):
    piece = make_piece(world, body=BASE)
    client = as_role("coordinator")
    empty = client.get(url(piece, "?since=1"), headers=htmx("team-stale")).get_data(as_text=True)
    assert "newer version" not in empty
    save(as_role("member"), piece, BASE + "Een nieuwe zin.\n", 1)
    html = client.get(url(piece, "?since=1"), headers=htmx("team-stale")).get_data(as_text=True)
    assert "Member A saved a newer version (2)" in html
    assert "Een nieuwe zin." in html and "<ins>" in html


def test_restoring_an_older_version_is_a_new_version(world, as_role):
    piece = make_piece(world, body=BASE)
    client = as_role("member")
    save(client, piece, "Alles anders.\n", 1)
    response = client.post(url(piece, "/history/1/restore"))
    assert response.status_code == 303
    piece = fresh(piece)
    assert piece.version == 3 and piece.body == BASE
    assert [v.action for v in versions(piece)] == ["created", "updated", "reverted"]
    assert client.post(url(piece, "/history/99/restore")).status_code == 404


def test_a_conflict_form_carries_the_version_it_shows_even_if_the_text_moved_on(world, as_role):
    """Resolving a conflict after yet another save merges that save in, never drops it."""
    from resokit_web.opinions.service import save_piece

    piece = make_piece(world, body=BASE)
    save(as_role("member"), piece, "Inclusie is samen met de buurt.\nWe bouwen bruggen.\nWe luisteren eerst.\n", 1)
    mine = "Inclusie oefenen we.\nWe bouwen bruggen.\nWe luisteren eerst.\n"
    result = save_piece(fresh(piece), {"body": mine}, 1, user_id=world.coordinator.id)
    db.session.commit()
    assert result.status == "conflict" and result.theirs_version == 2
    # A third colleague saves before the conflict form is even shown.
    save(as_role("viewer"), piece, "x", 2)  # a viewer may not: nothing changes
    other = as_role("member")
    save(other, piece, "Inclusie is samen met de buurt.\nWe bouwen bruggen.\nWe luisteren eerst, altijd.\n", 2)
    assert fresh(piece).version == 3
    # The form (version 2, as the values it shows) resolves by combining: the third save stays.
    combined = "Inclusie is samen met de buurt.\nInclusie oefenen we.\nWe bouwen bruggen.\nWe luisteren eerst.\n"
    response = as_role("coordinator").post(
        url(piece),
        data={
            "version": str(result.theirs_version),
            "body": mine,
            "__choice_body": "combined",
            "__combined_body": combined,
        },
    )
    assert response.status_code == 303
    final = fresh(piece).body
    assert "Inclusie oefenen we." in final and "We luisteren eerst, altijd." in final


def test_invisible_control_characters_are_refused_not_stored(world, as_role):
    piece = make_piece(world, body=BASE)
    client = as_role("member")
    response = client.post(url(piece), data={"body": "Nul\x00byte\n", "version": "1"}, headers=htmx("team-editor"))
    assert response.status_code == 422
    assert "invisible control characters" in response.get_data(as_text=True)
    assert client.post(url(piece, "/contribution"), data={"body": "Bel\x07"}).status_code == 422
    draft = client.post(
        url(piece, "/draft"), data={"kind": "team", "body": "\x00", "version": "1"}, headers=htmx("team-draft-status")
    )
    assert draft.status_code == 422
    assert "could not be kept" in draft.get_data(as_text=True)
    assert fresh(piece).version == 1 and draft_of(piece, world.member) is None
    # Tabs and line breaks are ordinary text.
    assert client.post(url(piece), data={"body": "a\tb\r\nc\n", "version": "1"}).status_code == 303
