"""Team sessions: the mindset block's facilitation tools run live, with phones joined by a code."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from flask_babel import lazy_gettext as _l

    from ..core.nav import Page, register_tool
    from ..orgs.models import Role
    from . import demo  # noqa: F401  (registers the seeder)
    from .labels import FORMAT_TOOLS, format_label
    from .service import sessions_figure
    from .views import bp

    # Per address and session (a whole room behind one wifi joins), and per visitor.
    app.config.setdefault("RESOKIT_SESSION_JOIN_LIMIT", "60 per minute;200 per hour")
    app.config.setdefault("RESOKIT_SESSION_ANSWER_LIMIT", "20 per minute")
    app.register_blueprint(bp)
    also = ("sessions.show_session", "sessions.show_summary")
    register_tool(
        app,
        "chat_jar",
        Page("sessions.list_sessions", _l("Sessions"), values={"format": "kletspot"}, also_for=also),
        Page("sessions.list_cards", _l("Our own cards"), need=Role.viewer, order=60),
        figure=sessions_figure("kletspot"),
    )
    for fmt in ("speeddate", "inclusietafels", "wandeling", "ontmoeting"):
        register_tool(
            app,
            FORMAT_TOOLS[fmt],
            Page("sessions.list_sessions", _l("Sessions"), values={"format": fmt}, also_for=also),
            figure=sessions_figure(fmt),
        )
    app.jinja_env.globals.update(format_label=format_label)
