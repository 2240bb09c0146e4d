"""Observations: the fast form from the street, the list with filters, the map data, the
photo (members of the organisation only), and one action that makes a treasure of one."""

from __future__ import annotations

import json
from datetime import datetime

from flask import Blueprint, Response, abort, flash, g, redirect, request, send_file, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ..access import org_view, scoped_get_or_404
from ..core.i18n import format_datetime
from ..extensions import db
from ..live.diff import describe_history
from ..live.lifecycle import Lifecycle
from ..orgs.models import Role
from ..rendering import render
from . import photos
from .forms import FilterForm, ObservationEditForm, ObservationForm, SectionForm, TreasureForm
from .labels import observation_kind_label, section_title
from .models import Observation
from .service import (
    Filters,
    add_observation,
    geojson,
    list_of,
    make_treasure,
    remove_photo,
    save_observation,
    set_section,
    set_status,
)

bp = Blueprint("observations", __name__)

# The request may carry a photo of PHOTO_MAX_BYTES and the form around it; anything
# larger is refused (413) before it is read.
REQUEST_MAX = photos.PHOTO_MAX_BYTES + 256 * 1024


def allow_photo_upload() -> None:
    """Runs before every other before-request function (CSRF reads the form)."""
    if request.endpoint == "observations.create_observation":
        request.max_content_length = REQUEST_MAX


def get_observation_or_404(observation_id: int) -> Observation:
    return scoped_get_or_404(Observation, observation_id)


@bp.get("/o/<slug>/observations")
@org_view(Role.viewer)
def list_observations():
    filters = Filters.from_args(request.args)
    observations, total = list_of(g.org.id, filters)
    return render(
        "observations/index.html",
        blocks=("observation_results",),
        observations=observations,
        total=total,
        filters=filters,
        filter_form=FilterForm(formdata=None, data=filters.as_args()),
    )


@bp.get("/o/<slug>/observations.geojson")
@org_view(Role.viewer)
def observations_geojson():
    data = geojson(g.org.id, Filters.from_args(request.args))
    response = Response(json.dumps(data, ensure_ascii=False), mimetype="application/geo+json")
    response.headers["Cache-Control"] = "private, no-cache"
    return response


def _new_page(form: ObservationForm, status: int = 200):
    return render("observations/new.html", blocks=("observation_form",), form=form), status


@bp.get("/o/<slug>/observations/new")
@org_view(Role.member)
def new_observation():
    return _new_page(ObservationForm(formdata=None))


@bp.post("/o/<slug>/observations")
@org_view(Role.member)
def create_observation():
    form = ObservationForm()
    valid = form.validate()
    upload = request.files.get("photo")
    cleaned, status = None, 422
    if upload is not None and upload.filename:
        try:
            data = upload.read(photos.PHOTO_MAX_BYTES + 1)
        finally:
            upload.close()  # a large upload waits in a temporary file: gone now
        try:
            cleaned = photos.clean(data)
        except photos.PhotoError as error:
            form.photo.errors = [*form.photo.errors, error.message]
            valid = False
            if error.message is photos.TOO_LARGE:
                status = 413
    if not valid:
        return _new_page(form, status)
    observation = add_observation(g.org.id, form.values(), photo=cleaned, user_id=current_user.id)
    db.session.commit()
    flash(_("Your observation is saved. Thank you!"), "success")
    return redirect(url_for("observations.list_observations", _anchor=f"observation-{observation.id}"), code=303)


def _show_page(
    observation: Observation,
    form: TreasureForm | None = None,
    status: int = 200,
    section_form: SectionForm | None = None,
):
    return render(
        "observations/show.html",
        blocks=("observation_section",),
        observation=observation,
        form=form or TreasureForm.for_observation(observation),
        section_form=section_form or SectionForm(formdata=None, data={"section": observation.section or ""}),
    ), status


@bp.get("/o/<slug>/observations/<int:observation_id>")
@org_view(Role.viewer)
def show_observation(observation_id: int):
    return _show_page(get_observation_or_404(observation_id))


@bp.get("/o/<slug>/observations/<int:observation_id>/photo")
@org_view(Role.viewer)
def observation_photo(observation_id: int):
    observation = get_observation_or_404(observation_id)
    path = photos.path_of(g.org.id, observation.photo)
    if path is None:
        abort(404)
    response = send_file(path, mimetype="image/jpeg", max_age=0, conditional=True)
    response.headers["Cache-Control"] = "private, max-age=3600"
    return response


