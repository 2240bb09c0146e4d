"""Running a session: codes, joining, advancing the steps, what participants write."""

from __future__ import annotations

import random
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import session as cookie_session
from flask_babel import gettext as _
from flask_babel import ngettext

from ..activity.service import record
from ..extensions import db, utcnow
from ..live import versioning
from ..live.bus import Event
from ..live.events import publish_after_commit
from .content import CARDS, CASES, PERSPECTIVES, SPEEDDATE_QUESTIONS, THEMES, WALK
from .models import CODE_LENGTH, GUEST_HOURS, Entry, Participant, TeamCard, TeamSession
from .pairing import pair_round

# No 0/O, 1/I/L: a code read aloud or from a screen across the room.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
_GUESTS_KEY = "team_session_guests"  # in the visitor's (server-side) session: session id -> participant id
_random = random.SystemRandom()


class StepRefused(Exception):
    """The session cannot move on (deck empty, last step, ended): the message says why."""


def normalise_code(code: str) -> str:
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())[:12]


def _new_code() -> str:
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if db.session.scalar(sa.select(TeamSession.id).where(TeamSession.code == code)) is None:
            return code


def create_session(
    org_id: int,
    fmt: str,
    title: str,
    *,
    guests: bool,
    user_id: int | None,
    minutes: int = 2,
    rounds: int = 5,
    case: str = "",
) -> TeamSession:
    state: dict = {}
    if fmt == "speeddate":
        keys = list(SPEEDDATE_QUESTIONS)
        _random.shuffle(keys)
        state = {"rounds": [], "planned": rounds, "questions": keys}
    elif fmt == "kletspot":
        state = {"drawn": []}
    elif fmt == "inclusietafels":
        state = {"case": case if case in CASES else _random.choice(list(CASES))}
    sess = TeamSession(
        organisation_id=org_id,
        format=fmt,
        title=title,
        code=_new_code(),
        status="open",
        allow_guests=guests,
        step=0,
        round_seconds=minutes * 60,
        state=state,
        created_by_id=user_id,
        started_at=utcnow(),
    )
    db.session.add(sess)
    db.session.flush()
    record("team_session.started", org_id=org_id, user_id=user_id, object_type="team_session", object_id=sess.id)
    announce(sess, "created")
    return sess


def announce(sess: TeamSession, action: str, by: int | None = None) -> None:
    """Every screen of the session follows: the facilitator's over the organisation's stream,
    the phones over the session's own (views.stream_session)."""
    publish_after_commit(
        Event(sess.organisation_id, "session", id=sess.id, version=sess.step, by=by, extra={"action": action})
    )


def sessions_of(org_id: int, fmt: str | None = None) -> list[TeamSession]:
    query = sa.select(TeamSession).where(TeamSession.organisation_id == org_id)
    if fmt:
        query = query.where(TeamSession.format == fmt)
    return list(db.session.scalars(query.order_by(TeamSession.started_at.desc(), TeamSession.id.desc())))


def session_by_code(code: str) -> TeamSession | None:
    return db.session.scalar(sa.select(TeamSession).where(TeamSession.code == normalise_code(code)))


def participants_of(sess: TeamSession) -> list[Participant]:
    return list(
        db.session.scalars(
            sa.select(Participant)
            .where(Participant.session_id == sess.id)
            .order_by(Participant.joined_at, Participant.id)
        )
    )


# --- Joining -------------------------------------------------------------------------------


def member_participant(sess: TeamSession, user_id: int) -> Participant | None:
    return db.session.scalar(
        sa.select(Participant).where(Participant.session_id == sess.id, Participant.user_id == user_id)
    )


def guest_participant(sess: TeamSession, now: datetime | None = None) -> Participant | None:
    """This visitor's guest seat in ``sess``, while it lasts (never once the session ended)."""
    pid = (cookie_session.get(_GUESTS_KEY) or {}).get(str(sess.id))
    if not pid or sess.ended:
        return None
    participant = db.session.get(Participant, pid)
    if participant is None or participant.session_id != sess.id or not participant.guest:
        return None
    if participant.expires_at is not None and participant.expires_at <= (now or utcnow()):
        return None
    return participant


def join_member(sess: TeamSession, user_id: int, name: str) -> Participant:
    participant = member_participant(sess, user_id)
    if participant is None:
        participant = Participant(session_id=sess.id, user_id=user_id, display_name=name[:60], joined_at=utcnow())
        db.session.add(participant)
        db.session.flush()
        announce(sess, "joined")
    return participant


def join_guest(sess: TeamSession, name: str) -> Participant:
    now = utcnow()
    participant = Participant(
        session_id=sess.id,
        user_id=None,
        display_name=name,
        joined_at=now,
        expires_at=now + timedelta(hours=GUEST_HOURS),
    )
    db.session.add(participant)
    db.session.flush()
    seats = dict(cookie_session.get(_GUESTS_KEY) or {})
    seats[str(sess.id)] = participant.id
    cookie_session[_GUESTS_KEY] = seats
    announce(sess, "joined")
    return participant


