"""The public resident page ("buurtkaart burger"): residents add the places that matter
to them, without an account; coordinators set the page up and print a poster for it."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from flask_babel import lazy_gettext as _l

    from ..activity.labels import ACTIONS
    from ..core.i18n import lazy_plural
    from ..core.nav import Page, register_tool
    from ..orgs.models import Role
    from . import demo, embed  # noqa: F401  (registers the demo seeder; the embed routes on bp)
    from .categories import resident_label
    from .service import public_page_figure
    from .views import bp

    app.register_blueprint(bp)
    register_tool(
        app,
        "residents_map",
        Page(
            "public.show_settings",
            _l("Public page"),
            need=Role.coordinator,
            also_for=("public.show_poster", "public.save_embed_origins"),
            order=20,
        ),
        figure=public_page_figure,
    )
    app.jinja_env.globals.update(resident_label=resident_label)
    ACTIONS.update(
        {
            "treasure.proposed": lazy_plural("A resident proposed a place", "Residents proposed %(num)d places"),
            "public_page.updated": _l("%(who)s changed the public resident page"),
            "public_page.enabled": _l("%(who)s switched the public resident page on"),
            "public_page.disabled": _l("%(who)s switched the public resident page off"),
        }
    )
