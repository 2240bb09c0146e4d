"""Demo roles at places of the buurtkaart and at partners, and matches in every stage.

Works with or without the buurtkaart's and the partners' demo data: places and partners
are found by name, or created with the same names (so no seeder makes doubles).
"""

from __future__ import annotations

from datetime import date, timedelta

import sqlalchemy as sa

from ..buurtkaart.models import Treasure
from ..demo import DemoContext, seeder
from ..extensions import db, utcnow
from ..live import versioning
from ..partners.models import Partner
from ..people.demo import demo_person
from .models import STAGES, Match, MatchStep, SocialRole
from .service import create_match, create_role

TREASURES = {
    "Buurthuis De Kolenkit": ("place", "meeting_place", "Veeartsenijstraat 20", 50.83700, 4.32010),
    "Sociaal restaurant De Soepketel": ("service", "solidarity", "Kuregemstraat 30", 50.84021, 4.32688),
    "Fietsherstelplaats Trappers": ("initiative", "mobility", "Ropsy Chaudronstraat 21", 50.84160, 4.32290),
    "Moestuin De Groene Hoek": ("initiative", "green", "achter de Sergeant De Bruynestraat 20", 50.83510, 4.32120),
    "Bibliotheek Kuregem": ("service", "culture_library", "Raadsplein 10", 50.83780, 4.31760),
    "Repair Café Kuregem": ("initiative", "solidarity", "Buurthuis De Kolenkit", 50.83705, 4.32025),
    "Taalcafé Babbel": ("initiative", "work_learning", "Bibliotheek, Raadsplein 10", 50.83770, 4.31775),
}
PARTNERS = {
    "Lokaal dienstencentrum Het Anker": ("seniors", "active"),
    "Jeugdhuis De Branding": ("youth", "occasional"),
}

# title, place (treasure or partner name), tags, time, status, description
ROLES = [
    (
        "Koffie schenken aan het onthaal",
        "Buurthuis De Kolenkit",
        ["koffie", "onthaal", "mensen ontvangen"],
        "Maandag en woensdag 9–11 u, elke week",
        "filled",
        "Bezoekers verwelkomen met een kop koffie en een praatje, samen met een medewerker.",
    ),
    (
        "Koken voor het buurtrestaurant",
        "Sociaal restaurant De Soepketel",
        ["koken", "samen eten", "cuisine"],
        "Donderdag 10–14 u",
        "open",
        "Mee groenten snijden en koken voor zestig buren, onder leiding van de kok.",
    ),
    (
        "Fietsen herstellen met de buurt",
        "Fietsherstelplaats Trappers",
        ["fietsen", "herstellen", "sleutelen"],
        "Zaterdag 10–13 u, om de twee weken",
        "open",
        "Buren leren hun eigen fiets herstellen.",
    ),
    (
        "Mee tuinieren in de moestuin",
        "Moestuin De Groene Hoek",
        ["tuinieren", "planten", "jardin"],
        "Woensdagnamiddag, van maart tot oktober",
        "open",
        "Zaaien, wieden en oogsten met de buurtbewoners.",
    ),
    (
        "Boodschappen doen voor een buur",
        "Lokaal dienstencentrum Het Anker",
        ["boodschappen", "wandelen", "helpen"],
        "Eén keer per week, in overleg",
        "open",
        "Voor een oudere buur die moeilijk te been is.",
    ),
    (
        "Voorlezen in de bibliotheek",
        "Bibliotheek Kuregem",
        ["lezen", "verhalen vertellen", "kinderen"],
        "Woensdag 14–15 u",
        "open",
        "Verhalen voorlezen aan kinderen, in het Nederlands of een andere taal.",
    ),
    (
        "Herstellen in het Repair Café",
        "Repair Café Kuregem",
        ["bricolage", "herstellen", "naaien"],
        "Laatste zaterdag van de maand",
        "open",
        "Kapotte spullen samen met hun eigenaar herstellen.",
    ),
    (
        "Schaken met de senioren",
        "Lokaal dienstencentrum Het Anker",
        ["schaken", "gezelschap", "geduldig"],
        "Dinsdagnamiddag",
        "open",
        "Een partijtje schaak en een babbel in het dienstencentrum.",
    ),
    (
        "Accueil au taalcafé",
        "Taalcafé Babbel",
        ["accueil", "langues", "Arabisch"],
        "Jeudi 18–20 h",
        "open",
        "Accueillir les nouveaux et les aider à trouver une table de conversation.",
    ),
    (
        "Kostuums naaien voor het buurtfeest",
        "Jeugdhuis De Branding",
        ["naaien", "couture", "creatief"],
        "In mei en juni, op afspraak",
        "open",
        "Samen met jongeren kostuums maken voor de stoet.",
    ),
]

