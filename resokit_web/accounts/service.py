"""Accounts: creating users, signing in and out, ending sessions."""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa
from flask import current_app, session
from flask_login import login_user, logout_user

from ..activity.service import record, record_now
from ..extensions import db, utcnow
from .models import User
from .passwords import hash_password, needs_rehash, verify_password
from .security_models import Passkey, RecoveryCode  # noqa: F401 - their tables belong to the metadata


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def find_user(email: str) -> User | None:
    return db.session.scalar(sa.select(User).where(User.email == normalise_email(email)))


def create_user(email: str, password: str, display_name: str, locale: str | None = None) -> User:
    user = User(
        email=normalise_email(email),
        password_hash=hash_password(password),
        display_name=display_name,
        locale=locale,
        created_at=utcnow(),
    )
    db.session.add(user)
    return user


def release_connection() -> None:
    """Give the request's database connection back to the pool before a slow password
    check (it may wait for its turn, see :mod:`.passwords`): a burst of sign-ins holding
    connections while they wait emptied the pool and answered 500. Only a session with
    nothing unsaved is ended; its objects reload on their next use."""
    if not (db.session.new or db.session.dirty or db.session.deleted):
        db.session.rollback()


def authenticate(email: str, password: str) -> User | None:
    """The user for these credentials, or None. Failures are logged without the address."""
    user = find_user(email)
    password_hash, user_id = (user.password_hash, user.id) if user else (None, None)
    release_connection()
    if not verify_password(password_hash, password):
        record_now("login.failed", org_id=None, user_id=user_id)
        return None
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return user


def start_session(user: User) -> None:
    """Sign in with a fresh session id (no fixation), keeping the chosen language."""
    current_app.session_interface.regenerate(session)
    session.modified = True
    login_user(user)
    user.last_login_at = utcnow()
    db.session.commit()
    record_now("login", org_id=None, user_id=user.id)


def end_session() -> None:
    """Sign out: the stored session is deleted, not just emptied; only the language stays."""
    lang = session.get("lang")
    # Delete the stored session and move to a new id (while the session is not yet empty:
    # regenerate() skips empty ones), so the old cookie points at nothing, even though the
    # "signed out" message is about to be stored in a session again.
    current_app.session_interface.regenerate(session)
    logout_user()
    session.clear()
    if lang:
        session["lang"] = lang


def end_all_sessions(user: User, *, org_ids: Iterable[int] = ()) -> None:
    """Make every session of this user invalid at its next request (removal, password change).

    Their open event streams, in their organisations and in ``org_ids`` (the one they are
    being removed from), are closed too once this commits, instead of running on until
    their next membership check.
    """
    from ..live.bus import Event
    from ..live.events import publish_after_commit
    from ..orgs.models import Membership

    db.session.execute(sa.update(User).where(User.id == user.id).values(session_epoch=User.session_epoch + 1))
    orgs = set(org_ids) | set(
        db.session.scalars(sa.select(Membership.organisation_id).where(Membership.user_id == user.id))
    )
    for org_id in sorted(orgs):
        publish_after_commit(Event(org_id=org_id, type="access", extra={"user_id": user.id}))


def record_account(action: str, user: User, *, by: User | None = None) -> None:
    """An account's security event in the audit log of each organisation it belongs to
    (each coordinator sees it for their own team only), or once without one."""
    from ..orgs.models import Membership  # the orgs package imports this module

    org_ids = list(db.session.scalars(sa.select(Membership.organisation_id).where(Membership.user_id == user.id)))
    for org_id in org_ids or [None]:
        record(action, org_id=org_id, user_id=(by or user).id, object_type="user", object_id=user.id)


def load_user(user_id: str) -> User | None:
    """Flask-Login loader: the id carries the session epoch, so ended sessions stay ended."""
    try:
        uid, epoch = (int(part) for part in user_id.split(":", 1))
    except ValueError:
        return None
    user = db.session.get(User, uid)
    if user is None or user.session_epoch != epoch:
        return None
    return user
