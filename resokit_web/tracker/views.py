from __future__ import annotations

from flask import Blueprint, Response, flash, g, jsonify, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ..access import org_view, scoped_get
from ..activity.service import record_denied
from ..extensions import db, htmx
from ..forms import whole_number
from ..live.diff import describe_history
from ..live.lifecycle import Lifecycle
from ..orgs.models import Role
from ..rendering import fragment_or_redirect, render
from . import charts
from .access import can_answer, get_action_or_404, get_round_or_404, get_statement_or_404
from .forms import STATUS_LABELS, RoundForm, StatementForm, action_form, parse_answers
from .models import Action, Round, ScreeningItem
from .scores import statement_score
from .service import (
    NOTE_MAX,
    actions_by_statement,
    actions_of,
    add_statement,
    answered_count,
    changes_in_words,
    close_due,
    close_round,
    create_action,
    ensure_statements,
    members_of,
    my_answers,
    open_round,
    play_move,
    play_note,
    play_reveal,
    play_statement,
    results_json,
    reveal_round,
    round_results,
    round_statements,
    rounds_of,
    save_action,
    save_answers,
    set_statement_active,
    statements_of,
    team_size,
    trend,
    trend_csv,
    trend_json,
    votes_for,
)

bp = Blueprint("tracker", __name__)

PAGE = "tracker"
ACTION_LABELS = {
    "title": _l("What"),
    "owner": _l("Who"),
    "due_on": _l("By when"),
    "statement_id": _l("About the statement"),
    "status": _l("Status"),
}


# --- The tracker page, its trend and its exports -------------------------------------------


def _index_context(round_form=None, new_action=None) -> dict:
    ensure_statements(g.org.id)
    close_due(g.org.id)
    rounds = trend(g.org.id)
    return {
        "rounds": rounds_of(g.org.id),
        "trend": rounds,
        "trend_chart": charts.trend_chart(rounds),
        "changes": changes_in_words(rounds),
        "actions": actions_of(g.org.id),
        "done_actions": actions_of(g.org.id, statuses=("done", "archived")),
        "round_form": round_form or RoundForm(formdata=None),
        "action_form": new_action or action_form(),
        "status_labels": STATUS_LABELS,
    }


@bp.get("/o/<slug>/tracker")
@org_view(Role.viewer)
def show_tracker():
    return render("tracker/index.html", blocks=("rounds_list", "action_list"), **_index_context())


@bp.get("/o/<slug>/tracker.json")
@org_view(Role.viewer)
def tracker_json():
    close_due(g.org.id)
    return jsonify(trend_json(trend(g.org.id)))


