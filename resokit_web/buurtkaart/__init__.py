"""Buurtkaart: the organisation's living map of neighbourhood treasures."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from flask_babel import lazy_gettext as _l

    from ..activity.labels import ACTIONS, DESCRIBERS
    from ..core.i18n import lazy_plural
    from ..core.nav import Page, register_tool
    from . import demo, import_views, print_views  # noqa: F401 - the demo seeder; the import and print routes on bp
    from .categories import KINDS, category_label, kind_label, kind_labels_json
    from .describe import describe_imports, describe_treasures
    from .service import treasure_figure
    from .views import bp

    app.register_blueprint(bp)
    register_tool(
        app,
        "treasures",
        Page(
            "buurtkaart.show_map",
            _l("Neighbourhood map"),
            also_for=(
                "buurtkaart.show_treasure",
                "buurtkaart.edit_treasure",
                "buurtkaart.new_treasure",
                "buurtkaart.treasure_history",
                "buurtkaart.start_import",
                "buurtkaart.upload_import",
                "buurtkaart.show_import",
                "buurtkaart.print_map",
            ),
        ),
        figure=treasure_figure,
    )
    app.jinja_env.globals.update(
        kind_label=kind_label, category_label=category_label, kind_labels_json=kind_labels_json, kind_codes=tuple(KINDS)
    )
    ACTIONS.update(
        {
            "treasure.created": lazy_plural("%(who)s added a treasure", "%(who)s added %(num)d treasures"),
            "treasure.updated": lazy_plural("%(who)s changed a treasure", "%(who)s changed %(num)d treasures"),
            "treasure.merged": lazy_plural(
                "%(who)s changed a treasure (merged with a colleague's change)",
                "%(who)s changed %(num)d treasures (merged with a colleague's change)",
            ),
            "treasure.archived": lazy_plural("%(who)s archived a treasure", "%(who)s archived %(num)d treasures"),
            "treasure.restored": lazy_plural(
                "%(who)s put a treasure back on the map", "%(who)s put %(num)d treasures back on the map"
            ),
            "treasure.reverted": lazy_plural(
                "%(who)s restored an older version of a treasure",
                "%(who)s restored older versions of %(num)d treasures",
            ),
            "treasure.imported": _l("%(who)s imported treasures from a file"),
        }
    )
    from ..live.push import register as register_push
    from .push import TreasureRows
    from .view_helpers import PAGE

    register_push(PAGE, TreasureRows())
    DESCRIBERS["treasure"] = describe_treasures
    DESCRIBERS["treasure_import"] = describe_imports
