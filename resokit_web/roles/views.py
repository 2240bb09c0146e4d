"""Roles (inline editing like treasures), suggestions for a person, and the matches board."""

from __future__ import annotations

import json

from flask import Blueprint, Response, flash, g, make_response, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ..access import org_view
from ..extensions import db, htmx
from ..live.history import entries_for
from ..live.lifecycle import Lifecycle, base_version_or_428
from ..live.resolution import resolve
from ..orgs.models import Role
from ..people.access import get_person_or_404
from ..people.service import log_access
from ..rendering import fragment_or_redirect, render
from .access import get_match_or_404, get_role_or_404
from .forms import MoveForm, NewMatchForm, RoleForm, StepForm
from .models import STAGES, Match
from .service import (
    add_step,
    board,
    create_match,
    create_role,
    move_match,
    open_roles,
    roles_of,
    save_role,
    visible_matches,
)
from .suggestions import rank
from .view_helpers import (
    MATCH_DISPLAY,
    MATCH_FIELD_LABELS,
    PAGE,
    ROLE_DISPLAY,
    ROLE_FIELD_LABELS,
    editing_names,
    form_for,
    match_history_items,
    move_message,
    role_history_items,
    row_context,
    saved_message,
)

bp = Blueprint("roles", __name__)

# Pages that show people: never cached (the roles themselves hold nothing about anyone).
_PERSONAL = {
    "roles.person_suggestions",
    "roles.show_board",
    "roles.matches_json",
    "roles.create_match_view",
    "roles.show_match",
    "roles.move_match_view",
    "roles.add_step_view",
    "roles.match_history",
}


@bp.after_request
def no_store(response: Response) -> Response:
    if request.endpoint in _PERSONAL:
        response.headers["Cache-Control"] = "no-store, max-age=0"
        response.headers["Pragma"] = "no-cache"
    return response


def _show() -> str:
    show = request.args.get("show", "")
    return show if show in ("archived", "all") else ""


# --- Roles -------------------------------------------------------------------------------


@bp.get("/o/<slug>/roles")
@org_view(Role.viewer)
def list_roles():
    show = _show()
    return render(
        "roles/index.html",
        blocks=("role_results", "role_count"),
        roles=roles_of(g.org.id, show=show),
        show=show,
        form=RoleForm(formdata=None),
        editing=editing_names(g.org.id),
    )


@bp.get("/o/<slug>/roles.json")
@org_view(Role.viewer)
def roles_json():
    data = [
        {"id": r.id, "title": r.title, "tags": r.tags, "status": r.status, "version": r.version}
        for r in roles_of(g.org.id, show="all")
    ]
    return Response(json.dumps(data, ensure_ascii=False), mimetype="application/json")


@bp.get("/o/<slug>/roles/new")
@org_view(Role.member)
def new_role():
    return render("roles/new.html", form=RoleForm(formdata=None))


@bp.post("/o/<slug>/roles")
@org_view(Role.member)
def create_role_view():
    form = RoleForm()
    if not form.validate():
        return render("roles/new.html", blocks=("add_role",), form=form), 422
    role = create_role(g.org.id, form.values(with_status=False), user_id=current_user.id)
    db.session.commit()
    return fragment_or_redirect(
        _("“%(title)s” is added to the roles.", title=role.title),
        url_for("roles.list_roles", _anchor=f"role-{role.id}"),
        "roles/new.html",
        blocks=("add_role",),
        form=RoleForm(formdata=None),
        created=role,
        **row_context(role),
    )


@bp.get("/o/<slug>/roles/<int:role_id>")
@org_view(Role.viewer)
def show_role(role_id: int):
    role = get_role_or_404(role_id)
    show = _show()
    row_target = f"role-{role.id}"
    if (
        htmx.target == row_target
        and request.args.get("list")
        and ((role.status == "archived") != (show == "archived") and show != "all")
    ):
        response = make_response("")
        response.headers["HX-Reswap"] = "delete"  # it left this list (archived, say)
        return response
    from ..access import can

    matches = visible_matches(g.org.id, role_id=role.id) if can("member") else []
    return render(
        "roles/role.html",
        blocks={row_target: "row", "role-list": "row", f"stale-{role.id}": "stale_notice"},
        since=request.args.get("since", role.version, type=int),
        matches=matches,
        **row_context(role, show),
    )


def _saved(role, result):
    return fragment_or_redirect(
        saved_message(result),
        url_for("roles.list_roles", _anchor=f"role-{role.id}"),
        "roles/role.html",
        blocks={f"role-{role.id}": "row_saved"},
        matches=[],
        **row_context(role),
    )


def _changed(role, message: str):
    return fragment_or_redirect(
        message,
        url_for("roles.show_role", role_id=role.id),
        "roles/role.html",
        blocks={f"role-{role.id}": "row_saved"},
        matches=[],
        **row_context(role, "all"),
    )


def _set_status(role, status: str, *, user_id: int, action: str):
    return save_role(role, {"status": status}, role.version, user_id=user_id, action=action)


ROLES = Lifecycle(
    name="role",
    path="roles",
    templates="roles",
    page=PAGE,
    load=get_role_or_404,
    form=lambda formdata, _role: RoleForm(formdata=formdata),
    form_for=form_for,
    save=save_role,
    values=lambda form, role: form.values(with_status=role.status != "archived"),
    saved=_saved,
    labels=ROLE_FIELD_LABELS,
    history_items=role_history_items,
    nothing_to_restore=_l("Nothing to restore: this is what the role looks like now."),
    conflict_context=lambda _result: {"display": ROLE_DISPLAY},
    set_status=_set_status,
    restored_status="open",
    archived_message=_l("“%(title)s” is archived. You can restore it from the archive."),
    restored_message=_l("“%(title)s” is open again."),
    changed=_changed,
    title=lambda role: role.title,
)
ROLES.register(bp)


