from __future__ import annotations

import sqlalchemy as sa
from flask import url_for

from ..access import can
from ..extensions import db
from .models import Person


def describe_people(ids: list[int]) -> dict[int, tuple[str, str | None]]:
    """Pseudonyms on the activity feed for members only; viewers never see people."""
    if not can("member"):
        return {}
    rows = db.session.execute(
        sa.select(Person.id, Person.pseudonym).where(Person.id.in_(ids), Person.status == "active")
    ).all()
    return {r.id: (r.pseudonym, url_for("people.show_person", person_id=r.id)) for r in rows}
