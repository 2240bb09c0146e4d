from __future__ import annotations

import factory
import sqlalchemy as sa

from resokit_web.extensions import db
from resokit_web.live import versioning
from resokit_web.opinions.models import Contribution, OpinionPiece
from resokit_web.opinions.questions import DEFAULT_QUESTIONS

from . import BaseFactory, World, param_factory


class _Versioned(BaseFactory):
    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # Through the versioning service, so version 1 has its history row like real ones.
        obj = model_class(*args, **kwargs)
        versioning.create(obj, user_id=None)
        return obj


class OpinionPieceFactory(_Versioned):
    class Meta:
        model = OpinionPiece

    title = factory.Sequence(lambda n: f"Opiniestuk {n}")
    body = "Inclusie is samen.\nWe bouwen bruggen.\nWe luisteren eerst.\n"
    questions = factory.LazyFunction(lambda: list(DEFAULT_QUESTIONS))
    status = "current"


class ContributionFactory(_Versioned):
    class Meta:
        model = Contribution

    body = "Mijn mening: **iedereen** hoort erbij."


def _piece_in(org) -> OpinionPiece:
    """The organisation's latest piece, or a new one: the matrix fills ``contribution_id``
    and ``opinion_id`` separately, and they must belong together."""
    piece = db.session.scalar(
        sa.select(OpinionPiece).where(OpinionPiece.organisation_id == org.id).order_by(OpinionPiece.id.desc())
    )
    if piece is None:
        piece = OpinionPieceFactory(organisation_id=org.id)
        db.session.commit()
    return piece


@param_factory("opinion_id")
def _opinion_id(world: World, org) -> int:
    return _piece_in(org).id


@param_factory("contribution_id")
def _contribution_id(world: World, org) -> int:
    """A contribution written by the member of organisation A (by B's coordinator in B)."""
    piece = _piece_in(org)
    author = world.member if org.id == world.org_a.id else world.outsider
    contribution = db.session.scalar(
        sa.select(Contribution).where(Contribution.piece_id == piece.id, Contribution.author_id == author.id)
    )
    if contribution is None:
        contribution = ContributionFactory(organisation_id=org.id, piece_id=piece.id, author_id=author.id)
        db.session.commit()
    return contribution.id
