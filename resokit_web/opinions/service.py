"""Opinion pieces: listing, creating, the team text, contributions and drafts."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import ngettext
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import joinedload

from ..extensions import db, utcnow
from ..live import versioning
from ..live.bus import Event
from ..live.events import publish_after_commit
from ..live.history import snapshot_at
from ..live.versioning import SaveResult
from .models import Contribution, Draft, OpinionPiece
from .questions import DEFAULT_QUESTIONS

# SSE name for "the contributions of piece N changed" (pages listen to opinion_contributions-N).
CONTRIBUTIONS_EVENT = "opinion_contributions"


@dataclass
class PieceRow:
    piece: OpinionPiece
    contributions: int


def list_pieces(org_id: int, *, status: str = "current") -> list[PieceRow]:
    """The pieces (newest change first) with their number of contributions: one query."""
    counts = (
        sa.select(Contribution.piece_id, sa.func.count(Contribution.id).label("n"))
        .group_by(Contribution.piece_id)
        .subquery()
    )
    rows = db.session.execute(
        sa.select(OpinionPiece, sa.func.coalesce(counts.c.n, 0))
        .outerjoin(counts, counts.c.piece_id == OpinionPiece.id)
        .where(OpinionPiece.organisation_id == org_id, OpinionPiece.status == status)
        .options(joinedload(OpinionPiece.updated_by))
        .order_by(OpinionPiece.updated_at.desc(), OpinionPiece.id.desc())
    ).all()
    return [PieceRow(piece, count) for piece, count in rows]


def piece_row(piece: OpinionPiece) -> PieceRow:
    return PieceRow(piece, contribution_count(piece.id))


def contribution_count(piece_id: int) -> int:
    return db.session.scalar(sa.select(sa.func.count(Contribution.id)).where(Contribution.piece_id == piece_id)) or 0


def create_piece(org_id: int, title: str, *, user_id: int | None) -> OpinionPiece:
    now = utcnow()
    piece = OpinionPiece(
        organisation_id=org_id,
        title=title,
        body="",
        questions=list(DEFAULT_QUESTIONS),
        status="current",
        created_at=now,
        created_by_id=user_id,
        updated_at=now,
        updated_by_id=user_id,
    )
    return versioning.create(piece, user_id=user_id)


def save_piece(
    piece: OpinionPiece, changes: dict, base_version: int | None, *, user_id: int, action: str = "updated"
) -> SaveResult:
    """Save the team text (and/or title) an editor started at ``base_version``.

    Saved or merged: the editor's draft is done with and removed. Conflict: nothing
    is saved, and what they wrote is kept as their draft, so even a closed tab after
    a clash loses nothing. Callers commit in every case.
    """
    result = versioning.save(
        piece, changes, base_version, user_id=user_id, action=action, extra_values={"updated_by_id": user_id}
    )
    if result.status == "conflict":
        db.session.rollback()
        if "body" in changes:
            keep_draft(piece, user_id, "team", changes["body"], base_version)
    elif "body" in changes:
        discard_draft(piece.id, user_id, "team")
    return result


def set_status(piece: OpinionPiece, status: str, *, user_id: int, action: str) -> SaveResult:
    """Archive or bring back: a new version like any other change, so it is in the history."""
    return versioning.save(
        piece,
        {"status": status},
        piece.version,
        user_id=user_id,
        action=action,
        extra_values={"updated_by_id": user_id},
    )


def restore_piece_version(piece: OpinionPiece, version: int, *, user_id: int) -> SaveResult:
    """An older title and team text become current again, as a new version.

    Whether the piece is archived is not part of what a restore brings back.
    """
    data = snapshot_at(piece, version)
    if data is None:
        raise LookupError(version)
    return versioning.save(
        piece,
        {"title": data.get("title"), "body": data.get("body")},
        piece.version,
        user_id=user_id,
        action="reverted",
        extra_values={"updated_by_id": user_id},
    )


# Contributions


def contributions_of(piece: OpinionPiece) -> list[Contribution]:
    """A piece's contributions with their authors, in the order they were first written."""
    return list(
        db.session.scalars(
            sa.select(Contribution)
            .where(Contribution.piece_id == piece.id)
            .options(joinedload(Contribution.author))
            .order_by(Contribution.created_at, Contribution.id)
        )
    )


