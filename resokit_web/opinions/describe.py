from __future__ import annotations

import sqlalchemy as sa
from flask import url_for

from ..extensions import db
from .models import Contribution, OpinionPiece


def describe_pieces(ids: list[int]) -> dict[int, tuple[str, str | None]]:
    rows = db.session.execute(sa.select(OpinionPiece.id, OpinionPiece.title).where(OpinionPiece.id.in_(ids))).all()
    return {r.id: (r.title, url_for("opinions.show_piece", opinion_id=r.id)) for r in rows}


def describe_contributions(ids: list[int]) -> dict[int, tuple[str, str | None]]:
    """A contribution reads as the piece it belongs to."""
    rows = db.session.execute(
        sa.select(Contribution.id, Contribution.piece_id, OpinionPiece.title)
        .join(OpinionPiece, OpinionPiece.id == Contribution.piece_id)
        .where(Contribution.id.in_(ids))
    ).all()
    return {
        r.id: (r.title, url_for("opinions.show_piece", opinion_id=r.piece_id, _anchor="contributions")) for r in rows
    }
