from __future__ import annotations

from resokit_web.extensions import db
from resokit_web.sessions.service import add_team_card, create_session

from . import World, param_factory


def _facilitator(world: World, org):
    return world.member if org.id == world.org_a.id else world.outsider


@param_factory("session_id")
def _session_id(world: World, org) -> int:
    """A running kletspot started by the member of organisation A (B's coordinator in B)."""
    sess = create_session(org.id, "kletspot", "Kletspot", guests=True, user_id=_facilitator(world, org).id)
    db.session.commit()
    return sess.id


@param_factory("card_id")
def _card_id(world: World, org) -> int:
    card = add_team_card(org.id, "words", "Wat betekent thuis voor jou?", _facilitator(world, org).id)
    db.session.commit()
    return card.id
