"""Partners and the partner map (the method's "buurtkaart organisatie"), and sharing the
map with other organisations to see a neighbourhood's whole network."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from flask_babel import lazy_gettext as _l

    from ..activity.labels import ACTIONS, DESCRIBERS
    from ..core.nav import NavItem, register
    from ..orgs.models import Role
    from . import demo, map_views, share_views  # noqa: F401  (routes and the demo seeder register themselves)
    from .describe import describe_partners, describe_shares
    from .layout import wrap
    from .views import bp
    from .vocab import (MOVABLE_TO_ACTIVE, RELATIONS, formal_label, relation_label, sector_label, sector_short,
                        strength_label)

    app.register_blueprint(bp)
    register(app, NavItem("organisatie", "partners.list_partners", _l("Partners"), order=20,
                          also_for=("partners.show_partner", "partners.edit_partner", "partners.new_partner",
                                    "partners.partner_history")))
    register(app, NavItem("organisatie", "partners.show_partner_map", _l("Partner map"), order=21))
    register(app, NavItem("organisatie", "partners.show_network", _l("Network"), order=22,
                          also_for=("partners.show_shared_map",)))
    register(app, NavItem("organisatie", "partners.list_shares", _l("Sharing"), need=Role.coordinator, order=23))
    app.jinja_env.globals.update(
        sector_label=sector_label, sector_short=sector_short, relation_label=relation_label,
        strength_label=strength_label, formal_label=formal_label, partner_relations=RELATIONS,
        movable_to_active=MOVABLE_TO_ACTIVE, map_wrap=wrap)
    ACTIONS.update({
        "partner.created": _l("%(who)s added a partner"),
        "partner.updated": _l("%(who)s changed a partner"),
        "partner.merged": _l("%(who)s changed a partner (merged with a colleague's change)"),
        "partner.archived": _l("%(who)s archived a partner"),
        "partner.restored": _l("%(who)s put a partner back on the list"),
        "partner.reverted": _l("%(who)s restored an older version of a partner"),
        "share.created": _l("%(who)s shared the partner map"),
        "share.received": _l("A partner map was shared with your organisation"),
        "share.revoked": _l("%(who)s stopped sharing the partner map"),
        "share.withdrawn": _l("A partner map is no longer shared with your organisation"),
        "share.hidden": _l("%(who)s hid a shared partner map"),
        "share.shown": _l("%(who)s showed a shared partner map again"),
    })
    from ..live.push import register as register_push
    from .push import PartnerRows
    from .view_helpers import PAGE

    register_push(PAGE, PartnerRows())
    DESCRIBERS["partner"] = describe_partners
    DESCRIBERS["share"] = describe_shares