# --- The kletspot's deck ----------------------------------------------------------------


# A team card's key in the jar: "own12" for the team's card 12 (our deck's keys are a
# letter and a number, "t1" among them, so a team card never takes one of theirs).
TEAM_CARD_PREFIX = "own"


@dataclass(frozen=True)
class Card:
    key: str  # "w1" for ours, "own12" for the team's card 12
    theme: str
    text: str

    @property
    def theme_label(self) -> str:
        return str(THEMES.get(self.theme, ""))


def team_cards(org_id: int, *, archived: bool = False) -> list[TeamCard]:
    query = sa.select(TeamCard).where(TeamCard.organisation_id == org_id)
    query = query.where(TeamCard.status == "archived" if archived else TeamCard.status != "archived")
    return list(db.session.scalars(query.order_by(TeamCard.id)))


def add_team_card(org_id: int, theme: str, text: str, user_id: int | None) -> TeamCard:
    """A new card at version 1, with its first history row and live event."""
    card = TeamCard(
        organisation_id=org_id, theme=theme, text=text, status="open", created_by_id=user_id, created_at=utcnow()
    )
    versioning.create(card, user_id=user_id)
    return card


def save_team_card(
    card: TeamCard, values: dict, base_version: int | None, *, user_id: int | None, action: str = "updated"
) -> versioning.SaveResult:
    """An edit of a card, merged with what colleagues saved meanwhile (``live.versioning``)."""
    extra = {}
    if "status" in values:
        extra["archived_at"] = (card.archived_at or utcnow()) if values["status"] == "archived" else None
    return versioning.save(card, values, base_version, user_id=user_id, action=action, extra_values=extra)


def set_card_status(card: TeamCard, status: str, *, user_id: int | None, action: str) -> versioning.SaveResult:
    """Archive or restore: a new version like any other change, so it is in the history."""
    return save_team_card(card, {"status": status}, card.version, user_id=user_id, action=action)


def card_for(org_id: int, key: str) -> Card | None:
    if key in CARDS:
        theme, text = CARDS[key]
        return Card(key, theme, str(text))
    if key.startswith(TEAM_CARD_PREFIX) and key[len(TEAM_CARD_PREFIX) :].isdigit():
        card = db.session.get(TeamCard, int(key[len(TEAM_CARD_PREFIX) :]))
        if card is not None and card.organisation_id == org_id:
            return Card(key, card.theme, card.text)
    return None


def deck_keys(org_id: int) -> list[str]:
    return [*CARDS, *(team_card_key(card) for card in team_cards(org_id))]


def team_card_key(card: TeamCard) -> str:
    return f"{TEAM_CARD_PREFIX}{card.id}"


def current_card(sess: TeamSession) -> Card | None:
    drawn = (sess.state or {}).get("drawn") or []
    return card_for(sess.organisation_id, drawn[-1]) if drawn else None


def drawn_cards(sess: TeamSession) -> list[Card]:
    cards = (card_for(sess.organisation_id, key) for key in (sess.state or {}).get("drawn") or [])
    return [card for card in cards if card is not None]


def _draw(sess: TeamSession) -> None:
    drawn = list((sess.state or {}).get("drawn") or [])
    left = [key for key in deck_keys(sess.organisation_id) if key not in drawn]
    if not left:
        raise StepRefused(_("Every card in the jar has been drawn."))
    drawn.append(_random.choice(left))
    sess.state = {**(sess.state or {}), "drawn": drawn}


# --- Speeddate ------------------------------------------------------------------------------


def rounds_of(sess: TeamSession) -> list[dict]:
    return list((sess.state or {}).get("rounds") or [])


def planned_rounds(sess: TeamSession) -> int:
    return int((sess.state or {}).get("planned") or 5)


def question_of(round_: dict) -> str:
    return str(SPEEDDATE_QUESTIONS.get(round_.get("question", ""), ""))


def in_learning_step(sess: TeamSession) -> bool:
    return sess.format == "speeddate" and sess.step > planned_rounds(sess)


def _new_round(sess: TeamSession, now: datetime) -> None:
    rounds = rounds_of(sess)
    if len(rounds) >= planned_rounds(sess):
        # After the last round: each participant writes one thing they learned.
        sess.state = {**sess.state, "learning": True}
        sess.step_ends_at = None
        return
    people = [p.id for p in participants_of(sess)]
    if len(people) < 2:
        raise StepRefused(_("At least two people have to join before the first round."))
    groups = pair_round(people, len(rounds), [r["groups"] for r in rounds])
    questions = sess.state.get("questions") or list(SPEEDDATE_QUESTIONS)
    rounds.append({"groups": groups, "question": questions[len(rounds) % len(questions)]})
    sess.state = {**sess.state, "rounds": rounds}
    sess.step_ends_at = now + timedelta(seconds=sess.round_seconds)


