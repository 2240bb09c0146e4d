"""Second factors: the security page, TOTP, recovery codes, passkeys, and the second
step of signing in (routes of the accounts blueprint)."""

from __future__ import annotations

from flask import Response, current_app, flash, g, jsonify, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup

from ..access import public, user_view
from ..core.urls import safe_next
from ..extensions import db, limiter
from ..public.poster import qr_svg
from . import devices, passkeys
from .forms import ConfirmPasswordForm, SecondFactorForm, TotpForm
from .passwords import verify_password
from .second_factor import (
    check_code,
    coordinates_somewhere,
    disable_totp,
    enable_totp,
    has_second_factor,
    new_recovery_codes,
    new_secret,
    pending_user,
    provisioning_uri,
    recovery_codes_left,
    required,
    valid_secret,
)
from .service import record_account
from .signin import complete
from .views import bp

_NEW_CODES = "new_recovery_codes"


def _security_page(totp_form=None, confirm_form=None, confirm_for: str = "", status: int = 200):
    user = current_user._get_current_object()
    secret = totp_form.secret.data if totp_form is not None and valid_secret(totp_form.secret.data) else new_secret()
    totp_form = totp_form or TotpForm(formdata=None, data={"secret": secret})
    totp_form.secret.data = secret
    return render_template(
        "accounts/security.html",
        user=user,
        totp_form=totp_form,
        secret_groups=[secret[i : i + 4] for i in range(0, len(secret), 4)],
        qr=Markup(qr_svg(provisioning_uri(user, secret))),
        # Each password box on the page; the one whose form was sent keeps its message.
        confirm=lambda which: (
            confirm_form if confirm_form is not None and which == confirm_for else ConfirmPasswordForm(formdata=None)
        ),
        new_codes=session.pop(_NEW_CODES, None),
        codes_left=recovery_codes_left(user),
        passkeys=passkeys.passkeys_of(user),
        must_keep_one=required() and coordinates_somewhere(user),
        next=request.values.get("next", ""),
    ), status


def _back(fallback: str = "accounts.security") -> Response:
    target = request.form.get("next")
    return redirect(safe_next(target, fallback) if target else url_for(fallback), code=303)


@bp.get("/account/security")
@user_view
def security():
    return _security_page()


@bp.post("/account/totp")
@user_view
def enable_totp_view():
    form = TotpForm()
    user = current_user._get_current_object()
    if form.validate() and not enable_totp(user, form.secret.data, form.code.data):
        form.code.errors.append(
            _("This code does not match. Check that your phone's clock is right and try the newest code.")
        )
    if form.errors:
        return _security_page(totp_form=form, status=422)
    session[_NEW_CODES] = new_recovery_codes(user)
    db.session.commit()
    flash(_("Sign-in with a code is on. Keep your recovery codes somewhere safe."), "success")
    return _back()


def _password_confirmed() -> tuple[bool, ConfirmPasswordForm]:
    form = ConfirmPasswordForm()
    if form.validate() and not verify_password(current_user.password_hash, form.password.data):
        form.password.errors.append(_("This is not your password."))
    return not form.errors, form


def _would_leave_none(removing_totp: bool = False, removing_passkey: bool = False) -> bool:
    """A coordinator where a second step is required keeps at least one factor."""
    if not (required() and coordinates_somewhere(current_user)):
        return False
    totp = current_user.totp_enabled_at is not None and not removing_totp
    keys = len(passkeys.passkeys_of(current_user)) - (1 if removing_passkey else 0)
    return not totp and keys <= 0


@bp.post("/account/totp/disable")
@user_view
def disable_totp_view():
    ok, form = _password_confirmed()
    if ok and _would_leave_none(removing_totp=True):
        form.password.errors.append(_("As a coordinator you need a second sign-in step. Add a passkey first."))
        ok = False
    if not ok:
        return _security_page(confirm_form=form, confirm_for="totp", status=422)
    disable_totp(current_user._get_current_object())
    db.session.commit()
    flash(_("Sign-in with a code is off."), "success")
    return _back()


@bp.post("/account/recovery-codes")
@user_view
def renew_recovery_codes():
    ok, form = _password_confirmed()
    if ok and not has_second_factor(current_user):
        form.password.errors.append(_("Recovery codes come with a second sign-in step. Turn one on first."))
        ok = False
    if not ok:
        return _security_page(confirm_form=form, confirm_for="codes", status=422)
    user = current_user._get_current_object()
    session[_NEW_CODES] = new_recovery_codes(user)
    record_account("recovery_codes.renewed", user)
    db.session.commit()
    flash(_("Here are your new recovery codes. The old ones no longer work."), "success")
    return _back()


