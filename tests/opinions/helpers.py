"""Small helpers shared by the opinion tests."""

from __future__ import annotations

import re
from html import unescape

import sqlalchemy as sa

from resokit_web.extensions import db
from resokit_web.live.history import HistoryEntry
from resokit_web.opinions.models import Draft, OpinionPiece
from resokit_web.orgs.models import Role

from ..factories import MembershipFactory, UserFactory
from ..factories.opinions import OpinionPieceFactory

LIST = "/o/org-a/opinions"


def url(piece: OpinionPiece, suffix: str = "") -> str:
    return f"{LIST}/{piece.id}{suffix}"


def make_piece(world, **fields) -> OpinionPiece:
    piece = OpinionPieceFactory(organisation_id=world.org_a.id, **fields)
    db.session.commit()
    return piece


def colleague(world, role: Role = Role.member, name: str = "Second Member A"):
    user = UserFactory(display_name=name)
    MembershipFactory(organisation=world.org_a, user=user, role=role)
    db.session.commit()
    return user


def fresh(piece: OpinionPiece) -> OpinionPiece:
    db.session.expire_all()
    return db.session.get(OpinionPiece, piece.id)


def versions(obj) -> list[HistoryEntry]:
    return list(
        db.session.scalars(
            sa.select(HistoryEntry)
            .where(HistoryEntry.object_type == obj.__object_type__, HistoryEntry.object_id == obj.id)
            .order_by(HistoryEntry.version)
        )
    )


def draft_of(piece: OpinionPiece, user, kind: str = "team") -> Draft | None:
    db.session.expire_all()
    return db.session.scalar(
        sa.select(Draft).where(Draft.piece_id == piece.id, Draft.user_id == user.id, Draft.kind == kind)
    )


def textarea(html: str, key: str) -> str | None:
    """The text an editor shows in the textarea with this id (or else this name), unescaped."""
    match = re.search(rf'<textarea[^>]*id="{key}"[^>]*>(.*?)</textarea>', html, re.S) or re.search(
        rf'<textarea[^>]*name="{key}"[^>]*>(.*?)</textarea>', html, re.S
    )
    return unescape(match.group(1)).removeprefix("\r\n").removeprefix("\n") if match else None


def hidden(html: str, name: str) -> str | None:
    match = re.search(rf'<input type="hidden" name="{name}" value="([^"]*)"', html)
    return match.group(1) if match else None


def htmx(target: str | None = None) -> dict:
    headers = {"HX-Request": "true"}
    if target:
        headers["HX-Target"] = target
    return headers
