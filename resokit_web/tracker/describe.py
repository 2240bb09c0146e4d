from __future__ import annotations

import sqlalchemy as sa
from flask import url_for

from ..extensions import db
from .models import Action, Round, ScreeningItem


def describe_rounds(ids: list[int]) -> dict[int, tuple[str, str | None]]:
    rows = db.session.execute(sa.select(Round.id, Round.title).where(Round.id.in_(ids))).all()
    return {r.id: (r.title, url_for("tracker.show_round", round_id=r.id)) for r in rows}


def describe_actions(ids: list[int]) -> dict[int, tuple[str, str | None]]:
    rows = db.session.execute(sa.select(Action.id, Action.title).where(Action.id.in_(ids))).all()
    return {r.id: (r.title, url_for("tracker.show_tracker", _anchor=f"action-{r.id}")) for r in rows}


def describe_questions(ids: list[int]) -> dict[int, tuple[str, str | None]]:
    rows = db.session.scalars(sa.select(ScreeningItem).where(ScreeningItem.id.in_(ids)))
    return {r.id: (r.name, url_for("tracker.show_screening", _anchor=f"question-{r.id}")) for r in rows}
