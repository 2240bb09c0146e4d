"""Personal contributions: each member writes their own, the team reads them all, only
the author changes one; versioned with history."""

from __future__ import annotations

import sqlalchemy as sa

from resokit_web.activity.models import Activity
from resokit_web.extensions import db
from resokit_web.opinions.models import Contribution

from ..factories.opinions import ContributionFactory
from .helpers import LIST, colleague, htmx, make_piece, textarea, url, versions


def contributions(piece):
    db.session.expire_all()
    return list(
        db.session.scalars(sa.select(Contribution).where(Contribution.piece_id == piece.id).order_by(Contribution.id))
    )


def test_a_member_writes_their_contribution_and_the_team_reads_it(world, as_role):
    piece = make_piece(world)
    response = as_role("member").post(url(piece, "/contribution"), data={"body": "Ik vind *luisteren* het begin."})
    assert response.status_code == 303
    assert response.headers["Location"].endswith(url(piece) + "#contributions")
    [mine] = contributions(piece)
    assert mine.author_id == world.member.id and mine.version == 1
    html = as_role("viewer").get(url(piece)).get_data(as_text=True)
    assert "Member A" in html and "Ik vind <em>luisteren</em> het begin." in html
    row = as_role("viewer").get(LIST).get_data(as_text=True)
    assert "<td>1</td>" in row.split(f'id="opinion-{piece.id}"')[1].split("</tr>")[0].split("</td>", 1)[1]


def test_writing_again_makes_a_new_version_with_history(world, as_role):
    piece = make_piece(world)
    client = as_role("member")
    client.post(url(piece, "/contribution"), data={"body": "Eerste gedachte."})
    response = client.post(url(piece, "/contribution"), data={"body": "Tweede gedachte.", "version": "1"})
    assert response.status_code == 303
    [mine] = contributions(piece)
    assert mine.body == "Tweede gedachte." and mine.version == 2
    assert [e.data["body"] for e in versions(mine)] == ["Eerste gedachte.", "Tweede gedachte."]
    actions = db.session.scalars(sa.select(Activity.action).where(Activity.object_type == "opinion_contribution"))
    assert list(actions) == ["opinion_contribution.created", "opinion_contribution.updated"]


def test_the_contribution_route_always_writes_your_own(world, as_role):
    piece = make_piece(world)
    as_role("member").post(url(piece, "/contribution"), data={"body": "Van het lid."})
    as_role("coordinator").post(url(piece, "/contribution"), data={"body": "Van de coördinator."})
    by_author = {c.author_id: c.body for c in contributions(piece)}
    assert by_author == {world.member.id: "Van het lid.", world.coordinator.id: "Van de coördinator."}


def test_nobody_but_the_author_changes_a_contribution(world, as_role):
    piece = make_piece(world)
    theirs = ContributionFactory(
        organisation_id=world.org_a.id, piece_id=piece.id, author_id=world.member.id, body="Mijn eigen woorden."
    )
    db.session.commit()
    other_member = colleague(world)
    from ..conftest import sign_in

    intruder = as_role("anonymous")
    sign_in(intruder, other_member)
    address = url(piece, f"/contributions/{theirs.id}")
    for client in (intruder, as_role("coordinator"), as_role("viewer")):
        response = client.post(address, data={"body": "Overschreven!", "version": "1"})
        assert response.status_code == 403
    assert intruder.post(url(piece, f"/contributions/{theirs.id}/history/1/restore")).status_code == 403
    [only] = contributions(piece)
    assert only.body == "Mijn eigen woorden." and only.version == 1
    assert db.session.scalar(sa.select(sa.func.count()).where(Activity.action == "denied.not_author")) >= 2
    # The author may.
    assert as_role("member").post(address, data={"body": "Bijgewerkt.", "version": "1"}).status_code == 303
    assert contributions(piece)[0].body == "Bijgewerkt."


