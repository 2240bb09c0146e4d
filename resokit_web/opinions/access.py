from __future__ import annotations

from flask import abort, g
from flask_login import current_user

from ..access import can, scoped_get_or_404
from ..activity.service import record_denied
from .models import Contribution, OpinionPiece


def get_piece_or_404(piece_id: int) -> OpinionPiece:
    """An opinion piece of the current organisation (archived or not), or 404."""
    return scoped_get_or_404(OpinionPiece, piece_id)


def get_contribution_or_404(piece: OpinionPiece, contribution_id: int) -> Contribution:
    """A contribution to ``piece`` (in the current organisation), or 404."""
    contribution = scoped_get_or_404(Contribution, contribution_id)
    if contribution.piece_id != piece.id:
        abort(404)
    return contribution


def can_write_contribution(contribution: Contribution | None) -> bool:
    """Members write their own contribution; nobody else's, whatever their role."""
    return can("member") and (contribution is None or contribution.author_id == current_user.id)


def require_author(contribution: Contribution) -> None:
    if not can_write_contribution(contribution):
        record_denied(g.org.id, current_user.id, "denied.not_author")
        abort(403)
