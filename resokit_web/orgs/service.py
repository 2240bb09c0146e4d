"""Organisations, memberships and invitations."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from datetime import timedelta

import sqlalchemy as sa

from ..accounts.models import User
from ..accounts.service import end_all_sessions
from ..activity.service import record
from ..extensions import db, utcnow
from .models import Invitation, Membership, Organisation, Role


class LastCoordinatorError(Exception):
    """An organisation always keeps at least one coordinator."""


def create_organisation(
    user: User,
    *,
    name: str,
    slug: str,
    neighbourhood: str = "",
    neighbourhood_fr: str = "",
    neighbourhood_en: str = "",
    map_lat: float | None = None,
    map_lon: float | None = None,
) -> Organisation:
    org = Organisation(
        name=name,
        slug=slug,
        neighbourhood=neighbourhood or "",
        neighbourhood_fr=neighbourhood_fr or "",
        neighbourhood_en=neighbourhood_en or "",
    )
    if map_lat is not None and map_lon is not None:
        org.map_lat, org.map_lon = map_lat, map_lon
    db.session.add(org)
    db.session.flush()
    db.session.add(Membership(organisation_id=org.id, user_id=user.id, role=Role.coordinator))
    record("organisation.created", org_id=org.id, user_id=user.id, object_type="organisation", object_id=org.id)
    return org


def slug_taken(slug: str) -> bool:
    return db.session.scalar(sa.select(sa.func.count()).select_from(Organisation).where(Organisation.slug == slug)) > 0


def memberships_of(user: User) -> list[Membership]:
    return list(
        db.session.scalars(
            sa.select(Membership)
            .where(Membership.user_id == user.id)
            .options(sa.orm.joinedload(Membership.organisation))
            .join(Organisation)
            .order_by(Organisation.name)
        )
    )


def members(org: Organisation) -> list[Membership]:
    return list(
        db.session.scalars(
            sa.select(Membership)
            .where(Membership.organisation_id == org.id)
            .options(sa.orm.joinedload(Membership.user))
            .join(User)
            .order_by(User.display_name)
        )
    )


def get_membership_or_none(org: Organisation, membership_id: int) -> Membership | None:
    return db.session.scalar(
        sa.select(Membership).where(Membership.id == membership_id, Membership.organisation_id == org.id)
    )


def _others_coordinating(org: Organisation, membership: Membership):
    """SQL condition: someone other than ``membership`` coordinates ``org``."""
    other = sa.orm.aliased(Membership)
    return sa.exists(
        sa.select(other.id).where(
            other.organisation_id == org.id, other.id != membership.id, other.role == Role.coordinator
        )
    )


def _lock_coordinators(org: Organisation) -> None:
    # PostgreSQL: two coordinators demoting each other at once wait for each other here,
    # and the second then sees the first's change. (SQLite runs one writer at a time.)
    db.session.execute(
        sa.select(Membership.id)
        .where(Membership.organisation_id == org.id, Membership.role == Role.coordinator)
        .with_for_update()
    )


def change_role(org: Organisation, membership: Membership, role: Role, *, by: User) -> None:
    """Change a member's role; an organisation never loses its last coordinator, even when
    two coordinators step down at the same moment (the check and the change are one statement)."""
    _lock_coordinators(org)
    condition = [Membership.id == membership.id]
    if role != Role.coordinator:
        condition.append(sa.or_(Membership.role != Role.coordinator, _others_coordinating(org, membership)))
    changed = db.session.execute(
        sa.update(Membership).where(*condition).values(role=role).execution_options(synchronize_session=False)
    ).rowcount
    if not changed:
        raise LastCoordinatorError()
    db.session.refresh(membership)
    # A lower role takes effect on the next request anyway (it is read per request).
    record("member.role_changed", org_id=org.id, user_id=by.id, object_type="membership", object_id=membership.id)


# Called as hook(org_id, user_id) in the same transaction once a member is removed: areas
# append theirs in init_app (the tracker unsigns the member's comments).
MEMBER_REMOVED_HOOKS: list[Callable[[int, int], None]] = []


def remove_member(org: Organisation, membership: Membership, *, by: User) -> None:
    _lock_coordinators(org)
    user = membership.user
    removed = db.session.execute(
        sa.delete(Membership)
        .where(
            Membership.id == membership.id,
            sa.or_(Membership.role != Role.coordinator, _others_coordinating(org, membership)),
        )
        .execution_options(synchronize_session=False)
    ).rowcount
    if not removed:
        raise LastCoordinatorError()
    db.session.expunge(membership)
    record("member.removed", org_id=org.id, user_id=by.id, object_type="user", object_id=user.id)
    for hook in MEMBER_REMOVED_HOOKS:
        hook(org.id, user.id)
    # Their open sessions end at once: removal is not a hint but a fact.
    end_all_sessions(user, org_ids=[org.id])


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_invitation(
    org: Organisation, *, role: Role, days: int, note: str, by: User, email: str | None = None
) -> tuple[Invitation, str]:
    token = secrets.token_urlsafe(24)
    invitation = Invitation(
        organisation_id=org.id,
        token_hash=token_hash(token),
        role=role,
        note=note or "",
        email=(email or "").strip().lower() or None,
        created_by_id=by.id,
        created_at=utcnow(),
        expires_at=utcnow() + timedelta(days=days),
    )
    db.session.add(invitation)
    db.session.flush()
    record("invitation.created", org_id=org.id, user_id=by.id, object_type="invitation", object_id=invitation.id)
    return invitation, token


def open_invitations(org: Organisation) -> list[Invitation]:
    return list(
        db.session.scalars(
            sa.select(Invitation)
            .where(
                Invitation.organisation_id == org.id,
                Invitation.used_at.is_(None),
                Invitation.revoked_at.is_(None),
                Invitation.expires_at > utcnow(),
            )
            .order_by(Invitation.created_at.desc())
        )
    )


def find_invitation(token: str) -> Invitation | None:
    return db.session.scalar(sa.select(Invitation).where(Invitation.token_hash == token_hash(token)))


def accept_invitation(invitation: Invitation, user: User) -> Membership | None:
    """Use the invitation once. Returns the membership, or None if it was used meanwhile.

    The conditional UPDATE makes two simultaneous clicks on one link use it once.
    """
    existing = db.session.scalar(
        sa.select(Membership).where(
            Membership.organisation_id == invitation.organisation_id, Membership.user_id == user.id
        )
    )
    now = utcnow()
    claimed = db.session.execute(
        sa.update(Invitation)
        .where(
            Invitation.id == invitation.id,
            Invitation.used_at.is_(None),
            Invitation.revoked_at.is_(None),
            Invitation.expires_at > now,
        )
        .values(used_at=now, used_by_id=user.id)
    ).rowcount
    if not claimed:
        db.session.rollback()
        return None
    if existing is not None:
        # Already a member: the invitation may raise the role, never lower it.
        if invitation.role.rank > existing.role.rank:
            existing.role = invitation.role
        membership = existing
    else:
        membership = Membership(organisation_id=invitation.organisation_id, user_id=user.id, role=invitation.role)
        db.session.add(membership)
    db.session.flush()
    record(
        "member.joined",
        org_id=invitation.organisation_id,
        user_id=user.id,
        object_type="membership",
        object_id=membership.id,
    )
    return membership


def revoke_invitation(org: Organisation, invitation_id: int, *, by: User) -> bool:
    done = db.session.execute(
        sa.update(Invitation)
        .where(
            Invitation.id == invitation_id,
            Invitation.organisation_id == org.id,
            Invitation.used_at.is_(None),
            Invitation.revoked_at.is_(None),
        )
        .values(revoked_at=utcnow())
    ).rowcount
    if done:
        record("invitation.revoked", org_id=org.id, user_id=by.id, object_type="invitation", object_id=invitation_id)
    return bool(done)