# --- Suggestions -------------------------------------------------------------------------


@bp.get("/o/<slug>/people/<int:person_id>/suggestions")
@org_view(Role.member)
def person_suggestions(person_id: int):
    person = get_person_or_404(person_id)
    log_access(person, "viewed", what="suggestions", user_id=current_user.id)
    db.session.commit()
    current = {m.role_id: m for m in visible_matches(g.org.id, person_id=person.id) if m.stage != "ended"}
    return render(
        "roles/suggestions.html",
        person=person,
        suggestions=rank(person.all_tags, open_roles(g.org.id)),
        current=current,
    )


# --- Matches -----------------------------------------------------------------------------


def _board_page(form: NewMatchForm | None = None, status: int = 200, **extra):
    return render(
        "roles/board.html",
        blocks=("match_board",),
        columns=board(g.org.id),
        stages=STAGES,
        form=form or NewMatchForm(formdata=None),
        **extra,
    ), status


@bp.get("/o/<slug>/matches")
@org_view(Role.member)
def show_board():
    form = NewMatchForm(
        formdata=None, data={"person": request.args.get("person", ""), "role": request.args.get("role", "")}
    )
    return _board_page(form)


@bp.get("/o/<slug>/matches.json")
@org_view(Role.member)
def matches_json():
    data = [
        {"id": m.id, "person": m.person_id, "role": m.role_id, "stage": m.stage, "version": m.version}
        for m in visible_matches(g.org.id)
    ]
    return Response(json.dumps(data), mimetype="application/json")


@bp.post("/o/<slug>/matches")
@org_view(Role.member)
def create_match_view():
    form = NewMatchForm()
    if not form.validate():
        return _board_page(form, 422)
    match = create_match(g.org.id, form.person_id, form.role_id, user_id=current_user.id)
    db.session.commit()
    flash(_("The match is on the board, at “Idea”."), "success")
    return redirect(url_for("roles.show_board", _anchor=f"match-{match.id}"), code=303)


def _match_page(match: Match, *, move_form=None, step_form=None, status: int = 200, **extra):
    return render(
        "roles/match.html",
        blocks={"match-card": "card", f"stale-match-{match.id}": "stale_notice"},
        match=match,
        move_form=move_form
        or MoveForm(formdata=None, data={"stage": match.stage, "outcome": match.outcome or "", "notes": match.notes}),
        step_form=step_form or StepForm(formdata=None),
        stages=STAGES,
        since=request.args.get("since", match.version, type=int),
        **extra,
    ), status


@bp.get("/o/<slug>/matches/<int:match_id>")
@org_view(Role.member)
def show_match(match_id: int):
    match = get_match_or_404(match_id)
    log_access(match.person, "viewed", what="match", user_id=current_user.id)
    db.session.commit()
    return _match_page(match)


def _invalid_move(match: Match, form: MoveForm, from_board: bool):
    if from_board and htmx:
        # The card comes back with its "Move to…" open on what was chosen.
        return _board_page(
            status=422,
            card_errors={match.id: form.errors},
            card_sent={match.id: {"stage": form.stage.data, "outcome": form.outcome.data}},
        )
    return _match_page(match, move_form=form, status=422)


def _move_conflict(match: Match, form: MoveForm, result, from_board: bool):
    db.session.rollback()
    return render(
        "roles/conflict.html",
        blocks={"match-board": "match_conflict"},
        match=match,
        result=result,
        form=form,
        labels=MATCH_FIELD_LABELS,
        display=MATCH_DISPLAY,
        from_board=from_board,
    ), 409


def _moved(match: Match, result, from_board: bool):
    message = move_message(match, result)
    if from_board and htmx:
        return _board_page(message=message)
    flash(message, "success")
    if from_board:
        return redirect(url_for("roles.show_board", _anchor=f"match-{match.id}"), code=303)
    return redirect(url_for("roles.show_match", match_id=match.id), code=303)


@bp.post("/o/<slug>/matches/<int:match_id>")
@org_view(Role.member)
def move_match_view(match_id: int):
    match = get_match_or_404(match_id)
    formdata = resolve(request.form)
    base_version = base_version_or_428(formdata)
    form = MoveForm(formdata=formdata)
    from_board = request.form.get("from") == "board"
    if not form.validate():
        return _invalid_move(match, form, from_board)
    result = move_match(match, form.values(formdata), base_version, note=form.note.data or "", user_id=current_user.id)
    if result.status == "conflict":
        return _move_conflict(match, form, result, from_board)
    db.session.commit()
    return _moved(match, result, from_board)


@bp.post("/o/<slug>/matches/<int:match_id>/steps")
@org_view(Role.member)
def add_step_view(match_id: int):
    match = get_match_or_404(match_id)
    form = StepForm()
    if not form.validate():
        return _match_page(match, step_form=form, status=422)
    add_step(match, text=form.text.data, happened_on=form.happened_on.data, user_id=current_user.id)
    db.session.commit()
    flash(_("The step is added."), "success")
    return redirect(url_for("roles.show_match", match_id=match.id, _anchor="steps"), code=303)


@bp.get("/o/<slug>/matches/<int:match_id>/history")
@org_view(Role.member)
def match_history(match_id: int):
    match = get_match_or_404(match_id)
    log_access(match.person, "viewed", what="match", user_id=current_user.id)
    db.session.commit()
    return render("roles/match_history.html", match=match, items=match_history_items(entries_for(match)))
