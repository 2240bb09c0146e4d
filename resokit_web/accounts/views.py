from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..access import public, user_view
from ..core.urls import safe_next
from ..extensions import db, limiter
from ..live.revisions import user_renamed
from ..orgs.service import accept_invitation
from . import devices
from .forms import LoginForm, PasswordForm, ProfileForm, SignupForm
from .passwords import hash_password, verify_password
from .policy import invitation_for, may_sign_up, signup_mode
from .recovery import mark_verified, notify_password_changed, send_verification
from .service import authenticate, create_user, end_all_sessions, end_session, find_user, normalise_email, start_session
from .signin import password_accepted

bp = Blueprint("accounts", __name__)


def _failed_login(response) -> bool:
    """Only failed attempts count towards the login limits."""
    return response.status_code != 303


def _account_key() -> str:
    return "login-account:" + normalise_email(request.form.get("email", ""))


@bp.get("/login")
@public
def login():
    if current_user.is_authenticated:
        return redirect(safe_next(request.args.get("next"), "orgs.home"))
    return render_template("accounts/login.html", form=LoginForm(), next=request.args.get("next", ""))


# A browser that signed in to the account before (its device cookie) is not held back by
# failures from elsewhere; its own failures count against that cookie (devices.py).
@bp.post("/login")
@public
@limiter.limit(
    lambda: current_app.config["RESOKIT_LOGIN_LIMIT_IP"], deduct_when=_failed_login, exempt_when=devices.known
)
@limiter.limit(
    lambda: current_app.config["RESOKIT_LOGIN_LIMIT_ACCOUNT"],
    key_func=_account_key,
    deduct_when=_failed_login,
    exempt_when=devices.known,
)
@limiter.limit(
    lambda: current_app.config["RESOKIT_LOGIN_LIMIT_DEVICE"],
    key_func=devices.limit_key,
    deduct_when=_failed_login,
    exempt_when=devices.unknown,
)
def do_login():
    form = LoginForm()
    next_url = request.form.get("next", "")
    if form.validate():
        user = authenticate(form.email.data, form.password.data)
        if user is not None:
            return password_accepted(user, next_url)
        form.password.errors.append(_("This e-mail address and password do not match an account."))
    return render_template("accounts/login.html", form=form, next=next_url), 422


@bp.post("/logout")
@user_view
def logout():
    end_session()
    flash(_("You are signed out."), "info")
    return redirect(url_for("accounts.login"), code=303)


def _signup_closed():
    return render_template("accounts/signup_closed.html", mode=signup_mode()), 403


@bp.get("/signup")
@public
def signup():
    next_url = request.args.get("next", "")
    if not may_sign_up(next_url):
        return _signup_closed()
    return render_template("accounts/signup.html", form=SignupForm(), next=next_url)


@bp.post("/signup")
@public
@limiter.limit("20 per hour", deduct_when=lambda r: r.status_code == 303)
def do_signup():
    form = SignupForm()
    next_url = request.form.get("next", "")
    if not may_sign_up(next_url):
        return _signup_closed()
    if form.validate():
        if find_user(form.email.data) is not None:
            form.email.errors.append(_("An account with this e-mail address already exists. Sign in instead."))
        else:
            user = create_user(form.email.data, form.password.data, form.display_name.data, locale=_current_language())
            invitation = invitation_for(next_url)
            if signup_mode() == "invite":
                # The invitation is the ticket in, used at once: one link opens one account.
                db.session.flush()
                if accept_invitation(invitation, user) is None:
                    return _signup_closed()
                next_url = url_for("orgs.dashboard", slug=invitation.organisation.slug)
            # An invitation mailed to this very address proves it; otherwise we ask.
            proven = invitation is not None and invitation.email == user.email
            if proven:
                mark_verified(user)
            db.session.commit()
            start_session(user)
            if proven:
                flash(_("Welcome! Your account is ready."), "success")
            else:
                send_verification(user)
                flash(
                    _(
                        "Welcome! Your account is ready. We sent a link to %(email)s to confirm the address.",
                        email=user.email,
                    ),
                    "success",
                )
            return redirect(safe_next(next_url, "orgs.list_orgs"), code=303)
    return render_template("accounts/signup.html", form=form, next=next_url), 422


def _current_language() -> str:
    from flask_babel import get_locale

    return str(get_locale())


@bp.get("/account")
@user_view
def account():
    return render_template("accounts/account.html", profile=ProfileForm(obj=current_user), password=PasswordForm())


@bp.post("/account")
@user_view
def update_account():
    profile = ProfileForm()
    if profile.validate():
        if current_user.display_name != profile.display_name.data:
            user_renamed(current_user.id)
        current_user.display_name = profile.display_name.data
        current_user.locale = profile.locale.data
        db.session.commit()
        flash(_("Your settings are saved."), "success")
        return redirect(url_for("accounts.account"), code=303)
    return render_template("accounts/account.html", profile=profile, password=PasswordForm()), 422


@bp.post("/account/password")
@user_view
def change_password():
    form = PasswordForm()
    form.user_inputs = (current_user.email, current_user.display_name)
    if form.validate():
        if not verify_password(current_user.password_hash, form.current_password.data):
            form.current_password.errors.append(_("This is not your current password."))
        else:
            user = current_user._get_current_object()
            user.password_hash = hash_password(form.new_password.data)
            end_all_sessions(user)  # other devices are signed out
            db.session.commit()
            db.session.refresh(user)
            start_session(user)
            notify_password_changed(user)
            flash(_("Your password is changed. Other devices have been signed out."), "success")
            return redirect(url_for("accounts.account"), code=303)
    return render_template("accounts/account.html", profile=ProfileForm(obj=current_user), password=form), 422
