"""The second sign-in step: TOTP codes from an app (pyotp), one-time recovery codes,
and the rule that coordinators have one (``RESOKIT_REQUIRE_SECOND_FACTOR``).

``User.second_factor_at`` is set while the account has TOTP or a passkey, so the
coordinators' rule costs no query on a page. Passkeys themselves are in passkeys.py.
"""

from __future__ import annotations

import hashlib
import secrets
import time

import pyotp
import sqlalchemy as sa
from flask import current_app, session
from pyotp.utils import strings_equal

from ..extensions import db, utcnow
from ..orgs.models import Membership, Role
from .models import User
from .security_models import Passkey, RecoveryCode
from .service import end_all_sessions, record_account

ISSUER = "Resokit"
RECOVERY_CODES = 10
# 12 characters of base32: 60 bits, out of reach of guessing even from a stolen hash.
_RECOVERY_LENGTH = 12
_RECOVERY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no O/0, I/1
# A pending second step (password given, code not yet) lasts this long.
PENDING_SECONDS = 600
_PENDING = "second_factor"


def has_second_factor(user: User) -> bool:
    return user.second_factor_at is not None


def refresh_flag(user: User) -> None:
    """Recompute ``second_factor_at`` after a factor was added or removed."""
    passkeys = db.session.scalar(sa.select(sa.func.count()).select_from(Passkey).where(Passkey.user_id == user.id))
    if user.totp_enabled_at is not None or passkeys:
        user.second_factor_at = user.second_factor_at or utcnow()
    else:
        user.second_factor_at = None


def required() -> bool:
    return current_app.config["RESOKIT_REQUIRE_SECOND_FACTOR"] == "coordinators"


def coordinates_somewhere(user: User) -> bool:
    return (
        db.session.scalar(
            sa.select(Membership.id).where(Membership.user_id == user.id, Membership.role == Role.coordinator).limit(1)
        )
        is not None
    )


def missing_for(user: User, role: Role | None) -> bool:
    """Must ``user`` set up a second step before acting as ``role``? (No query.)"""
    return required() and role is Role.coordinator and not has_second_factor(user)


# ---- TOTP ------------------------------------------------------------------------------


def new_secret() -> str:
    return pyotp.random_base32()  # 32 characters, 160 bits


