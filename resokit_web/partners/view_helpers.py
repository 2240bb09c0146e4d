"""What the partner templates need besides the partners themselves."""

from __future__ import annotations

import sqlalchemy as sa
from flask import g, make_response, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from jinja2_fragments.flask import render_block

from ..buurtkaart.models import Treasure
from ..extensions import db
from ..live.diff import describe_history
from ..live.presence import editing_names_for
from ..live.versioning import SaveResult
from . import layout
from .forms import PartnerForm
from .models import Partner
from .service import Filters, group_counts, matches
from .vocab import (
    RELATION_GROUPS,
    RELATIONS,
    SECTORS,
    STATUSES,
    STRENGTHS,
    formal_label,
    relation_label,
    sector_label,
    sector_short,
)

PAGE = "partners"
MAP_PAGE = "partnermap"

FIELD_LABELS = {
    "name": _l("Name"),
    "sector": _l("Sector"),
    "relation": _l("Relation"),
    "strength": _l("Strength of the tie"),
    "formal": _l("Formal"),
    "contact": _l("Contact at the organisation"),
    "notes": _l("Notes"),
    "treasure_id": _l("Place on the neighbourhood map"),
    "status": _l("Status"),
}

# How a stored value reads in the history and the conflict view.
DISPLAY = {
    "sector": lambda v: str(SECTORS.get(v, v)),
    "relation": lambda v: str(RELATIONS.get(v, v)),
    "strength": lambda v: str(STRENGTHS.get(v, v)),
    "status": lambda v: str(STATUSES.get(v, v)),
}


def editing_names(org_id: int) -> dict[int, list[str]]:
    """partner id → names of colleagues editing it now (one query for all names)."""
    return editing_names_for(org_id, "partner", exclude_user=current_user.id)


def list_group() -> str:
    """The relation group a row sits in on the list page ('' outside the list)."""
    value = request.values.get("group", "")
    return value if value in RELATIONS else ""


def row_context(partner: Partner, filters: Filters, group: str = "") -> dict:
    return {"partner": partner, "filters": filters, "group": group, "editing": editing_names(g.org.id)}


def form_for(partner: Partner) -> PartnerForm:
    data = {
        f: getattr(partner, f)
        for f in ("name", "sector", "relation", "strength", "formal", "contact", "notes", "treasure_id")
    }
    return PartnerForm(formdata=None, data=data, org_id=g.org.id, current_treasure_id=partner.treasure_id)


def saved_message(result: SaveResult) -> str:
    if result.status == "merged":
        return _("Saved. A colleague changed this partner at the same time; both changes are kept.")
    if result.status == "unchanged":
        return _("Nothing had changed, so nothing was saved.")
    return _("Saved.")


def display_with_places(treasure_ids) -> dict:
    """DISPLAY, plus the names of the treasures a partner was linked to (one query)."""
    ids = {i for i in treasure_ids if isinstance(i, int)}
    names = (
        dict(
            db.session.execute(
                sa.select(Treasure.id, Treasure.name).where(Treasure.id.in_(ids), Treasure.organisation_id == g.org.id)
            ).all()
        )
        if ids
        else {}
    )
    return {**DISPLAY, "treasure_id": lambda v: names.get(v) or _("a treasure that no longer exists")}


def history_items(entries):
    display = display_with_places(e.data.get("treasure_id") for e in entries)
    return describe_history(entries, labels=FIELD_LABELS, display=display, text_fields=Partner.__text_fields__)


def conflict_display(result: SaveResult) -> dict:
    return display_with_places(v for c in result.conflicts if c.field == "treasure_id" for v in (c.theirs, c.yours))


def row_response(
    partner: Partner, filters: Filters, group: str, *, message: str | None = None, inserting: bool = False
):
    """A list row for htmx, wherever the partner now belongs.

    Still in its group: the row. Moved to another relation: the row leaves its place
    and appears in its new group (an out-of-band insert), with the group counts. No
    longer shown with these filters (archived, say): the row leaves.
    """
    context = {
        **row_context(partner, filters, partner.relation),
        "message": message,
        "relation_groups": RELATION_GROUPS,
    }
    shown = matches(partner, filters)
    if inserting or not shown or (group and group != partner.relation):
        context.update(counts=group_counts(g.org.id, filters), insert=shown)
        response = make_response(render_block("partners/partner.html", "row_moved", **context))
        if not inserting:
            response.headers["HX-Reswap"] = "delete"
    else:
        response = make_response(render_block("partners/partner.html", "row_saved" if message else "row", **context))
    response.vary.add("HX-Request")
    response.vary.add("HX-Target")
    return response


# --- The map -------------------------------------------------------------------------


def map_items(partners) -> list[layout.MapItem]:
    """Own partners (p<id>) or shared rows (s<n>) as the map draws them."""
    items = []
    for i, p in enumerate(partners):
        key = f"p{p.id}" if isinstance(p, Partner) else f"s{i + 1}"
        items.append(layout.MapItem(key, p.name, p.sector, p.relation, p.strength, bool(p.formal)))
    return items


def map_rows(partners) -> dict[str, list[tuple[str, object]]]:
    """The map's table: (key, partner) by relation, keys as the drawing links to them."""
    rows: dict[str, list[tuple[str, object]]] = {code: [] for code in RELATIONS}
    for item, partner in zip(map_items(partners), partners):
        rows.setdefault(partner.relation, []).append((item.key, partner))
    return rows


def map_context(partners, centre_name: str) -> dict:
    """The map pages: the map for a screen, the same drawn for a phone, and the list."""
    return {
        "partners": partners,
        "layout": map_layout(partners, centre_name),
        "phone_layout": map_layout(partners, centre_name, layout.COMPACT),
        "map_rows": map_rows(partners),
    }


def map_layout(partners, centre_name: str, geometry: layout.Geometry = layout.WIDE) -> layout.Layout:
    result = layout.compute(
        map_items(partners),
        centre_name=centre_name,
        sector_names={code: sector_short(code) for code in SECTORS},
        ring_names={code: str(label) for code, label in RELATIONS.items()},
        geometry=geometry,
    )
    describe_nodes(result.nodes)
    return result


def describe_nodes(nodes) -> None:
    """Each node's accessible name and details card, in the page's language. The words
    depend on four codes only, so they are translated once per combination."""
    words: dict[tuple, tuple[str, str, str]] = {}
    names: dict[str, tuple[str, ...]] = {}
    for node in nodes:
        item = node.item
        key = (item.relation, item.sector, item.strength, item.formal)
        if key not in words:
            relation, sector, formal = (
                relation_label(item.relation),
                sector_label(item.sector),
                formal_label(item.formal),
            )
            tie = _("strong tie") if item.strength == "strong" else _("light tie")
            card_tie = _("Strong tie") if item.strength == "strong" else _("Light tie")
            words[key] = (
                f"{relation}, {sector}, {tie}, {formal.lower()}",
                _("Sector:") + " " + sector,
                f"{card_tie} · {formal}",
            )
        summary, sector_line, tie_line = words[key]
        node.description = _("%(name)s: %(details)s", name=item.name, details=summary)
        if item.name not in names:
            names[item.name] = tuple(layout.wrap(item.name, 250, 16, bold=True, max_lines=3))
        node.card = names[item.name]
        node.facts = (relation_label(item.relation), sector_line, tie_line)
