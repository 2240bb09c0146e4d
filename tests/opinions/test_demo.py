"""The demo: one piece with three contributions and a team text with a history."""

from __future__ import annotations

import sqlalchemy as sa

from resokit_web.accounts.models import User
from resokit_web.demo import seed_demo
from resokit_web.extensions import db
from resokit_web.opinions.models import Contribution, OpinionPiece

from .helpers import versions


def test_the_demo_has_a_piece_with_three_voices_and_a_history(app):
    ctx = seed_demo()
    seed_demo()  # idempotent
    [piece] = db.session.scalars(sa.select(OpinionPiece))
    assert piece.organisation_id == ctx.demo.id
    contributions = list(db.session.scalars(sa.select(Contribution).where(Contribution.piece_id == piece.id)))
    authors = {c.author.email for c in contributions}
    assert authors == {"coordinator@demo.resokit.test", "member@demo.resokit.test", "member2@demo.resokit.test"}
    assert piece.body.count("\n\n") >= 3  # several paragraphs
    history = versions(piece)
    assert len(history) >= 4 and len({e.changed_by_id for e in history}) == 3
    assert [e.changed_at for e in history] == sorted(e.changed_at for e in history)
    # The three required demo accounts are still there, unchanged.
    emails = set(db.session.scalars(sa.select(User.email)))
    assert {"coordinator@demo.resokit.test", "member@demo.resokit.test", "coordinator@demo2.resokit.test"} <= emails