# pseudonym, role title, stage, outcome
MATCHES = [
    ("Mevrouw R.", "Koffie schenken aan het onthaal", "active", None),
    ("Mevrouw R.", "Koken voor het buurtrestaurant", "trying", None),
    ("Jongen met de fiets", "Fietsen herstellen met de buurt", "explored", None),
    ("Madame B.", "Mee tuinieren in de moestuin", "idea", None),
    ("Meneer met de hoed", "Schaken met de senioren", "ended", "own_network"),
    ("De buurvrouw van 3 hoog", "Boodschappen doen voor een buur", "trying", None),
    ("Monsieur au chien", "Herstellen in het Repair Café", "idea", None),
]

# Matches whose last step lies this many days further back: the overview lists a match
# without a new step for 30 days among what needs doing.
QUIET_DAYS = {"Madame B.": 38}

STEP_TEXTS = {
    "explored": "Samen gaan kijken en kennisgemaakt met de verantwoordelijke.",
    "trying": "Eerste keer meegedaan; volgende week opnieuw.",
    "active": "Komt nu elke week; de ploeg rekent op haar.",
    "ended": "Speelt nu zelf met twee buren in het park; de rol is niet meer nodig.",
}


def _place(org_id: int, name: str, user_id: int) -> tuple[int | None, int | None]:
    """(treasure_id, partner_id) for a place or partner of that name, made if missing."""
    if name in PARTNERS:
        partner = db.session.scalar(sa.select(Partner).where(Partner.organisation_id == org_id, Partner.name == name))
        if partner is None:
            sector, relation = PARTNERS[name]
            now = utcnow()
            partner = versioning.create(
                Partner(
                    organisation_id=org_id,
                    name=name,
                    sector=sector,
                    relation=relation,
                    formal=True,
                    strength="strong",
                    contact="",
                    notes="",
                    status="current",
                    created_at=now,
                    updated_at=now,
                ),
                user_id=user_id,
            )
        return None, partner.id
    treasure = db.session.scalar(sa.select(Treasure).where(Treasure.organisation_id == org_id, Treasure.name == name))
    if treasure is None:
        kind, category, address, lat, lon = TREASURES[name]
        now = utcnow()
        treasure = versioning.create(
            Treasure(
                organisation_id=org_id,
                name=name,
                kind=kind,
                category=category,
                address=address,
                lat=lat,
                lon=lon,
                formal=kind == "service",
                description="",
                tags=[],
                source="team",
                status="accepted",
                public=False,
                created_at=now,
                updated_at=now,
            ),
            user_id=user_id,
        )
    return treasure.id, None


@seeder
def seed_roles(ctx: DemoContext) -> None:
    org_id = ctx.demo.id
    roles = {}
    for title, place, tags, time, status, description in ROLES:
        role = db.session.scalar(
            sa.select(SocialRole).where(SocialRole.organisation_id == org_id, SocialRole.title == title)
        )
        if role is None:
            treasure_id, partner_id = _place(org_id, place, ctx.coordinator.id)
            role = create_role(
                org_id,
                {
                    "title": title,
                    "description": description,
                    "tags": tags,
                    "time": time,
                    "treasure_id": treasure_id,
                    "partner_id": partner_id,
                    "status": status,
                },
                user_id=ctx.coordinator.id,
            )
        roles[title] = role
    db.session.flush()
    for n, (pseudonym, title, stage, outcome) in enumerate(MATCHES):
        person = demo_person(org_id, pseudonym)
        if (
            person is None
            or db.session.scalar(
                sa.select(Match.id).where(Match.person_id == person.id, Match.role_id == roles[title].id)
            )
            is not None
        ):
            continue
        user = ctx.member if n % 2 else ctx.coordinator
        match = create_match(org_id, person.id, roles[title].id, user_id=user.id)
        db.session.flush()
        reached = STAGES.index(stage)
        day = date.today() - timedelta(days=14 * reached + 3 + QUIET_DAYS.get(pseudonym, 0))
        match.steps[0].happened_on = day
        db.session.flush()  # before a save refreshes the match (and, by cascade, its steps)
        for next_stage in STAGES[1 : reached + 1]:
            day += timedelta(days=14)
            versioning.save(
                match,
                {"stage": next_stage, "outcome": outcome if next_stage == "ended" else None},
                match.version,
                user_id=user.id,
                action="moved",
            )
            db.session.add(
                MatchStep(
                    organisation_id=org_id,
                    match_id=match.id,
                    happened_on=min(day, date.today()),
                    stage=next_stage,
                    text=STEP_TEXTS[next_stage],
                    created_by_id=user.id,
                    created_at=utcnow(),
                )
            )
    db.session.flush()
