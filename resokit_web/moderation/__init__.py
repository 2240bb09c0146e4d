"""Moderation: the team turns residents' proposals into treasures of the buurtkaart."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from flask_babel import lazy_gettext as _l

    from ..activity.labels import ACTIONS
    from ..core.nav import NavItem, register
    from ..live import ACTION_LABELS
    from ..orgs.models import Role
    from .forms import REJECT_REASONS
    from .service import waiting_count
    from .view_helpers import BADGE_ID, DECISIONS
    from .views import bp

    app.register_blueprint(bp)
    register(app, NavItem("burger", "moderation.show_queue", _l("Residents' places"), need=Role.viewer, order=20,
                          also_for=("moderation.show_proposal",), badge=waiting_count, badge_id=BADGE_ID,
                          badge_event="proposal"))
    app.jinja_env.globals.update(decision_label=lambda code: str(DECISIONS.get(code, code)),
                                 reject_reason_label=lambda code: str(REJECT_REASONS.get(code, code)))
    ACTIONS.update({
        "treasure.accepted": _l("%(who)s accepted a resident's place"),
        "treasure.rejected": _l("%(who)s turned down a resident's place"),
        "treasure.resident_added": _l("%(who)s added a resident's words to a treasure"),
        "treasure.duplicate": _l("%(who)s filed a resident's place as already on the map"),
    })
    # How these versions read in a treasure's history.
    ACTION_LABELS.update({
        "proposed": _l("proposed by a resident"),
        "accepted": _l("accepted from a resident's proposal"),
        "rejected": _l("a resident's proposal turned down"),
        "resident_added": _l("a resident's words added"),
        "duplicate": _l("filed as already on the map"),
    })
