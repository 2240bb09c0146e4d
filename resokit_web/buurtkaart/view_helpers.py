"""What the buurtkaart templates need besides the treasures themselves."""

from __future__ import annotations

from flask import g, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ..live.diff import describe_history
from ..live.presence import editing_names_for
from ..live.revisions import revision_of
from ..live.versioning import SaveResult
from ..rendering import kept_block
from .access import get_treasure_or_404
from .categories import CATEGORIES, KINDS, STATUSES
from .forms import FilterForm, TreasureForm
from .models import Treasure
from .service import Filters, matches, page_of

PAGE = "buurtkaart"

FIELD_LABELS = {
    "name": _l("Name"),
    "kind": _l("Kind"),
    "category": _l("Category"),
    "description": _l("Description"),
    "address": _l("Address or landmark"),
    "lat": _l("Latitude"),
    "lon": _l("Longitude"),
    "formal": _l("Formal"),
    "tags": _l("Tags"),
    "status": _l("Status"),
    "public": _l("On the public page"),
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


def map_page_blocks(filters: Filters, page: int, editing: dict) -> dict:
    """The buurtkaart page's heavy blocks, each rendered once and kept while what it shows
    stays the same (``rendering.kept_block``): the list (a page of 100 rows, ~1 ms each)
    until the organisation's objects change or someone starts or stops editing, the
    empty add form and the filter form as typed. At 5,000 treasures the page took ~90 ms
    to render and now mostly ~5 ms."""
    template, org = "buurtkaart/index.html", g.org
    typed = tuple(request.args.get(name, "") for name in Filters.names())
    busy = tuple(sorted((item, tuple(names)) for item, names in editing.items()))

    def filter_form() -> dict:
        form = FilterForm(request.args)
        form.validate()  # what does not fit is marked beside its field, as typed
        return {"filter_form": form}

    def results() -> dict:
        treasures, total, shown = page_of(org.id, filters, page)
        return {"filters": filters, "treasures": treasures, "total": total, "page": shown, "editing": editing}

    list_key = ("list", org.id, org.slug, org.created_at, revision_of(org.id), filters.query_string(), page, busy)
    return {
        "treasure_results": kept_block(template, "treasure_results", list_key, results),
        "add_panel": kept_block(template, "add_panel", ("add",), lambda: {"form": TreasureForm(formdata=None)}),
        "filter_form": kept_block(template, "filter_form", ("filters", typed), filter_form),
    }


def kept_row(treasure_id: int, filters: Filters, *, listed: bool) -> str:
    """A list's row as its live refresh asks for it (``?list=1`` with the list's filters),
    rendered once and kept while the organisation's revision and who edits it stay the
    same: "" when it is not (or no longer) in that filtered list, so the row's outerHTML
    swap removes it. A treasure of another organisation is a 404, as always."""
    org, editing = g.org, editing_names(g.org.id)
    busy = tuple(editing.get(treasure_id, ()))

    def context() -> dict | None:
        treasure = get_treasure_or_404(treasure_id, with_author=True)
        if listed and not matches(treasure, filters):
            return None
        return row_context(treasure, filters) | {"editing": editing}

    key = (
        "row",
        org.id,
        org.slug,
        org.created_at,
        revision_of(org.id),
        treasure_id,
        filters.query_string(),
        listed,
        busy,
    )
    return kept_block("buurtkaart/treasure.html", "row", key, context, small=True)


def form_for(treasure: Treasure) -> TreasureForm:
    data = {
        f: getattr(treasure, f)
        for f in ("name", "kind", "category", "description", "address", "lat", "lon", "formal", "public")
    }
    data["tags"] = ", ".join(treasure.tags or [])
    return TreasureForm(formdata=None, data=data)


def saved_message(result: SaveResult) -> str:
    if result.status == "merged":
        return _("Saved. A colleague changed this treasure at the same time; both changes are kept.")
    if result.status == "unchanged":
        return _("Nothing had changed, so nothing was saved.")
    return _("Saved.")


def history_items(entries):
    return describe_history(entries, labels=FIELD_LABELS, display=DISPLAY, text_fields=Treasure.__text_fields__)
