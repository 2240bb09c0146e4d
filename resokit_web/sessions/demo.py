"""Demo data: one finished kletspot and one finished speeddate in Kuregem, with what came out."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from ..demo import DemoContext, _member, _user, seeder
from ..extensions import db, utcnow
from ..orgs.models import Role
from .models import Entry, Participant, TeamSession
from .pairing import pair_round
from .service import add_team_card, create_session

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
