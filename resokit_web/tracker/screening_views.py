"""Eenzaamheidssensitief werken at /o/<slug>/screening: the questions by theme, each with a
status and notes written together (the declared lifecycle), dated editions and print."""

from __future__ import annotations

import re

from flask import abort, flash, g, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ..access import org_view, scoped_get, scoped_get_or_404
from ..extensions import db, utcnow
from ..forms import whole_number
from ..live.diff import describe_history
from ..live.lifecycle import Lifecycle
from ..orgs.models import Role
from ..rendering import fragment_or_redirect, fragment_target, render
from .forms import STATUS_LABELS, EditionForm, ScreeningForm, action_form
from .models import ScreeningEdition, ScreeningItem
from .screening import (
    by_theme,
    compare,
    create_edition,
    current_data,
    editions_of,
    ensure_screening,
    items_of,
    save_item,
    status_label,
)
from .screening_content import SCREENING_STATUSES
from .service import actions_of
from .views import bp

PAGE = "screening"
FIELD_LABELS = {"status": _l("Where we stand"), "notes": _l("Notes")}
ROW = re.compile(r"^question-(\d{1,12})$")


def get_item_or_404(question_id: int) -> ScreeningItem:
    return scoped_get_or_404(ScreeningItem, question_id)


def _actions_by_item() -> dict[int, list]:
    out: dict[int, list] = {}
    for action in actions_of(g.org.id, statuses=("open", "doing", "done")):
        if action.screening_item_id:
            out.setdefault(action.screening_item_id, []).append(action)
    return out


def _row_context(item: ScreeningItem) -> dict:
    return {
        "item": item,
        "item_actions": _actions_by_item(),
        "statuses": SCREENING_STATUSES,
        "status_labels": STATUS_LABELS,
        "action_form": action_form(),
    }


def _page_context(edition_form=None) -> dict:
    ensure_screening(g.org.id)
    return {
        "themes": by_theme(items_of(g.org.id)),
        "editions": editions_of(g.org.id),
        "edition_form": edition_form or EditionForm(formdata=None),
        "item_actions": _actions_by_item(),
        "statuses": SCREENING_STATUSES,
        "status_labels": STATUS_LABELS,
        "action_form": action_form(),
    }


@bp.get("/o/<slug>/screening")
@org_view(Role.viewer)
def show_screening():
    target = fragment_target() or ""
    if match := ROW.match(target):
        # A row's live refresh: the question as it is now.
        item = scoped_get(ScreeningItem, int(match.group(1)))
        if item is None:
            abort(404)
        return render("tracker/screening/index.html", blocks={target: "question_row"}, **_row_context(item))
    return render("tracker/screening/index.html", **_page_context())


@bp.get("/o/<slug>/screening/print")
@org_view(Role.viewer)
def print_screening():
    ensure_screening(g.org.id)
    return render(
        "tracker/screening/print.html",
        themes=by_theme(items_of(g.org.id)),
        statuses=SCREENING_STATUSES,
        now_date=utcnow(),
    )


@bp.post("/o/<slug>/screening/editions")
@org_view(Role.member)
def create_edition_view():
    form = EditionForm()
    if not form.validate():
        return render("tracker/screening/index.html", **_page_context(edition_form=form)), 422
    ensure_screening(g.org.id)
    edition = create_edition(g.org.id, form.title.data, user_id=current_user.id)
    db.session.commit()
    flash(_("The edition “%(title)s” is kept. Compare it with a later one.", title=edition.title), "success")
    return redirect(url_for("tracker.list_editions", a=edition.id), code=303)


def _edition_or_404(raw: str | None) -> ScreeningEdition | None:
    """``?a=`` / ``?b=``: an edition of this organisation, or None for "now"."""
    if raw in (None, "", "now"):
        return None
    edition_id = whole_number(raw, minimum=1)
    if edition_id is None:
        abort(404)
    return scoped_get_or_404(ScreeningEdition, edition_id)


@bp.get("/o/<slug>/screening/editions")
@org_view(Role.viewer)
def list_editions():
    ensure_screening(g.org.id)
    editions = editions_of(g.org.id)
    first = _edition_or_404(request.args.get("a")) if request.args.get("a") else (editions[0] if editions else None)
    second = _edition_or_404(request.args.get("b"))
    rows = None
    if first is not None:
        rows = compare(first.data, second.data if second else current_data(g.org.id))
    return render(
        "tracker/screening/editions.html",
        editions=editions,
        first=first,
        second=second,
        rows=rows,
        status_label=status_label,
    )


# --- One question: the declared lifecycle ---------------------------------------------------


def _saved(item: ScreeningItem, result):
    if result.status == "unchanged":
        message = _("Nothing had changed, so nothing was saved.")
    elif result.status == "merged":
        message = _("Saved, together with a colleague's change made meanwhile.")
    else:
        message = _("Saved.")
    return fragment_or_redirect(
        message,
        url_for("tracker.show_screening", _anchor=f"question-{item.id}"),
        "tracker/screening/index.html",
        blocks={f"question-{item.id}": "question_row"},
        **_row_context(item),
    )


def _history_items(entries):
    return describe_history(
        entries, labels=FIELD_LABELS, display={"status": status_label}, text_fields=ScreeningItem.__text_fields__
    )


QUESTIONS = Lifecycle(
    name="question",
    path="screening",
    templates="tracker/screening",
    page=PAGE,
    load=get_item_or_404,
    form=lambda formdata, _item: ScreeningForm(formdata=formdata),
    form_for=lambda item: ScreeningForm(formdata=None, status=item.status, notes=item.notes),
    save=save_item,
    saved=_saved,
    labels=FIELD_LABELS,
    history_items=_history_items,
    nothing_to_restore=_l("Nothing to restore: this is what the answer looks like now."),
    conflict_context=lambda _result: {"display": {"status": status_label}},
    title=lambda item: item.name,
)
QUESTIONS.register(bp)
