"""The buurtanalyse notebook (/buurtanalyse) and Brussel op het net (/sources)."""

from __future__ import annotations

from flask import Blueprint, abort, flash, g, jsonify, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ..access import org_view, scoped_get_or_404
from ..extensions import db, utcnow
from ..live import presence
from ..live.diff import describe_history, line_diff
from ..live.history import entries_for
from ..live.lifecycle import Lifecycle
from ..live.resolution import resolve
from ..live.versioning import VersionMissing, parse_version
from ..live.view_helpers import restore_from_history
from ..observations.service import by_section as observations_by_section
from ..orgs.models import Role
from ..rendering import fragment_or_redirect, fragment_target, render
from .access import edition_from_arg, get_figure_or_404, get_section_or_404
from .catalogue import LANGUAGES, LEVELS
from .forms import EditionForm, FigureForm, SectionTextForm, SourceForm
from .models import OwnSource
from .sections import BY_KEY, NUMBERS, SECTIONS, editing_item
from .service import (
    add_figure,
    add_source,
    all_sources,
    archived_figures,
    archived_sources,
    compare,
    edition_sections,
    editions,
    freeze,
    notebook,
    save_figure,
    save_section,
    save_source,
    section_rows,
    set_figure_status,
    set_source_status,
    snapshot,
    source_choices,
    sources_by_id,
)

bp = Blueprint("buurtanalyse", __name__)

PAGE = "buurtanalyse"
LABELS = {"body": _l("Team text")}
NOTHING_TO_RESTORE = _l("Nothing to restore: this is what the text looks like now.")
NOTEBOOK_BLOCKS = {
    **{f"section-{s.key}-content": "section_content" for s in SECTIONS},
    **{f"section-{s.key}-editor": "section_editor" for s in SECTIONS},
    **{f"section-{s.key}-stale": "section_stale" for s in SECTIONS},
    **{f"section-{s.key}-observations": "section_observations" for s in SECTIONS},
    "figure-form": "figure_form",
    "editions": "editions",
    "archived-figures": "archived_figures",
}
SOURCE_BLOCKS = ("source_form", "source_list")


def _notebook_page(*, status: int = 200, editing: str | None = None, **extra):
    """The notebook page, or for htmx the block it targets (a section's text or editor)."""
    views = notebook(g.org.id)
    target = fragment_target() or ""
    key = (
        target.removeprefix("section-")
        .removesuffix("-content")
        .removesuffix("-editor")
        .removesuffix("-stale")
        .removesuffix("-observations")
    )
    sv = next((v for v in views if v.key == key), None)
    context = {
        "views": views,
        "sv": sv,
        "sources": sources_by_id(g.org.id),
        "editions": editions(g.org.id),
        "editing": editing,
        "page": PAGE,
        "labels": LABELS,
        "numbers": NUMBERS,
        "archived": archived_figures(g.org.id),
        "since": request.args.get("since", type=int),
        "writing": _writing(),
        "linked_observations": observations_by_section(g.org.id),
        **extra,
    }
    if editing is not None and "section_form" not in context:
        body = next(v.body for v in views if v.key == editing)
        context["section_form"] = SectionTextForm(formdata=None, data={"body": body})
    if context.get("conflict") is not None:
        body = next((c for c in context["conflict"].conflicts if c.field == "body"), None)
        context["clash"] = line_diff(body.theirs, body.yours) if body is not None else None
    context.setdefault("figure_form", _figure_form(None, data={"section": request.args.get("figure_section")}))
    context.setdefault("edition_form", EditionForm(formdata=None))
    response = render("buurtanalyse/notebook.html", blocks=NOTEBOOK_BLOCKS, **context)
    return (response, status) if status != 200 else response


def _writing() -> dict[str, list[str]]:
    """Section key → the colleagues writing in it now (not me)."""
    by_number = presence.editing_names_for(g.org.id, "notebook_section", exclude_user=current_user.id)
    return {key: by_number[n] for key, n in NUMBERS.items() if n in by_number}


def _figure_form(formdata=None, **kwargs) -> FigureForm:
    choices = source_choices(g.org.id)
    if formdata is None:
        return FigureForm(formdata=None, sources=choices, **kwargs)
    return FigureForm(formdata=formdata, sources=choices)


@bp.get("/o/<slug>/buurtanalyse")
@org_view(Role.viewer)
def notebook_page():
    return _notebook_page()


@bp.get("/o/<slug>/buurtanalyse/sections/<section_key>/edit")
@org_view(Role.member)
def edit_section(section_key: str):
    section = get_section_or_404(section_key)
    presence.announce(g.org.id, current_user.id, PAGE, editing_item(section.key))
    return _notebook_page(editing=section.key)


