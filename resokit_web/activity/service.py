"""Writing to and reading from the activity and audit log."""

from __future__ import annotations

import sqlalchemy as sa

from ..extensions import db, utcnow
from .models import Activity


def record(
    action: str,
    *,
    org_id: int | None,
    user_id: int | None,
    object_type: str | None = None,
    object_id: int | None = None,
) -> Activity:
    """Add a log line to the current transaction: it commits with the change it describes."""
    entry = Activity(
        organisation_id=org_id,
        user_id=user_id,
        action=action,
        object_type=object_type,
        object_id=object_id,
        created_at=utcnow(),
    )
    db.session.add(entry)
    return entry


def record_now(
    action: str,
    *,
    org_id: int | None,
    user_id: int | None,
    object_type: str | None = None,
    object_id: int | None = None,
) -> None:
    """Write a log line at once, on its own connection, whatever the request does next.

    For events that are not part of a change: logins, failed logins, denied access.
    """
    with db.engine.begin() as conn:
        conn.execute(
            sa.insert(Activity.__table__).values(
                organisation_id=org_id,
                user_id=user_id,
                action=action,
                object_type=object_type,
                object_id=object_id,
                created_at=utcnow(),
            )
        )


def record_denied(org_id: int, user_id: int | None, action: str) -> None:
    record_now(action, org_id=org_id, user_id=user_id)


def recent(org_id: int, *, limit: int = 30, audit: bool = False) -> list[Activity]:
    """The organisation's latest log lines, newest first, with their users in one query.

    The team's feed leaves out audit-only lines (logins, refusals); the audit view shows all.
    """
    from .labels import AUDIT_ONLY_PREFIXES

    query = (
        sa.select(Activity)
        .where(Activity.organisation_id == org_id)
        .options(sa.orm.joinedload(Activity.user))
        .order_by(Activity.created_at.desc(), Activity.id.desc())
        .limit(limit)
    )
    if not audit:
        query = query.where(sa.not_(sa.or_(*(Activity.action.startswith(p) for p in AUDIT_ONLY_PREFIXES))))
    return list(db.session.scalars(query))
