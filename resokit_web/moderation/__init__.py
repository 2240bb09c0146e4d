"""Moderation: the team turns residents' proposals into treasures of the buurtkaart."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from flask_babel import lazy_gettext as _l

    from ..activity.labels import ACTIONS
    from ..core.i18n import lazy_plural
    from ..core.nav import Page, Todo, register_todo, register_tool
    from ..live import ACTION_LABELS
    from .forms import REJECT_REASONS
    from .service import waiting_count, waiting_figure, waiting_todo
    from .view_helpers import BADGE_ID, DECISIONS
    from .views import bp

    app.register_blueprint(bp)
    register_tool(
        app,
        "residents_map",
        Page(
            "moderation.show_queue",
            _l("Residents' places"),
            order=10,
            also_for=("moderation.show_proposal",),
            badge=waiting_count,
            badge_id=BADGE_ID,
            badge_event="proposal",
        ),
        figure=waiting_figure,
    )
    register_todo(app, Todo("moderation.waiting", waiting_todo, order=10))
    app.jinja_env.globals.update(
        decision_label=lambda code: str(DECISIONS.get(code, code)),
        reject_reason_label=lambda code: str(REJECT_REASONS.get(code, code)),
    )
    ACTIONS.update(
        {
            "treasure.accepted": lazy_plural(
                "%(who)s accepted a resident's place", "%(who)s accepted %(num)d residents' places"
            ),
            "treasure.rejected": lazy_plural(
                "%(who)s turned down a resident's place", "%(who)s turned down %(num)d residents' places"
            ),
            "treasure.resident_added": lazy_plural(
                "%(who)s added a resident's words to a treasure", "%(who)s added residents' words to %(num)d treasures"
            ),
            "treasure.duplicate": lazy_plural(
                "%(who)s filed a resident's place as already on the map",
                "%(who)s filed %(num)d residents' places as already on the map",
            ),
        }
    )
    # How these versions read in a treasure's history.
    ACTION_LABELS.update(
        {
            "proposed": _l("proposed by a resident"),
            "accepted": _l("accepted from a resident's proposal"),
            "rejected": _l("a resident's proposal turned down"),
            "resident_added": _l("a resident's words added"),
            "duplicate": _l("filed as already on the map"),
        }
    )