# ---- Passkeys (JavaScript: the browser's WebAuthn API) --------------------------------------


def _json_body() -> dict:
    body = request.get_json(silent=True)
    return body if isinstance(body, dict) else {}


@bp.post("/account/passkeys/options")
@user_view
def passkey_registration_options():
    return Response(passkeys.registration_options(current_user), mimetype="application/json")


@bp.post("/account/passkeys")
@user_view
def add_passkey():
    body = _json_body()
    user = current_user._get_current_object()
    first = not has_second_factor(user)
    if passkeys.register(user, body.get("credential"), str(body.get("name") or "")) is None:
        return jsonify({"ok": False}), 422
    if first:
        session[_NEW_CODES] = new_recovery_codes(user)
    db.session.commit()
    flash(_("Your passkey is added."), "success")
    return jsonify({"ok": True, "redirect": safe_next(body.get("next"), "accounts.security")})


@bp.post("/account/passkeys/<int:passkey_id>/remove")
@user_view
def remove_passkey(passkey_id: int):
    ok, form = _password_confirmed()
    if ok and _would_leave_none(removing_passkey=True):
        form.password.errors.append(
            _("As a coordinator you need a second sign-in step. Turn on codes from an app first.")
        )
        ok = False
    if not ok:
        return _security_page(confirm_form=form, confirm_for=f"passkey-{passkey_id}", status=422)
    if not passkeys.remove(current_user._get_current_object(), passkey_id):
        return _security_page(status=404)
    db.session.commit()
    flash(_("The passkey is removed."), "success")
    return _back()


# ---- The second step of signing in -------------------------------------------------------


def _pending():
    if "resokit_pending" not in g:
        g.resokit_pending = pending_user()
    return g.resokit_pending


def _second_step_key() -> str:
    """Failed codes count per account and per device: a stranger who knows the password
    cannot block the owner's own browser (see devices.py)."""
    pending = _pending()
    if pending is None:
        return "second-factor:none"
    return f"second-factor:{pending[0].id}:{devices.nonce_for(pending[0]) or 'new'}"


def _second_step_allowance() -> str:
    return current_app.config["RESOKIT_SECOND_FACTOR_LIMIT"]


# One allowance for both ways of passing the second step (a code, a passkey).
second_step_limit = limiter.shared_limit(
    _second_step_allowance, scope="second-factor", key_func=_second_step_key, deduct_when=lambda r: r.status_code == 422
)


def _expired():
    flash(_("Signing in took too long. Please start again."), "info")
    return redirect(url_for("accounts.login"), code=303)


def _second_step_page(form, user, status: int = 200):
    return render_template(
        "accounts/second_factor.html",
        form=form,
        has_totp=user.totp_enabled_at is not None,
        has_passkeys=bool(passkeys.passkeys_of(user)),
    ), status


@bp.get("/login/second-factor")
@public
def second_factor_form():
    pending = _pending()
    if pending is None:
        return _expired()
    return _second_step_page(SecondFactorForm(), pending[0])


@bp.post("/login/second-factor")
@public
@second_step_limit
def check_second_factor():
    pending = _pending()
    if pending is None:
        return _expired()
    user, next_url = pending
    form = SecondFactorForm()
    kind = check_code(user, form.code.data) if form.validate() else None
    if kind is None:
        if not form.errors:
            form.code.errors.append(_("This code does not work. Codes from the app change every 30 seconds."))
        return _second_step_page(form, user, 422)
    db.session.commit()
    target = complete(user, next_url)
    if kind == "recovery":
        flash(
            _(
                "You used a recovery code; %(n)d are left. Make new ones on your security page if you run low.",
                n=recovery_codes_left(user),
            ),
            "info",
        )
    return redirect(target, code=303)


@bp.post("/login/passkey/options")
@public
def passkey_login_options():
    pending = _pending()
    if pending is None:
        return jsonify({"ok": False, "redirect": url_for("accounts.login")}), 401
    return Response(passkeys.authentication_options(pending[0]), mimetype="application/json")


@bp.post("/login/passkey")
@public
@second_step_limit
def passkey_login():
    pending = _pending()
    if pending is None:
        return jsonify({"ok": False, "redirect": url_for("accounts.login")}), 401
    user, next_url = pending
    body = _json_body()
    if not passkeys.authenticate(user, body.get("credential")):
        return jsonify({"ok": False}), 422
    db.session.commit()
    return jsonify({"ok": True, "redirect": complete(user, next_url)})
