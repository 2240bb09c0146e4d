"""Team sessions: the facilitator's pages in the workspace and the participants' on /s/<code>."""

from __future__ import annotations

import time
from datetime import timedelta

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    g,
    jsonify,
    redirect,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ..access import org_view
from ..extensions import client_address, db, limiter, utcnow
from ..live import quotas
from ..live.diff import describe_history
from ..live.lifecycle import Lifecycle
from ..opinions.service import create_piece, save_contribution
from ..orgs.models import Role
from ..public.poster import qr_svg
from ..rendering import render
from .access import can_facilitate, get_card_or_404, get_session_or_404, participant_view
from .content import CARDS, POSITIONS, SIDES, THEMES, WALK, WALK_QUESTIONS
from .forms import (
    ArgumentForm,
    CardForm,
    ConfirmForm,
    JoinForm,
    LearningForm,
    NewSessionForm,
    NoteForm,
    PositionForm,
    ReflectionForm,
    WalkReflectionForm,
)
from .labels import CARD_FIELD_LABELS, CARD_STATUS_LABELS, CARDS_PAGE, FORMAT_LABELS, format_label, step_title
from .models import GUEST_HOURS, RUNNABLE, TeamCard
from .service import (
    STEP_PLANS,
    StepRefused,
    add_entry,
    add_team_card,
    advance,
    create_session,
    current_card,
    current_round,
    end_session,
    in_learning_step,
    join_guest,
    join_member,
    normalise_code,
    participants_of,
    record_opinion,
    save_team_card,
    sessions_of,
    set_card_status,
    step_kind,
    team_cards,
)
from .summary import participant_view_data, summary_markdown, summary_of

bp = Blueprint("sessions", __name__)


@bp.after_request
def no_store(response: Response) -> Response:
    if request.endpoint and request.endpoint.startswith("sessions."):
        response.headers["Cache-Control"] = "no-store, max-age=0"
    return response


def _join_limit() -> str:
    return current_app.config["RESOKIT_SESSION_JOIN_LIMIT"]


def _answer_limit() -> str:
    return current_app.config["RESOKIT_SESSION_ANSWER_LIMIT"]


# A room of phones often shares one address (the building's wifi): joining is counted per
# address and session, with room for a large group; answering per visitor (their own
# browser session), so one phone cannot flood a session and a full room is never held up.
# Codes are short: guessing them is slowed down by counting the misses (a wrong code), per address.
_code_misses = limiter.shared_limit(
    lambda: current_app.config["RESOKIT_SESSION_MISS_LIMIT"],
    scope="session-code-miss",
    deduct_when=lambda response: response.status_code == 404,
)


def _join_key() -> str:
    return f"session-join:{client_address()}:{normalise_code(request.view_args.get('code', ''))}"


def _answer_key() -> str:
    visitor = getattr(session, "sid", None) or client_address()
    return f"session-answer:{visitor}"


# --- The workspace: list, new, the facilitator's screen ---------------------------------


def _index(form: NewSessionForm, status: int = 200, fmt: str | None = None):
    if fmt is None:
        fmt = request.args.get("format", "")
        fmt = fmt if fmt in FORMAT_LABELS else ""
    if fmt in RUNNABLE and not form.is_submitted():
        form.format.data = fmt
    return render("sessions/index.html", form=form, sessions=sessions_of(g.org.id, fmt or None), fmt=fmt), status


@bp.get("/o/<slug>/sessions")
@org_view(Role.viewer)
def list_sessions():
    return _index(NewSessionForm(formdata=None))


def _format_page(fmt: str):
    """The sessions of one tool: its own page in the Mindset navigation."""

    def list_format_sessions():
        return _index(NewSessionForm(formdata=None), fmt=fmt)

    list_format_sessions.__name__ = f"list_{fmt}"
    return org_view(Role.viewer)(list_format_sessions)


for _fmt in FORMAT_LABELS:
    bp.add_url_rule(f"/o/<slug>/sessions/{_fmt}", endpoint=f"list_{_fmt}", view_func=_format_page(_fmt))


