"""Partners and the partner map (the method's "buurtkaart organisatie"), and sharing the
map with other organisations to see a neighbourhood's whole network."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from flask_babel import lazy_gettext as _l

    from ..activity.labels import ACTIONS, DESCRIBERS
    from ..core.i18n import lazy_plural
    from ..core.nav import Page, Todo, register_todo, register_tool
    from ..orgs.models import Role
    from . import demo, map_views, share_views  # noqa: F401  (routes and the demo seeder register themselves)
    from .describe import describe_partners, describe_shares
    from .layout import wrap
    from .service import partner_figures, wanted_todo
    from .views import bp
    from .vocab import (
        MOVABLE_TO_ACTIVE,
        RELATIONS,
        formal_label,
        relation_label,
        sector_label,
        sector_short,
        strength_label,
    )

    app.register_blueprint(bp)
    register_tool(
        app,
        "partners",
        Page(
            "partners.list_partners",
            _l("Partners"),
            also_for=(
                "partners.show_partner",
                "partners.edit_partner",
                "partners.new_partner",
                "partners.partner_history",
            ),
        ),
        Page("partners.show_partner_map", _l("Partner map")),
        Page("partners.show_network", _l("Network"), also_for=("partners.show_shared_map",)),
        Page("partners.list_shares", _l("Sharing"), need=Role.coordinator),
        figure=partner_figures,
    )
    register_todo(app, Todo("partners.wanted", wanted_todo, order=30))
    app.jinja_env.globals.update(
        sector_label=sector_label,
        sector_short=sector_short,
        relation_label=relation_label,
        strength_label=strength_label,
        formal_label=formal_label,
        partner_relations=RELATIONS,
        movable_to_active=MOVABLE_TO_ACTIVE,
        map_wrap=wrap,
    )
    ACTIONS.update(
        {
            "partner.created": lazy_plural("%(who)s added a partner", "%(who)s added %(num)d partners"),
            "partner.updated": lazy_plural("%(who)s changed a partner", "%(who)s changed %(num)d partners"),
            "partner.merged": lazy_plural(
                "%(who)s changed a partner (merged with a colleague's change)",
                "%(who)s changed %(num)d partners (merged with a colleague's change)",
            ),
            "partner.archived": lazy_plural("%(who)s archived a partner", "%(who)s archived %(num)d partners"),
            "partner.restored": lazy_plural(
                "%(who)s put a partner back on the list", "%(who)s put %(num)d partners back on the list"
            ),
            "partner.reverted": lazy_plural(
                "%(who)s restored an older version of a partner", "%(who)s restored older versions of %(num)d partners"
            ),
            "share.created": _l("%(who)s shared the partner map"),
            "share.received": _l("A partner map was shared with your organisation"),
            "share.revoked": _l("%(who)s stopped sharing the partner map"),
            "share.withdrawn": _l("A partner map is no longer shared with your organisation"),
            "share.hidden": _l("%(who)s hid a shared partner map"),
            "share.shown": _l("%(who)s showed a shared partner map again"),
        }
    )
    from ..live.push import register as register_push
    from .push import PartnerRows
    from .view_helpers import PAGE

    register_push(PAGE, PartnerRows())
    DESCRIBERS["partner"] = describe_partners
    DESCRIBERS["share"] = describe_shares