def valid_secret(secret: str | None) -> bool:
    return bool(secret) and len(secret) == 32 and all(c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567" for c in secret)


def provisioning_uri(user: User, secret: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=ISSUER)


def _clean_code(code: str | None) -> str:
    return "".join((code or "").split()).replace("-", "")


def _step_of(secret: str, code: str) -> int | None:
    """The time step ``code`` belongs to (now, or one step either side), else None."""
    code = _clean_code(code)
    if not (code.isdigit() and len(code) == 6):
        return None
    totp = pyotp.TOTP(secret)
    now = totp.timecode(time.time())
    for step in (now, now - 1, now + 1):
        if strings_equal(code, totp.generate_otp(step)):
            return step
    return None


def enable_totp(user: User, secret: str, code: str) -> bool:
    """Turn on TOTP with ``secret`` if ``code`` comes from it. Callers commit."""
    if not valid_secret(secret):
        return False
    step = _step_of(secret, code)
    if step is None:
        return False
    user.totp_secret, user.totp_enabled_at, user.totp_last_step = secret, utcnow(), step
    refresh_flag(user)
    record_account("second_factor.enabled", user)
    return True


def disable_totp(user: User) -> None:
    user.totp_secret = user.totp_enabled_at = user.totp_last_step = None
    refresh_flag(user)
    if not has_second_factor(user):
        db.session.execute(sa.delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    record_account("second_factor.disabled", user)


def check_totp(user: User, code: str) -> bool:
    """A code from the app, accepted once: the step is claimed in one conditional UPDATE,
    so the same code sent twice (or by two requests at once) signs in once."""
    if not user.totp_secret:
        return False
    step = _step_of(user.totp_secret, code)
    if step is None:
        return False
    claimed = db.session.execute(
        sa.update(User)
        .where(User.id == user.id, sa.or_(User.totp_last_step.is_(None), User.totp_last_step < step))
        .values(totp_last_step=step)
        .execution_options(synchronize_session=False)
    ).rowcount
    return bool(claimed)


# ---- Recovery codes -------------------------------------------------------------------


def _hash_code(user_id: int, code: str) -> str:
    return hashlib.sha256(f"{user_id}:{_clean_code(code).upper()}".encode()).hexdigest()


def new_recovery_codes(user: User) -> list[str]:
    """Ten fresh codes (the old ones stop working); shown once, only their hashes kept."""
    db.session.execute(sa.delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    codes = []
    for _ in range(RECOVERY_CODES):
        raw = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(_RECOVERY_LENGTH))
        codes.append("-".join(raw[i : i + 4] for i in range(0, _RECOVERY_LENGTH, 4)))
    db.session.add_all(
        RecoveryCode(user_id=user.id, code_hash=_hash_code(user.id, c), created_at=utcnow()) for c in codes
    )
    return codes


def recovery_codes_left(user: User) -> int:
    return db.session.scalar(
        sa.select(sa.func.count())
        .select_from(RecoveryCode)
        .where(RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None))
    )


def use_recovery_code(user: User, code: str) -> bool:
    cleaned = _clean_code(code)
    if len(cleaned) != _RECOVERY_LENGTH:
        return False
    used = db.session.execute(
        sa.update(RecoveryCode)
        .where(
            RecoveryCode.user_id == user.id,
            RecoveryCode.code_hash == _hash_code(user.id, cleaned),
            RecoveryCode.used_at.is_(None),
        )
        .values(used_at=utcnow())
        .execution_options(synchronize_session=False)
    ).rowcount
    return bool(used)


def check_code(user: User, code: str) -> str | None:
    """ "totp" or "recovery" for a code that signs ``user`` in, else None."""
    if check_totp(user, code):
        return "totp"
    if use_recovery_code(user, code):
        return "recovery"
    return None


# ---- A coordinator resets a member ------------------------------------------------------


def reset_all(user: User, *, by: User) -> None:
    """Remove every second factor of ``user`` and end their sessions. Callers commit."""
    user.totp_secret = user.totp_enabled_at = user.totp_last_step = None
    user.second_factor_at = None
    db.session.execute(sa.delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    db.session.execute(sa.delete(Passkey).where(Passkey.user_id == user.id))
    record_account("second_factor.reset", user, by=by)
    end_all_sessions(user)


def may_reset(coordinator: User, member: User) -> bool:
    """A coordinator resets only someone whose every organisation they coordinate too:
    otherwise a coordinator of one small team could weaken an account that guards another
    organisation's records."""
    theirs = set(db.session.scalars(sa.select(Membership.organisation_id).where(Membership.user_id == member.id)))
    mine = set(
        db.session.scalars(
            sa.select(Membership.organisation_id).where(
                Membership.user_id == coordinator.id, Membership.role == Role.coordinator
            )
        )
    )
    return theirs <= mine


# ---- The pending sign-in ----------------------------------------------------------------


def start_pending(user: User, next_url: str) -> None:
    """Password accepted, second step to come: remembered in the session, briefly."""
    current_app.session_interface.regenerate(session)
    session[_PENDING] = {"u": user.id, "e": user.session_epoch, "t": int(time.time()), "n": next_url}


def pending_user() -> tuple[User, str] | None:
    """(user, next) of the sign-in waiting for its second step, while it is fresh."""
    data = session.get(_PENDING)
    if not isinstance(data, dict) or time.time() - data.get("t", 0) > PENDING_SECONDS:
        return None
    user = db.session.get(User, data.get("u"))
    if user is None or user.session_epoch != data.get("e") or not has_second_factor(user):
        return None
    return user, data.get("n") or ""


def clear_pending() -> None:
    session.pop(_PENDING, None)
