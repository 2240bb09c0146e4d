from __future__ import annotations

import sqlalchemy as sa

from resokit_web.extensions import db, utcnow
from resokit_web.tracker.models import Round, ScreeningItem, Statement
from resokit_web.tracker.screening import ensure_screening
from resokit_web.tracker.service import create_action, ensure_statements, open_round

from . import World, param_factory


def tracker_round(org, *, revealed: bool = True, title: str = "Zelfscan") -> Round:
    """A round of ``org`` that asks the built-in statements; revealed unless told."""
    coordinator_id = None
    rnd = open_round(org.id, title, None, user_id=coordinator_id)
    if revealed:
        rnd.revealed_at = utcnow()
    db.session.commit()
    return rnd


@param_factory("round_id")
def _round_id(world: World, org) -> int:
    # Revealed and still open: every role's view answers (answers allowed, results visible).
    return tracker_round(org).id


@param_factory("statement_id")
def _statement_id(world: World, org) -> int:
    ensure_statements(org.id)
    db.session.commit()
    return db.session.scalar(sa.select(Statement.id).where(Statement.organisation_id == org.id).limit(1))


@param_factory("action_id")
def _action_id(world: World, org) -> int:
    action = create_action(org.id, {"title": "Huisbezoeken opnieuw starten", "status": "open"}, user_id=None)
    db.session.commit()
    return action.id


@param_factory("question_id")
def _question_id(world: World, org) -> int:
    ensure_screening(org.id)
    db.session.commit()
    return db.session.scalar(sa.select(ScreeningItem.id).where(ScreeningItem.organisation_id == org.id).limit(1))
