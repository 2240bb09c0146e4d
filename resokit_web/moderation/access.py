from __future__ import annotations

import sqlalchemy as sa
from flask import abort, g

from ..access import scoped_get_or_404
from ..buurtkaart.models import Treasure
from ..extensions import db
from .service import Proposal, proposal_for


def get_proposal_or_404(proposal_id: int) -> Proposal:
    """A resident's proposal (waiting or decided) of the current organisation, or 404."""
    treasure = scoped_get_or_404(Treasure, proposal_id)
    if treasure.source != "resident":
        abort(404)
    proposal = proposal_for(treasure)
    if proposal.submission is None:
        abort(404)
    return proposal


def get_merge_target(treasure_id: int | None, proposal: Proposal) -> Treasure | None:
    """An accepted treasure of the current organisation to merge into, or None."""
    if not treasure_id or treasure_id == proposal.id:
        return None
    return db.session.scalar(
        sa.select(Treasure).where(
            Treasure.id == treasure_id, Treasure.organisation_id == g.org.id, Treasure.status == "accepted"
        )
    )
