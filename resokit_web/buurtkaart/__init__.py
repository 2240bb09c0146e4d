"""Buurtkaart: the organisation's living map of neighbourhood treasures."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from flask_babel import lazy_gettext as _l

    from ..activity.labels import ACTIONS, DESCRIBERS
    from ..core.nav import NavItem, register
    from .categories import KINDS, category_label, kind_label, kind_labels_json
    from .describe import describe_imports, describe_treasures
    from .views import bp
    from . import demo, import_views  # noqa: F401 - the demo seeder; the import routes on bp

    app.register_blueprint(bp)
    register(app, NavItem("buurt", "buurtkaart.show_map", _l("Neighbourhood map"), order=10,
                          also_for=("buurtkaart.show_treasure", "buurtkaart.edit_treasure",
                                    "buurtkaart.new_treasure", "buurtkaart.treasure_history",
                                    "buurtkaart.start_import", "buurtkaart.upload_import",
                                    "buurtkaart.show_import")))
    app.jinja_env.globals.update(kind_label=kind_label, category_label=category_label,
                                kind_labels_json=kind_labels_json, kind_codes=tuple(KINDS))
    ACTIONS.update({
        "treasure.created": _l("%(who)s added a treasure"),
        "treasure.updated": _l("%(who)s changed a treasure"),
        "treasure.merged": _l("%(who)s changed a treasure (merged with a colleague's change)"),
        "treasure.archived": _l("%(who)s archived a treasure"),
        "treasure.restored": _l("%(who)s put a treasure back on the map"),
        "treasure.reverted": _l("%(who)s restored an older version of a treasure"),
        "treasure.imported": _l("%(who)s imported treasures from a file"),
    })
    from ..live.push import register as register_push
    from .push import TreasureRows
    from .view_helpers import PAGE

    register_push(PAGE, TreasureRows())
    DESCRIBERS["treasure"] = describe_treasures
    DESCRIBERS["treasure_import"] = describe_imports
