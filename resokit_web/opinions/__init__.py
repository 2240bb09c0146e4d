"""Opinion pieces (the method's "opiniestuk"): each member's own view on social
inclusion and the team's role, and a team text written together, live."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from flask_babel import lazy_gettext as _l

    from .. import markdown
    from ..activity.labels import ACTIONS, DESCRIBERS
    from ..core.nav import NavItem, register
    from . import demo  # noqa: F401  (registers the demo seeder)
    from .access import can_write_contribution
    from .describe import describe_contributions, describe_pieces
    from .views import bp

    app.register_blueprint(bp)
    markdown.init_app(app)
    register(app, NavItem("mindset", "opinions.list_pieces_view", _l("Opinion pieces"), order=10,
                          also_for=tuple(f"opinions.{name}" for name in (
                              "show_piece", "edit_team_text", "piece_history", "contribution_history",
                              "print_piece", "edit_my_contribution"))))
    app.jinja_env.globals.update(can_write_contribution=can_write_contribution)
    ACTIONS.update({
        "opinion.created": _l("%(who)s started an opinion piece"),
        "opinion.updated": _l("%(who)s worked on the team text of an opinion piece"),
        "opinion.merged": _l("%(who)s worked on the team text (merged with a colleague's change)"),
        "opinion.archived": _l("%(who)s archived an opinion piece"),
        "opinion.restored": _l("%(who)s brought an opinion piece back from the archive"),
        "opinion.reverted": _l("%(who)s restored an older version of a team text"),
        "opinion_contribution.created": _l("%(who)s wrote a personal contribution"),
        "opinion_contribution.updated": _l("%(who)s rewrote their personal contribution"),
        "opinion_contribution.merged": _l("%(who)s rewrote their personal contribution"),
        "opinion_contribution.reverted": _l("%(who)s restored an older version of their contribution"),
        "denied.not_author": _l("%(who)s was refused: not the author"),
    })
    DESCRIBERS["opinion"] = describe_pieces
    DESCRIBERS["opinion_contribution"] = describe_contributions
