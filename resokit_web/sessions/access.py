"""Who may do what in a session.

In the workspace: the organisation's guard (``org_view``) and, to move a session on, being
its facilitator (who started it) or a coordinator. On ``/s/<code>``: the session found by
its code, and the visitor's seat in it: a team member signed in, or a guest whose seat
lives in their own browser session for this one session only (never an account, never a
way into ``/o/<slug>/``).
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import sqlalchemy as sa
from flask import g, make_response, render_template
from flask_babel import gettext as _
from flask_login import current_user

from ..access import can, scoped_get_or_404
from ..extensions import db
from ..orgs.models import Membership, Organisation, Role
from .models import TeamCard, TeamSession
from .service import guest_participant, member_participant, session_by_code


def get_session_or_404(session_id: int) -> TeamSession:
    return scoped_get_or_404(TeamSession, session_id)


def get_card_or_404(card_id: int) -> TeamCard:
    return scoped_get_or_404(TeamCard, card_id)


def can_facilitate(sess: TeamSession) -> bool:
    return can(Role.coordinator) or (
        current_user.is_authenticated and can(Role.member) and sess.created_by_id == current_user.id
    )


def team_membership(sess: TeamSession) -> Membership | None:
    """The signed-in visitor's membership of the session's organisation (any role)."""
    if not current_user.is_authenticated:
        return None
    return db.session.scalar(
        sa.select(Membership).where(
            Membership.organisation_id == sess.organisation_id, Membership.user_id == current_user.id
        )
    )


def participant_view(view: Callable) -> Callable:
    """A view on ``/s/<code>``: ``g.team_session``, ``g.session_org``, ``g.team_member``
    (the visitor's membership, if any) and ``g.participant`` (their seat, if they joined)."""

    @functools.wraps(view)
    def wrapped(code: str, **kwargs):
        sess = session_by_code(code)
        if sess is None:
            message = _("No session has this code. Check the code on the shared screen and try again.")
            return make_response(render_template("sessions/message.html", message=message), 404)
        g.team_session = sess
        g.session_org = db.session.get(Organisation, sess.organisation_id)
        g.team_member = team_membership(sess)
        if g.team_member is not None:
            g.participant = member_participant(sess, current_user.id)
        else:
            g.participant = guest_participant(sess)
        return view(**kwargs)

    # Guarded by the session's code and the seat (route inventory: neither public nor org).
    wrapped.resokit_access = "session"
    return wrapped
