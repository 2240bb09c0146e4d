"""Passkeys (WebAuthn, with the ``webauthn`` library) as a second sign-in step.

The relying party is this site as the browser sees it: its host name (behind a proxy,
as ProxyFix reconstructs it) and its origin. Each ceremony's challenge waits in the
signed-in or pending session and is used once.
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

import sqlalchemy as sa
from flask import request, session
from webauthn import (
    generate_authentication_options,
    generate_registration_options,
    options_to_json,
    verify_authentication_response,
    verify_registration_response,
)
from webauthn.helpers.exceptions import WebAuthnException
from webauthn.helpers.structs import (
    AuthenticatorSelectionCriteria,
    PublicKeyCredentialDescriptor,
    ResidentKeyRequirement,
    UserVerificationRequirement,
)

from ..extensions import db, utcnow
from .models import User
from .second_factor import has_second_factor, refresh_flag
from .security_models import Passkey, RecoveryCode
from .service import record_account

RP_NAME = "Resokit"
_REGISTER = "webauthn_register"
_LOGIN = "webauthn_login"
MAX_PASSKEYS = 10


def _rp_id() -> str:
    return request.host.rsplit(":", 1)[0] if not request.host.endswith("]") else request.host


def _origin() -> str:
    return request.host_url.rstrip("/")


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def passkeys_of(user: User) -> list[Passkey]:
    return list(db.session.scalars(sa.select(Passkey).where(Passkey.user_id == user.id).order_by(Passkey.created_at)))


def registration_options(user: User) -> str:
    options = generate_registration_options(
        rp_id=_rp_id(),
        rp_name=RP_NAME,
        user_id=f"resokit-user-{user.id}".encode(),
        user_name=user.email,
        user_display_name=user.display_name,
        exclude_credentials=[PublicKeyCredentialDescriptor(id=p.credential_id) for p in passkeys_of(user)],
        authenticator_selection=AuthenticatorSelectionCriteria(
            resident_key=ResidentKeyRequirement.PREFERRED, user_verification=UserVerificationRequirement.PREFERRED
        ),
    )
    session[_REGISTER] = _b64(options.challenge)
    return options_to_json(options)


def _credential(raw: Any) -> dict | None:
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except ValueError:
            return None
    return raw if isinstance(raw, dict) and isinstance(raw.get("id"), str) and len(raw["id"]) < 1400 else None


def register(user: User, raw_credential: Any, name: str) -> Passkey | None:
    """Verify the browser's answer to :func:`registration_options` and keep the key."""
    challenge = session.pop(_REGISTER, None)
    credential = _credential(raw_credential)
    if not challenge or credential is None or len(passkeys_of(user)) >= MAX_PASSKEYS:
        return None
    try:
        verified = verify_registration_response(
            credential=credential,
            expected_challenge=_unb64(challenge),
            expected_rp_id=_rp_id(),
            expected_origin=_origin(),
        )
    except (WebAuthnException, ValueError, KeyError, TypeError, binascii.Error):
        return None
    if db.session.scalar(sa.select(Passkey.id).where(Passkey.credential_id == verified.credential_id)):
        return None
    passkey = Passkey(
        user_id=user.id,
        credential_id=verified.credential_id,
        public_key=verified.credential_public_key,
        sign_count=verified.sign_count,
        name=(name or "").strip()[:80],
        created_at=utcnow(),
    )
    db.session.add(passkey)
    db.session.flush()
    refresh_flag(user)
    record_account("passkey.added", user)
    return passkey


def authentication_options(user: User) -> str:
    options = generate_authentication_options(
        rp_id=_rp_id(),
        allow_credentials=[PublicKeyCredentialDescriptor(id=p.credential_id) for p in passkeys_of(user)],
        user_verification=UserVerificationRequirement.PREFERRED,
    )
    session[_LOGIN] = _b64(options.challenge)
    return options_to_json(options)


def authenticate(user: User, raw_credential: Any) -> bool:
    """Does the browser's answer prove one of ``user``'s passkeys? Updates its counter."""
    challenge = session.pop(_LOGIN, None)
    credential = _credential(raw_credential)
    if not challenge or credential is None:
        return False
    try:
        credential_id = _unb64(credential["id"])
    except (ValueError, binascii.Error):
        return False
    passkey = db.session.scalar(
        sa.select(Passkey).where(Passkey.user_id == user.id, Passkey.credential_id == credential_id)
    )
    if passkey is None:
        return False
    try:
        verified = verify_authentication_response(
            credential=credential,
            expected_challenge=_unb64(challenge),
            expected_rp_id=_rp_id(),
            expected_origin=_origin(),
            credential_public_key=passkey.public_key,
            credential_current_sign_count=passkey.sign_count,
        )
    except (WebAuthnException, ValueError, KeyError, TypeError, binascii.Error):
        return False
    passkey.sign_count, passkey.last_used_at = verified.new_sign_count, utcnow()
    return True


def remove(user: User, passkey_id: int) -> bool:
    removed = db.session.execute(
        sa.delete(Passkey).where(Passkey.id == passkey_id, Passkey.user_id == user.id)
    ).rowcount
    if removed:
        refresh_flag(user)
        if not has_second_factor(user):
            db.session.execute(sa.delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
        record_account("passkey.removed", user)
    return bool(removed)
