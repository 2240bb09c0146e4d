"""The list of opinion pieces, a new piece with its guiding questions, the JSON list, archiving."""

from __future__ import annotations

import sqlalchemy as sa

from resokit_web.activity.models import Activity
from resokit_web.extensions import db
from resokit_web.opinions.models import OpinionPiece
from resokit_web.opinions.questions import DEFAULT_QUESTIONS

from ..factories.opinions import ContributionFactory, OpinionPieceFactory
from .helpers import LIST, fresh, htmx, make_piece, url, versions


def test_the_list_shows_title_version_last_change_and_contributions(world, as_role):
    piece = make_piece(world, title="Wie bereiken we niet?")
    ContributionFactory(organisation_id=world.org_a.id, piece_id=piece.id, author_id=world.member.id)
    ContributionFactory(organisation_id=world.org_a.id, piece_id=piece.id, author_id=world.coordinator.id)
    db.session.commit()
    response = as_role("viewer").get(LIST)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert f'id="opinion-{piece.id}"' in html
    assert "Wie bereiken we niet?" in html
    row = html[html.index(f'id="opinion-{piece.id}"') :]
    row = row[: row.index("</tr>")]
    assert "<td>1</td>" in row and "<td>2</td>" in row  # version 1, two contributions
    assert "<time datetime=" in row
    # Viewers read only: no form to start a piece.
    assert 'action="/o/org-a/opinions"' not in html


def test_members_see_the_form_and_the_list_listens_for_new_pieces(world, as_role):
    html = as_role("member").get(LIST).get_data(as_text=True)
    assert 'method="post" action="/o/org-a/opinions"' in html
    assert 'name="csrf_token"' in html
    assert 'data-live-new="opinion"' in html
    assert "Opinion pieces" in html  # the navigation entry under Mindset
    assert "Mindset" in html


def test_a_new_piece_has_a_title_and_the_guiding_questions(world, as_role):
    client = as_role("member")
    response = client.post(LIST, data={"title": "  Onze rol in de wijk  "})
    assert response.status_code == 303
    piece = db.session.scalar(sa.select(OpinionPiece))
    assert response.headers["Location"].endswith(url(piece))
    assert piece.title == "Onze rol in de wijk"
    assert piece.questions == list(DEFAULT_QUESTIONS) and len(piece.questions) == 6
    assert piece.version == 1 and [v.action for v in versions(piece)] == ["created"]
    assert db.session.scalar(sa.select(Activity.action).where(Activity.object_type == "opinion")) == "opinion.created"

    html = client.get(url(piece)).get_data(as_text=True)
    assert "What does social inclusion mean to us" in html
    assert "Who do we not reach today" in html
    assert html.count("<li>") >= 6


def test_the_guiding_questions_speak_the_readers_language(world, as_role):
    piece = make_piece(world)
    world.viewer.locale = "nl"
    db.session.commit()
    html = as_role("viewer").get(url(piece)).get_data(as_text=True)
    assert "Wat betekent sociale inclusie voor ons" in html
    world.viewer.locale = "fr"
    db.session.commit()
    html = as_role("viewer").get(url(piece)).get_data(as_text=True)
    assert "inclusion sociale" in html


def test_a_piece_without_title_is_refused_beside_the_field(world, as_role):
    response = as_role("member").post(LIST, data={"title": "   "})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'id="title-error"' in html and "Give the piece a title." in html
    assert db.session.scalar(sa.select(sa.func.count(OpinionPiece.id))) == 0


def test_a_piece_with_a_title_too_long_is_refused(world, as_role):
    response = as_role("member").post(LIST, data={"title": "x" * 161})
    assert response.status_code == 422
    assert db.session.scalar(sa.select(sa.func.count(OpinionPiece.id))) == 0


def test_the_json_list_has_exactly_the_contract_fields(world, as_role):
    piece = make_piece(world, title="Bruggen bouwen")
    other = OpinionPieceFactory(organisation_id=world.org_b.id, title="Niet van ons")
    db.session.commit()
    response = as_role("viewer").get(f"{LIST}.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    data = response.get_json()
    assert data == [
        {"id": piece.id, "title": "Bruggen bouwen", "version": 1, "updated_at": piece.updated_at.isoformat()}
    ]
    assert other.id not in [d["id"] for d in data]


def test_a_row_refreshes_itself_and_new_rows_come_from_the_same_view(world, as_role):
    piece = make_piece(world, title="Nieuw stuk")
    client = as_role("viewer")
    row = client.get(url(piece, "?list=current"), headers=htmx(f"opinion-{piece.id}"))
    html = row.get_data(as_text=True)
    assert row.status_code == 200
    assert html.lstrip().startswith(f'<tr id="opinion-{piece.id}"') and "Nieuw stuk" in html
    appended = client.get(url(piece, "?list=current"), headers=htmx("piece-rows")).get_data(as_text=True)
    assert appended.lstrip().startswith(f'<tr id="opinion-{piece.id}"')


def test_archiving_moves_a_piece_to_the_archive_and_back(world, as_role):
    piece = make_piece(world, title="Oud stuk")
    client = as_role("member")
    assert client.post(url(piece, "/archive")).status_code == 303
    assert fresh(piece).status == "archived"
    assert f'id="opinion-{piece.id}"' not in client.get(LIST).get_data(as_text=True)
    assert f'id="opinion-{piece.id}"' in client.get(f"{LIST}?status=archived").get_data(as_text=True)
    assert client.get(f"{LIST}.json").get_json() == []
    # A row in the current list that got archived removes itself.
    gone = client.get(url(piece, "?list=current"), headers=htmx(f"opinion-{piece.id}"))
    assert gone.headers["HX-Reswap"] == "delete"
    assert client.post(url(piece, "/restore")).status_code == 303
    assert fresh(piece).status == "current"
    assert [v.action for v in versions(piece)] == ["created", "archived", "restored"]


def test_pieces_of_another_organisation_are_not_found(world, as_role):
    other = OpinionPieceFactory(organisation_id=world.org_b.id)
    db.session.commit()
    client = as_role("coordinator")
    for suffix in ("", "/history", "/print", "/export.md", "/edit"):
        assert client.get(url(other, suffix)).status_code == 404
    assert client.post(url(other), data={"body": "x", "version": "1"}).status_code == 404


def test_the_team_activity_names_the_piece(world, as_role):
    client = as_role("member")
    client.post(LIST, data={"title": "Onze blinde vlekken"})
    piece = db.session.scalar(sa.select(OpinionPiece))
    client.post(url(piece, "/contribution"), data={"body": "Wij zien vooral wie al komt."})
    html = as_role("coordinator").get("/o/org-a/").get_data(as_text=True)
    assert "Member A started an opinion piece" in html
    assert "Member A wrote a personal contribution" in html
    assert f'<a href="{url(piece)}">Onze blinde vlekken</a>' in html
    assert f'<a href="{url(piece)}#contributions">Onze blinde vlekken</a>' in html
