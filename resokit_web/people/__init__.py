"""People and their talentenkaart: pseudonymous profiles with consent, privacy by design."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from flask_babel import lazy_gettext as _l

    from ..activity.labels import ACTIONS, DESCRIBERS
    from ..core.i18n import lazy_plural
    from ..core.nav import Page, register_tool
    from ..live import ACTION_LABELS
    from ..live.events import MEMBER_ONLY_TYPES
    from ..orgs.models import Role

    MEMBER_ONLY_TYPES.update({"person", "match"})
    from . import demo  # noqa: F401  (registers the seeder)
    from .cli import purge_command
    from .describe import describe_people
    from .domains import domain_label
    from .forms import SCOPE_LABELS
    from .service import people_figure
    from .view_helpers import ACCESS_LABELS, ACCESS_WHAT, STEP_TITLES
    from .views import bp

    app.register_blueprint(bp)
    app.cli.add_command(purge_command)
    register_tool(
        app,
        "talent_map",
        Page(
            "people.list_people",
            _l("People"),
            need=Role.member,
            also_for=(
                "people.show_person",
                "people.new_person",
                "people.edit_person",
                "people.show_talentenkaart",
                "people.edit_step",
                "people.person_history",
                "people.show_access_log",
                "people.confirm_erase",
                "people.privacy_settings",
                "roles.person_suggestions",
            ),
        ),
        figure=people_figure,
    )
    app.jinja_env.globals.update(
        domain_label=domain_label,
        scope_labels=SCOPE_LABELS,
        access_labels=ACCESS_LABELS,
        access_what=ACCESS_WHAT,
        step_titles=STEP_TITLES,
    )
    ACTION_LABELS.update(
        {
            "withdrawn": _l("consent withdrawn"),
            "consented": _l("consent recorded"),
            "moved": _l("moved to another stage"),
        }
    )
    ACTIONS.update(
        {
            "person.created": lazy_plural("%(who)s added a person", "%(who)s added %(num)d people"),
            "person.updated": lazy_plural(
                "%(who)s changed a person's profile", "%(who)s changed the profiles of %(num)d people"
            ),
            "person.merged": lazy_plural(
                "%(who)s changed a person's profile (merged with a colleague's change)",
                "%(who)s changed the profiles of %(num)d people (merged with a colleague's change)",
            ),
            "person.reverted": lazy_plural(
                "%(who)s restored an older version of a person's profile",
                "%(who)s restored older profiles of %(num)d people",
            ),
            "person.withdrawn": _l("%(who)s recorded that a person withdrew their consent"),
            "person.consented": _l("%(who)s recorded a person's new consent"),
            "person.erased": _l("%(who)s erased a person and all their data"),
            "person.purged": _l("A person was erased after the retention period"),
        }
    )
    DESCRIBERS["person"] = describe_people
