from __future__ import annotations

from urllib.parse import quote

from flask import Blueprint, abort, flash, g, jsonify, make_response, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ..access import org_view
from ..extensions import db, htmx, utcnow
from ..live.lifecycle import Lifecycle
from ..live.resolution import resolve
from ..live.versioning import VersionMissing, parse_version
from ..live.view_helpers import restore_from_history
from ..orgs.models import Role
from ..rendering import fragment_or_redirect, render
from . import export
from .access import get_contribution_or_404, get_piece_or_404, require_author
from .forms import ContributionForm, DraftForm, NewPieceForm, TeamTextForm, normalise
from .models import Contribution, OpinionPiece
from .questions import question_text
from .service import (
    contribution_of,
    contributions_of,
    create_piece,
    discard_draft,
    keep_draft,
    list_pieces,
    piece_row,
    restore_contribution_version,
    restore_piece_version,
    save_contribution,
    save_piece,
    set_status,
)
from .view_helpers import (
    comparison,
    contribution_editor,
    contribution_message,
    editing_item,
    page_name,
    piece_context,
    saved_message,
    team_editor,
)

bp = Blueprint("opinions", __name__)

NOTHING_TO_RESTORE = _l("Nothing to restore: this is what the text looks like now.")

# Fragments of the piece page, by the id htmx targets.
PIECE_BLOCKS = {
    "team-text": "team_text",
    "team-stale": "team_stale",
    "team-editor": "team_editor",
    "contributions": "contributions",
    "my-contribution": "my_contribution",
    "team-draft-status": "draft_status",
    "contribution-draft-status": "draft_status",
}


def _list_status() -> str:
    return "archived" if request.args.get("status") == "archived" else "current"


@bp.get("/o/<slug>/opinions")
@org_view(Role.viewer)
def list_pieces_view():
    status = _list_status()
    return render(
        "opinions/index.html",
        blocks=("new_piece",),
        rows=list_pieces(g.org.id, status=status),
        status=status,
        form=NewPieceForm(formdata=None),
    )


@bp.post("/o/<slug>/opinions")
@org_view(Role.member)
def create_piece_view():
    form = NewPieceForm()
    if not form.validate():
        return render(
            "opinions/index.html", blocks=("new_piece",), rows=list_pieces(g.org.id), status="current", form=form
        ), 422
    piece = create_piece(g.org.id, form.title.data, user_id=current_user.id)
    db.session.commit()
    flash(
        _("“%(title)s” is ready. Start with the guiding questions, or write your own contribution.", title=piece.title),
        "success",
    )
    return redirect(url_for("opinions.show_piece", opinion_id=piece.id), code=303)


@bp.get("/o/<slug>/opinions.json")
@org_view(Role.viewer)
def pieces_json():
    rows = list_pieces(g.org.id, status=_list_status())
    return jsonify(
        [
            {
                "id": r.piece.id,
                "title": r.piece.title,
                "version": r.piece.version,
                "updated_at": r.piece.updated_at.isoformat(),
            }
            for r in rows
        ]
    )


@bp.get("/o/<slug>/opinions/<int:opinion_id>")
@org_view(Role.viewer)
def show_piece(opinion_id: int):
    piece = get_piece_or_404(opinion_id)
    target = htmx.target if htmx else None
    if target in (f"opinion-{piece.id}", "piece-rows"):
        return _list_row(piece, target)
    return render(
        "opinions/piece.html",
        blocks=PIECE_BLOCKS,
        **piece_context(piece, since=request.args.get("since", type=int), reopen_drafts=target is None),
    )


def _list_row(piece: OpinionPiece, target: str):
    """The piece as a row of the list (live updates and new pieces)."""
    status = "archived" if request.args.get("list") == "archived" else "current"
    if piece.status != status:
        response = make_response("")
        response.headers["HX-Reswap"] = "delete" if target != "piece-rows" else "none"
        return response
    return render("opinions/index.html", blocks={target: "piece_row"}, row=piece_row(piece), status=status)


# The team text: edit, save, archive, restore and history through the declared lifecycle


def _team_page(piece: OpinionPiece, form, version: int, *, status: int = 200, result=None):
    """The team text editor: fresh (no form), with the form's messages, or in conflict."""
    if result is not None:
        editor = team_editor(piece, form=form, version=version, conflict=result)
    elif form is None:
        editor = team_editor(piece, open=True)
    else:
        editor = team_editor(piece, open=True, form=form, version=version)
    return render("opinions/piece.html", blocks={"team-editor": "team_editor"}, **piece_context(piece, team=editor))


