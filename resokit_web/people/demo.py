"""Demo people: six clearly pseudonymous participants with their talentenkaart."""

from __future__ import annotations

from datetime import date, timedelta

import sqlalchemy as sa

from ..demo import DemoContext, seeder
from ..extensions import db
from .models import Person
from .service import create_person

# pseudonym, talents, interests, strengths, domains, a note on where they could be used
DEMO_PEOPLE = [
    (
        "Mevrouw R.",
        ["koken", "naaien"],
        ["koffie", "mensen ontvangen"],
        ["geduldig", "spreekt Arabisch"],
        ["neighbourhood", "volunteering"],
        "Kookt graag voor een groep; wil iets doen in het buurthuis.",
    ),
    (
        "Jongen met de fiets",
        ["fietsen herstellen", "sleutelen"],
        ["fietsen", "muziek"],
        ["handig", "behulpzaam"],
        ["neighbourhood", "sport"],
        "Is elke zaterdag op het plein met zijn fiets.",
    ),
    (
        "Madame B.",
        ["cuisine", "couture"],
        ["jardinage", "enfants"],
        ["accueillante", "patiente"],
        ["family", "neighbourhood"],
        "Aimerait jardiner avec d'autres mamans du quartier.",
    ),
    (
        "Meneer met de hoed",
        ["schaken", "verhalen vertellen"],
        ["geschiedenis", "lezen"],
        ["rustig", "goede luisteraar"],
        ["leisure", "culture"],
        "Vertelt graag over de wijk van vroeger.",
    ),
    (
        "De buurvrouw van 3 hoog",
        ["tuinieren", "boodschappen doen"],
        ["planten", "wandelen"],
        ["betrouwbaar"],
        ["neighbourhood", "care"],
        "Helpt al informeel een oudere buur.",
    ),
    (
        "Monsieur au chien",
        ["bricolage", "peinture"],
        ["promenade", "animaux"],
        ["fiable", "ponctuel"],
        ["neighbourhood", "volunteering"],
        "Répare tout ce qu'on lui apporte.",
    ),
]


def demo_person(org_id: int, pseudonym: str) -> Person | None:
    return db.session.scalar(sa.select(Person).where(Person.organisation_id == org_id, Person.pseudonym == pseudonym))


@seeder
def seed_people(ctx: DemoContext) -> None:
    for n, (pseudonym, talents, interests, strengths, domains, note) in enumerate(DEMO_PEOPLE):
        if demo_person(ctx.demo.id, pseudonym) is not None:
            continue
        user = ctx.coordinator if n % 2 == 0 else ctx.member
        create_person(
            ctx.demo.id,
            {
                "pseudonym": pseudonym,
                "talents": talents,
                "interests": interests,
                "strengths": strengths,
                "domains": domains,
                "domains_note": note,
            },
            given_on=date.today() - timedelta(days=60 - 7 * n),
            scopes=["talentenkaart", "matching", "team"] if n % 3 else ["talentenkaart", "matching"],
            user_id=user.id,
        )
    db.session.flush()