@bp.post("/o/<slug>/sessions")
@org_view(Role.member)
def create_session_view():
    form = NewSessionForm()
    if not form.validate():
        return _index(form, 422)
    sess = create_session(
        g.org.id,
        form.format.data,
        form.title.data,
        guests=bool(form.guests.data),
        user_id=current_user.id,
        minutes=form.minutes.data or 2,
        rounds=form.rounds.data or 5,
        case=form.case.data or "",
    )
    db.session.commit()
    return redirect(url_for("sessions.show_session", session_id=sess.id), code=303)


@bp.get("/o/<slug>/sessions.json")
@org_view(Role.viewer)
def sessions_json():
    return jsonify(
        [
            {
                "id": s.id,
                "format": s.format,
                "title": s.title,
                "code": s.code,
                "status": s.status,
                "started_at": s.started_at.isoformat(),
            }
            for s in sessions_of(g.org.id)
        ]
    )


def _facilitator(sess, *, status: int = 200, note_form: NoteForm | None = None, refused: str | None = None):
    join_url = url_for("sessions.show_participant", code=sess.code, _external=True)
    return render(
        "sessions/session.html",
        blocks=("live_state",),
        sess=sess,
        join_url=join_url,
        qr=qr_svg(join_url),
        participants=participants_of(sess),
        card=current_card(sess),
        round_=current_round(sess),
        learning=in_learning_step(sess),
        summary=summary_of(sess),
        facilitates=can_facilitate(sess),
        kind=step_kind(sess),
        step_title=_step_title(sess),
        note_form=note_form or NoteForm(formdata=None),
        refused=refused,
        server_now=utcnow(),
    ), status


@bp.get("/o/<slug>/sessions/<int:session_id>")
@org_view(Role.viewer)
def show_session(session_id: int):
    return _facilitator(get_session_or_404(session_id))


def _facilitated(session_id: int):
    sess = get_session_or_404(session_id)
    if not ConfirmForm().validate():
        abort(400)
    if not can_facilitate(sess):
        return sess, _facilitator(sess, status=403, refused=_("Only the facilitator of this session moves it on."))
    return sess, None


@bp.post("/o/<slug>/sessions/<int:session_id>/next")
@org_view(Role.member)
def next_step(session_id: int):
    sess, refused = _facilitated(session_id)
    if refused:
        return refused
    try:
        advance(sess, current_user.id)
    except StepRefused as error:
        db.session.rollback()
        return _facilitator(sess, status=409, refused=str(error))
    db.session.commit()
    return redirect(url_for("sessions.show_session", session_id=sess.id), code=303)


@bp.post("/o/<slug>/sessions/<int:session_id>/end")
@org_view(Role.member)
def end_session_view(session_id: int):
    sess, refused = _facilitated(session_id)
    if refused:
        return refused
    try:
        end_session(sess, current_user.id)
    except StepRefused as error:
        db.session.rollback()
        return _facilitator(sess, status=409, refused=str(error))
    db.session.commit()
    flash(_("The session has ended. Its summary is kept for the team."), "success")
    return redirect(url_for("sessions.show_summary", session_id=sess.id), code=303)


@bp.post("/o/<slug>/sessions/<int:session_id>/note")
@org_view(Role.member)
def add_note(session_id: int):
    """The facilitator writes down what the group said about the card on the screen."""
    sess = get_session_or_404(session_id)
    form = NoteForm()
    card = current_card(sess)
    if sess.ended:
        return _facilitator(sess, status=409, refused=_("This session has ended."))
    if card is None:
        return _facilitator(sess, status=409, refused=_("Draw a card first."))
    if not form.validate():
        return _facilitator(sess, status=422, note_form=form)
    add_entry(sess, None, "note", card.key, form.note.data)
    db.session.commit()
    flash(_("Note kept."), "success")
    return redirect(url_for("sessions.show_session", session_id=sess.id), code=303)


@bp.get("/o/<slug>/sessions/<int:session_id>/summary")
@org_view(Role.viewer)
def show_summary(session_id: int):
    sess = get_session_or_404(session_id)
    return render("sessions/summary.html", sess=sess, summary=summary_of(sess), form=ConfirmForm(formdata=None))