def _validate_team_text(form: TeamTextForm, formdata) -> bool:
    form.sent = form.changes(formdata)
    valid = form.validate()
    if not form.sent:
        form.body.errors = [_("Nothing was sent: write the team text in the box.")]
    return valid and bool(form.sent)


def _team_saved(piece: OpinionPiece, result):
    message = saved_message(result, piece)
    return fragment_or_redirect(
        message,
        url_for("opinions.show_piece", opinion_id=piece.id, _anchor="team-text"),
        # The editor stays open on the new version, so the meeting can go on writing.
        lambda: render(
            "opinions/piece.html",
            blocks={"team-editor": "team_saved"},
            message=message,
            team_text_oob=True,
            **piece_context(piece, team=team_editor(piece, open=True)),
        ),
    )


def _piece_history(piece: OpinionPiece):
    compare = comparison(piece, request.args.get("from", type=int), request.args.get("to", type=int))
    return render("opinions/history.html", piece=piece, contribution=None, compare=compare)


def _status_changed(piece: OpinionPiece, message: str):
    flash(message, "success")
    if piece.status == "archived":
        return redirect(url_for("opinions.list_pieces_view"), code=303)
    return redirect(url_for("opinions.show_piece", opinion_id=piece.id), code=303)


PIECES = Lifecycle(
    name="opinion",
    path="opinions",
    templates="opinions",
    page="opinions",
    load=get_piece_or_404,
    form=lambda formdata, _piece: TeamTextForm(formdata=formdata),
    form_for=lambda _piece: None,
    save=save_piece,
    values=lambda form, _piece: form.sent,
    saved=_team_saved,
    labels={},
    history_items=list,
    nothing_to_restore=NOTHING_TO_RESTORE,
    endpoints={
        "edit": "edit_team_text",
        "save": "save_team_text",
        "archive": "archive_piece",
        "restore": "unarchive_piece",
        "history": "piece_history",
        "restore_version": "restore_piece",
    },
    presence=lambda piece: (page_name(piece), editing_item(piece)),
    leaves_after_save=False,  # the editor stays open on the new version
    validate=_validate_team_text,
    page_view=_team_page,
    keep_on_conflict=True,  # the author's text is kept as a draft
    history_view=_piece_history,
    restore_with=restore_piece_version,
    set_status=set_status,
    restored_status="current",
    archived_message=_l("“%(title)s” is archived. You find it under the archived pieces."),
    restored_message=_l("“%(title)s” is back among the current pieces."),
    changed=_status_changed,
    title=lambda piece: piece.title,
)
PIECES.register(bp)


def _saved_text(piece: OpinionPiece, kind: str) -> str:
    """What a draft of ``kind`` is compared with: the saved team text or one's own contribution."""
    if kind == "team":
        return piece.body or ""
    mine = contribution_of(piece, current_user.id)
    return (mine.body if mine else "") or ""


@bp.post("/o/<slug>/opinions/<int:opinion_id>/draft")
@org_view(Role.member)
def save_draft(opinion_id: int):
    """Autosave of an open editor: kept per person, piece and kind, never a version."""
    piece = get_piece_or_404(opinion_id)
    form = DraftForm()
    if not form.validate():
        return render(
            "opinions/piece.html",
            blocks=PIECE_BLOCKS,
            draft_kind=form.kind.data,
            draft_error=True,
            **piece_context(piece),
        ), 422
    kind, body = form.kind.data, normalise(form.body.data)
    if body.strip() == _saved_text(piece, kind).strip():
        discard_draft(piece.id, current_user.id, kind)
    else:
        keep_draft(piece, current_user.id, kind, body, form.base_version())
    db.session.commit()
    if htmx and htmx.target:
        return render(
            "opinions/piece.html", blocks=PIECE_BLOCKS, draft_kind=kind, draft_saved_at=utcnow(), **piece_context(piece)
        )
    return redirect(url_for("opinions.show_piece", opinion_id=piece.id), code=303)


@bp.post("/o/<slug>/opinions/<int:opinion_id>/draft/discard")
@org_view(Role.member)
def discard_draft_view(opinion_id: int):
    piece = get_piece_or_404(opinion_id)
    kind = "contribution" if request.form.get("kind") == "contribution" else "team"
    discard_draft(piece.id, current_user.id, kind)
    db.session.commit()
    if htmx and htmx.target:
        return render("opinions/piece.html", blocks=PIECE_BLOCKS, **piece_context(piece, reopen_drafts=False))
    flash(_("Your draft is thrown away. The saved text is unchanged."), "success")
    return redirect(url_for("opinions.show_piece", opinion_id=piece.id), code=303)


