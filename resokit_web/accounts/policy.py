"""Who may create an account and who may start an organisation on this installation.

``RESOKIT_SIGNUP``:

* ``open`` (default): anyone creates an account; an account with a confirmed e-mail
  address starts organisations (a few a day).
* ``invite``: an account is created only through an invitation link; existing accounts
  still start organisations.
* ``off``: no new accounts through the web (``flask user create`` makes them) and no new
  organisations; invitations work for people who already have an account.
"""

from __future__ import annotations

import re

from flask import current_app

from ..orgs.models import Invitation
from ..orgs.service import find_invitation
from .models import User

SIGNUP_MODES = ("open", "invite", "off")
_JOIN_PATH = re.compile(r"^/join/([A-Za-z0-9_-]{10,100})$")


def signup_mode() -> str:
    return current_app.config["RESOKIT_SIGNUP"]


def invitation_for(next_url: str | None) -> Invitation | None:
    """The open invitation a sign-up came from (its ``next`` is ``/join/<token>``)."""
    match = _JOIN_PATH.match(next_url or "")
    invitation = find_invitation(match.group(1)) if match else None
    return invitation if invitation is not None and invitation.is_open else None


def may_sign_up(next_url: str | None) -> bool:
    mode = signup_mode()
    return mode == "open" or (mode == "invite" and invitation_for(next_url) is not None)


def why_not_start_organisation(user: User) -> str | None:
    """None when ``user`` may start an organisation now; else "off" or "unverified"."""
    if signup_mode() == "off":
        return "off"
    if user.email_verified_at is None:
        return "unverified"
    return None
