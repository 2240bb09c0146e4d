from __future__ import annotations

from flask import abort, g

from ..access import scoped_get_or_404
from .models import NotebookEdition, NotebookFigure
from .sections import BY_KEY, Section


def get_section_or_404(key: str) -> Section:
    """A section of the notebook's own structure, or 404."""
    section = BY_KEY.get(key)
    if section is None:
        abort(404)
    return section


def get_figure_or_404(figure_id: int) -> NotebookFigure:
    return scoped_get_or_404(NotebookFigure, figure_id)


def get_edition_or_404(edition_id: int) -> NotebookEdition:
    return scoped_get_or_404(NotebookEdition, edition_id)


def edition_from_arg(raw: str | None) -> NotebookEdition | None:
    """``from``/``to`` of the compare page: an edition id of this organisation, or 404."""
    if raw is None or not raw.isdigit() or len(raw) > 12:
        abort(404)
    edition = get_edition_or_404(int(raw))
    if edition.organisation_id != g.org.id:  # scoped already; kept for clarity of the rule
        abort(404)
    return edition
