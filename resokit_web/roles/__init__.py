"""Socially valued roles, suggestions for a person, and matches followed on a board."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from flask_babel import lazy_gettext as _l

    from ..activity.labels import ACTIONS, DESCRIBERS
    from ..core.i18n import lazy_plural
    from ..core.nav import Page, Todo, register_todo, register_tool
    from ..orgs.models import Role
    from . import demo  # noqa: F401  (registers the seeder)
    from .describe import describe_matches, describe_roles
    from .labels import OUTCOME_LABELS, outcome_label, role_status_label, stage_label
    from .service import role_figures, stalled_todo
    from .views import bp

    app.register_blueprint(bp)
    register_tool(
        app,
        "valued_roles",
        Page(
            "roles.list_roles",
            _l("Roles"),
            also_for=("roles.show_role", "roles.new_role", "roles.edit_role", "roles.role_history"),
        ),
        Page("roles.show_board", _l("Matches"), need=Role.member, also_for=("roles.show_match", "roles.match_history")),
        figure=role_figures,
    )
    register_todo(app, Todo("roles.stalled", stalled_todo, need=Role.member, order=20))
    app.jinja_env.globals.update(
        stage_label=stage_label,
        outcome_label=outcome_label,
        role_status_label=role_status_label,
        outcome_labels=OUTCOME_LABELS,
    )
    ACTIONS.update(
        {
            "role.created": lazy_plural("%(who)s added a role", "%(who)s added %(num)d roles"),
            "role.updated": lazy_plural("%(who)s changed a role", "%(who)s changed %(num)d roles"),
            "role.merged": lazy_plural(
                "%(who)s changed a role (merged with a colleague's change)",
                "%(who)s changed %(num)d roles (merged with a colleague's change)",
            ),
            "role.archived": lazy_plural("%(who)s archived a role", "%(who)s archived %(num)d roles"),
            "role.restored": lazy_plural("%(who)s opened a role again", "%(who)s opened %(num)d roles again"),
            "role.reverted": lazy_plural(
                "%(who)s restored an older version of a role", "%(who)s restored older versions of %(num)d roles"
            ),
            "match.created": lazy_plural("%(who)s proposed a match", "%(who)s proposed %(num)d matches"),
            "match.moved": lazy_plural(
                "%(who)s moved a match to another stage", "%(who)s moved %(num)d matches to another stage"
            ),
            "match.updated": lazy_plural("%(who)s changed a match", "%(who)s changed %(num)d matches"),
            "match.merged": lazy_plural(
                "%(who)s changed a match (merged with a colleague's change)",
                "%(who)s changed %(num)d matches (merged with a colleague's change)",
            ),
        }
    )
    DESCRIBERS["role"] = describe_roles
    DESCRIBERS["match"] = describe_matches
