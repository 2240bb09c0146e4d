from flask import Flask
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from ..core.nav import Page, register_tool
from .models import Organisation, Role
from .service import members, open_invitations


def team_figures(org: Organisation) -> list[str]:
    team, invitations = len(members(org)), len(open_invitations(org))
    return [
        ngettext("%(num)d team member", "%(num)d team members", team),
        ngettext("%(num)d open invitation", "%(num)d open invitations", invitations),
    ]


def register_nav(app: Flask) -> None:
    register_tool(
        app,
        "team",
        Page("orgs.list_members", _l("Team and invitations"), need=Role.coordinator),
        figure=team_figures,
    )
    register_tool(app, "audit", Page("orgs.audit_log", _l("Audit log"), need=Role.coordinator))
