from __future__ import annotations

from flask import Blueprint, abort, g, make_response, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from .. import geocoder
from ..access import org_view
from ..core import bodies
from ..core.urls import back_or
from ..extensions import db, utcnow
from ..live import presence
from ..live.history import entries_for
from ..live.resolution import resolve
from ..live.versioning import VersionMissing, parse_version
from ..live.view_helpers import restore_from_history
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


@bp.get("/o/<slug>/treasures/<int:treasure_id>/edit")
@org_view(Role.member)
def edit_treasure(treasure_id: int):
    treasure = get_treasure_or_404(treasure_id)
    presence.announce(g.org.id, current_user.id, PAGE, f"treasure:{treasure.id}")
    return render(
        "buurtkaart/edit.html",
        blocks={f"treasure-{treasure.id}": "edit_form"},
        treasure=treasure,
        form=form_for(treasure),
        version=treasure.version,
    )


@bp.post("/o/<slug>/treasures/<int:treasure_id>")
@org_view(Role.member)
def save_treasure_view(treasure_id: int):
    treasure = get_treasure_or_404(treasure_id)
    formdata = resolve(request.form)
    try:
        base_version = parse_version(formdata.get("version"))
    except VersionMissing:
        abort(428)
    form = TreasureForm(formdata=formdata)
    blocks = {f"treasure-{treasure.id}": "edit_form"}
    if (search := geocoder.lookup(form.lat, form.lon, form.address.data)) is not None:
        return render(
            "buurtkaart/edit.html", blocks=blocks, treasure=treasure, form=form, version=base_version, lookup=search
        )
    if not form.validate():
        return render("buurtkaart/edit.html", blocks=blocks, treasure=treasure, form=form, version=base_version), 422
    result = save_treasure(treasure, form.values(), base_version, user_id=current_user.id)
    if result.status == "conflict":
        db.session.rollback()
        return render(
            "buurtkaart/edit.html",
            blocks={f"treasure-{treasure.id}": "conflict"},
            treasure=treasure,
            form=form,
            version=base_version,
            result=result,
            labels=FIELD_LABELS,
        ), 409
    db.session.commit()
    presence.announce(g.org.id, current_user.id, PAGE, f"treasure:{treasure.id}", leaving=True)
    return fragment_or_redirect(
        saved_message(result),
        url_for("buurtkaart.show_map", _anchor=f"treasure-{treasure.id}"),
        "buurtkaart/treasure.html",
        blocks={f"treasure-{treasure.id}": "row_saved"},
        **row_context(treasure, Filters()),
    )


def _change_status(treasure_id: int, status: str, action: str, message: str):
    treasure = get_treasure_or_404(treasure_id)
    set_status(treasure, status, user_id=current_user.id, action=action)
    db.session.commit()
    return fragment_or_redirect(
        message % {"name": treasure.name},
        back_or("buurtkaart.show_treasure", treasure_id=treasure.id),
        "buurtkaart/treasure.html",
        blocks={f"treasure-{treasure.id}": "row_saved"},
        **row_context(treasure, Filters(status="all")),
    )


@bp.post("/o/<slug>/treasures/<int:treasure_id>/archive")
@org_view(Role.member)
def archive_treasure(treasure_id: int):
    return _change_status(
        treasure_id, "archived", "archived", _("“%(name)s” is archived. You can restore it from the archive.")
    )


@bp.post("/o/<slug>/treasures/<int:treasure_id>/restore")
@org_view(Role.member)
def restore_treasure(treasure_id: int):
    return _change_status(treasure_id, "accepted", "restored", _("“%(name)s” is back on the map."))


@bp.get("/o/<slug>/treasures/<int:treasure_id>/history")
@org_view(Role.viewer)
def treasure_history(treasure_id: int):
    treasure = get_treasure_or_404(treasure_id)
    return render("buurtkaart/history.html", treasure=treasure, items=history_items(entries_for(treasure)))


@bp.post("/o/<slug>/treasures/<int:treasure_id>/history/<int:version>/restore")
@org_view(Role.member)
def restore_treasure_version(treasure_id: int, version: int):
    treasure = get_treasure_or_404(treasure_id)
    restore_from_history(treasure, version, nothing=_("Nothing to restore: this is what the treasure looks like now."))
    return redirect(url_for("buurtkaart.treasure_history", treasure_id=treasure.id), code=303)
