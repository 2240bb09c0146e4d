"""Signed links sent by e-mail: password reset (one hour, single use) and address
verification. Nothing is stored: the signature (SECRET_KEY) and what the token is bound
to make it valid.

A reset token is bound to the account's current password hash and session epoch, so it
stops working the moment it is used (the password changes) or the account signs out
everywhere. A verification token is bound to the address it was sent to.
"""

from __future__ import annotations

import hashlib
import hmac

from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer

from ..extensions import db
from .models import User

RESET_MAX_AGE = 3600
VERIFY_MAX_AGE = 3 * 24 * 3600


def _serializer(purpose: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key, salt=f"resokit-{purpose}")


def _fingerprint(user: User) -> str:
    return hashlib.sha256(f"{user.password_hash}:{user.session_epoch}".encode()).hexdigest()[:32]


def _load(purpose: str, token: str, max_age: int) -> dict | None:
    if not token or len(token) > 500:
        return None
    try:
        data = _serializer(purpose).loads(token, max_age=max_age)
    except BadSignature:  # also SignatureExpired
        return None
    return data if isinstance(data, dict) and isinstance(data.get("u"), int) else None


def reset_token(user: User) -> str:
    return _serializer("password-reset").dumps({"u": user.id, "f": _fingerprint(user)})


def user_for_reset(token: str) -> User | None:
    """The account a reset link is for, while the link is valid (an hour, unused)."""
    data = _load("password-reset", token, RESET_MAX_AGE)
    user = db.session.get(User, data["u"]) if data else None
    if user is None or not hmac.compare_digest(str(data.get("f")), _fingerprint(user)):
        return None
    return user


def verify_token(user: User) -> str:
    return _serializer("verify-email").dumps({"u": user.id, "e": user.email})


def user_for_verify(token: str) -> User | None:
    data = _load("verify-email", token, VERIFY_MAX_AGE)
    user = db.session.get(User, data["u"]) if data else None
    if user is None or data.get("e") != user.email:
        return None
    return user
