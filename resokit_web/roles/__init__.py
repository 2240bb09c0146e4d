"""Socially valued roles, suggestions for a person, and matches followed on a board."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from flask_babel import lazy_gettext as _l

    from ..activity.labels import ACTIONS, DESCRIBERS
    from ..core.nav import NavItem, register
    from ..orgs.models import Role
    from . import demo  # noqa: F401  (registers the seeder)
    from .describe import describe_matches, describe_roles
    from .labels import OUTCOME_LABELS, outcome_label, role_status_label, stage_label
    from .views import bp

    app.register_blueprint(bp)
    register(app, NavItem("burger", "roles.list_roles", _l("Roles"), need=Role.viewer, order=30,
                          also_for=("roles.show_role", "roles.new_role", "roles.edit_role", "roles.role_history")))
    register(app, NavItem("burger", "roles.show_board", _l("Matches"), need=Role.member, order=40,
                          also_for=("roles.show_match", "roles.match_history")))
    app.jinja_env.globals.update(stage_label=stage_label, outcome_label=outcome_label,
                                 role_status_label=role_status_label, outcome_labels=OUTCOME_LABELS)
    ACTIONS.update({
        "role.created": _l("%(who)s added a role"),
        "role.updated": _l("%(who)s changed a role"),
        "role.merged": _l("%(who)s changed a role (merged with a colleague's change)"),
        "role.archived": _l("%(who)s archived a role"),
        "role.restored": _l("%(who)s opened a role again"),
        "role.reverted": _l("%(who)s restored an older version of a role"),
        "match.created": _l("%(who)s proposed a match"),
        "match.moved": _l("%(who)s moved a match to another stage"),
        "match.updated": _l("%(who)s changed a match"),
        "match.merged": _l("%(who)s changed a match (merged with a colleague's change)"),
    })
    DESCRIBERS["role"] = describe_roles
    DESCRIBERS["match"] = describe_matches