# Personal contributions


@bp.get("/o/<slug>/opinions/<int:opinion_id>/contribution")
@org_view(Role.member)
def edit_my_contribution(opinion_id: int):
    piece = get_piece_or_404(opinion_id)
    mine = contribution_of(piece, current_user.id)
    return render(
        "opinions/piece.html",
        blocks={"my-contribution": "my_contribution"},
        **piece_context(piece, contribution=contribution_editor(piece, mine, open=True)),
    )


@bp.post("/o/<slug>/opinions/<int:opinion_id>/contribution")
@org_view(Role.member)
def save_my_contribution(opinion_id: int):
    piece = get_piece_or_404(opinion_id)
    return _save_contribution(piece, contribution_of(piece, current_user.id))


@bp.post("/o/<slug>/opinions/<int:opinion_id>/contributions/<int:contribution_id>")
@org_view(Role.member)
def save_contribution_view(opinion_id: int, contribution_id: int):
    piece = get_piece_or_404(opinion_id)
    contribution = get_contribution_or_404(piece, contribution_id)
    require_author(contribution)
    return _save_contribution(piece, contribution)


def _save_contribution(piece: OpinionPiece, mine: Contribution | None):
    formdata = resolve(request.form)
    form = ContributionForm(formdata=formdata)
    try:
        base_version = parse_version(formdata.get("version")) if formdata.get("version") else None
    except VersionMissing:
        abort(428)
    blocks = {"my-contribution": "my_contribution"}
    if not form.validate():
        editor = contribution_editor(piece, mine, open=True, form=form, version=base_version)
        return render("opinions/piece.html", blocks=blocks, **piece_context(piece, contribution=editor)), 422
    result = save_contribution(piece, current_user.id, form.value(), base_version)
    db.session.commit()
    if result.status == "conflict":
        editor = contribution_editor(piece, mine, form=form, version=base_version, conflict=result)
        return render("opinions/piece.html", blocks=blocks, **piece_context(piece, contribution=editor)), 409
    message = contribution_message(result)
    return fragment_or_redirect(
        message,
        url_for("opinions.show_piece", opinion_id=piece.id, _anchor="contributions"),
        lambda: render(
            "opinions/piece.html",
            blocks={"my-contribution": "contribution_saved"},
            message=message,
            **piece_context(piece),
        ),
    )


@bp.get("/o/<slug>/opinions/<int:opinion_id>/contributions/<int:contribution_id>/history")
@org_view(Role.viewer)
def contribution_history(opinion_id: int, contribution_id: int):
    piece = get_piece_or_404(opinion_id)
    contribution = get_contribution_or_404(piece, contribution_id)
    return render(
        "opinions/history.html",
        piece=piece,
        contribution=contribution,
        compare=comparison(contribution, request.args.get("from", type=int), request.args.get("to", type=int)),
    )


@bp.post("/o/<slug>/opinions/<int:opinion_id>/contributions/<int:contribution_id>/history/<int:version>/restore")
@org_view(Role.member)
def restore_contribution(opinion_id: int, contribution_id: int, version: int):
    piece = get_piece_or_404(opinion_id)
    contribution = get_contribution_or_404(piece, contribution_id)
    require_author(contribution)
    restore_from_history(
        contribution,
        version,
        nothing=NOTHING_TO_RESTORE,
        restore=lambda obj, v, user_id: restore_contribution_version(obj, piece, v, user_id=user_id),
    )
    return redirect(
        url_for("opinions.contribution_history", opinion_id=piece.id, contribution_id=contribution.id), code=303
    )


# Print and export


@bp.get("/o/<slug>/opinions/<int:opinion_id>/print")
@org_view(Role.viewer)
def print_piece(opinion_id: int):
    piece = get_piece_or_404(opinion_id)
    return render(
        "opinions/print.html",
        piece=piece,
        contributions=contributions_of(piece),
        questions=[question_text(code) for code in piece.questions or []],
    )


@bp.get("/o/<slug>/opinions/<int:opinion_id>/export.md")
@org_view(Role.viewer)
def export_piece(opinion_id: int):
    piece = get_piece_or_404(opinion_id)
    text = export.as_markdown(piece, contributions_of(piece), org_name=g.org.name)
    response = make_response(text)
    response.mimetype = "text/markdown"
    response.charset = "utf-8"
    filename = export.filename_for(piece)
    response.headers["Content-Disposition"] = f"attachment; filename=\"{filename}\"; filename*=UTF-8''{quote(filename)}"
    response.headers["Cache-Control"] = "private, no-cache"
    return response
