"""Demo data: three closed rounds over the last year with a visible trend and a few
disagreements, one open round, open and done actions."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from ..demo import DemoContext, _member, _user, seeder
from ..extensions import db, utcnow
from ..orgs.models import Role
from .models import Round, ScreeningEdition
from .screening import ensure_screening, items_of, save_item
from .service import create_action, ensure_statements, save_answers, statements_of

# Two more colleagues, so that a round has five voices (the required accounts stay as they are).
COLLEAGUES = (("member3@demo.resokit.test", "Yasmina"), ("member4@demo.resokit.test", "Jonas"))

# Per round, the block's usual answer (1–5): the organisation block grows most.
BASE = {
    "mindset": (3, 3, 4),
    "burger": (2, 3, 3),
    "buurt": (3, 3, 3),
    "organisatie": (2, 2, 4),
}
# Each member leans a little; two statements per round split the team.
LEAN = (0, 1, -1, 0, 1)
SPLIT = {"burger-reach": (-2, 2, -1, 2, 0), "organisatie-time": (2, -2, 1, -2, 0), "buurt-informal": (-1, 2, -2, 1, 0)}
COMMENTS = {
    "burger-reach": "Oudere mannen die alleen wonen zien we bijna nooit; de huisbezoeken zijn gestopt.",
    "organisatie-time": "Netwerkwerk gebeurt nu vooral op vrijdagnamiddag, als er tijd over is.",
    "buurt-informal": "De Roemeense moedergroep aan het Dapperheidsplein kenden we pas sinds de wandeling.",
}


def _value(block: str, code: str, round_index: int, member_index: int) -> str:
    if code in SPLIT and member_index == 2 and round_index == 0:
        return "unknown"
    value = BASE[block][round_index] + LEAN[member_index] + SPLIT.get(code, (0,) * 5)[member_index]
    return str(max(1, min(5, value)))


@seeder
def seed_tracker(ctx: DemoContext) -> None:
    org = ctx.demo
    if db.session.scalar(sa.select(Round.id).where(Round.organisation_id == org.id).limit(1)):
        return
    team = [ctx.coordinator, ctx.member]
    third = _user("member2@demo.resokit.test", "Lotte", "nl")
    _member(org, third, Role.member)
    team.append(third)
    for email, name in COLLEAGUES:
        user = _user(email, name, "nl")
        _member(org, user, Role.member)
        team.append(user)
    db.session.flush()
    ensure_statements(org.id)
    statements = statements_of(org.id, active_only=True)
    now = utcnow()
    titles = ("Zelfscan winter 2025", "Zelfscan voorjaar 2026", "Zelfscan najaar 2026")
    for index, (title, months_ago) in enumerate(zip(titles, (11, 7, 3))):
        opened = now - timedelta(days=30 * months_ago + 14)
        rnd = Round(
            organisation_id=org.id,
            title=title,
            closes_on=(opened + timedelta(days=14)).date(),
            statement_ids=[s.id for s in statements],
            opened_at=opened,
            opened_by_id=ctx.coordinator.id,
            revealed_at=opened + timedelta(days=13),
            closed_at=opened + timedelta(days=14),
        )
        db.session.add(rnd)
        db.session.flush()
        for m, user in enumerate(team):
            answers = {
                s.id: (_value(s.block, s.code, index, m), COMMENTS.get(s.code, "") if m == 1 and index == 2 else "")
                for s in statements
            }
            save_answers(rnd, user.id, answers, signed=m == 1)
    current = Round(
        organisation_id=org.id,
        title="Zelfscan winter 2026",
        closes_on=(now + timedelta(days=10)).date(),
        statement_ids=[s.id for s in statements],
        opened_at=now - timedelta(days=4),
        opened_by_id=ctx.coordinator.id,
    )
    db.session.add(current)
    db.session.flush()
    for m, user in enumerate(team[:2]):
        save_answers(current, user.id, {s.id: (_value(s.block, s.code, 2, m), "") for s in statements}, signed=False)
    by_code = {s.code: s for s in statements}
    actions = (
        ("Huisbezoeken bij oudere bewoners van de Bergensesteenweg opnieuw opstarten", 1, "burger-reach", 30, "doing"),
        ("Elke maand een uur netwerkwerk in de teamplanning zetten", 0, "organisatie-time", 14, "open"),
        ("Kennismaken met de moedergroep aan het Dapperheidsplein", 3, "buurt-informal", 45, "open"),
        ("Onthaalmap voor nieuwe collega's aanvullen met de buurtkaart", 2, "organisatie-newcomers", -20, "done"),
        ("Folder over de ontmoetingsnamiddag ook in het Frans en het Arabisch", 4, "mindset-words", -60, "done"),
    )
    for title, owner, code, days, status in actions:
        create_action(
            org.id,
            {
                "title": title,
                "owner": team[owner].id,
                "due_on": (now + timedelta(days=days)).date().isoformat(),
                "statement_id": by_code[code].id,
                "status": status,
            },
            user_id=ctx.coordinator.id,
        )


# Half of the screening, as the team filled it in at two team meetings.
SCREENING = {
    "seeing-signs": ("partly", "We zien het bij de senioren van het dinsdagrestaurant, minder bij jonge ouders."),
    "seeing-next": (
        "not_yet",
        "Er is geen afspraak over wie wat doet na een signaal. Voorstel: vast punt op het teamoverleg.",
    ),
    "language-shame": ("partly", "De nieuwe folder spreekt over ‘samen zijn’ in plaats van ‘eenzaamheid’."),
    "language-own": ("in_place", "Onthaal in het Nederlands, Frans, Arabisch en Roemeens."),
    "light-room": ("in_place", "Koffie aan de toog voor en na elke activiteit."),
    "reach-who": ("partly", "Oudere mannen die alleen wonen en nieuwkomers zonder kinderen op school."),
    "reach-go": ("not_yet", "De huisbezoeken zijn gestopt toen Karim vertrok."),
    "transitions-early": ("not_yet", ""),
    "reciprocity-give": ("in_place", "Bewoners koken mee voor het buurtrestaurant en geven taalcafé."),
    "meeting-drop-in": ("partly", "Alleen in de voormiddag; de namiddag is op afspraak."),
    "policy-plan": ("not_yet", "Komt in het jaaractieplan 2027."),
}
EARLIER = ("seeing-signs", "language-own", "light-room", "reciprocity-give")


@seeder
def seed_screening(ctx: DemoContext) -> None:
    org = ctx.demo
    if db.session.scalar(sa.select(ScreeningEdition.id).where(ScreeningEdition.organisation_id == org.id).limit(1)):
        return
    ensure_screening(org.id)
    items = items_of(org.id)
    earlier = {code: {"status": "partly" if code in EARLIER else "", "notes": ""} for code in items}
    db.session.add(
        ScreeningEdition(
            organisation_id=org.id,
            title="Teamdag september 2026",
            data=earlier,
            created_at=utcnow() - timedelta(days=80),
            created_by_id=ctx.coordinator.id,
        )
    )
    for n, (code, (status, notes)) in enumerate(SCREENING.items()):
        user = ctx.coordinator if n % 2 else ctx.member
        save_item(items[code], {"status": status, "notes": notes}, items[code].version, user_id=user.id)
    create_action(
        org.id,
        {
            "title": "Afspraak maken: wat doen we na een signaal van eenzaamheid?",
            "owner": ctx.coordinator.id,
            "status": "open",
            "due_on": (utcnow() + timedelta(days=21)).date().isoformat(),
        },
        user_id=ctx.coordinator.id,
        screening_item_id=items["seeing-next"].id,
    )