@bp.post("/o/<slug>/buurtanalyse/sections/<section_key>")
@org_view(Role.member)
def save_section_view(section_key: str):
    section = get_section_or_404(section_key)
    formdata = resolve(request.form)
    try:
        base_version = parse_version(formdata.get("version"))
    except VersionMissing:
        abort(428)
    form = SectionTextForm(formdata=formdata)
    if "body" not in formdata:
        form.validate()
        form.body.errors = [_("Nothing was sent: write the team text in the box.")]
        return _notebook_page(status=422, editing=section.key, section_form=form, editor_version=base_version)
    if not form.validate():
        return _notebook_page(status=422, editing=section.key, section_form=form, editor_version=base_version)
    result = save_section(g.org.id, section.key, form.value(), base_version, user_id=current_user.id)
    if result.status == "conflict":
        db.session.rollback()
        return _notebook_page(status=409, editing=section.key, section_form=form, conflict=result)
    db.session.commit()
    presence.announce(g.org.id, current_user.id, PAGE, editing_item(section.key), leaving=True)
    message = _saved_message(result, section)
    return fragment_or_redirect(
        message,
        url_for("buurtanalyse.notebook_page", _anchor=f"section-{section.key}"),
        lambda: _notebook_page(message=message, saved=True),
    )


@bp.get("/o/<slug>/buurtanalyse/sections/<section_key>/history")
@org_view(Role.viewer)
def section_history(section_key: str):
    section = get_section_or_404(section_key)
    row = section_rows(g.org.id).get(section.key)
    items = describe_history(entries_for(row), labels=LABELS, text_fields=("body",)) if row else []
    return render("buurtanalyse/history.html", section=section, items=items)


@bp.post("/o/<slug>/buurtanalyse/sections/<section_key>/history/<int:version>/restore")
@org_view(Role.member)
def restore_section_version(section_key: str, version: int):
    section = get_section_or_404(section_key)
    row = section_rows(g.org.id).get(section.key)
    if row is None:
        abort(404)
    restore_from_history(row, version, nothing=NOTHING_TO_RESTORE)
    return redirect(url_for("buurtanalyse.section_history", section_key=section.key), code=303)


def _done(message: str, to: str):
    """After a form that changed something: its outcome, and the page it changed (a plain
    or boosted form follows the redirect, so the address bar shows that page)."""
    flash(message, "success")
    return redirect(to, code=303)


def _saved_message(result, section) -> str:
    if result.status == "merged":
        return _(
            "“%(title)s” is saved. A colleague changed the text at the same time; both changes are combined.",
            title=section.title,
        )
    if result.status == "unchanged":
        return _("Nothing had changed, so nothing was saved.")
    return _("“%(title)s” is saved.", title=section.title)


@bp.post("/o/<slug>/buurtanalyse/figures")
@org_view(Role.member)
def add_figure_view():
    form = _figure_form(request.form)
    if not form.validate():
        return _notebook_page(status=422, figure_form=form)
    figure = add_figure(g.org.id, form.values(), user_id=current_user.id)
    db.session.commit()
    section = BY_KEY[figure.section]
    message = _("The figure is added to “%(title)s”.", title=section.title)
    return _done(message, url_for("buurtanalyse.notebook_page", _anchor=f"section-{section.key}"))


def _change_figure(figure_id: int, status: str, message):
    figure = get_figure_or_404(figure_id)
    set_figure_status(figure, status, user_id=current_user.id)
    db.session.commit()
    text = str(message) % {"label": figure.label}
    return _done(text, url_for("buurtanalyse.notebook_page", _anchor=f"section-{figure.section}"))


@bp.post("/o/<slug>/buurtanalyse/figures/<int:figure_id>/archive")
@org_view(Role.member)
def archive_figure(figure_id: int):
    return _change_figure(
        figure_id, "archived", _l("“%(label)s” is taken out of the notebook. Earlier editions keep it.")
    )


@bp.post("/o/<slug>/buurtanalyse/figures/<int:figure_id>/restore")
@org_view(Role.member)
def restore_figure(figure_id: int):
    return _change_figure(figure_id, "current", _l("“%(label)s” is back in the notebook."))


@bp.post("/o/<slug>/buurtanalyse/editions")
@org_view(Role.member)
def freeze_edition():
    form = EditionForm()
    if not form.validate():
        return _notebook_page(status=422, edition_form=form)
    freeze(g.org.id, form.note.data or "", user_id=current_user.id)
    db.session.commit()
    message = _("The notebook is frozen as an edition. You can go on writing; the edition stays as it is.")
    return _done(message, url_for("buurtanalyse.notebook_page", _anchor="editions"))


