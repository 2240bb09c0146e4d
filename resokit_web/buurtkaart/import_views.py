"""Import: upload → preview with a per-row report → confirm (all valid rows or none)."""

from __future__ import annotations

from flask import abort, flash, g, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ..access import org_view
from ..extensions import db, htmx
from ..live import progress
from ..orgs.models import Role
from ..rendering import render
from . import importing
from .access import get_import_or_404
from .categories import KINDS
from .forms import ImportForm
from .view_helpers import FIELD_LABELS
from .views import bp

# How an assumed encoding is named to the team.
ENCODING_NAMES = {"cp1252": _l("Windows-1252 (Western European, as Excel on Windows saves “CSV”)")}
PREVIEW_VALID_ROWS = 50
PREVIEW_ERROR_ROWS = 500


@bp.get("/o/<slug>/buurtkaart/import")
@org_view(Role.member)
def start_import():
    return render("buurtkaart/import.html", form=ImportForm(), kinds=list(KINDS))


@bp.post("/o/<slug>/buurtkaart/import")
@org_view(Role.member)
def upload_import():
    form = ImportForm()
    upload = request.files.get("file")
    if form.validate():
        try:
            if upload is None or not upload.filename:
                raise importing.ImportFileError("empty")
            job = importing.prepare(g.org.id, current_user.id, upload.filename, upload.read())
        except importing.ImportFileError as error:
            form.file.errors = [error.message()]
        else:
            db.session.commit()
            return redirect(url_for("buurtkaart.show_import", import_id=job.id), code=303)
    return render("buurtkaart/import.html", form=form, kinds=list(KINDS)), 422


@bp.get("/o/<slug>/buurtkaart/import/<int:import_id>")
@org_view(Role.member)
def show_import(import_id: int):
    job = get_import_or_404(import_id)
    return render("buurtkaart/import_job.html", blocks=("import_status",), **_job_context(job))


@bp.post("/o/<slug>/buurtkaart/import/<int:import_id>")
@org_view(Role.member)
def confirm_import(import_id: int):
    job = get_import_or_404(import_id)
    if job.status == "ready" and job.encoding and not request.form.get("encoding_ok"):
        # A guessed encoding is imported only once someone has looked at the text.
        context = {**_job_context(job), "encoding_error": True}
        return render("buurtkaart/import_job.html", blocks=("import_status",), **context), 422
    if job.status == "ready" and job.valid_rows and importing.claim(job):
        if htmx:
            # The page shows a progress bar and polls it; the rows import in the background.
            progress.run_in_background(importing.run_import, job.id, current_user.id)
            db.session.refresh(job)
        else:
            importing.run_import(job.id, current_user.id)  # plain form: the answer waits for the end
    elif job.status == "ready":
        abort(422)  # nothing valid to import
    if htmx:
        return render("buurtkaart/import_job.html", blocks=("import_status",), **_job_context(job)), 202
    return redirect(url_for("buurtkaart.show_import", import_id=job.id), code=303)


@bp.post("/o/<slug>/buurtkaart/import/<int:import_id>/cancel")
@org_view(Role.member)
def cancel_import(import_id: int):
    job = get_import_or_404(import_id)
    if importing.cancel(job):
        db.session.commit()
        flash(_("The import is cancelled; nothing was added."), "info")
        return redirect(url_for("buurtkaart.start_import"), code=303)
    if importing.retry(job):
        db.session.commit()
        flash(_("The import can be started again. Nothing had been saved."), "info")
    return redirect(url_for("buurtkaart.show_import", import_id=job.id), code=303)


def _job_context(job) -> dict:
    errors = [r for r in job.rows if r["errors"]]
    valid = [r for r in job.rows if not r["errors"]] if job.status != "done" else []
    return {
        "job": job,
        "error_rows": errors[:PREVIEW_ERROR_ROWS],
        "hidden_errors": max(len(errors) - PREVIEW_ERROR_ROWS, 0),
        "valid_rows": valid[:PREVIEW_VALID_ROWS],
        "hidden_valid": max(len(valid) - PREVIEW_VALID_ROWS, 0),
        "progress": progress.store().get(importing.progress_key(job.id)) if job.status == "importing" else None,
        "duplicates": sum(1 for r in job.rows if r.get("warnings") and not r["errors"]) if job.status != "done" else 0,
        "stalled": importing.is_stalled(job),
        "error_text": importing.error_text,
        "field_labels": FIELD_LABELS,
        "encoding_names": ENCODING_NAMES,
        "encoding_error": False,
    }
