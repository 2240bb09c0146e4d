"""Team sessions: the mindset block's facilitation tools run live, with phones joined by a code."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from flask_babel import lazy_gettext as _l

    from ..core.nav import Page, register_tool
    from . import demo  # noqa: F401  (registers the seeder)
    from .labels import FORMAT_TOOLS, NAV_LABELS, format_label
    from .nav import claims_for
    from .retention import Sweeper, init_cli
    from .service import sessions_figure
    from .views import bp

    sweeper = Sweeper()
    app.extensions["resokit_session_sweeper"] = sweeper

    @app.teardown_request
    def sweep_guests(error=None) -> None:
        from flask import request

        if error is None and request.blueprint == "sessions":
            sweeper.maybe_sweep()

    app.register_blueprint(bp)
    init_cli(app)
    for fmt, tool in FORMAT_TOOLS.items():
        # A session's and a summary's page are the same endpoint for every format: the
        # format's own page claims them (core/nav.py, Page.claims).
        pages = [Page(f"sessions.list_{fmt}", NAV_LABELS[fmt], claims=claims_for(fmt))]
        if fmt == "kletspot":
            pages.append(
                Page(
                    "sessions.list_cards",
                    _l("Our own cards"),
                    order=60,
                    also_for=("sessions.edit_card", "sessions.save_card_view", "sessions.card_history"),
                )
            )
        register_tool(app, tool, *pages, figure=sessions_figure(fmt))
    app.jinja_env.globals.update(format_label=format_label)
    _activity()


def _activity() -> None:
    """How the sessions' log lines read on the dashboard (grouped like the other areas')."""
    from flask_babel import lazy_gettext as _l

    from ..activity.labels import ACTIONS, DESCRIBERS
    from ..core.i18n import lazy_plural
    from .describe import describe_cards, describe_sessions

    ACTIONS.update(
        {
            "team_session.started": lazy_plural(
                "%(who)s started a team session", "%(who)s started %(num)d team sessions"
            ),
            "team_session.ended": lazy_plural("%(who)s ended a team session", "%(who)s ended %(num)d team sessions"),
            "team_session.opinion": _l("%(who)s turned a session's summary into an opinion piece"),
            "session_card.created": lazy_plural(
                "%(who)s put a question card in the jar", "%(who)s put %(num)d question cards in the jar"
            ),
            "session_card.updated": lazy_plural(
                "%(who)s changed a question card", "%(who)s changed %(num)d question cards"
            ),
            "session_card.merged": lazy_plural(
                "%(who)s changed a question card (merged with a colleague's change)",
                "%(who)s changed %(num)d question cards (merged with a colleague's change)",
            ),
            "session_card.archived": lazy_plural(
                "%(who)s took a question card out of the jar", "%(who)s took %(num)d question cards out of the jar"
            ),
            "session_card.restored": lazy_plural(
                "%(who)s put a question card back in the jar", "%(who)s put %(num)d question cards back in the jar"
            ),
            "session_card.reverted": lazy_plural(
                "%(who)s restored an older version of a question card",
                "%(who)s restored older versions of %(num)d question cards",
            ),
        }
    )
    DESCRIBERS["team_session"] = describe_sessions
    DESCRIBERS["session_card"] = describe_cards
