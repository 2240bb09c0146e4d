"""Device cookies (OWASP's "Slow Down Online Guessing Attacks with Device Cookies").

A browser that has signed in to an account gets a signed, HttpOnly cookie naming that
account (up to five accounts per browser). At the next sign-in to the same account it is
a *known device*: failed attempts from elsewhere — a stranger guessing, everyone behind
a shared office connection — do not block it. Its own failures count against that one
cookie only. Every other browser goes through the per-address and per-account limits.
A stolen cookie gives a guesser no more than one more small allowance, for one account.
"""

from __future__ import annotations

import secrets

from flask import Response, current_app, g, request
from itsdangerous import BadSignature, URLSafeTimedSerializer

from .models import User
from .service import find_user

MAX_ACCOUNTS = 5


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key, salt="resokit-device")


def _max_age() -> int:
    return int(current_app.config["RESOKIT_DEVICE_COOKIE_DAYS"]) * 24 * 3600


def _entries() -> list[list]:
    raw = request.cookies.get(current_app.config["RESOKIT_DEVICE_COOKIE_NAME"])
    if not raw or len(raw) > 2000:
        return []
    try:
        data = _serializer().loads(raw, max_age=_max_age())
    except BadSignature:
        return []
    if not isinstance(data, list):
        return []
    return [e for e in data if isinstance(e, list) and len(e) == 2 and isinstance(e[0], int) and isinstance(e[1], str)]


def _nonce_for_login() -> str | None:
    """The device nonce of this browser for the account being signed in to, if known."""
    if "resokit_device_nonce" not in g:
        nonce = None
        email = request.form.get("email", "")
        entries = _entries()
        user = find_user(email) if entries and email else None
        if user is not None:
            nonce = next((n for uid, n in entries if uid == user.id), None)
        g.resokit_device_nonce = nonce
    return g.resokit_device_nonce


def known() -> bool:
    """Has this browser signed in to the account in the login form before?"""
    return _nonce_for_login() is not None


def unknown() -> bool:
    return not known()


def limit_key() -> str:
    return "login-device:" + (_nonce_for_login() or "none")


def nonce_for(user: User) -> str | None:
    return next((n for uid, n in _entries() if uid == user.id), None)


def remember(response: Response, user: User) -> Response:
    """After a complete sign-in: this browser is a known device for ``user`` from now on."""
    entries = _entries()
    nonce = next((n for uid, n in entries if uid == user.id), None) or secrets.token_urlsafe(16)
    entries = [[user.id, nonce]] + [e for e in entries if e[0] != user.id]
    response.set_cookie(
        current_app.config["RESOKIT_DEVICE_COOKIE_NAME"],
        _serializer().dumps(entries[:MAX_ACCOUNTS]),
        max_age=_max_age(),
        httponly=True,
        secure=current_app.config["SESSION_COOKIE_SECURE"],
        samesite="Lax",
        path="/",
    )
    return response
