"""Sharing a partner map read-only with another organisation.

Professional secrecy: a share carries organisation-level facts only. Every view the
receiving side gets is built from :func:`shared_partner_rows`, the one function that
reads a shared map, and it selects name, sector, relation, strength and formal — never
notes, contact persons, treasures or ids.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from ..activity.service import record
from ..extensions import db, utcnow
from ..live.bus import Event
from ..live.events import publish_after_commit
from ..orgs.models import Organisation
from .models import Partner, Share

# The only columns that ever leave the organisation.
SHARED_COLUMNS = ("name", "sector", "relation", "strength", "formal")


@dataclass(frozen=True)
class SharedPartner:
    name: str
    sector: str
    relation: str
    strength: str
    formal: bool


def shared_partner_rows(org_id: int) -> list[SharedPartner]:
    """The current partners of ``org_id`` as another organisation may see them."""
    columns = [getattr(Partner, c) for c in SHARED_COLUMNS]
    rows = db.session.execute(
        sa.select(*columns)
        .where(Partner.organisation_id == org_id, Partner.status == "current")
        .order_by(sa.func.lower(Partner.name), Partner.name)
    ).all()
    return [SharedPartner(*row) for row in rows]


class ShareError(Exception):
    """Sharing is not possible: ``code`` is ``unknown`` or ``self``."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def find_organisation(slug: str) -> Organisation | None:
    return db.session.scalar(sa.select(Organisation).where(Organisation.slug == (slug or "").strip().lower()))


def _insert(dialect: str):
    return postgresql.insert if dialect == "postgresql" else sqlite.insert


def share_map(source: Organisation, target_slug: str, *, user_id: int) -> tuple[Share, bool]:
    """Share ``source``'s map with the organisation at ``target_slug``: (share, created?).

    Sharing twice gives one share: the insert does nothing when an active share for the
    pair exists (the partial unique index decides, also between simultaneous requests).
    """
    target = find_organisation(target_slug)
    if target is None:
        raise ShareError("unknown")
    if target.id == source.id:
        raise ShareError("self")
    table = Share.__table__
    insert = _insert(db.engine.dialect.name)(table).values(
        source_org_id=source.id, target_org_id=target.id, created_at=utcnow(), created_by_id=user_id
    )
    # RETURNING says for sure whether this call inserted (rowcount is not reliable here on
    # every driver).
    inserted = db.session.execute(
        insert.on_conflict_do_nothing(
            index_elements=["source_org_id", "target_org_id"], index_where=table.c.revoked_at.is_(None)
        ).returning(table.c.id)
    ).first()
    share = db.session.scalar(
        sa.select(Share).where(
            Share.source_org_id == source.id, Share.target_org_id == target.id, Share.revoked_at.is_(None)
        )
    )
    created = inserted is not None
    if created:
        record("share.created", org_id=source.id, user_id=user_id, object_type="share", object_id=share.id)
        record("share.received", org_id=target.id, user_id=None, object_type="share", object_id=share.id)
        _announce(share, "created")
    return share, created


def revoke(share: Share, *, user_id: int) -> bool:
    """End a share at once. True if this call ended it (a second revoke changes nothing)."""
    done = db.session.execute(
        sa.update(Share)
        .where(Share.id == share.id, Share.revoked_at.is_(None))
        .values(revoked_at=utcnow(), revoked_by_id=user_id)
        .execution_options(synchronize_session=False)
    ).rowcount
    if done:
        db.session.refresh(share)
        record("share.revoked", org_id=share.source_org_id, user_id=user_id, object_type="share", object_id=share.id)
        record("share.withdrawn", org_id=share.target_org_id, user_id=None, object_type="share", object_id=share.id)
        _announce(share, "revoked")
    return bool(done)


def set_hidden(share: Share, hidden: bool, *, user_id: int) -> bool:
    """The receiving side hides a share from its views (or shows it again)."""
    condition = Share.hidden_at.is_(None) if hidden else Share.hidden_at.is_not(None)
    values = {"hidden_at": utcnow(), "hidden_by_id": user_id} if hidden else {"hidden_at": None, "hidden_by_id": None}
    done = db.session.execute(
        sa.update(Share)
        .where(Share.id == share.id, condition)
        .values(**values)
        .execution_options(synchronize_session=False)
    ).rowcount
    if done:
        db.session.refresh(share)
        record(
            "share.hidden" if hidden else "share.shown",
            org_id=share.target_org_id,
            user_id=user_id,
            object_type="share",
            object_id=share.id,
        )
        publish_after_commit(
            Event(
                org_id=share.target_org_id,
                type="share",
                id=share.id,
                by=user_id,
                extra={"action": "hidden" if hidden else "shown"},
            )
        )
    return bool(done)


def _announce(share: Share, action: str) -> None:
    # Both sides' open pages hear it: the sharing page of the source, and the target's
    # sharing page, network view and open shared map (which closes itself on a revoke).
    for org_id in (share.source_org_id, share.target_org_id):
        publish_after_commit(Event(org_id=org_id, type="share", id=share.id, extra={"action": action}))


def outgoing(org_id: int) -> list[Share]:
    return list(
        db.session.scalars(
            sa.select(Share)
            .where(Share.source_org_id == org_id, Share.revoked_at.is_(None))
            .options(sa.orm.joinedload(Share.target))
            .order_by(Share.created_at.desc(), Share.id.desc())
        )
    )


def incoming(org_id: int, *, include_hidden: bool = True) -> list[Share]:
    query = (
        sa.select(Share)
        .where(Share.target_org_id == org_id, Share.revoked_at.is_(None))
        .options(sa.orm.joinedload(Share.source))
        .join(Share.source)
        .order_by(Organisation.name)
    )
    if not include_hidden:
        query = query.where(Share.hidden_at.is_(None))
    return list(db.session.scalars(query))


def incoming_from(target_org_id: int, source_slug: str) -> Share | None:
    """The active share of the organisation at ``source_slug`` with ``target_org_id``."""
    return db.session.scalar(
        sa.select(Share)
        .join(Share.source)
        .where(Organisation.slug == source_slug, Share.target_org_id == target_org_id, Share.revoked_at.is_(None))
        .options(sa.orm.contains_eager(Share.source))
    )


def as_json(share: Share) -> dict:
    return {"id": share.id, "organisation": share.target.slug, "created_at": share.created_at.isoformat()}
