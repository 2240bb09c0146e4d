"""Forgotten password, reset link, address verification (routes of the accounts blueprint)."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..access import public, user_view
from ..core.urls import safe_next
from ..extensions import db, limiter
from .forms import ForgotForm, PasswordResetForm
from .recovery import mark_verified, notify_password_changed, request_reset, reset_password, send_verification
from .service import end_session, normalise_email
from .tokens import user_for_reset, user_for_verify
from .views import bp


def _forgot_key() -> str:
    return "password-forgot:" + normalise_email(request.form.get("email", ""))


@bp.get("/password/forgot")
@public
def forgot_password():
    return render_template("accounts/forgot.html", form=ForgotForm())


@bp.post("/password/forgot")
@public
@limiter.limit(lambda: current_app.config["RESOKIT_RESET_LIMIT_IP"])
@limiter.limit(lambda: current_app.config["RESOKIT_RESET_LIMIT_ADDRESS"], key_func=_forgot_key)
def send_reset_link():
    form = ForgotForm()
    if not form.validate():
        return render_template("accounts/forgot.html", form=form), 422
    request_reset(form.email.data)
    # The same answer whether or not the address has an account.
    flash(
        _(
            "If an account exists for this address, a link to choose a new password is on its way. It works for one hour."
        ),
        "info",
    )
    return redirect(url_for("accounts.login"), code=303)


def _link_invalid(kind: str):
    return render_template("accounts/link_invalid.html", kind=kind), 404


@bp.get("/password/reset/<token>")
@public
def reset_password_form(token: str):
    user = user_for_reset(token)
    if user is None:
        return _link_invalid("reset")
    return render_template("accounts/reset.html", form=PasswordResetForm(), token=token, user=user)


@bp.post("/password/reset/<token>")
@public
@limiter.limit(lambda: current_app.config["RESOKIT_RESET_LIMIT_IP"])
def reset_password_view(token: str):
    user = user_for_reset(token)
    if user is None:
        return _link_invalid("reset")
    form = PasswordResetForm()
    form.user_inputs = (user.email, user.display_name)
    if not form.validate():
        return render_template("accounts/reset.html", form=form, token=token, user=user), 422
    reset_password(user, form.password.data)
    db.session.commit()
    notify_password_changed(user)
    if current_user.is_authenticated:
        end_session()  # this browser signs in again too, with the new password
    flash(_("Your password is changed and every device is signed out. Sign in with your new password."), "success")
    return redirect(url_for("accounts.login"), code=303)


@bp.get("/verify/<token>")
@public
def verify_email(token: str):
    user = user_for_verify(token)
    if user is None:
        return _link_invalid("verify")
    mark_verified(user)
    db.session.commit()
    return render_template("accounts/verified.html", user=user)


@bp.post("/account/verification")
@user_view
@limiter.limit("5 per hour", key_func=lambda: f"verify-mail:{current_user.id}")
def resend_verification():
    if current_user.email_verified_at is None:
        send_verification(current_user)
        flash(_("We sent a new link to %(email)s. It works for three days.", email=current_user.email), "info")
    return redirect(safe_next(request.form.get("next"), "accounts.account"), code=303)
