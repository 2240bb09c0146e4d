"""The tracker's work: statements, rounds, answers, results, the trend and actions."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask import url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from ..accounts.models import User
from ..activity.service import record
from ..core.i18n import format_date
from ..core.method import BLOCKS
from ..core.nav import TodoItem
from ..extensions import db, utcnow
from ..live import versioning
from ..live.bus import Event
from ..live.events import publish_after_commit
from ..orgs.models import Membership, Role
from ..partners.service import csv_safe
from .models import Action, Answer, Round, Statement
from .scores import StatementScore, block_score, disagreement_order, statement_score
from .statements import BUILT_IN

# --- Statements ------------------------------------------------------------------------


def ensure_statements(org_id: int) -> None:
    """Give the organisation the built-in statements it does not have yet (once)."""
    have = set(db.session.scalars(sa.select(Statement.code).where(Statement.organisation_id == org_id)))
    missing = [s for s in BUILT_IN if s.code not in have]
    if not missing:
        return
    try:
        with db.session.begin_nested():
            versioning.create_many(
                Statement,
                [
                    {"block": s.block, "code": s.code, "text": "", "explanation": "", "active": True, "position": i}
                    for i, s in enumerate(BUILT_IN)
                    if s in missing
                ],
                org_id=org_id,
                user_id=None,
                publish=False,
            )
    except sa.exc.IntegrityError:
        pass  # a colleague's request added them at the same moment
    # Kept at once, also from a page view: the ids the page shows must exist afterwards.
    db.session.commit()


def statements_of(org_id: int, *, active_only: bool = False) -> list[Statement]:
    query = sa.select(Statement).where(Statement.organisation_id == org_id)
    if active_only:
        query = query.where(Statement.active.is_(True))
    order = {code: i for i, code in enumerate(BLOCKS)}
    rows = list(db.session.scalars(query.order_by(Statement.position, Statement.id)))
    return sorted(rows, key=lambda s: order.get(s.block, 9))


def add_statement(org_id: int, block: str, text: str, explanation: str, *, user_id: int) -> Statement:
    position = db.session.scalar(
        sa.select(sa.func.coalesce(sa.func.max(Statement.position), 0)).where(Statement.organisation_id == org_id)
    )
    statement = Statement(
        organisation_id=org_id, block=block, text=text, explanation=explanation, active=True, position=position + 1
    )
    versioning.create(statement, user_id=user_id)
    return statement


def set_statement_active(statement: Statement, active: bool, *, user_id: int) -> versioning.SaveResult:
    return versioning.save(
        statement, {"active": active}, statement.version, user_id=user_id, action="restored" if active else "archived"
    )


# --- Rounds and answers -----------------------------------------------------------------


# A round closes at the end of its closing day where the teams work, whatever the server's clock.
BRUSSELS = ZoneInfo("Europe/Brussels")


def brussels_today(now: datetime | None = None) -> date:
    """The day it is in Brussels now (or at ``now``)."""
    return (now or utcnow()).astimezone(BRUSSELS).date()


def closing_moment(closes_on: date) -> datetime:
    """The end of ``closes_on`` in Brussels (midnight after it, summer or winter time), in UTC."""
    return datetime.combine(closes_on + timedelta(days=1), time(0), tzinfo=BRUSSELS).astimezone(UTC)


def close_due(org_id: int) -> None:
    """Close the rounds whose closing day has ended in Brussels, as of that midnight."""
    today = brussels_today()
    due = list(
        db.session.scalars(
            sa.select(Round).where(Round.organisation_id == org_id, Round.closed_at.is_(None), Round.closes_on < today)
        )
    )
    for rnd in due:
        rnd.closed_at = closing_moment(rnd.closes_on)
        _changed(rnd, "closed", None)
    if due:
        db.session.commit()


def rounds_of(org_id: int) -> list[Round]:
    return list(db.session.scalars(sa.select(Round).where(Round.organisation_id == org_id).order_by(Round.id.desc())))


def open_round(org_id: int, title: str, closes_on: date | None, *, user_id: int) -> Round:
    ensure_statements(org_id)
    asked = [s.id for s in statements_of(org_id, active_only=True)]
    rnd = Round(organisation_id=org_id, title=title, closes_on=closes_on, statement_ids=asked, opened_by_id=user_id)
    db.session.add(rnd)
    db.session.flush()
    _changed(rnd, "opened", user_id)
    return rnd


def round_statements(rnd: Round) -> list[Statement]:
    """What the round asked, in its order (retired statements included)."""
    if not rnd.statement_ids:
        return []
    rows = {s.id: s for s in db.session.scalars(sa.select(Statement).where(Statement.id.in_(rnd.statement_ids)))}
    return [rows[i] for i in rnd.statement_ids if i in rows]


def my_answers(rnd: Round, user_id: int) -> dict[int, Answer]:
    rows = db.session.scalars(sa.select(Answer).where(Answer.round_id == rnd.id, Answer.user_id == user_id))
    return {a.statement_id: a for a in rows}


def answered_count(rnd: Round) -> int:
    """How many members answered at least one statement: the only number shown before the reveal."""
    return db.session.scalar(sa.select(sa.func.count(sa.distinct(Answer.user_id))).where(Answer.round_id == rnd.id))


def save_answers(rnd: Round, user_id: int, answers: dict[int, tuple[str, str]], *, signed: bool) -> None:
    """Write one member's answers (statement id → (value, comment)), one row per
    statement, whatever saves of the same member run at the same time."""
    now = utcnow()
    for statement_id, (value, comment) in answers.items():
        values = {"value": value, "comment": comment, "signed": signed, "updated_at": now}
        where = (Answer.round_id == rnd.id, Answer.statement_id == statement_id, Answer.user_id == user_id)
        if db.session.execute(sa.update(Answer).where(*where).values(**values)).rowcount:
            continue
        try:
            with db.session.begin_nested():
                db.session.execute(
                    sa.insert(Answer).values(
                        organisation_id=rnd.organisation_id,
                        round_id=rnd.id,
                        statement_id=statement_id,
                        user_id=user_id,
                        **values,
                    )
                )
        except sa.exc.IntegrityError:
            # The same member's other save inserted it first: this one is the later word.
            db.session.execute(sa.update(Answer).where(*where).values(**values))
    _changed(rnd, "answered", user_id, record_it=False)


def reveal_round(rnd: Round, *, user_id: int) -> None:
    if rnd.revealed_at is None:
        rnd.revealed_at = utcnow()
        _changed(rnd, "revealed", user_id)


def close_round(rnd: Round, *, user_id: int) -> None:
    if rnd.closed_at is None:
        rnd.closed_at = utcnow()
        _changed(rnd, "closed", user_id)


def _changed(rnd: Round, action: str, user_id: int | None, *, record_it: bool = True) -> None:
    if record_it:
        record(
            f"tracker_round.{action}",
            org_id=rnd.organisation_id,
            user_id=user_id,
            object_type="tracker_round",
            object_id=rnd.id,
        )
    # Never a value: the stream only says that something about the round changed.
    publish_after_commit(
        Event(org_id=rnd.organisation_id, type="tracker_round", id=rnd.id, by=user_id, extra={"action": action})
    )


# --- Results ------------------------------------------------------------------------------


@dataclass
class Comment:
    text: str
    author: str | None  # only when the member signed


@dataclass
class StatementResult:
    statement: Statement
    score: StatementScore
    comments: list[Comment] = field(default_factory=list)


@dataclass
class BlockResult:
    code: str
    label: object
    score: int | None
    answered: int


@dataclass
class RoundResults:
    statements: list[StatementResult]  # the team's disagreements first
    blocks: list[BlockResult]
    answered: int


def round_results(rnd: Round) -> RoundResults:
    asked = round_statements(rnd)
    answers = list(
        db.session.scalars(
            sa.select(Answer)
            .where(Answer.round_id == rnd.id)
            .options(sa.orm.joinedload(Answer.user))
            .order_by(Answer.id)
        )
    )
    by_statement: dict[int, list[Answer]] = {}
    for a in answers:
        by_statement.setdefault(a.statement_id, []).append(a)
    scores = {s.id: statement_score(a.value for a in by_statement.get(s.id, [])) for s in asked}
    statements = {s.id: s for s in asked}
    results = [
        StatementResult(
            statements[i],
            scores[i],
            [
                Comment(a.comment, a.user.display_name if a.signed and a.user else None)
                for a in by_statement.get(i, [])
                if a.comment
            ],
        )
        for i in disagreement_order(scores)
    ]
    blocks = []
    for code, label in BLOCKS.items():
        ids = {s.id for s in asked if s.block == code}
        mine = [a for a in answers if a.statement_id in ids]
        blocks.append(BlockResult(code, label, block_score(a.value for a in mine), len({a.user_id for a in mine})))
    return RoundResults(results, blocks, len({a.user_id for a in answers}))


def results_json(rnd: Round, results: RoundResults) -> dict:
    return {
        "id": rnd.id,
        "title": rnd.title,
        "status": rnd.status,
        "answered": results.answered,
        "blocks": {b.code: b.score for b in results.blocks},
        "statements": [
            {
                "id": r.statement.id,
                "block": r.statement.block,
                "text": r.statement.shown_text,
                "distribution": r.score.distribution,
                "answered": r.score.answered,
                "median": r.score.median,
                "spread": r.score.spread,
                "comments": [{"text": c.text, "author": c.author} for c in r.comments],
            }
            for r in results.statements
        ],
    }


# --- Trend --------------------------------------------------------------------------------


@dataclass
class TrendRound:
    round: Round
    answered: int
    blocks: dict[str, int | None]


def trend(org_id: int) -> list[TrendRound]:
    """Every closed round, oldest first, with its block scores (three queries in all)."""
    closed = list(
        db.session.scalars(
            sa.select(Round)
            .where(Round.organisation_id == org_id, Round.closed_at.is_not(None))
            .order_by(Round.closed_at)
        )
    )
    if not closed:
        return []
    blocks = dict(
        db.session.execute(sa.select(Statement.id, Statement.block).where(Statement.organisation_id == org_id)).all()
    )
    answers = db.session.execute(
        sa.select(Answer.round_id, Answer.statement_id, Answer.user_id, Answer.value).where(
            Answer.round_id.in_([r.id for r in closed])
        )
    ).all()
    out = []
    for rnd in closed:
        asked = set(rnd.statement_ids or [])
        mine = [a for a in answers if a.round_id == rnd.id and a.statement_id in asked]
        scores = {code: block_score(a.value for a in mine if blocks.get(a.statement_id) == code) for code in BLOCKS}
        out.append(TrendRound(rnd, len({a.user_id for a in mine}), scores))
    return out


def trend_json(rounds: list[TrendRound]) -> dict:
    return {
        "rounds": [
            {
                "id": t.round.id,
                "title": t.round.title,
                "closed_at": t.round.closed_at.isoformat(),
                "answered": t.answered,
                "blocks": dict(t.blocks),
            }
            for t in rounds
        ]
    }


def trend_csv(rounds: list[TrendRound]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["id", "title", "closed_at", "answered", *BLOCKS])
    for t in rounds:
        writer.writerow(
            [t.round.id, csv_safe(t.round.title), t.round.closed_at.isoformat(), t.answered]
            + ["" if t.blocks[b] is None else t.blocks[b] for b in BLOCKS]
        )
    return out.getvalue()


def changes_in_words(rounds: list[TrendRound]) -> list[str]:
    """The change since the previous closed round, one sentence per block ("Organisation +12 since June")."""
    if len(rounds) < 2:
        return []
    before, now = rounds[-2], rounds[-1]
    since = format_date(before.round.closed_at, "MMMM yyyy")
    lines = []
    for code, label in BLOCKS.items():
        old, new = before.blocks[code], now.blocks[code]
        if old is None or new is None:
            continue
        delta = new - old
        if delta == 0:
            lines.append(_("%(block)s: unchanged since %(since)s (%(score)d)", block=label, since=since, score=new))
        else:
            lines.append(
                _(
                    "%(block)s %(delta)s since %(since)s (now %(score)d)",
                    block=label,
                    delta=f"{delta:+d}".replace("-", "−"),
                    since=since,
                    score=new,
                )
            )
    return lines


# --- Actions ------------------------------------------------------------------------------


def members_of(org_id: int) -> list[User]:
    return list(
        db.session.scalars(
            sa.select(User)
            .join(Membership, Membership.user_id == User.id)
            .where(Membership.organisation_id == org_id)
            .order_by(User.display_name)
        )
    )


def create_action(
    org_id: int, values: dict, *, user_id: int | None, round_id: int | None = None, screening_item_id: int | None = None
) -> Action:
    action = Action(
        organisation_id=org_id,
        round_id=round_id,
        screening_item_id=screening_item_id,
        updated_by_id=user_id,
        **values,
    )
    versioning.create(action, user_id=user_id)
    return action


def save_action(action: Action, values: dict, base_version: int | None, *, user_id: int | None, action_name="updated"):
    return versioning.save(
        action, values, base_version, user_id=user_id, action=action_name, extra_values={"updated_by_id": user_id}
    )


def actions_of(org_id: int, *, statuses=("open", "doing")) -> list[Action]:
    return list(
        db.session.scalars(
            sa.select(Action)
            .where(Action.organisation_id == org_id, Action.status.in_(statuses))
            .options(
                sa.orm.joinedload(Action.owner_user),
                sa.orm.joinedload(Action.statement),
                sa.orm.joinedload(Action.screening_item),
            )
            .order_by(Action.due_on == "", Action.due_on, Action.id)
        )
    )


def actions_by_statement(org_id: int) -> dict[int, list[Action]]:
    out: dict[int, list[Action]] = {}
    for action in actions_of(org_id, statuses=("open", "doing", "done")):
        if action.statement_id:
            out.setdefault(action.statement_id, []).append(action)
    return out


def tracker_figure(org) -> str | None:
    closed = db.session.scalar(
        sa.select(sa.func.count())
        .select_from(Round)
        .where(Round.organisation_id == org.id, Round.closed_at.is_not(None))
    )
    open_now = db.session.scalar(
        sa.select(sa.func.count()).select_from(Round).where(Round.organisation_id == org.id, Round.closed_at.is_(None))
    )
    parts = []
    if closed:
        parts.append(ngettext("%(num)d round closed", "%(num)d rounds closed", closed))
    if open_now:
        parts.append(ngettext("%(num)d round open for answers", "%(num)d rounds open for answers", open_now))
    return parts or None


# --- The game --------------------------------------------------------------------------------

NOTE_MAX = 2000


def play_statement(rnd: Round) -> Statement | None:
    asked = round_statements(rnd)
    if not asked:
        return None
    return asked[min(max(rnd.play_position, 0), len(asked) - 1)]


def votes_for(rnd: Round, statement_id: int) -> list[str]:
    """The values given to one statement: counted, never tied to who gave them."""
    return list(
        db.session.scalars(
            sa.select(Answer.value).where(Answer.round_id == rnd.id, Answer.statement_id == statement_id)
        )
    )


def team_size(org_id: int) -> int:
    """Who can vote: the members and coordinators."""
    return db.session.scalar(
        sa.select(sa.func.count())
        .select_from(Membership)
        .where(Membership.organisation_id == org_id, Membership.role.in_((Role.member, Role.coordinator)))
    )


def play_move(rnd: Round, step: int, *, user_id: int) -> None:
    """The facilitator moves to the next or the previous statement (votes hidden again)."""
    last = max(len(rnd.statement_ids) - 1, 0)
    rnd.play_position = min(max(rnd.play_position + step, 0), last)
    rnd.play_revealed = False
    _played(rnd, user_id)


def play_reveal(rnd: Round, *, user_id: int) -> None:
    rnd.play_revealed = True
    _played(rnd, user_id)


def play_note(rnd: Round, statement_id: int, note: str, *, user_id: int) -> None:
    notes = dict(rnd.play_notes or {})
    if note:
        notes[str(statement_id)] = note
    else:
        notes.pop(str(statement_id), None)
    rnd.play_notes = notes
    _played(rnd, user_id)


def _played(rnd: Round, user_id: int | None) -> None:
    # Its own event name (tracker_play-<id>): the phones redraw the statement only when the
    # facilitator moves, not at every vote.
    publish_after_commit(Event(org_id=rnd.organisation_id, type="tracker_play", id=rnd.id, by=user_id))


# --- The overview's to-dos ---------------------------------------------------------------------

ACTIONS_DUE_DAYS = 7


def unanswered_rounds_todo(org) -> TodoItem | None:
    """The open rounds the viewer has not answered yet, the one closing first named."""
    answered = sa.select(Answer.round_id).where(Answer.user_id == current_user.id)
    rounds = list(
        db.session.scalars(
            sa.select(Round)
            .where(
                Round.organisation_id == org.id,
                Round.closed_at.is_(None),
                sa.or_(Round.closes_on.is_(None), Round.closes_on >= brussels_today()),
                Round.id.not_in(answered),
            )
            .order_by(Round.closes_on.is_(None), Round.closes_on, Round.id)
        )
    )
    if not rounds:
        return None
    count, first = len(rounds), rounds[0]
    if first.closes_on is not None:
        text = ngettext(
            "%(num)d open round you have not answered yet (closes on %(date)s)",
            "%(num)d open rounds you have not answered yet (the first closes on %(date)s)",
            count,
            date=format_date(first.closes_on),
        )
    else:
        text = ngettext(
            "%(num)d open round you have not answered yet",
            "%(num)d open rounds you have not answered yet",
            count,
        )
    return TodoItem(
        text=text,
        url=url_for("tracker.show_round", round_id=first.id) if count == 1 else url_for("tracker.show_tracker"),
        count=count,
        examples=[(r.title, url_for("tracker.show_round", round_id=r.id)) for r in rounds[:3]],
    )


def actions_due_todo(org) -> TodoItem | None:
    """The actions due within a week or overdue: the viewer's own if they have any, else the team's."""
    until = (brussels_today() + timedelta(days=ACTIONS_DUE_DAYS)).isoformat()
    due = (
        sa.select(Action)
        .where(
            Action.organisation_id == org.id,
            Action.status.in_(("open", "doing")),
            Action.due_on != "",
            Action.due_on <= until,
        )
        .order_by(Action.due_on, Action.id)
    )
    mine = list(db.session.scalars(due.where(Action.owner == current_user.id)))
    actions = mine or list(db.session.scalars(due))
    if not actions:
        return None
    count = len(actions)
    if mine:
        text = ngettext(
            "%(num)d of your actions is due within 7 days or overdue",
            "%(num)d of your actions are due within 7 days or overdue",
            count,
        )
    else:
        text = ngettext(
            "%(num)d action of the team is due within 7 days or overdue",
            "%(num)d actions of the team are due within 7 days or overdue",
            count,
        )
    return TodoItem(
        text=text,
        url=url_for("tracker.show_tracker", _anchor="actions"),
        count=count,
        examples=[(a.title, url_for("tracker.edit_action", action_id=a.id)) for a in actions[:3]],
    )


# --- A member leaving ----------------------------------------------------------------------------


def unsign_comments(org_id: int, user_id: int) -> None:
    """A member who leaves the organisation: their signed comments lose their name. Their
    answers stay in the results, anonymous like every other."""
    rounds = db.session.scalars(
        sa.select(Answer.round_id)
        .where(Answer.organisation_id == org_id, Answer.user_id == user_id, Answer.signed.is_(True))
        .distinct()
    ).all()
    if not rounds:
        return
    db.session.execute(
        sa.update(Answer)
        .where(Answer.organisation_id == org_id, Answer.user_id == user_id, Answer.signed.is_(True))
        .values(signed=False)
        .execution_options(synchronize_session=False)
    )
    for round_id in rounds:
        rnd = db.session.get(Round, round_id)
        if rnd is not None:
            _changed(rnd, "answered", None, record_it=False)