def contribution_of(piece: OpinionPiece, user_id: int) -> Contribution | None:
    return db.session.scalar(
        sa.select(Contribution).where(Contribution.piece_id == piece.id, Contribution.author_id == user_id)
    )


def save_contribution(piece: OpinionPiece, author_id: int, body: str, base_version: int | None) -> SaveResult:
    """Write (or rewrite) the author's own contribution to ``piece``.

    Only its author ever writes it, so a clash can only come from two of their own
    windows; without a ``version`` the save starts from the current one (the text it
    replaces stays in the history).
    """
    contribution = contribution_of(piece, author_id)
    if contribution is None:
        now = utcnow()
        contribution = Contribution(
            organisation_id=piece.organisation_id,
            piece_id=piece.id,
            author_id=author_id,
            body=body,
            created_at=now,
            updated_at=now,
        )
        try:
            versioning.create(contribution, user_id=author_id)
        except sa.exc.IntegrityError:
            # Their other window created it a moment ago: save on top of that one. (Nothing
            # else is pending in this transaction: a contribution save is all a request does.)
            db.session.rollback()
            contribution = contribution_of(piece, author_id)
            result = _save_existing(contribution, author_id, body, None)
        else:
            result = SaveResult("saved", contribution)
    else:
        result = _save_existing(contribution, author_id, body, base_version)
    if result.status == "conflict":
        db.session.rollback()
        keep_draft(piece, author_id, "contribution", body, base_version)
    else:
        discard_draft(piece.id, author_id, "contribution")
        if result.applied:
            announce_contributions(piece, author_id)
    return result


def _save_existing(contribution: Contribution, author_id: int, body: str, base_version: int | None) -> SaveResult:
    base = contribution.version if base_version is None else base_version
    return versioning.save(contribution, {"body": body}, base, user_id=author_id)


def restore_contribution_version(
    contribution: Contribution, piece: OpinionPiece, version: int, *, user_id: int
) -> SaveResult:
    result = versioning.restore_version(contribution, version, user_id=user_id)
    if result.applied:
        announce_contributions(piece, user_id)
    return result


def announce_contributions(piece: OpinionPiece, user_id: int | None) -> None:
    """Tell the piece's pages (and the list's row) that its contributions changed."""
    publish_after_commit(Event(org_id=piece.organisation_id, type=CONTRIBUTIONS_EVENT, id=piece.id, by=user_id))


# Drafts


def draft_for(piece_id: int, user_id: int, kind: str) -> Draft | None:
    return db.session.scalar(
        sa.select(Draft).where(Draft.piece_id == piece_id, Draft.user_id == user_id, Draft.kind == kind)
    )


def keep_draft(piece: OpinionPiece, user_id: int, kind: str, body: str, base_version: int | None) -> None:
    """Insert or overwrite the person's draft in one statement (two autosaves may cross)."""
    values = {
        "organisation_id": piece.organisation_id,
        "piece_id": piece.id,
        "user_id": user_id,
        "kind": kind,
        "body": body,
        "base_version": base_version,
        "updated_at": utcnow(),
    }
    dialect = db.session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(Draft).values(**values)
    statement = statement.on_conflict_do_update(
        index_elements=[Draft.piece_id, Draft.user_id, Draft.kind],
        set_={
            "body": statement.excluded.body,
            "base_version": statement.excluded.base_version,
            "updated_at": statement.excluded.updated_at,
        },
    )
    db.session.execute(statement)


def discard_draft(piece_id: int, user_id: int, kind: str) -> None:
    db.session.execute(sa.delete(Draft).where(Draft.piece_id == piece_id, Draft.user_id == user_id, Draft.kind == kind))


def pending_draft(piece: OpinionPiece, user_id: int, kind: str, current_body: str) -> Draft | None:
    """The person's unsaved draft, unless it says nothing the saved text does not."""
    draft = draft_for(piece.id, user_id, kind)
    if draft is None or draft.body.strip() == (current_body or "").strip():
        return None
    return draft


def pieces_figure(org) -> str:
    """The opinion piece's card on the Mindset page."""
    count = db.session.scalar(
        sa.select(sa.func.count()).where(OpinionPiece.organisation_id == org.id, OpinionPiece.status == "current")
    )
    return ngettext("%(num)d opinion piece", "%(num)d opinion pieces", count or 0)