def test_the_edit_button_is_only_on_your_own(world, as_role):
    piece = make_piece(world)
    ContributionFactory(organisation_id=world.org_a.id, piece_id=piece.id, author_id=world.coordinator.id)
    db.session.commit()
    html = as_role("member").get(url(piece)).get_data(as_text=True)
    # The member has none yet: an open form to write theirs, and no way into the coordinator's.
    assert f'action="{url(piece, "/contribution")}"' in html
    assert textarea(html, "contribution-body") == ""


def test_viewers_read_but_do_not_write(world, as_role):
    piece = make_piece(world)
    client = as_role("viewer")
    assert client.post(url(piece, "/contribution"), data={"body": "Mag ik?"}).status_code == 403
    assert contributions(piece) == []
    assert f'action="{url(piece, "/contribution")}"' not in client.get(url(piece)).get_data(as_text=True)


def test_an_empty_contribution_is_refused_beside_the_field(world, as_role):
    piece = make_piece(world)
    response = as_role("member").post(
        url(piece, "/contribution"), data={"body": "   "}, headers=htmx("my-contribution")
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert html.lstrip().startswith('<div id="my-contribution"')
    assert 'id="contribution-body-error"' in html
    assert contributions(piece) == []


def test_with_htmx_a_save_answers_the_block_and_a_status(world, as_role):
    piece = make_piece(world)
    response = as_role("member").post(
        url(piece, "/contribution"), data={"body": "Met htmx."}, headers=htmx("my-contribution")
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="my-contribution"')
    assert "Edit my contribution" in html
    assert 'id="status" hx-swap-oob="innerHTML"' in html


def test_two_windows_of_the_author_merge_or_clash_but_lose_nothing(world, as_role):
    piece = make_piece(world)
    client = as_role("member")
    client.post(url(piece, "/contribution"), data={"body": "Een.\nTwee.\nDrie.\n"})
    assert (
        client.post(url(piece, "/contribution"), data={"body": "Een!\nTwee.\nDrie.\n", "version": "1"}).status_code
        == 303
    )
    merged = client.post(url(piece, "/contribution"), data={"body": "Een.\nTwee.\nDrie!\n", "version": "1"})
    assert merged.status_code == 303
    assert contributions(piece)[0].body == "Een!\nTwee.\nDrie!\n"
    clash = client.post(
        url(piece, "/contribution"),
        data={"body": "Een!\nTwee.\nDrie?\n", "version": "2"},
        headers=htmx("my-contribution"),
    )
    assert clash.status_code == 409
    assert "Drie?" in clash.get_data(as_text=True) and "Drie!" in clash.get_data(as_text=True)
    from .helpers import draft_of

    assert draft_of(piece, world.member, "contribution").body == "Een!\nTwee.\nDrie?\n"


def test_contribution_history_and_restore_by_the_author(world, as_role):
    piece = make_piece(world)
    client = as_role("member")
    client.post(url(piece, "/contribution"), data={"body": "Eerste."})
    client.post(url(piece, "/contribution"), data={"body": "Tweede.", "version": "1"})
    [mine] = contributions(piece)
    history = as_role("viewer").get(url(piece, f"/contributions/{mine.id}/history")).get_data(as_text=True)
    assert "History of the contribution of Member A" in history
    assert "<mark>Eerste</mark>." in history and "<mark>Tweede</mark>." in history
    assert "Restore this version" not in history  # only for the author
    own = client.get(url(piece, f"/contributions/{mine.id}/history")).get_data(as_text=True)
    assert "Restore this version" in own
    assert client.post(url(piece, f"/contributions/{mine.id}/history/1/restore")).status_code == 303
    [mine] = contributions(piece)
    assert mine.body == "Eerste." and mine.version == 3


def test_a_contribution_in_the_address_of_another_piece_is_not_found(world, as_role):
    piece, other = make_piece(world), make_piece(world)
    theirs = ContributionFactory(organisation_id=world.org_a.id, piece_id=other.id, author_id=world.member.id)
    db.session.commit()
    client = as_role("member")
    assert client.get(url(piece, f"/contributions/{theirs.id}/history")).status_code == 404
    assert client.post(url(piece, f"/contributions/{theirs.id}"), data={"body": "x"}).status_code == 404
