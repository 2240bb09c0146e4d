"""Stadswoorden: the lexicon page, its JSON, the team's own entries (declared lifecycle)."""

from __future__ import annotations

import json

from flask import Blueprint, Response, flash, g, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ..access import org_view, scoped_get_or_404
from ..extensions import db
from ..live.diff import describe_history
from ..live.lifecycle import Lifecycle
from ..orgs.models import Role
from ..rendering import render
from .forms import EntryForm
from .models import LexiconEntry
from .service import create_entry, own_entries, save_entry, set_status, shipped, shown_own

bp = Blueprint("lexicon", __name__)

PAGE = "lexicon"
FIELD_LABELS = {
    "term": _l("Word"),
    "definition": _l("What it means"),
    "example": _l("An example from a street"),
    "related": _l("Related words"),
    "status": _l("Status"),
}
STATUS_LABELS = {"current": _l("In the lexicon"), "archived": _l("Archived")}


def _status_label(code) -> str:
    return str(STATUS_LABELS.get(code, code))


def get_entry_or_404(entry_id: int) -> LexiconEntry:
    return scoped_get_or_404(LexiconEntry, entry_id)


def _show() -> str:
    show = request.args.get("show", "")
    return show if show in ("archived", "all") else ""


def _page(form: EntryForm | None = None, status: int = 200):
    show = _show()
    return render(
        "lexicon/index.html",
        blocks=("own_entries",),
        entries=shipped(),
        own=[shown_own(e) for e in own_entries(g.org.id, show=show)],
        show=show,
        form=form or EntryForm(formdata=None),
    ), status


@bp.get("/o/<slug>/lexicon")
@org_view(Role.viewer)
def show_lexicon():
    return _page()


@bp.get("/o/<slug>/lexicon.json")
@org_view(Role.viewer)
def lexicon_json():
    rows = [{"id": e.id, "term": e.term, "definition": e.definition, "own": False} for e in shipped()]
    rows += [
        {"id": e.id, "term": e.term, "definition": e.definition, "own": True}
        for e in own_entries(g.org.id, show="all")
        if e.status != "archived"
    ]
    return Response(json.dumps(rows, ensure_ascii=False), mimetype="application/json")


@bp.post("/o/<slug>/lexicon")
@org_view(Role.member)
def create_entry_view():
    form = EntryForm()
    if not form.validate():
        return _page(form, 422)
    entry = create_entry(g.org.id, form.values(), user_id=current_user.id)
    db.session.commit()
    flash(_("“%(term)s” is in your lexicon.", term=entry.term), "success")
    return redirect(url_for("lexicon.show_lexicon", _anchor=f"lexicon_entry-{entry.id}"), code=303)


@bp.get("/o/<slug>/lexicon/<int:lexicon_entry_id>")
@org_view(Role.viewer)
def show_entry(lexicon_entry_id: int):
    entry = get_entry_or_404(lexicon_entry_id)
    return render("lexicon/entry.html", lexicon_entry=entry, shown=shown_own(entry))


def _saved(entry, result):
    if result.status == "merged":
        message = _("Saved. A colleague changed this at the same time; both changes are kept.")
    elif result.status == "unchanged":
        message = _("Nothing had changed, so nothing was saved.")
    else:
        message = _("Saved.")
    flash(message, "success")
    return redirect(url_for("lexicon.show_entry", lexicon_entry_id=entry.id), code=303)


def _changed(entry, message: str):
    flash(message, "success")
    return redirect(url_for("lexicon.show_entry", lexicon_entry_id=entry.id), code=303)


def _form_for(entry: LexiconEntry) -> EntryForm:
    return EntryForm(
        formdata=None,
        entry=entry,
        data={"term": entry.term, "definition": entry.definition, "example": entry.example, "related": entry.related},
    )


def _history_items(entries):
    return describe_history(
        entries,
        labels=FIELD_LABELS,
        display={"status": _status_label},
        text_fields=LexiconEntry.__text_fields__,
    )


ENTRIES = Lifecycle(
    name="lexicon_entry",
    path="lexicon",
    templates="lexicon",
    page=PAGE,
    load=get_entry_or_404,
    form=lambda formdata, entry: EntryForm(formdata=formdata, entry=entry),
    form_for=_form_for,
    save=save_entry,
    saved=_saved,
    labels=FIELD_LABELS,
    history_items=_history_items,
    nothing_to_restore=_l("Nothing to restore: this is what the entry looks like now."),
    conflict_context=lambda _result: {"display": {"status": _status_label}},
    set_status=set_status,
    restored_status="current",
    archived_message=_l("“%(title)s” is archived. You can restore it from the archive."),
    restored_message=_l("“%(title)s” is back in the lexicon."),
    changed=_changed,
    title=lambda entry: entry.term,
)
ENTRIES.register(bp)
