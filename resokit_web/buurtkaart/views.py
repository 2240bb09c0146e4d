from __future__ import annotations

from flask import Blueprint, g, make_response, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from .. import geocoder
from ..access import org_view
from ..core import bodies
from ..core.urls import back_or
from ..extensions import db, utcnow
from ..live.lifecycle import Lifecycle
from ..orgs.models import Role
from ..rendering import fragment_or_redirect, fragment_response, fragment_target, render
from . import export
from .access import get_treasure_or_404
from .forms import FilterForm, TreasureForm
from .service import Filters, create_treasure, save_treasure, set_status
from .view_helpers import (
    FIELD_LABELS,
    PAGE,
    editing_names,
    form_for,
    history_items,
    kept_row,
    map_page_blocks,
    row_context,
    saved_message,
)

bp = Blueprint("buurtkaart", __name__)


@bp.get("/o/<slug>/buurtkaart")
@org_view(Role.viewer)
def show_map():
    filters = Filters.from_args(request.args, FilterForm)
    page = request.args.get("page", 1, type=int)  # brought within the list by page_of
    editing = editing_names(g.org.id)
    return render(
        "buurtkaart/index.html",
        blocks=("treasure_results",),
        kept=map_page_blocks(filters, page, editing),
        filters=filters,
        editing=editing,
    )


@bp.get("/o/<slug>/buurtkaart.geojson")
@org_view(Role.viewer)
def export_geojson():
    """The map's markers and a GeoJSON export in one, kept per revision and revalidated by
    its ETag; ``?id=`` answers one treasure (live updates), small and never kept."""
    filters = Filters.from_args(request.args, FilterForm)
    only_id = request.args.get("id", type=int)
    if only_id is None:
        body = export.map_body(g.org, g.membership.role, filters)
        return bodies.send(body, mimetype="application/geo+json", vary=("Cookie",))
    response = make_response(export.geojson(export.rows(g.org.id, filters, only_id=only_id)))
    response.mimetype = "application/geo+json"
    response.headers["Cache-Control"] = "private, no-cache"
    return response


@bp.get("/o/<slug>/buurtkaart.csv")
@org_view(Role.viewer)
def export_csv():
    filters = Filters.from_args(request.args, FilterForm)
    response = make_response(export.csv_text(export.rows(g.org.id, filters)))
    response.mimetype = "text/csv"
    response.charset = "utf-8"
    filename = f"buurtkaart-{g.org.slug}-{utcnow():%Y-%m-%d}.csv"
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "private, no-cache"
    return response


@bp.get("/o/<slug>/treasures/new")
@org_view(Role.member)
def new_treasure():
    return render("buurtkaart/new.html", form=TreasureForm(formdata=None))


@bp.post("/o/<slug>/treasures")
@org_view(Role.member)
def create_treasure_view():
    form = TreasureForm()
    if (search := geocoder.lookup(form.lat, form.lon, form.address.data)) is not None:
        return render("buurtkaart/new.html", blocks=("add_treasure",), form=form, lookup=search)
    if not form.validate():
        return render("buurtkaart/new.html", blocks=("add_treasure",), form=form), 422
    treasure = create_treasure(g.org.id, form.values(), user_id=current_user.id)
    db.session.commit()
    return fragment_or_redirect(
        _("“%(name)s” is on the map.", name=treasure.name),
        url_for("buurtkaart.show_map", _anchor=f"treasure-{treasure.id}"),
        "buurtkaart/new.html",
        blocks=("add_treasure",),
        form=TreasureForm(formdata=None),
        created=treasure,
        **row_context(treasure, Filters()),
    )


@bp.get("/o/<slug>/treasures/<int:treasure_id>")
@org_view(Role.viewer)
def show_treasure(treasure_id: int):
    filters = Filters.from_args(request.args, FilterForm)
    row_target = f"treasure-{treasure_id}"
    if fragment_target() == row_target:  # (a boosted link in a row opens the whole page)
        # A list's row refreshing itself (live), "" when it left a filtered list (the row's
        # outerHTML swap removes it; a list fetching a new item appends nothing).
        return fragment_response(kept_row(treasure_id, filters, listed=bool(request.args.get("list"))))
    treasure = get_treasure_or_404(treasure_id, with_author=True)
    return render(
        "buurtkaart/treasure.html",
        blocks={row_target: "row", f"stale-{treasure.id}": "stale_notice"},
        since=request.args.get("since", treasure.version, type=int),
        **row_context(treasure, filters),
    )


def _address_lookup(treasure, form, version: int):
    """An address without a point yet: show the places found for it, the form kept."""
    if (search := geocoder.lookup(form.lat, form.lon, form.address.data)) is not None:
        return TREASURES.edit_page(treasure, form, version, lookup=search)
    return None


def _saved(treasure, result):
    return fragment_or_redirect(
        saved_message(result),
        url_for("buurtkaart.show_map", _anchor=f"treasure-{treasure.id}"),
        "buurtkaart/treasure.html",
        blocks={f"treasure-{treasure.id}": "row_saved"},
        **row_context(treasure, Filters()),
    )


def _changed(treasure, message: str):
    return fragment_or_redirect(
        message,
        back_or("buurtkaart.show_treasure", treasure_id=treasure.id),
        "buurtkaart/treasure.html",
        blocks={f"treasure-{treasure.id}": "row_saved"},
        **row_context(treasure, Filters(status="all")),
    )


TREASURES = Lifecycle(
    name="treasure",
    path="treasures",
    templates="buurtkaart",
    page=PAGE,
    load=get_treasure_or_404,
    form=lambda formdata, _treasure: TreasureForm(formdata=formdata),
    form_for=form_for,
    save=save_treasure,
    saved=_saved,
    labels=FIELD_LABELS,
    history_items=history_items,
    nothing_to_restore=_l("Nothing to restore: this is what the treasure looks like now."),
    before_validate=_address_lookup,
    set_status=set_status,
    restored_status="accepted",
    archived_message=_l("“%(name)s” is archived. You can restore it from the archive."),
    restored_message=_l("“%(name)s” is back on the map."),
    changed=_changed,
)
TREASURES.register(bp)
