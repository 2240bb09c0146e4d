from __future__ import annotations

import sqlalchemy as sa
from flask import url_for

from ..access import can
from ..extensions import db
from ..people.models import Person
from .models import Match, SocialRole


def describe_roles(ids: list[int]) -> dict[int, tuple[str, str | None]]:
    rows = db.session.execute(sa.select(SocialRole.id, SocialRole.title).where(SocialRole.id.in_(ids))).all()
    return {r.id: (r.title, url_for("roles.show_role", role_id=r.id)) for r in rows}


def describe_matches(ids: list[int]) -> dict[int, tuple[str, str | None]]:
    """ "Pseudonym × role" for members only; viewers never see people."""
    if not can("member"):
        return {}
    rows = db.session.execute(
        sa.select(Match.id, Person.pseudonym, SocialRole.title)
        .join(Person, Person.id == Match.person_id)
        .join(SocialRole, SocialRole.id == Match.role_id)
        .where(Match.id.in_(ids), Person.status == "active")
    ).all()
    return {r.id: (f"{r.pseudonym} × {r.title}", url_for("roles.show_match", match_id=r.id)) for r in rows}
