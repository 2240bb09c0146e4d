"""Demo data: one finished kletspot and one finished speeddate in Kuregem, with what came out."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from ..demo import DemoContext, _member, _user, seeder
from ..extensions import db, utcnow
from ..orgs.models import Role
from .models import Entry, Participant, TeamSession
from .pairing import pair_round
from .service import STEP_PLANS, add_team_card, create_session

KLETSPOT_TITLE = "Teamdag: praten over eenzaamheid"
SPEEDDATE_TITLE = "Kennismaking met de vrijwilligers van de Kolenkit"

KLETSPOT_NOTES = {
    "w1": [
        "Alleen zijn kan deugd doen; eenzaam voel je je ook tussen mensen.",
        "Fatima: in het Arabisch gebruiken we een woord dat ook 'vervreemd' betekent.",
    ],
    "s2": [
        "Mensen die elke dag komen voor een kleinigheid: het gesprek is de reden.",
        "Wie plots niet meer komt na jaren.",
    ],
    "t1": ["Schaamte: je geeft toe dat je 'niemand' hebt.", "Bij oudere mannen nog meer, zeiden we."],
    "b1": ["De wasserette aan de Bergensesteenweg, de markt op zondag, de schoolpoort om 15u30."],
}
VOLUNTEERS = ["Fatima", "Youssef", "Ilse", "Karim", "Maria", "Jean-Pierre", "Aïcha"]
LEARNINGS = [
    "Youssef kent half de Clemenceauwijk via de moskee: samen een uitnodiging schrijven.",
    "Ilse woont hier veertig jaar en heeft haar buren pas leren kennen tijdens de lockdown.",
    "Veel vrijwilligers hebben zelf meegemaakt wat eenzaamheid is, ze praten er makkelijker over dan ik dacht.",
    "Maria spreekt Portugees en Spaans: zij kan de Latijns-Amerikaanse moeders bereiken.",
    "Karim vraagt nooit hulp, maar geeft ze wel elke dag.",
]


@seeder
def seed_sessions(ctx: DemoContext) -> None:
    exists = db.session.scalar(
        sa.select(TeamSession.id).where(TeamSession.organisation_id == ctx.demo.id, TeamSession.title == KLETSPOT_TITLE)
    )
    if exists is not None:
        return
    third = _user("member2@demo.resokit.test", "Lotte", "nl")
    _member(ctx.demo, third, Role.member)
    db.session.flush()
    add_team_card(ctx.demo.id, "neighbourhood", "Wie groet jou als je door de Kuregemstraat loopt?", ctx.member.id)
    _kletspot(ctx, third)
    _speeddate(ctx)
    team = (ctx.coordinator, ctx.member, third)
    _walk(ctx, team)
    _encounter(ctx, team)
    _tables(ctx, team)


def _kletspot(ctx: DemoContext, third) -> None:
    when = utcnow() - timedelta(days=9)
    sess = create_session(ctx.demo.id, "kletspot", KLETSPOT_TITLE, guests=False, user_id=ctx.coordinator.id)
    for user in (ctx.coordinator, ctx.member, third):
        db.session.add(Participant(session_id=sess.id, user_id=user.id, display_name=user.display_name, joined_at=when))
    drawn = list(KLETSPOT_NOTES)
    for n, key in enumerate(drawn):
        for note in KLETSPOT_NOTES[key]:
            db.session.add(
                Entry(
                    session_id=sess.id, kind="note", ref=key, body=note, created_at=when + timedelta(minutes=10 * n + 5)
                )
            )
    sess.state = {"drawn": drawn}
    sess.step = len(drawn)
    _finish(sess, when, minutes=50)


def _speeddate(ctx: DemoContext) -> None:
    when = utcnow() - timedelta(days=3)
    sess = create_session(ctx.demo.id, "speeddate", SPEEDDATE_TITLE, guests=True, user_id=ctx.member.id, rounds=3)
    people = []
    for name in VOLUNTEERS:
        guest = Participant(
            session_id=sess.id, display_name=name, joined_at=when, expires_at=when + timedelta(hours=12)
        )
        db.session.add(guest)
        db.session.flush()
        people.append(guest)
    rounds: list[dict] = []
    for n in range(3):
        groups = pair_round([p.id for p in people], n, [r["groups"] for r in rounds])
        rounds.append({"groups": groups, "question": sess.state["questions"][n]})
    for person, text in zip(people, LEARNINGS, strict=False):
        db.session.add(Entry(session_id=sess.id, participant_id=person.id, kind="learning", body=text, created_at=when))
    sess.state = {**sess.state, "rounds": rounds, "learning": True}
    sess.step = 4
    _finish(sess, when, minutes=30)


def _finish(sess: TeamSession, when, *, minutes: int) -> None:
    sess.started_at = when
    sess.step_started_at = when + timedelta(minutes=minutes - 5)
    sess.status = "ended"
    sess.ended_at = when + timedelta(minutes=minutes)
    db.session.flush()


WALK_ANSWERS = {
    "r1": ["Een oudere man op een bank, wit, met een pet.", "Jonge gasten met een bal, een jaar of zestien."],
    "r2": ["Ik liep om de groep jongeren heen, zonder erbij na te denken.", "Naar de vrouw met de kinderen."],
    "r3": ["Uit het nieuws, denk ik.", "Uit mijn werk: ik zie vooral wie hulp vraagt."],
    "r4": ["Ik vul snel in wie iemand is aan de hand van hoe die eruitziet."],
}
ENCOUNTER_REFLECTIONS = [
    "Ik dacht dat meneer Benali vooral hulp nodig had. Hij bleek de buurt beter te kennen dan wij.",
    "Volgende keer spreek ik af op de markt, niet in ons bureau: daar was ze veel meer zichzelf.",
]
TABLE_ARGUMENTS = [
    ("for", "Online reserveren spaart tijd voor de vrijwilligers aan de kassa."),
    ("against", "Wie geen smartphone heeft, valt zo uit de boot: juist de mensen die het meest alleen zijn."),
    ("against", "Een telefoonlijn of een lijst aan het onthaal kost weinig."),
]


def _team_session(ctx: DemoContext, team, fmt: str, title: str, days: int, **extra):
    when = utcnow() - timedelta(days=days)
    sess = create_session(ctx.demo.id, fmt, title, guests=False, user_id=ctx.coordinator.id, **extra)
    people = []
    for user in team:
        participant = Participant(session_id=sess.id, user_id=user.id, display_name=user.display_name, joined_at=when)
        db.session.add(participant)
        people.append(participant)
    db.session.flush()
    return sess, people, when


def _walk(ctx: DemoContext, team) -> None:
    sess, people, when = _team_session(ctx, team, "wandeling", "Wandeling in het Astridpark", 20)
    for key, answers in WALK_ANSWERS.items():
        for n, text in enumerate(answers):
            db.session.add(
                Entry(
                    session_id=sess.id,
                    participant_id=people[n % len(people)].id,
                    kind="reflection",
                    ref=key,
                    body=text,
                    created_at=when,
                )
            )
    sess.step = len(STEP_PLANS["wandeling"])
    _finish(sess, when, minutes=40)


def _encounter(ctx: DemoContext, team) -> None:
    sess, people, when = _team_session(
        ctx, team, "ontmoeting", "Ontmoeting met de bewoners van de Bergensesteenweg", 14
    )
    for person, text in zip(people, ENCOUNTER_REFLECTIONS, strict=False):
        db.session.add(
            Entry(session_id=sess.id, participant_id=person.id, kind="reflection", body=text, created_at=when)
        )
    sess.step = 4
    _finish(sess, when, minutes=60)


def _tables(ctx: DemoContext, team) -> None:
    sess, people, when = _team_session(
        ctx, team, "inclusietafels", "Inclusietafel: reserveren in het sociaal restaurant", 6, case="c5"
    )
    before = ("agree", "doubt", "agree")
    after = ("disagree", "disagree", "doubt")
    for person, b, a in zip(people, before, after, strict=True):
        db.session.add(
            Entry(session_id=sess.id, participant_id=person.id, kind="position_before", ref=b, body="", created_at=when)
        )
        db.session.add(
            Entry(
                session_id=sess.id,
                participant_id=person.id,
                kind="position_after",
                ref=a,
                body="",
                created_at=when + timedelta(minutes=40),
            )
        )
    for person, (side, text) in zip(people, TABLE_ARGUMENTS, strict=True):
        db.session.add(
            Entry(
                session_id=sess.id,
                participant_id=person.id,
                kind="argument",
                ref=side,
                body=text,
                created_at=when + timedelta(minutes=20),
            )
        )
    sess.step = 4
    _finish(sess, when, minutes=45)
