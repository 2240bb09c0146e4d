"""Demo partners: a partner map for each demo organisation, some partners in common
(spelled differently), and demo2 sharing its map with demo. Idempotent."""

from __future__ import annotations

import random

import sqlalchemy as sa

from ..buurtkaart.models import Treasure
from ..buurtkaart.service import create_treasure
from ..demo import DemoContext, seeder
from ..extensions import db, utcnow
from ..live.history import HistoryEntry
from .models import Partner
from .service import create_partner
from .sharing import share_map
from .vocab import RELATIONS, SECTORS

# (name, sector, relation, strength, formal, contact, notes, treasure)
# treasure: (name, kind, category, address, lat, lon) or None. Contacts are organisation
# addresses (example.org), never a resident's.
DEMO_PARTNERS = [
    (
        "Medikuregem vzw",
        "health",
        "active",
        "strong",
        True,
        "Onthaal, 02 555 01 10, onthaal@medikuregem.example.org",
        "Wekelijks overleg over bewoners die alleen wonen.",
        ("Wijkgezondheidscentrum Medikuregem", "service", "health", "Clemenceaulaan 12, Anderlecht", 50.8371, 4.3179),
    ),
    (
        "OCMW Anderlecht",
        "welfare",
        "active",
        "strong",
        True,
        "Sociale dienst, 02 555 02 20",
        "Doorverwijzing loopt vlot sinds de nieuwe afspraken.",
        None,
    ),
    (
        "Buurtmoeders Kuregem",
        "informal_networks",
        "active",
        "strong",
        False,
        "Via de ontmoetingsnamiddag op dinsdag",
        "Kennen veel gezinnen die nergens anders komen.",
        ("Buurtmoeders Kuregem", "informal_network", "solidarity", "Dapperheidsplein, Anderlecht", 50.8359, 4.3201),
    ),
    (
        "Gemeente Anderlecht – dienst Participatie",
        "local_government",
        "active",
        "light",
        True,
        "participatie@anderlecht.example.org",
        "",
        None,
    ),
    (
        "Basisschool De Kleurdoos",
        "education",
        "active",
        "light",
        True,
        "Secretariaat, 02 555 03 30",
        "Ouderkoffie op vrijdag samen organiseren?",
        None,
    ),
    (
        "Bibliotheek Anderlecht",
        "culture",
        "occasional",
        "light",
        True,
        "Balie jeugdafdeling",
        "Leesclub voor anderstaligen.",
        ("Bibliotheek Anderlecht", "place", "culture_library", "Sint-Guidostraat 97, Anderlecht", 50.8380, 4.3110),
    ),
    ("Jeugdhuis Kuregem", "youth", "occasional", "light", True, "Jeugdwerker van dienst, 02 555 04 40", "", None),
    (
        "Repair Café Kuregem",
        "civil_society",
        "occasional",
        "light",
        False,
        "Via hun groepsmail",
        "Vrijwilligers zoeken nog een plek in de winter.",
        None,
    ),
    (
        "Bakkerij Clemenceau",
        "business",
        "occasional",
        "light",
        True,
        "De bakker zelf, tijdens de openingsuren",
        "Schenkt brood over aan de soepbar.",
        None,
    ),
    ("Actiris antenne Anderlecht", "work", "occasional", "light", True, "Onthaal werkzoekenden", "", None),
    (
        "Vrouwengroep Al Amal",
        "civil_society",
        "wanted",
        "light",
        False,
        "Via Buurtmoeders Kuregem",
        "Willen graag een vaste ruimte om samen te koken.",
        ("Vrouwengroep Al Amal", "self_organisation", "meeting_place", "Kuregemstraat, Anderlecht", 50.8352, 4.3192),
    ),
    ("Huurdersbond Brussel-Zuid", "housing", "wanted", "light", True, "Permanentie op woensdag", "", None),
    ("Boksclub Kuregem", "sport", "wanted", "light", True, "Trainer jeugdwerking", "", None),
    ("Justitiehuis Brussel", "justice", "to_discover", "light", True, "", "", None),
    ("Gebedshuis De Vrede", "worship", "to_discover", "light", True, "", "", None),
    ("Seniorenclub Het Zonnetje", "seniors", "to_discover", "light", False, "", "", None),
]

