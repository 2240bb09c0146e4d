from __future__ import annotations

from flask import g
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ..live.diff import describe_history
from ..live.presence import editing_names_for
from ..live.versioning import SaveResult
from .forms import RoleForm
from .labels import outcome_label, role_status_label, stage_label
from .models import Match, SocialRole

PAGE = "roles"
BOARD = "matches"

ROLE_FIELD_LABELS = {
    "title": _l("Title"),
    "description": _l("Description"),
    "treasure_id": _l("Place"),
    "partner_id": _l("Partner"),
    "tags": _l("What it asks for"),
    "time": _l("Time and rhythm"),
    "status": _l("Status"),
}
MATCH_FIELD_LABELS = {"stage": _l("Stage"), "outcome": _l("Outcome"), "notes": _l("Notes")}

ROLE_DISPLAY = {"status": role_status_label}
MATCH_DISPLAY = {"stage": stage_label, "outcome": outcome_label}


def editing_names(org_id: int) -> dict[int, list[str]]:
    return editing_names_for(org_id, "role", exclude_user=current_user.id)


def row_context(role: SocialRole, show: str = "") -> dict:
    return {"role": role, "show": show, "editing": editing_names(g.org.id)}


def form_for(role: SocialRole) -> RoleForm:
    return RoleForm(
        formdata=None,
        data={
            "title": role.title,
            "description": role.description,
            "tags": ", ".join(role.tags or []),
            "treasure_id": str(role.treasure_id or ""),
            "partner_id": str(role.partner_id or ""),
            "time": role.time,
            "status": role.status if role.status != "archived" else "open",
        },
    )


def saved_message(result: SaveResult, what: str = "role") -> str:
    if result.status == "merged":
        return _("Saved. A colleague changed this at the same time; both changes are kept.")
    if result.status == "unchanged":
        return _("Nothing had changed, so nothing was saved.")
    return _("Saved.")


def move_message(match: Match, result: SaveResult) -> str:
    if result.status == "unchanged":
        return _("The match was already at “%(stage)s”.", stage=stage_label(match.stage))
    return _("The match is now at “%(stage)s”.", stage=stage_label(match.stage))


def role_history_items(entries):
    """The role's history, with places and partners by name (one query each)."""
    import sqlalchemy as sa

    from ..buurtkaart.models import Treasure
    from ..extensions import db
    from ..partners.models import Partner

    def names(model, field):
        ids = {e.data.get(field) for e in entries if e.data.get(field)}
        if not ids:
            return {}
        return dict(db.session.execute(sa.select(model.id, model.name).where(model.id.in_(ids))).all())

    treasures, partners = names(Treasure, "treasure_id"), names(Partner, "partner_id")
    display = {
        "status": role_status_label,
        "treasure_id": lambda v: treasures.get(v, v),
        "partner_id": lambda v: partners.get(v, v),
    }
    return describe_history(entries, labels=ROLE_FIELD_LABELS, display=display, text_fields=SocialRole.__text_fields__)


def match_history_items(entries):
    return describe_history(
        entries, labels=MATCH_FIELD_LABELS, display=MATCH_DISPLAY, text_fields=Match.__text_fields__
    )