@bp.get("/o/<slug>/buurtanalyse/compare")
@org_view(Role.viewer)
def compare_editions():
    all_editions = editions(g.org.id)
    raw_from, raw_to = request.args.get("from"), request.args.get("to", "now")
    if raw_from is None and all_editions:
        raw_from = str(all_editions[0].id)
    old = edition_from_arg(raw_from) if raw_from is not None else None
    new = None if raw_to == "now" else edition_from_arg(raw_to)
    changes = None
    if old is not None:
        changes = compare(old.data or {}, new.data if new is not None else snapshot(g.org.id))
    return render(
        "buurtanalyse/compare.html",
        editions=all_editions,
        old=old,
        new=new,
        changes=changes,
        sources=sources_by_id(g.org.id),
    )


@bp.get("/o/<slug>/buurtanalyse/print")
@org_view(Role.viewer)
def print_notebook():
    """The notebook now, or with ``?edition=<id>`` an edition as it was frozen."""
    raw = request.args.get("edition")
    edition = edition_from_arg(raw) if raw is not None else None
    views = edition_sections(edition) if edition is not None else notebook(g.org.id)
    sources = sources_by_id(g.org.id)
    cited = sorted({f["source_id"] if isinstance(f, dict) else f.source_id for v in views for f in v.figures})
    return render(
        "buurtanalyse/print.html",
        views=views,
        sources=sources,
        cited=[sources[s] for s in cited if s in sources],
        edition=edition,
        latest=next(iter(editions(g.org.id)), None),
        printed_at=utcnow(),
    )


@bp.get("/o/<slug>/buurtanalyse.json")
@org_view(Role.viewer)
def notebook_json():
    return jsonify(
        {
            "sections": [
                {
                    "key": v.key,
                    "title": str(v.section.title),
                    "body": v.body,
                    "version": v.version,
                    "figures": [
                        {
                            "id": f.id,
                            "section": f.section,
                            "label": f.label,
                            "value": f.value,
                            "unit": f.unit,
                            "year": f.year,
                            "source_id": f.source_id,
                        }
                        for f in v.figures
                    ],
                }
                for v in notebook(g.org.id)
            ],
            "editions": [
                {"id": e.id, "note": e.note, "created_at": e.created_at.isoformat()} for e in editions(g.org.id)
            ],
        }
    )


# Brussel op het net


def _sources_page(form: SourceForm | None = None, status: int = 200, **extra):
    level = request.args.get("level")
    level = level if level in LEVELS else None
    rows = [r for r in all_sources(g.org.id) if level is None or r.level == level]
    response = render(
        "buurtanalyse/sources.html",
        blocks=SOURCE_BLOCKS,
        rows=rows,
        level=level,
        levels=LEVELS,
        archived=archived_sources(g.org.id),
        form=form or SourceForm(formdata=None, data={"level": "neighbourhood", "languages": ["nl", "fr"]}),
        **extra,
    )
    return (response, status) if status != 200 else response


@bp.get("/o/<slug>/sources")
@org_view(Role.viewer)
def list_sources():
    return _sources_page()


@bp.get("/o/<slug>/sources.json")
@org_view(Role.viewer)
def sources_json():
    return jsonify(
        [
            {
                "id": r.id,
                "name": r.name,
                "publisher": r.publisher,
                "level": r.level,
                "url": r.url,
                "languages": r.languages,
                "own": r.own,
            }
            for r in all_sources(g.org.id)
        ]
    )


@bp.post("/o/<slug>/sources")
@org_view(Role.member)
def add_source_view():
    form = SourceForm()
    if not form.validate():
        return _sources_page(form, 422)
    source = add_source(g.org.id, form.values(), user_id=current_user.id)
    db.session.commit()
    message = _("“%(name)s” is added to the sources. Figures in the notebook can cite it now.", name=source.name)
    return _done(message, url_for("buurtanalyse.list_sources", _anchor=f"source-{source.source_id}"))


# --- A figure's edit and history: the declared lifecycle (archive and restore are the
# routes above, "take out" and "put back", at the same addresses) ---------------------

FIGURE_LABELS = {
    "section": _l("Section"),
    "label": _l("What the figure says"),
    "value": _l("Number"),
    "unit": _l("Unit"),
    "year": _l("Year"),
    "source_id": _l("Source"),
    "status": _l("Status"),
}
FIGURE_STATUS = {"current": _l("In the notebook"), "archived": _l("Taken out")}


