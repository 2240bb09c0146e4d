"""The sessions' objects named on the activity feed: one query per kind."""

from __future__ import annotations

import sqlalchemy as sa
from flask import url_for

from ..extensions import db
from .models import TeamCard, TeamSession


def describe_sessions(ids: list[int]) -> dict[int, tuple[str, str | None]]:
    rows = db.session.execute(sa.select(TeamSession.id, TeamSession.title).where(TeamSession.id.in_(ids))).all()
    return {r.id: (r.title, url_for("sessions.show_summary", session_id=r.id)) for r in rows}


def describe_cards(ids: list[int]) -> dict[int, tuple[str, str | None]]:
    rows = db.session.execute(sa.select(TeamCard.id, TeamCard.text).where(TeamCard.id.in_(ids))).all()
    return {r.id: (r.text, url_for("sessions.card_history", card_id=r.id)) for r in rows}
