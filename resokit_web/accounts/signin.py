"""The end of signing in, shared by the password step and the second step."""

from __future__ import annotations

from flask import after_this_request, flash, redirect, url_for
from flask_babel import gettext as _

from ..core.urls import safe_next
from . import devices
from .models import User
from .second_factor import clear_pending, coordinates_somewhere, has_second_factor, required, start_pending
from .service import start_session


def password_accepted(user: User, next_url: str):
    """After the right password: the second step if the account has one, else signed in."""
    if has_second_factor(user):
        start_pending(user, next_url)
        return redirect(url_for("accounts.second_factor_form"), code=303)
    return redirect(complete(user, next_url), code=303)


def complete(user: User, next_url: str) -> str:
    """Sign ``user`` in (a fresh session, a known device from now on); where to go next.

    A coordinator without a second step goes to set one up first where it is required,
    and is invited to where it is not."""
    clear_pending()
    start_session(user)
    after_this_request(lambda response: devices.remember(response, user))
    target = safe_next(next_url, "orgs.home")
    if not has_second_factor(user) and coordinates_somewhere(user):
        if required():
            flash(
                _(
                    "As a coordinator you see people's records and the audit log. Set up a second sign-in step "
                    "first; it takes a minute."
                ),
                "info",
            )
            return url_for("accounts.security", next=target)
        flash(_("Protect the records your team keeps: set up a second sign-in step on your security page."), "info")
    return target