def _figure_display() -> dict:
    sources = sources_by_id(g.org.id)
    return {
        "section": lambda key: str(BY_KEY[key].title) if key in BY_KEY else key,
        "source_id": lambda sid: sources[sid].name if sid in sources else sid,
        "status": lambda code: str(FIGURE_STATUS.get(code, code)),
    }


def _figure_form_for(figure) -> FigureForm:
    return _figure_form(
        None,
        data={
            "section": figure.section,
            "label": figure.label,
            "value": figure.value,
            "unit": figure.unit,
            "year": str(figure.year),
            "source_id": figure.source_id,
        },
    )


def _figure_saved(figure, result):
    if result.status == "merged":
        message = _("Saved. A colleague changed this at the same time; both changes are kept.")
    elif result.status == "unchanged":
        message = _("Nothing had changed, so nothing was saved.")
    else:
        message = _("Saved.")
    return _done(message, url_for("buurtanalyse.notebook_page", _anchor=f"section-{figure.section}"))


FIGURES = Lifecycle(
    name="figure",
    path="buurtanalyse/figures",
    templates="buurtanalyse/figures",
    page=PAGE,
    load=get_figure_or_404,
    form=lambda formdata, _figure: _figure_form(formdata),
    form_for=_figure_form_for,
    save=save_figure,
    saved=_figure_saved,
    labels=FIGURE_LABELS,
    history_items=lambda entries: describe_history(entries, labels=FIGURE_LABELS, display=_figure_display()),
    nothing_to_restore=_l("Nothing to restore: this is what the figure looks like now."),
    edit_context=lambda _figure: {"page": PAGE},
    conflict_context=lambda _result: {"display": _figure_display(), "page": PAGE},
    title=lambda figure: figure.label,
)
FIGURES.register(bp)


# --- The team's own sources: edit, history, archive and restore (declared lifecycle) -----

SOURCE_LABELS = {
    "name": _l("Name"),
    "publisher": _l("Who publishes it"),
    "level": _l("Level"),
    "url": _l("Address (URL)"),
    "languages": _l("Languages"),
    "description": _l("What it offers"),
    "status": _l("Status"),
}
SOURCE_STATUS = {"current": _l("In the catalogue"), "archived": _l("Archived")}
SOURCE_DISPLAY = {
    "level": lambda code: str(LEVELS.get(code, code)),
    "languages": lambda codes: ", ".join(str(LANGUAGES.get(c, c)) for c in (codes or [])),
    "status": lambda code: str(SOURCE_STATUS.get(code, code)),
}


def get_own_source_or_404(source_id: int) -> OwnSource:
    return scoped_get_or_404(OwnSource, source_id)


def _source_form_for(source: OwnSource) -> SourceForm:
    return SourceForm(
        formdata=None,
        data={
            "name": source.name,
            "publisher": source.publisher,
            "url": source.url,
            "level": source.level,
            "languages": list(source.languages or []),
            "description": source.description,
        },
    )


def _source_saved(source, result):
    if result.status == "merged":
        message = _("Saved. A colleague changed this at the same time; both changes are kept.")
    elif result.status == "unchanged":
        message = _("Nothing had changed, so nothing was saved.")
    else:
        message = _("Saved.")
    return _done(message, url_for("buurtanalyse.list_sources", _anchor=f"source-{source.source_id}"))


def _source_changed(source, message: str):
    return _done(message, url_for("buurtanalyse.list_sources", _anchor=f"source-{source.source_id}"))


SOURCES = Lifecycle(
    name="source",
    path="sources",
    templates="buurtanalyse/sources",
    page=PAGE,
    load=get_own_source_or_404,
    form=lambda formdata, _source: SourceForm(formdata=formdata),
    form_for=_source_form_for,
    save=save_source,
    saved=_source_saved,
    labels=SOURCE_LABELS,
    history_items=lambda entries: describe_history(
        entries, labels=SOURCE_LABELS, display=SOURCE_DISPLAY, text_fields=OwnSource.__text_fields__
    ),
    nothing_to_restore=_l("Nothing to restore: this is what the source looks like now."),
    conflict_context=lambda _result: {"display": SOURCE_DISPLAY},
    set_status=set_source_status,
    restored_status="current",
    archived_message=_l("“%(title)s” is archived. Figures that cite it still name it; you can restore it."),
    restored_message=_l("“%(title)s” is back among the sources."),
    changed=_source_changed,
)
SOURCES.register(bp)
