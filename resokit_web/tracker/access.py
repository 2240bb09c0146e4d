from __future__ import annotations

from flask import abort, g
from flask_login import current_user

from ..access import can, scoped_get_or_404
from ..activity.service import record_denied
from .models import Action, Round, Statement


def get_round_or_404(round_id: int) -> Round:
    return scoped_get_or_404(Round, round_id)


def get_statement_or_404(statement_id: int) -> Statement:
    return scoped_get_or_404(Statement, statement_id)


def get_action_or_404(action_id: int) -> Action:
    return scoped_get_or_404(Action, action_id)


def can_see_results(rnd: Round) -> bool:
    """Nobody, the coordinator included, sees the team's answers before the reveal or
    the close: no one anchors on a colleague's answer."""
    return rnd.results_visible


def require_results_visible(rnd: Round) -> None:
    if not can_see_results(rnd):
        record_denied(g.org.id, current_user.id, "denied.results_hidden")
        abort(403)


def can_answer(rnd: Round) -> bool:
    return can("member") and rnd.closed_at is None
