from __future__ import annotations

import sqlalchemy as sa
from flask import url_for

from ..extensions import db
from .models import NotebookSection
from .sections import BY_KEY


def describe_sections(ids: list[int]) -> dict[int, tuple[str, str | None]]:
    """A section reads as its title, linking to it in the notebook."""
    rows = db.session.execute(sa.select(NotebookSection.id, NotebookSection.key).where(NotebookSection.id.in_(ids)))
    out = {}
    for r in rows:
        section = BY_KEY.get(r.key)
        if section is not None:
            out[r.id] = (str(section.title), url_for("buurtanalyse.notebook_page", _anchor=f"section-{r.key}"))
    return out
