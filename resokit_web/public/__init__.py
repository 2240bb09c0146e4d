"""The public resident page ("buurtkaart burger"): residents add the places that matter
to them, without an account; coordinators set the page up and print a poster for it."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from flask_babel import lazy_gettext as _l

    from ..activity.labels import ACTIONS
    from ..core.nav import NavItem, register
    from ..orgs.models import Role
    from . import demo  # noqa: F401  (registers the demo seeder)
    from .categories import resident_label
    from .views import bp

    app.register_blueprint(bp)
    register(app, NavItem("organisatie", "public.show_settings", _l("Settings"), need=Role.coordinator,
                          order=80, also_for=("public.show_poster",)))
    app.jinja_env.globals.update(resident_label=resident_label)
    ACTIONS.update({
        "treasure.proposed": _l("A resident proposed a place"),
        "public_page.updated": _l("%(who)s changed the public resident page"),
        "public_page.enabled": _l("%(who)s switched the public resident page on"),
        "public_page.disabled": _l("%(who)s switched the public resident page off"),
    })