DEMO2_PARTNERS = [
    (
        "MEDIKUREGEM asbl",
        "health",
        "active",
        "strong",
        True,
        "Accueil, 02 555 01 10",
        "Permanence sociale le lundi.",
        None,
    ),
    ("CPAS d'Anderlecht", "welfare", "active", "strong", True, "Service social, 02 555 02 21", "", None),
    ("buurtmoeders kuregem", "informal_networks", "occasional", "light", False, "Par la maison de quartier", "", None),
    ("Repair Cafe Kuregem", "civil_society", "active", "light", False, "Groupe e-mail des bénévoles", "", None),
    ("Bibliotheek-Anderlecht", "culture", "wanted", "light", True, "", "", None),
    ("Foyer Anderlechtois", "housing", "active", "strong", True, "Service locataires", "", None),
    ("École Sainte-Marie", "education", "occasional", "light", True, "Direction", "", None),
    ("Club de foot Kuregem Academy", "sport", "occasional", "light", True, "Coordinateur des jeunes", "", None),
    ("Maison de quartier Bizet", "civil_society", "active", "light", True, "Accueil", "", None),
    ("Réseau des commerçants Clemenceau", "business", "to_discover", "light", False, "", "", None),
]

LARGE_PARTNERS = 500


def _treasure(org_id: int, spec, user_id: int) -> int:
    name, kind, category, address, lat, lon = spec
    found = db.session.scalar(
        sa.select(Treasure.id).where(Treasure.organisation_id == org_id, sa.func.lower(Treasure.name) == name.lower())
    )
    if found is not None:
        return found
    treasure = create_treasure(
        org_id,
        {
            "name": name,
            "kind": kind,
            "category": category,
            "description": "",
            "address": address,
            "lat": lat,
            "lon": lon,
            "formal": kind in ("service", "place"),
            "tags": [],
            "public": False,
        },
        user_id=user_id,
    )
    return treasure.id


def _seed_partners(org_id: int, specs, user_id: int) -> None:
    existing = set(db.session.scalars(sa.select(Partner.name).where(Partner.organisation_id == org_id)))
    for name, sector, relation, strength, formal, contact, notes, treasure in specs:
        if name in existing:
            continue
        treasure_id = _treasure(org_id, treasure, user_id) if treasure else None
        create_partner(
            org_id,
            {
                "name": name,
                "sector": sector,
                "relation": relation,
                "strength": strength,
                "formal": formal,
                "contact": contact,
                "notes": notes,
                "treasure_id": treasure_id,
            },
            user_id=user_id,
        )


def seed_large(org_id: int, user_id: int, total: int = LARGE_PARTNERS) -> int:
    """Bulk partners for benchmarks: plain inserts with their first history row. Returns how many."""
    have = db.session.scalar(
        sa.select(sa.func.count())
        .select_from(Partner)
        .where(Partner.organisation_id == org_id, Partner.name.like("Netwerkpartner %"))
    )
    missing = max(total - have, 0)
    if not missing:
        return 0
    rng = random.Random(4)
    now = utcnow()
    sectors, relations = list(SECTORS), list(RELATIONS)
    rows = []
    for n in range(have + 1, have + missing + 1):
        rows.append(
            {
                "organisation_id": org_id,
                "name": f"Netwerkpartner {n:03d}",
                "sector": rng.choice(sectors),
                "relation": rng.choice(relations),
                "strength": rng.choice(("light", "strong")),
                "formal": rng.random() < 0.7,
                "contact": "",
                "notes": "",
                "treasure_id": None,
                "status": "current",
                "version": 1,
                "created_at": now,
                "created_by_id": user_id,
                "updated_at": now,
                "updated_by_id": user_id,
            }
        )
    ids = db.session.scalars(sa.insert(Partner).returning(Partner.id, sort_by_parameter_order=True), rows).all()
    fields = Partner.__versioned_fields__
    db.session.execute(
        sa.insert(HistoryEntry),
        [
            {
                "organisation_id": org_id,
                "object_type": "partner",
                "object_id": pid,
                "version": 1,
                "action": "created",
                "data": {f: row[f] for f in fields},
                "changed_by_id": user_id,
                "changed_at": now,
            }
            for pid, row in zip(ids, rows)
        ],
    )
    return missing


@seeder
def seed_partners(ctx: DemoContext) -> None:
    _seed_partners(ctx.demo.id, DEMO_PARTNERS, ctx.coordinator.id)
    _seed_partners(ctx.demo2.id, DEMO2_PARTNERS, ctx.coordinator2.id)
    if ctx.size == "large":
        seed_large(ctx.demo.id, ctx.coordinator.id)
    share_map(ctx.demo2, ctx.demo.slug, user_id=ctx.coordinator2.id)
