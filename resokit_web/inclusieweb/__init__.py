"""The inclusieweb: a person's network drawn with them, kept as dated moments and compared."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from flask_babel import lazy_gettext as _l

    from ..activity.labels import ACTIONS, DESCRIBERS
    from ..core.i18n import lazy_plural
    from ..core.nav import Page, register_tool
    from ..live.events import MEMBER_ONLY_TYPES
    from ..orgs.models import Role
    from ..people import gdpr
    from ..people.view_helpers import ACCESS_WHAT
    from . import demo  # noqa: F401  (registers the seeder)
    from .labels import BONDS, CIRCLES, DOMAINS, FREQUENCIES, SUPPORTS, WISHES
    from .measures import percent
    from .service import erase_web, export_web, web_figures, web_summary
    from .view_helpers import describe_contacts
    from .views import bp

    MEMBER_ONLY_TYPES.update({"contact", "moment"})
    app.register_blueprint(bp)
    register_tool(
        app,
        "inclusion_web",
        Page(
            "inclusieweb.list_webs",
            _l("Inclusion webs"),
            need=Role.member,
            also_for=(
                "inclusieweb.show_web",
                "inclusieweb.compare_web",
                "inclusieweb.edit_contact",
                "inclusieweb.contact_history",
                "inclusieweb.archived_contacts",
            ),
        ),
        figure=web_figures,
    )
    DESCRIBERS["contact"] = describe_contacts  # the presence bar names the contact being edited
    gdpr.EXPORTERS.append(export_web)
    gdpr.ERASERS.append(erase_web)
    ACCESS_WHAT["inclusieweb"] = _l("inclusion web")
    app.jinja_env.globals.update(
        web_domains=DOMAINS,
        web_circles=CIRCLES,
        web_bonds=BONDS,
        web_supports=SUPPORTS,
        web_frequencies=FREQUENCIES,
        web_wishes=WISHES,
        web_percent=percent,
        web_summary=web_summary,
    )
    ACTIONS.update(
        {
            "contact.created": lazy_plural(
                "%(who)s added a contact to an inclusion web", "%(who)s added %(num)d contacts to inclusion webs"
            ),
            "contact.updated": lazy_plural(
                "%(who)s changed a contact in an inclusion web", "%(who)s changed %(num)d contacts in inclusion webs"
            ),
            "contact.moved": lazy_plural(
                "%(who)s moved a contact in an inclusion web", "%(who)s moved %(num)d contacts in inclusion webs"
            ),
            "contact.merged": lazy_plural(
                "%(who)s changed a contact in an inclusion web (merged with a colleague's change)",
                "%(who)s changed %(num)d contacts in inclusion webs (merged with a colleague's change)",
            ),
            "contact.archived": lazy_plural(
                "%(who)s archived a contact of an inclusion web", "%(who)s archived %(num)d contacts of inclusion webs"
            ),
            "contact.restored": lazy_plural(
                "%(who)s restored a contact of an inclusion web", "%(who)s restored %(num)d contacts of inclusion webs"
            ),
            "contact.reverted": lazy_plural(
                "%(who)s restored an older version of a contact", "%(who)s restored older versions of %(num)d contacts"
            ),
        }
    )