@bp.post("/o/<slug>/sessions/<int:session_id>/opinion")
@org_view(Role.member)
def start_opinion(session_id: int):
    """An opinion piece from the session: its summary is the first personal contribution."""
    sess = get_session_or_404(session_id)
    if not ConfirmForm().validate():
        abort(400)
    piece = create_piece(g.org.id, sess.title[:160], user_id=current_user.id)
    save_contribution(piece, current_user.id, summary_markdown(sess), None)
    record_opinion(sess, current_user.id)
    db.session.commit()
    flash(_("An opinion piece starts from this session's summary."), "success")
    return redirect(url_for("opinions.show_piece", opinion_id=piece.id), code=303)


# --- The team's own cards ----------------------------------------------------------------


def _cards(form: CardForm, status: int = 200):
    return render(
        "sessions/cards.html",
        blocks=("team_cards",),
        form=form,
        cards=team_cards(g.org.id),
        archived=team_cards(g.org.id, archived=True),
        confirm=ConfirmForm(formdata=None),
        theme_labels=THEMES,
        deck=CARDS,
    ), status


@bp.get("/o/<slug>/sessions/cards")
@org_view(Role.viewer)
def list_cards():
    return _cards(CardForm(formdata=None))


@bp.post("/o/<slug>/sessions/cards")
@org_view(Role.member)
def add_card():
    form = CardForm()
    if not form.validate():
        return _cards(form, 422)
    add_team_card(g.org.id, form.theme.data, form.text.data, current_user.id)
    db.session.commit()
    flash(_("The card is in the jar."), "success")
    return redirect(url_for("sessions.list_cards"), code=303)


def _card_form(formdata, card=None):
    if formdata is None and card is not None:
        return CardForm(formdata=None, data={"theme": card.theme, "text": card.text})
    return CardForm(formdata=formdata)


def _card_saved(card, result):
    if result.status == "merged":
        message = _("Saved. A colleague changed this card at the same time; both changes are kept.")
    elif result.status == "unchanged":
        message = _("Nothing had changed, so nothing was saved.")
    else:
        message = _("Saved.")
    return _card_changed(card, message)


def _card_changed(card, message: str):
    """Back to the list of cards (plain or boosted: the list shows the card where it now is)."""
    flash(message, "success")
    return redirect(url_for("sessions.list_cards", _anchor=f"card-{card.id}"), code=303)


def _card_history(entries):
    display = {"theme": lambda v: str(THEMES.get(v, v)), "status": lambda v: str(CARD_STATUS_LABELS.get(v, v))}
    return describe_history(entries, labels=CARD_FIELD_LABELS, display=display, text_fields=TeamCard.__text_fields__)


# The team's cards are versioned objects: edit, history, archive and restore are the shared
# lifecycle views (live.lifecycle), under /o/<slug>/sessions/cards/<card_id>.
CARDS_LIFECYCLE = Lifecycle(
    name="card",
    path="sessions/cards",
    templates="sessions",
    page=CARDS_PAGE,
    load=get_card_or_404,
    form=lambda formdata, _card: _card_form(formdata),
    form_for=lambda card: _card_form(None, card),
    save=save_team_card,
    values=lambda form, _card: {"theme": form.theme.data, "text": form.text.data},
    saved=_card_saved,
    labels=CARD_FIELD_LABELS,
    history_items=_card_history,
    nothing_to_restore=_l("Nothing to restore: this is what the card looks like now."),
    set_status=set_card_status,
    restored_status="open",
    archived_message=_l("The card is out of the jar (archived)."),
    restored_message=_l("The card is back in the jar."),
    changed=_card_changed,
    title=lambda card: card.text,
)
CARDS_LIFECYCLE.register(bp)


# --- The participants' pages -----------------------------------------------------------------


def _closed(sess) -> bool:
    return sess.ended


