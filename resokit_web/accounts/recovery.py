"""Getting back in and proving an address: password reset and e-mail verification.

Both send a signed link (accounts/tokens.py) by e-mail; neither tells a stranger
whether an address has an account here.
"""

from __future__ import annotations

from flask import url_for
from flask_babel import get_locale

from ..extensions import db, utcnow
from . import mail
from .models import User
from .passwords import hash_password
from .service import end_all_sessions, find_user, record_account
from .tokens import reset_token, verify_token


def language_of(user: User | None) -> str:
    """The language to write to ``user`` in: their choice, else the page's language."""
    return (user.locale if user is not None and user.locale else None) or str(get_locale())


def request_reset(email: str) -> None:
    """Mail a reset link if ``email`` has an account; nothing otherwise (same answer)."""
    user = find_user(email)
    if user is None:
        return
    link = url_for("accounts.reset_password_form", token=reset_token(user), _external=True)
    mail.send(user.email, "password_reset", locale=language_of(user), link=link, user=user)


def reset_password(user: User, password: str) -> None:
    """Set the new password, end every session of the account, log it. Callers commit,
    then :func:`notify_password_changed`."""
    user.password_hash = hash_password(password)
    # Whoever could read the reset mail owns the address.
    user.email_verified_at = user.email_verified_at or utcnow()
    end_all_sessions(user)
    record_account("password.reset", user)


def notify_password_changed(user: User) -> None:
    link = url_for("accounts.forgot_password", _external=True)
    mail.send(user.email, "password_changed", locale=language_of(user), link=link, user=user)


def send_verification(user: User) -> None:
    link = url_for("accounts.verify_email", token=verify_token(user), _external=True)
    mail.send(user.email, "verify_email", locale=language_of(user), link=link, user=user)


def mark_verified(user: User) -> bool:
    """True the first time."""
    if user.email_verified_at is not None:
        return False
    user.email_verified_at = utcnow()
    record_account("email.verified", user)
    db.session.flush()
    return True
