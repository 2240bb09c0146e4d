from flask import Flask
from flask_babel import lazy_gettext as _l

from ..core.nav import NavItem, register
from .models import Role


def register_nav(app: Flask) -> None:
    register(app, NavItem("organisatie", "orgs.list_members", _l("Team and invitations"),
                          need=Role.coordinator, order=90))
    register(app, NavItem("organisatie", "orgs.audit_log", _l("Audit log"), need=Role.coordinator, order=95))