def _participant_page(
    *,
    status: int = 200,
    form=None,
    join_form: JoinForm | None = None,
    message: str | None = None,
    unsent: str = "",
):
    sess = g.team_session
    if _closed(sess):
        status = 410 if status == 200 else status
    guests_open = sess.allow_guests and utcnow() < _guests_until(sess)
    data = participant_view_data(sess, g.participant) if g.participant else None
    return render(
        "sessions/participant.html",
        blocks=("participant_state",),
        sess=sess,
        org=g.session_org,
        participant=g.participant,
        team_member=g.team_member,
        guests_open=guests_open,
        view=data,
        join_form=join_form or JoinForm(formdata=None),
        form=form,
        message=message,
        unsent=unsent,
        server_now=utcnow(),
        format_name=format_label(sess.format),
        summary=summary_of(sess) if g.participant and sess.format in STEP_PLANS else None,
        step_title=_step_title(sess),
        positions=POSITIONS,
        sides=SIDES,
        argument_form=ArgumentForm(formdata=None),
        walk_form=WalkReflectionForm(formdata=None),
        walk_keys=list(WALK_QUESTIONS),
        reflection_form=ReflectionForm(formdata=None),
    ), status


def _step_title(sess) -> str:
    return step_title(step_kind(sess), sess.step, len(WALK))


def _guests_until(sess):
    return sess.started_at + timedelta(hours=GUEST_HOURS)


@bp.get("/s/<code>")
@_code_misses
@participant_view
def show_participant():
    return _participant_page()


@bp.post("/s/<code>/join")
@limiter.limit(_join_limit, key_func=_join_key)
@participant_view
def join_session():
    sess = g.team_session
    form = JoinForm()
    if _closed(sess):
        return _participant_page(status=410, message=_("This session has ended: it can no longer be joined."))
    if g.participant is not None:
        return redirect(url_for("sessions.show_participant", code=sess.code), code=303)
    if g.team_member is not None:
        join_member(sess, current_user.id, current_user.display_name or _("Colleague"))
    else:
        if not (sess.allow_guests and utcnow() < _guests_until(sess)):
            return _participant_page(status=403, message=_("This session is for the team only: sign in to join."))
        if not form.validate():
            return _participant_page(status=422, join_form=form)
        join_guest(sess, form.name.data)
    db.session.commit()
    return redirect(url_for("sessions.show_participant", code=sess.code), code=303)


@bp.post("/s/<code>/answer")
@limiter.limit(_answer_limit, key_func=_answer_key)
@participant_view
def answer():
    sess = g.team_session
    if _closed(sess):
        return _participant_page(status=410, message=_("This session has ended: answers are closed."))
    if g.participant is None:
        return _participant_page(status=403, message=_("Join the session first."))
    found = _answer_form(sess)
    if found is None:
        return _participant_page(
            status=409, message=_("There is nothing to answer at this step."), unsent=_unsent_text()
        )
    form, save = found
    if isinstance(form, str):
        return _participant_page(status=409, message=form, unsent=_unsent_text())
    if not form.validate():
        return _participant_page(status=422, form=form, unsent=_unsent_text(exclude=form._fields))
    save(form)
    db.session.commit()
    flash(_("Thank you: your answer is in."), "success")
    return redirect(url_for("sessions.show_participant", code=sess.code), code=303)


_TEXT_FIELDS = ("note", "learning", "argument", "reflection", *WALK_QUESTIONS)


def _unsent_text(exclude=()) -> str:
    """What a phone typed for a step that has gone: given back, so nothing typed is lost
    (``exclude``: the fields the form on the page shows again itself)."""
    texts = (request.form.get(name, "").strip() for name in _TEXT_FIELDS if name not in exclude)
    return "\n\n".join(text for text in texts if text)[:4000]