@bp.get("/o/<slug>/tracker.csv")
@org_view(Role.viewer)
def tracker_csv():
    close_due(g.org.id)
    response = Response(trend_csv(trend(g.org.id)), mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="{g.org.slug}-inclusietracker.csv"'
    return response


# --- Rounds -----------------------------------------------------------------------------------


@bp.post("/o/<slug>/tracker/rounds")
@org_view(Role.coordinator)
def create_round():
    form = RoundForm()
    if not form.validate():
        return render("tracker/index.html", **_index_context(round_form=form)), 422
    rnd = open_round(g.org.id, form.title.data, form.closes_on.data, user_id=current_user.id)
    db.session.commit()
    flash(_("The round “%(title)s” is open: the team can answer now.", title=rnd.title), "success")
    return redirect(url_for("tracker.show_round", round_id=rnd.id), code=303)


def _round_context(rnd: Round, *, errors=None, typed=None, **extra) -> dict:
    statements = round_statements(rnd)
    visible = rnd.results_visible
    results = round_results(rnd) if visible else None
    return {
        "rnd": rnd,
        "statements": statements,
        "own_answers": my_answers(rnd, current_user.id),
        "errors": errors or {},
        "typed": typed,
        "answered": answered_count(rnd),
        "results": results,
        "block_chart": charts.block_chart(results.blocks) if results else None,
        "may_answer": can_answer(rnd),
        "linked_actions": actions_by_statement(g.org.id),
        "result_action_form": action_form(),
        "status_labels": STATUS_LABELS,
        **extra,
    }


ROUND_BLOCKS = ("round_status", "answer_form")


@bp.get("/o/<slug>/tracker/rounds/<int:round_id>")
@org_view(Role.viewer)
def show_round(round_id: int):
    close_due(g.org.id)
    rnd = get_round_or_404(round_id)
    return render("tracker/round.html", blocks=ROUND_BLOCKS, **_round_context(rnd))


@bp.post("/o/<slug>/tracker/rounds/<int:round_id>/answers")
@org_view(Role.member)
def save_answers_view(round_id: int):
    close_due(g.org.id)
    rnd = get_round_or_404(round_id)
    if rnd.closed_at is not None:
        message = _("This round is closed: answers can no longer be changed.")
        return render("tracker/round.html", blocks=ROUND_BLOCKS, **_round_context(rnd, closed_message=message)), 409
    asked = [s.id for s in round_statements(rnd)]
    answers, errors = parse_answers(request.form, asked)
    if errors or not answers:
        if not errors:
            errors = {"form": _("Choose an answer for at least one statement.")}
        context = _round_context(rnd, errors=errors, typed=request.form)
        return render("tracker/round.html", blocks=ROUND_BLOCKS, **context), 422
    save_answers(rnd, current_user.id, answers, signed=request.form.get("signed") == "on")
    db.session.commit()
    if request.form.get("from") == "play":
        if htmx:
            return render("tracker/play.html", blocks=PLAY_BLOCKS, **_play_context(rnd, vote_saved=True))
        flash(_("Your vote is in. You can change it until the round closes."), "success")
        return redirect(url_for("tracker.play_round", round_id=rnd.id), code=303)
    message = _("Your answers are saved. You can change them until the round closes.")
    return fragment_or_redirect(
        message,
        url_for("tracker.show_round", round_id=rnd.id),
        "tracker/round.html",
        blocks=ROUND_BLOCKS,
        saved_message=message,
        **_round_context(rnd),
    )


@bp.get("/o/<slug>/tracker/rounds/<int:round_id>/results.json")
@org_view(Role.viewer)
def round_results_json(round_id: int):
    rnd = get_round_or_404(round_id)
    if not rnd.results_visible:
        record_denied(g.org.id, current_user.id, "denied.results_hidden")
        return jsonify(
            {"error": _("The results are hidden until the coordinator reveals them or the round closes.")}
        ), 403
    return jsonify(results_json(rnd, round_results(rnd)))


@bp.post("/o/<slug>/tracker/rounds/<int:round_id>/reveal")
@org_view(Role.coordinator)
def reveal_round_view(round_id: int):
    rnd = get_round_or_404(round_id)
    reveal_round(rnd, user_id=current_user.id)
    db.session.commit()
    flash(
        _("The results are revealed to the team. Members can still change their answers until the round closes."),
        "success",
    )
    return redirect(url_for("tracker.show_round", round_id=rnd.id, _anchor="results"), code=303)


@bp.post("/o/<slug>/tracker/rounds/<int:round_id>/close")
@org_view(Role.coordinator)
def close_round_view(round_id: int):
    rnd = get_round_or_404(round_id)
    close_round(rnd, user_id=current_user.id)
    db.session.commit()
    flash(_("The round is closed. Its scores are now part of the trend."), "success")
    return redirect(url_for("tracker.show_round", round_id=rnd.id, _anchor="results"), code=303)


# --- Statements -------------------------------------------------------------------------------


def _statements_page(form=None, status: int = 200):
    ensure_statements(g.org.id)
    response = render(
        "tracker/statements.html",
        statements=statements_of(g.org.id),
        form=form or StatementForm(formdata=None),
        action_form=action_form(),
    )
    return (response, status) if status != 200 else response


@bp.get("/o/<slug>/tracker/statements")
@org_view(Role.viewer)
def list_statements():
    return _statements_page()


@bp.get("/o/<slug>/tracker/statements.json")
@org_view(Role.viewer)
def statements_json():
    ensure_statements(g.org.id)
    db.session.commit()
    return jsonify(
        [{"id": s.id, "block": s.block, "text": s.shown_text, "active": s.active} for s in statements_of(g.org.id)]
    )


@bp.post("/o/<slug>/tracker/statements")
@org_view(Role.coordinator)
def create_statement():
    form = StatementForm()
    if not form.validate():
        return _statements_page(form, 422)
    add_statement(g.org.id, form.block.data, form.text.data, form.explanation.data or "", user_id=current_user.id)
    db.session.commit()
    flash(_("The statement is added. The next round asks it."), "success")
    return redirect(url_for("tracker.list_statements"), code=303)


@bp.post("/o/<slug>/tracker/statements/<int:statement_id>/retire")
@org_view(Role.coordinator)
def retire_statement(statement_id: int):
    statement = get_statement_or_404(statement_id)
    set_statement_active(statement, False, user_id=current_user.id)
    db.session.commit()
    flash(_("The statement is retired: new rounds no longer ask it; past rounds keep it."), "success")
    return redirect(url_for("tracker.list_statements"), code=303)


@bp.post("/o/<slug>/tracker/statements/<int:statement_id>/activate")
@org_view(Role.coordinator)
def activate_statement(statement_id: int):
    statement = get_statement_or_404(statement_id)
    set_statement_active(statement, True, user_id=current_user.id)
    db.session.commit()
    flash(_("The statement is back: the next round asks it again."), "success")
    return redirect(url_for("tracker.list_statements"), code=303)


# --- Actions ----------------------------------------------------------------------------------


@bp.post("/o/<slug>/actions")
@org_view(Role.member)
def create_action_view():
    form = action_form(request.form)
    if not form.validate():
        return render("tracker/index.html", **_index_context(new_action=form)), 422
    rnd = _own(Round, request.form.get("round_id"))
    item = _own(ScreeningItem, request.form.get("screening_item_id"))
    action = create_action(
        g.org.id,
        form.values(with_status=False),
        user_id=current_user.id,
        round_id=rnd.id if rnd else None,
        screening_item_id=item.id if item else None,
    )
    db.session.commit()
    flash(_("The action “%(title)s” is on the tracker page.", title=action.title), "success")
    if item is not None:
        return redirect(url_for("tracker.show_screening", _anchor=f"question-{item.id}"), code=303)
    return redirect(url_for("tracker.show_tracker", _anchor=f"action-{action.id}"), code=303)


def _own(model, raw: str | None):
    """A hidden id of the form (where an action came from): this organisation's, or None."""
    object_id = whole_number(raw, minimum=1)
    return scoped_get(model, object_id) if object_id is not None else None


def _action_saved(action: Action, result):
    message = _("Nothing had changed, so nothing was saved.") if result.status == "unchanged" else _("Saved.")
    if result.status == "merged":
        message = _("Saved, together with a colleague's change made meanwhile.")
    return fragment_or_redirect(
        message,
        url_for("tracker.show_tracker", _anchor=f"action-{action.id}"),
        "tracker/actions/edit.html",
        blocks={f"action-{action.id}": "action_saved"},
        action=action,
        status_labels=STATUS_LABELS,
    )


def _action_changed(action: Action, message: str):
    flash(message, "success")
    return redirect(url_for("tracker.show_tracker", _anchor="actions"), code=303)


def _set_action_status(obj: Action, status: str, *, user_id: int, action: str):
    return save_action(obj, {"status": status}, obj.version, user_id=user_id, action_name=action)


def _action_display() -> dict:
    """How an action's fields read in its history and in the conflict view."""
    members = {u.id: u.display_name for u in members_of(g.org.id)}
    statements = {s.id: s.shown_text for s in statements_of(g.org.id)}
    return {
        "status": lambda v: STATUS_LABELS.get(v, v),
        "owner": lambda v: members.get(v, v),
        "statement_id": lambda v: statements.get(v, v),
    }


def _action_history_items(entries):
    return describe_history(entries, labels=ACTION_LABELS, display=_action_display())


ACTIONS = Lifecycle(
    name="action",
    path="actions",
    templates="tracker/actions",
    page=PAGE,
    load=get_action_or_404,
    form=lambda formdata, _action: action_form(formdata),
    form_for=lambda action: action_form(obj=action),
    save=lambda obj, values, base, user_id: save_action(obj, values, base, user_id=user_id),
    values=lambda form, _action: form.values(),
    saved=_action_saved,
    labels=ACTION_LABELS,
    history_items=_action_history_items,
    nothing_to_restore=_l("Nothing to restore: this is what the action looks like now."),
    conflict_context=lambda _result: {"status_labels": STATUS_LABELS, "display": _action_display()},
    edit_context=lambda _action: {"status_labels": STATUS_LABELS},
    set_status=_set_action_status,
    restored_status="open",
    archived_message=_l("“%(title)s” is archived."),
    restored_message=_l("“%(title)s” is open again."),
    changed=_action_changed,
    title=lambda action: action.title,
)
ACTIONS.register(bp)


# --- The game: one statement at a time on the projector, votes from the phones ----------------

PLAY_BLOCKS = ("play_stage", "play_count")


def _play_context(rnd: Round, **extra) -> dict:
    statement = play_statement(rnd)
    votes = votes_for(rnd, statement.id) if statement else []
    mine = my_answers(rnd, current_user.id).get(statement.id) if statement else None
    return {
        "rnd": rnd,
        "statement": statement,
        "position": min(rnd.play_position, max(len(rnd.statement_ids) - 1, 0)) + 1,
        "total": len(rnd.statement_ids),
        "voted": len(votes),
        "team": team_size(g.org.id),
        "score": statement_score(votes) if rnd.play_revealed else None,
        "chart": charts.distribution_chart(statement_score(votes)) if rnd.play_revealed else None,
        "my_vote": mine.value if mine else None,
        "note": (rnd.play_notes or {}).get(str(statement.id), "") if statement else "",
        "may_answer": can_answer(rnd),
        **extra,
    }


@bp.get("/o/<slug>/tracker/rounds/<int:round_id>/play")
@org_view(Role.viewer)
def play_round(round_id: int):
    close_due(g.org.id)
    rnd = get_round_or_404(round_id)
    return render("tracker/play.html", blocks=PLAY_BLOCKS, **_play_context(rnd))


@bp.post("/o/<slug>/tracker/rounds/<int:round_id>/play")
@org_view(Role.coordinator)
def control_play(round_id: int):
    """The facilitator's keys: ``do`` = next, back, reveal or note (with ``note``)."""
    rnd = get_round_or_404(round_id)
    action = request.form.get("do")
    note = (request.form.get("note") or "").strip().replace("\r\n", "\n")
    if action not in ("next", "back", "reveal", "note") or len(note) > NOTE_MAX:
        message = _("The note is too long: at most %(max)d characters.", max=NOTE_MAX) if action == "note" else None
        return render(
            "tracker/play.html", blocks=PLAY_BLOCKS, **_play_context(rnd, play_error=message or _("Unknown step."))
        ), 422
    if action == "next":
        play_move(rnd, 1, user_id=current_user.id)
    elif action == "back":
        play_move(rnd, -1, user_id=current_user.id)
    elif action == "reveal":
        play_reveal(rnd, user_id=current_user.id)
    elif (statement := play_statement(rnd)) is not None:
        play_note(rnd, statement.id, note, user_id=current_user.id)
    db.session.commit()
    if htmx:
        return render("tracker/play.html", blocks=PLAY_BLOCKS, **_play_context(rnd))
    return redirect(url_for("tracker.play_round", round_id=rnd.id), code=303)
