"""What the buurtkaart templates need besides the treasures themselves."""

from __future__ import annotations

from flask import g
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ..live.diff import describe_history
from ..live.presence import editing_names_for
from ..live.versioning import SaveResult
from .categories import CATEGORIES, KINDS, STATUSES
from .forms import TreasureForm
from .models import Treasure
from .service import Filters

PAGE = "buurtkaart"

FIELD_LABELS = {
    "name": _l("Name"), "kind": _l("Kind"), "category": _l("Category"), "description": _l("Description"),
    "address": _l("Address or landmark"), "lat": _l("Latitude"), "lon": _l("Longitude"),
    "formal": _l("Formal"), "tags": _l("Tags"), "status": _l("Status"), "public": _l("On the public page"),
}

# How a stored value reads in the history and the conflict view.
DISPLAY = {
    "kind": lambda v: str(KINDS.get(v, v)),
    "category": lambda v: str(CATEGORIES.get(v, v)),
    "status": lambda v: str(STATUSES.get(v, v)),
}


def editing_names(org_id: int) -> dict[int, list[str]]:
    """treasure id → names of colleagues editing it now (one query for all names)."""
    return editing_names_for(org_id, "treasure", exclude_user=current_user.id)


def row_context(treasure: Treasure, filters: Filters) -> dict:
    return {"treasure": treasure, "filters": filters, "editing": editing_names(g.org.id)}


def form_for(treasure: Treasure) -> TreasureForm:
    data = {f: getattr(treasure, f) for f in ("name", "kind", "category", "description", "address",
                                              "lat", "lon", "formal", "public")}
    data["tags"] = ", ".join(treasure.tags or [])
    return TreasureForm(formdata=None, data=data)


def saved_message(result: SaveResult) -> str:
    if result.status == "merged":
        return _("Saved. A colleague changed this treasure at the same time; both changes are kept.")
    if result.status == "unchanged":
        return _("Nothing had changed, so nothing was saved.")
    return _("Saved.")


def history_items(entries):
    return describe_history(entries, labels=FIELD_LABELS, display=DISPLAY,
                            text_fields=Treasure.__text_fields__)