def _answer_form(sess):
    """The form this step answers with, and how it is kept; None: nothing to answer. (A
    message instead of a form: the answer came for a card no longer on the screen.)"""
    me = g.participant
    kind = step_kind(sess)
    if sess.format == "kletspot" and sess.step > 0:
        card = request.form.get("card", "")
        if card not in ((sess.state or {}).get("drawn") or []):
            return _("This card is no longer on the screen."), None
        return NoteForm(), lambda f: add_entry(sess, me, "note", card, f.note.data)
    if sess.format == "speeddate" and in_learning_step(sess):
        return LearningForm(), lambda f: add_entry(sess, me, "learning", "", f.learning.data)
    if kind in ("position_before", "position_after"):
        return PositionForm(), lambda f: add_entry(sess, me, kind, f.position.data, "")
    if kind == "arguments":
        return ArgumentForm(), lambda f: add_entry(sess, me, "argument", f.side.data, f.argument.data)
    if sess.format == "wandeling" and kind == "reflect":

        def keep(f):
            for key in WALK_QUESTIONS:
                text = (getattr(f, key).data or "").strip()
                if text:
                    add_entry(sess, me, "reflection", key, text)

        return WalkReflectionForm(), keep
    if sess.format == "ontmoeting" and kind == "reflect":
        return ReflectionForm(), lambda f: add_entry(sess, me, "reflection", "", f.reflection.data)
    return None


@bp.get("/s/<code>/state.json")
@_code_misses
@participant_view
def session_state():
    sess = g.team_session
    if g.participant is None and not sess.ended:
        return jsonify({"error": _("Join the session first.")}), 403
    return jsonify(
        {
            "format": sess.format,
            "status": sess.status,
            "step": sess.step,
            "started_at": sess.step_started_at.isoformat() if sess.step_started_at else sess.started_at.isoformat(),
            "ends_at": sess.step_ends_at.isoformat() if sess.step_ends_at and not sess.ended else None,
            "now": utcnow().isoformat(),
            "you": participant_view_data(sess, g.participant) if g.participant else None,
        }
    )


@bp.get("/s/<code>/events")
@_code_misses
@participant_view
def stream_session():
    """The session's own event stream: ``state`` whenever the session moved on (and once at
    the start, so a phone that dropped off catches up on reconnecting)."""
    sess = g.team_session
    if g.participant is None:
        return Response("", status=403, headers={"Cache-Control": "no-store"})
    app = current_app._get_current_object()
    bus = app.extensions["resokit_bus"]
    limit = app.config["RESOKIT_SSE_MAX_STREAMS"]
    if limit and bus.subscriber_count() >= limit:
        return Response("", status=503, headers={"Retry-After": "30", "Cache-Control": "no-store"})
    # The same quotas as the workspace's streams (live/quotas.py): per browser session, per
    # person (a team member's own quota; a guest's seat counts as its own person) and per
    # organisation. Past one: 429, the phone's page keeps working and its stream retries.
    me = g.participant
    slot = quotas.acquire(
        session_id=getattr(session, "sid", None),
        user_id=me.user_id if me.user_id is not None else f"guest-{me.id}",
        org_id=sess.organisation_id,
    )
    if slot is None:
        return Response("", status=429, headers={"Retry-After": "60", "Cache-Control": "no-store"})
    heartbeat, max_age = app.config["RESOKIT_SSE_HEARTBEAT"], app.config["RESOKIT_SSE_MAX_AGE"]
    subscription = bus.subscribe(sess.organisation_id)
    session_id = sess.id
    # Seats end with the session or after 12 hours: the stream ends then too.
    until = (
        min(_guests_until(sess).timestamp(), time.time() + max_age) if g.participant.guest else time.time() + max_age
    )

    def generate():
        try:
            yield "retry: 2000\n: connected\n\nevent: state\ndata: {}\n\n"
            while time.time() < until:
                event = subscription.get(timeout=heartbeat)
                if subscription.ended or subscription.overflowed:
                    return
                if event is None:
                    yield ": ping\n\n"
                    continue
                if quotas.ends(event, slot):
                    return  # its browser session opened a newer stream past its quota
                if (
                    event.type == "session"
                    and event.id == session_id
                    and event.extra.get("action") in ("step", "ended")
                ):
                    yield "event: state\ndata: {}\n\n"
                    if event.extra.get("action") == "ended":
                        return
        finally:
            subscription.close()
            quotas.release(app, slot)

    response = Response(generate(), mimetype="text/event-stream")
    response.call_on_close(subscription.close)
    response.call_on_close(lambda: quotas.release(app, slot))
    response.headers["Cache-Control"] = "no-cache, no-transform"
    response.headers["X-Accel-Buffering"] = "no"
    return response