@bp.post("/o/<slug>/observations/<int:observation_id>/photo/remove")
@org_view(Role.member)
def remove_observation_photo(observation_id: int):
    """Take the photo off (a face that should not be there, say): the file is deleted."""
    observation = get_observation_or_404(observation_id)
    if observation.photo:
        name = remove_photo(observation, user_id=current_user.id)
        db.session.commit()
        photos.remove(g.org.id, name)  # after the commit: a failed commit keeps the photo
        flash(_("The photo is removed."), "success")
    return redirect(url_for("observations.show_observation", observation_id=observation.id), code=303)


@bp.post("/o/<slug>/observations/<int:observation_id>/section")
@org_view(Role.member)
def observation_section(observation_id: int):
    """Link the observation to one of the notebook's sections, or to none."""
    observation = get_observation_or_404(observation_id)
    form = SectionForm()
    if not form.validate():
        return _show_page(observation, status=422, section_form=form)
    result = set_section(observation, form.section.data or None, user_id=current_user.id)
    db.session.commit()
    if result.applied:
        flash(_("The section is saved."), "success")
    return redirect(url_for("observations.show_observation", observation_id=observation.id), code=303)


@bp.post("/o/<slug>/observations/<int:observation_id>/treasure")
@org_view(Role.member)
def observation_treasure(observation_id: int):
    observation = get_observation_or_404(observation_id)
    if observation.treasure_id is not None:
        flash(_("This observation is a treasure already."), "error")
        return _show_page(observation, status=409)
    form = TreasureForm()
    if not form.validate():
        return _show_page(observation, form, 422)
    treasure = make_treasure(observation, form.name.data, form.kind.data, form.category.data, user_id=current_user.id)
    db.session.commit()
    flash(_("“%(name)s” is now a treasure on the neighbourhood map.", name=treasure.name), "success")
    return redirect(url_for("observations.show_observation", observation_id=observation.id), code=303)


# --- Editing, history, archive and restore: the declared lifecycle ----------------------

PAGE = "observations"
FIELD_LABELS = {
    "text": _l("What did you see or hear?"),
    "kind": _l("Kind"),
    "observed_at": _l("When"),
    "lat": _l("Latitude"),
    "lon": _l("Longitude"),
    "section": _l("Section of the neighbourhood analysis"),
    "status": _l("Status"),
}
STATUS_LABELS = {"current": _l("Current"), "archived": _l("Archived")}


def _when_label(value) -> str:
    if not value:
        return ""
    when = datetime.fromisoformat(value) if isinstance(value, str) else value
    return format_datetime(when, "short")


DISPLAY = {
    "kind": observation_kind_label,
    "section": lambda key: section_title(key) or _("No section"),
    "status": lambda code: str(STATUS_LABELS.get(code, code)),
    "observed_at": _when_label,
}


def _title(observation: Observation) -> str:
    text = observation.text.strip().splitlines()[0] if observation.text.strip() else ""
    return text if len(text) <= 60 else text[:59].rstrip() + "…"


def _saved(observation, result):
    if result.status == "merged":
        message = _("Saved. A colleague changed this at the same time; both changes are kept.")
    elif result.status == "unchanged":
        message = _("Nothing had changed, so nothing was saved.")
    else:
        message = _("Saved.")
    flash(message, "success")
    return redirect(url_for("observations.show_observation", observation_id=observation.id), code=303)


def _changed(observation, message: str):
    flash(message, "success")
    return redirect(url_for("observations.show_observation", observation_id=observation.id), code=303)


def _history_items(entries):
    return describe_history(entries, labels=FIELD_LABELS, display=DISPLAY, text_fields=Observation.__text_fields__)


OBSERVATIONS = Lifecycle(
    name="observation",
    path="observations",
    templates="observations",
    page=PAGE,
    load=get_observation_or_404,
    form=lambda formdata, _observation: ObservationEditForm(formdata=formdata),
    form_for=ObservationEditForm.for_observation,
    save=save_observation,
    saved=_saved,
    labels=FIELD_LABELS,
    history_items=_history_items,
    nothing_to_restore=_l("Nothing to restore: this is what the observation looks like now."),
    conflict_context=lambda _result: {"display": DISPLAY},
    set_status=set_status,
    restored_status="current",
    archived_message=_l("“%(title)s” is archived. You can restore it from the archive."),
    restored_message=_l("“%(title)s” is back among the observations."),
    changed=_changed,
    title=_title,
)
OBSERVATIONS.register(bp)
