"""Which format's page of the Mindset navigation a session's pages belong to."""

from __future__ import annotations

from collections.abc import Callable

from flask import g, request

from ..extensions import db
from .models import TeamSession

# The workspace's pages of one session (any format), with ``session_id`` in the URL.
SESSION_ENDPOINTS = frozenset(
    {
        "sessions.show_session",
        "sessions.show_summary",
        "sessions.next_step",
        "sessions.end_session_view",
        "sessions.add_note",
        "sessions.start_opinion",
    }
)


def session_format() -> str | None:
    """The format of the session the current page shows (None on other pages), one query
    per request at most."""
    if request.endpoint not in SESSION_ENDPOINTS or g.get("org") is None:
        return None
    if "_session_nav_format" not in g:
        session_id = (request.view_args or {}).get("session_id")
        fmt = None
        if isinstance(session_id, int):
            fmt = db.session.scalar(
                db.select(TeamSession.format).where(
                    TeamSession.id == session_id, TeamSession.organisation_id == g.org.id
                )
            )
        g._session_nav_format = fmt
    return g._session_nav_format


def claims_for(fmt: str) -> Callable[[], bool]:
    return lambda: session_format() == fmt
