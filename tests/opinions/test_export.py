"""The printable page and the Markdown download of a piece with its contributions."""

from __future__ import annotations

from pathlib import Path

from resokit_web.extensions import db

from ..factories.opinions import ContributionFactory
from .helpers import make_piece, url


def piece_with_contributions(world):
    piece = make_piece(world, title="Wie bereiken we niet?", body="## Ons standpunt\n\nWe gaan naar buiten.\n")
    ContributionFactory(
        organisation_id=world.org_a.id, piece_id=piece.id, author_id=world.member.id, body="Ik wil de **markt** op."
    )
    ContributionFactory(
        organisation_id=world.org_a.id, piece_id=piece.id, author_id=world.coordinator.id, body="Ik wil luisteren."
    )
    db.session.commit()
    return piece


def test_the_printable_page_has_the_piece_and_its_contributions_and_no_editors(world, as_role):
    piece = piece_with_contributions(world)
    response = as_role("viewer").get(url(piece, "/print"))
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<h1>Wie bereiken we niet?</h1>" in html
    assert "Buurthuis A" in html
    assert "<h3>Ons standpunt</h3>" in html and "We gaan naar buiten." in html
    assert "Member A" in html and "Ik wil de <strong>markt</strong> op." in html
    assert "Coordinator A" in html and "Ik wil luisteren." in html
    assert "What does social inclusion mean to us" in html
    assert "<textarea" not in html and "<form" not in html.split("<main")[1]
    assert 'class="notice no-print"' in html  # the hint stays off the paper


def test_the_print_stylesheet_hides_the_workspace(app):
    css = (Path(app.static_folder) / "css" / "app.css").read_text(encoding="utf-8")
    assert "@media print" in css and ".no-print" in css and ".print-contribution { break-inside: avoid; }" in css


def test_the_markdown_download_holds_the_piece_with_its_contributions(world, as_role):
    piece = piece_with_contributions(world)
    response = as_role("viewer").get(url(piece, "/export.md"))
    text = response.get_data(as_text=True)
    assert response.status_code == 200
    assert response.content_type == "text/markdown; charset=utf-8"
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith('attachment; filename="wie-bereiken-we-niet.md"')
    assert text.startswith("# Wie bereiken we niet?\n")
    # The team text's own headings sit under "Team text", whichever level it started at.
    assert "## Team text\n\n### Ons standpunt\n\nWe gaan naar buiten." in text
    assert "## Personal contributions" in text
    assert "### Member A\n\nIk wil de **markt** op." in text
    assert "### Coordinator A\n\nIk wil luisteren." in text
    assert "1. What does social inclusion mean to us" in text


def test_a_title_without_plain_letters_still_gets_a_file_name(world, as_role):
    piece = make_piece(world, title="¿¿??")
    disposition = as_role("viewer").get(url(piece, "/export.md")).headers["Content-Disposition"]
    assert f'filename="opinion-{piece.id}.md"' in disposition


def test_the_piece_page_links_to_print_and_download(world, as_role):
    piece = piece_with_contributions(world)
    html = as_role("viewer").get(url(piece)).get_data(as_text=True)
    assert f'href="{url(piece, "/print")}"' in html
    assert f'href="{url(piece, "/export.md")}" download' in html


def test_the_markdown_download_keeps_the_texts_headings_under_its_own(world, as_role):
    body = "# Ons standpunt\n\nWe gaan naar buiten.\n\nWat we doen\n-----------\n\n```\n# geen kop\n```\n"
    piece = make_piece(world, title="Koppen", body=body)
    ContributionFactory(
        organisation_id=world.org_a.id, piece_id=piece.id, author_id=world.member.id, body="# Mijn idee\n\nDe markt op."
    )
    db.session.commit()
    text = as_role("viewer").get(url(piece, "/export.md")).get_data(as_text=True)
    assert [line for line in text.splitlines() if line.startswith("# ")] == ["# Koppen", "# geen kop"]  # code stays
    assert "### Ons standpunt\n\nWe gaan naar buiten.\n\n#### Wat we doen\n\n```\n# geen kop\n```" in text
    assert "### Member A\n\n#### Mijn idee\n\nDe markt op." in text
