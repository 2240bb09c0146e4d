"""The buurtkaart for paper: the map with numbered markers on an A4 landscape page, the
numbered list after it, and none of the screen's controls."""

from __future__ import annotations

import sqlalchemy as sa
from flask import g, request

from ..access import org_view
from ..extensions import db, utcnow
from ..orgs.models import Role
from ..rendering import render
from .forms import FilterForm
from .models import Treasure
from .point_map import draw
from .service import Filters, filtered
from .views import bp

# More numbers than this no longer fit a readable map; the page says how many are left off.
PRINT_LIMIT = 300


def applied_filters(form: FilterForm, filters: Filters) -> list[tuple[str, str]]:
    """The filters in force as (label, value) to read on paper: a choice by its label."""
    applied = []
    for name, value in filters.as_args().items():
        field = form[name]
        choices = getattr(field, "choices", None) or {}
        choices = dict(choices() if callable(choices) else choices)
        applied.append((str(field.label.text), str(choices.get(value, value))))
    return applied


def printable(org_id: int, filters: Filters) -> tuple[list[Treasure], int]:
    """The treasures the list shows with ``filters`` (by name, as on screen), at most
    ``PRINT_LIMIT``, and how many there are in all."""
    query = filtered(org_id, filters)
    total = db.session.scalar(sa.select(sa.func.count()).select_from(query.subquery())) or 0
    rows = db.session.scalars(query.order_by(sa.func.lower(Treasure.name), Treasure.id).limit(PRINT_LIMIT))
    return list(rows), total


@bp.get("/o/<slug>/buurtkaart/print")
@org_view(Role.viewer)
def print_map():
    form = FilterForm(request.args)
    filters = Filters.from_form(form)
    treasures, total = printable(g.org.id, filters)
    drawing = draw(treasures, centre=(g.org.map_lat, g.org.map_lon))
    return render(
        "buurtkaart/print.html",
        treasures=treasures,
        total=total,
        drawing=drawing,
        numbers={m.item_id: m.number for m in drawing.markers},
        filters=filters,
        applied=applied_filters(form, filters),
        printed_at=utcnow(),
    )
