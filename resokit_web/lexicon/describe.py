from __future__ import annotations

import sqlalchemy as sa
from flask import url_for

from ..extensions import db
from .models import LexiconEntry


def describe_entries(ids: list[int]) -> dict[int, tuple[str, str | None]]:
    rows = db.session.execute(sa.select(LexiconEntry.id, LexiconEntry.term).where(LexiconEntry.id.in_(ids))).all()
    return {r.id: (r.term, url_for("lexicon.show_entry", lexicon_entry_id=r.id)) for r in rows}
