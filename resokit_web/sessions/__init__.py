"""Team sessions: the mindset block's facilitation tools run live, with phones joined by a code."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from flask_babel import lazy_gettext as _l

    from ..core.nav import Page, register_tool
    from . import demo  # noqa: F401  (registers the seeder)
    from .labels import FORMAT_LABELS, FORMAT_TOOLS, format_label
    from .service import sessions_figure
    from .views import bp

    # Per address and session (a whole room behind one wifi joins), and per visitor.
    app.config.setdefault("RESOKIT_SESSION_JOIN_LIMIT", "60 per minute;200 per hour")
    app.config.setdefault("RESOKIT_SESSION_ANSWER_LIMIT", "20 per minute")
    app.config.setdefault("RESOKIT_SESSION_MISS_LIMIT", "20 per minute;100 per hour")
    app.register_blueprint(bp)
    for fmt, tool in FORMAT_TOOLS.items():
        pages = [Page(f"sessions.list_{fmt}", FORMAT_LABELS[fmt])]
        if fmt == "kletspot":
            pages.append(Page("sessions.list_cards", _l("Our own cards"), order=60))
        register_tool(app, tool, *pages, figure=sessions_figure(fmt))
    app.jinja_env.globals.update(format_label=format_label)