def current_round(sess: TeamSession) -> dict | None:
    rounds = rounds_of(sess)
    if sess.format != "speeddate" or not rounds or sess.step > len(rounds):
        return None
    return rounds[-1]


def partners_of(round_: dict, participant_id: int) -> list[int]:
    for group in round_["groups"]:
        if participant_id in group:
            return [pid for pid in group if pid != participant_id]
    return []


# --- Steps ---------------------------------------------------------------------------------


# The formats that follow a fixed plan: the kind of each step, in order.
STEP_PLANS = {
    "wandeling": (*(f"walk:{key}" for key, _seconds, _text in WALK), "reflect", "debrief"),
    "ontmoeting": ("before", "during", "after", "reflect"),
    "inclusietafels": ("position_before", "arguments", "position_after", "shift"),
}
_WALK_SECONDS = {key: seconds for key, seconds, _text in WALK}


def step_kind(sess: TeamSession) -> str | None:
    """The kind of the step a planned session is at (None while people join, and for the
    kletspot and the speeddate)."""
    plan = STEP_PLANS.get(sess.format)
    if not plan or sess.step < 1:
        return None
    return plan[min(sess.step, len(plan)) - 1]


def perspective_of(sess: TeamSession, participant: Participant) -> str:
    """Inclusietafels: the perspective each one takes, handed out in joining order."""
    ids = [p.id for p in participants_of(sess)]
    keys = list(PERSPECTIVES)
    index = ids.index(participant.id) if participant.id in ids else 0
    return keys[index % len(keys)]


def latest_positions(sess: TeamSession, kind: str) -> dict[int, str]:
    """Each participant's last position of ``kind`` (position_before, position_after)."""
    return {entry.participant_id: entry.ref for entry in entries_of(sess, kind) if entry.participant_id}


def advance(sess: TeamSession, user_id: int) -> None:
    if sess.ended:
        raise StepRefused(_("This session has ended."))
    now = utcnow()
    plan = STEP_PLANS.get(sess.format)
    if plan is not None:
        if sess.step >= len(plan):
            raise StepRefused(_("This was the last step: end the session to keep its summary."))
        kind = plan[sess.step]
        seconds = _WALK_SECONDS.get(kind.partition(":")[2]) if kind.startswith("walk:") else None
        sess.step_ends_at = now + timedelta(seconds=seconds) if seconds else None
    elif sess.format == "kletspot":
        _draw(sess)
    elif sess.format == "speeddate":
        if in_learning_step(sess):
            raise StepRefused(_("This was the last step: end the session when everyone wrote what they learned."))
        _new_round(sess, now)
    sess.step += 1
    sess.step_started_at = now
    announce(sess, "step", by=user_id)


def end_session(sess: TeamSession, user_id: int) -> None:
    if sess.ended:
        raise StepRefused(_("This session has ended."))
    sess.status = "ended"
    sess.ended_at = utcnow()
    sess.step_ends_at = None
    record(
        "team_session.ended",
        org_id=sess.organisation_id,
        user_id=user_id,
        object_type="team_session",
        object_id=sess.id,
    )
    announce(sess, "ended", by=user_id)


def record_opinion(sess: TeamSession, user_id: int) -> None:
    """The activity line when a session's summary became an opinion piece."""
    record(
        "team_session.opinion",
        org_id=sess.organisation_id,
        user_id=user_id,
        object_type="team_session",
        object_id=sess.id,
    )


# --- What participants write ---------------------------------------------------------------


def add_entry(sess: TeamSession, participant: Participant | None, kind: str, ref: str, body: str) -> Entry:
    entry = Entry(
        session_id=sess.id,
        participant_id=participant.id if participant else None,
        kind=kind,
        ref=ref,
        body=body,
        created_at=utcnow(),
    )
    db.session.add(entry)
    db.session.flush()
    announce(sess, "entry")
    return entry


def entries_of(sess: TeamSession, kind: str | None = None) -> list[Entry]:
    query = sa.select(Entry).where(Entry.session_id == sess.id)
    if kind:
        query = query.where(Entry.kind == kind)
    return list(db.session.scalars(query.order_by(Entry.created_at, Entry.id)))


def notes_by_card(sess: TeamSession) -> dict[str, list[Entry]]:
    notes: dict[str, list[Entry]] = {}
    for entry in entries_of(sess, "note"):
        notes.setdefault(entry.ref, []).append(entry)
    return notes


def sessions_figure(fmt: str):
    """The tool's card on the Mindset page: how many sessions the team held."""

    def figure(org) -> list[str]:
        count = db.session.scalar(
            sa.select(sa.func.count()).where(TeamSession.organisation_id == org.id, TeamSession.format == fmt)
        )
        return [ngettext("%(num)d session", "%(num)d sessions", count or 0)]

    return figure
