"""Opinion pieces (the method's "opiniestuk"): each member's own view on social
inclusion and the team's role, and a team text written together, live."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from flask_babel import lazy_gettext as _l

    from .. import markdown
    from ..activity.labels import ACTIONS, DESCRIBERS
    from ..core.bounded import checks_its_own_text
    from ..core.i18n import lazy_plural
    from ..core.nav import Page, register_tool
    from . import demo  # noqa: F401  (registers the demo seeder)
    from .access import can_write_contribution
    from .describe import describe_contributions, describe_pieces
    from .service import pieces_figure
    from .views import bp

    app.register_blueprint(bp)
    checks_its_own_text(
        app,
        *(f"opinions.{v}" for v in ("save_team_text", "save_draft", "save_my_contribution", "save_contribution_view")),
    )
    markdown.init_app(app)
    register_tool(
        app,
        "opinion_piece",
        Page(
            "opinions.list_pieces_view",
            _l("Opinion pieces"),
            also_for=tuple(
                f"opinions.{name}"
                for name in (
                    "show_piece",
                    "edit_team_text",
                    "piece_history",
                    "contribution_history",
                    "print_piece",
                    "edit_my_contribution",
                )
            ),
        ),
        figure=pieces_figure,
    )
    app.jinja_env.globals.update(can_write_contribution=can_write_contribution)
    ACTIONS.update(
        {
            "opinion.created": lazy_plural(
                "%(who)s started an opinion piece", "%(who)s started %(num)d opinion pieces"
            ),
            "opinion.updated": lazy_plural(
                "%(who)s worked on the team text of an opinion piece",
                "%(who)s worked on the team texts of %(num)d opinion pieces",
            ),
            "opinion.merged": _l("%(who)s worked on the team text (merged with a colleague's change)"),
            "opinion.archived": lazy_plural(
                "%(who)s archived an opinion piece", "%(who)s archived %(num)d opinion pieces"
            ),
            "opinion.restored": lazy_plural(
                "%(who)s brought an opinion piece back from the archive",
                "%(who)s brought %(num)d opinion pieces back from the archive",
            ),
            "opinion.reverted": _l("%(who)s restored an older version of a team text"),
            "opinion_contribution.created": lazy_plural(
                "%(who)s wrote a personal contribution", "%(who)s wrote %(num)d personal contributions"
            ),
            "opinion_contribution.updated": lazy_plural(
                "%(who)s rewrote their personal contribution",
                "%(who)s rewrote their personal contributions to %(num)d opinion pieces",
            ),
            "opinion_contribution.merged": lazy_plural(
                "%(who)s rewrote their personal contribution",
                "%(who)s rewrote their personal contributions to %(num)d opinion pieces",
            ),
            "opinion_contribution.reverted": _l("%(who)s restored an older version of their contribution"),
            "denied.not_author": _l("%(who)s was refused: not the author"),
        }
    )
    DESCRIBERS["opinion"] = describe_pieces
    DESCRIBERS["opinion_contribution"] = describe_contributions
