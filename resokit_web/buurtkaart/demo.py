"""Demo treasures around Kuregem (Anderlecht): real streets, fictional places and people.

``demo`` adds about forty, every kind present, some with several versions and a few
archived; ``demo --size large`` adds 5,000 more in bulk for benchmarks. Idempotent: what
is already there (by name) is left alone.
"""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from ..activity.models import Activity
from ..demo import DemoContext, seeder
from ..extensions import db, utcnow
from ..live.history import HistoryEntry
from ..live.versioning import create_many
from .models import Treasure
from .service import create_treasure, save_treasure, set_status

LARGE_COUNT = 5000
LARGE_PREFIX = "Testschat"

# name, kind, category, formal, address, lat, lon, tags, description
TREASURES = [
    (
        "Raadsplein",
        "place",
        "public_space",
        False,
        "Raadsplein, Anderlecht",
        50.83752,
        4.31798,
        ["plein", "zitbanken"],
        "Het plein voor het oude gemeentehuis van Kuregem. Op zonnige namiddagen zitten hier oudere mannen op de banken en spelen kinderen na school.\nGoede plek om mensen informeel aan te spreken.",
    ),
    (
        "Wasserette Lavomatic Bergense",
        "place",
        "market_shops",
        True,
        "Bergensesteenweg 112",
        50.83561,
        4.31412,
        ["wachten", "praatje"],
        "Een wasserette waar mensen lang wachten en dus praten. De uitbater kent veel vaste klanten bij naam.",
    ),
    (
        "Markt Clemenceau",
        "place",
        "market_shops",
        True,
        "Clemenceaulaan",
        50.83874,
        4.32035,
        ["markt", "zondag"],
        "Wekelijkse markt op zondagvoormiddag. Veel gezinnen uit de buurt doen hier hun boodschappen.\nMarktkramers horen veel over wat er in de wijk leeft.",
    ),
    (
        "Café Het Kolenhuis",
        "place",
        "cafe_food",
        True,
        "Dokter De Meersmanstraat 15",
        50.83815,
        4.32210,
        ["koffie", "kaarten"],
        "Volkscafé waar gepensioneerden elke voormiddag kaarten. De cafébazin houdt een oogje in het zeil voor wie alleen woont.",
    ),
    (
        "Theehuis Al Warda",
        "place",
        "cafe_food",
        True,
        "Bergensesteenweg 160",
        50.83489,
        4.31268,
        ["thee", "Arabisch"],
        "Theehuis met een achterzaal die gratis gebruikt mag worden voor buurtvergaderingen, op afspraak.",
    ),
    (
        "Sociaal restaurant De Soepketel",
        "service",
        "solidarity",
        True,
        "Kuregemstraat 30",
        50.84021,
        4.32688,
        ["maaltijd", "goedkoop"],
        "Warme maaltijd aan sociaal tarief, van maandag tot vrijdag tussen 11u30 en 13u30. Je hoeft niet te reserveren.",
    ),
    (
        "Voedselbedeling Sint-Gerardus",
        "service",
        "solidarity",
        True,
        "Sergeant De Bruynestraat 48",
        50.83461,
        4.32202,
        ["voedselpakket", "donderdag"],
        "Voedselpakketten op donderdag, met doorverwijzing van het OCMW of een sociale dienst.",
    ),
    (
        "Basisschool De Vlieger",
        "service",
        "school_childcare",
        True,
        "Georges Moreaustraat 80",
        50.83655,
        4.31980,
        ["ouders", "schoolpoort"],
        "Nederlandstalige basisschool. Aan de schoolpoort om 15u30 staan veel ouders die elkaar kennen.\nDe brugfiguur van de school brengt ouders en buurt samen.",
    ),
    (
        "Crèche Les Petits Pas",
        "service",
        "school_childcare",
        True,
        "Rue Brogniez 22",
        50.83790,
        4.32785,
        ["kinderopvang", "FR"],
        "Crèche francophone avec quelques places d'urgence pour des parents en formation.",
    ),
    (
        "Jeugdhuis De Branding",
        "initiative",
        "youth",
        True,
        "Liverpoolstraat 9",
        50.84012,
        4.32462,
        ["jongeren", "huiswerk"],
        "Jeugdwerk voor tieners: huiswerkklas op woensdag, voetbal op zaterdag. De jeugdwerkers kennen veel gezinnen.",
    ),
    (
        "Seniorenclub Zonnebloem",
        "self_organisation",
        "seniors",
        False,
        "Raadsplein 4",
        50.83740,
        4.31845,
        ["senioren", "dinsdag"],
        "Een groep gepensioneerden die elke dinsdag samen koffie drinkt en uitstappen plant. Nieuwe leden zijn welkom.",
    ),
    (
        "Moskee Al Nour",
        "place",
        "worship",
        True,
        "Fiennesstraat 61",
        50.83620,
        4.32945,
        ["vrijdag", "gemeenschap"],
        "Na het vrijdaggebed blijven veel mannen uit de buurt even napraten. Het bestuur staat open voor samenwerking rond eenzaamheid bij ouderen.",
    ),
    (
        "Parochiezaal Sint-Franciscus",
        "place",
        "worship",
        True,
        "Van Lintstraat 12",
        50.83598,
        4.32490,
        ["zaal", "verhuur"],
        "Zaal die verenigingen goedkoop kunnen huren. Er is een keuken.",
    ),
    (
        "Sporthal Kuregem",
        "place",
        "sport",
        True,
        "Ropsy Chaudronstraat 7",
        50.84133,
        4.32215,
        ["zaalvoetbal", "gratis"],
        "Gemeentelijke sporthal. Op zondagvoormiddag vrij zaalvoetbal voor iedereen.",
    ),
    (
        "Wandelclub De Stappers",
        "informal_network",
        "sport",
        False,
        "vertrek aan het Lemmensplein",
        50.83855,
        4.32390,
        ["wandelen", "zaterdag"],
        "Een groepje buurtbewoners dat elke zaterdag om tien uur vertrekt voor een wandeling langs het kanaal.",
    ),
    (
        "Bibliotheek Kuregem",
        "service",
        "culture_library",
        True,
        "Raadsplein 10",
        50.83780,
        4.31760,
        ["boeken", "computers", "Nederlands oefenen"],
        "Bibliotheek met computers, een leestafel met kranten in veel talen en een conversatietafel Nederlands op maandag.",
    ),
    (
        "Atelier Kleur",
        "initiative",
        "culture_library",
        False,
        "Brogniezstraat 41",
        50.83842,
        4.32870,
        ["schilderen", "vrouwen"],
        "Schilderatelier voor vrouwen uit de buurt, zonder ervaring. Twee vrijwilligsters begeleiden.",
    ),
    (
        "Wijkgezondheidscentrum De Brug",
        "service",
        "health",
        True,
        "Clemenceaulaan 102",
        50.83925,
        4.32110,
        ["huisarts", "forfait"],
        "Medisch huis met huisartsen, verpleging en een sociaal werker. Werkt met forfait: geen kosten per consultatie.",
    ),
    (
        "Apotheker van de Clemenceaulaan",
        "key_figure",
        "health",
        True,
        "Clemenceaulaan 60",
        50.83890,
        4.32055,
        ["vertrouwen", "ouderen"],
        "De apotheker kent veel alleenwonende ouderen en merkt het als iemand zijn medicatie niet meer komt halen.",
    ),
    (
        "OCMW-antenne Kuregem",
        "service",
        "welfare",
        True,
        "Bergensesteenweg 71",
        50.83640,
        4.31545,
        ["leefloon", "afspraak"],
        "Zitdag van het OCMW op dinsdag en donderdag. Best op voorhand bellen.",
    ),
    (
        "Sociaal Huis Anderlecht",
        "service",
        "welfare",
        True,
        "Dapperheidsplein 17",
        50.83590,
        4.31010,
        ["sociale dienst", "eerste lijn"],
        "Eerstelijnshulp voor vragen over geld, papieren en wonen.",
    ),
    (
        "Huurdersvereniging Lemmens",
        "self_organisation",
        "housing",
        False,
        "Lemmensplein 3",
        50.83870,
        4.32420,
        ["huurders", "sociale woningen"],
        "Bewoners van de sociale woonblokken die samen problemen aankaarten bij de huisvestingsmaatschappij.",
    ),
    (
        "Conciërge van het woonblok Lemmens",
        "key_figure",
        "housing",
        True,
        "Lemmensplein 3",
        50.83880,
        4.32440,
        ["conciërge"],
        "Ziet iedereen passeren en weet wie er al een tijd niet meer buitenkomt. Spreekt Nederlands, Frans en Turks.",
    ),
    (
        "Taalcafé Babbel",
        "initiative",
        "work_learning",
        False,
        "Bibliotheek, Raadsplein 10",
        50.83770,
        4.31775,
        ["Nederlands", "oefenen"],
        "Elke maandagavond Nederlands oefenen in kleine groepjes met vrijwilligers. Gratis, zonder inschrijving.",
    ),
    (
        "Werkwinkel Kuregem",
        "service",
        "work_learning",
        True,
        "Kuregemstraat 55",
        50.84055,
        4.32735,
        ["werk", "opleiding"],
        "Begeleiding naar werk en opleiding. Er is een open computerruimte om vacatures te zoeken.",
    ),
    (
        "Buurthuis De Kolenkit",
        "place",
        "meeting_place",
        True,
        "Veeartsenijstraat 20",
        50.83700,
        4.32010,
        ["ontmoeting", "koffie"],
        "Ons eigen buurthuis. Elke werkdag open onthaal met koffie tussen 9 en 12 uur.",
    ),
    (
        "Buurtfeest Dauwpark",
        "initiative",
        "meeting_place",
        False,
        "Dauwpark",
        50.84180,
        4.32580,
        ["feest", "jaarlijks"],
        "Jaarlijks buurtfeest in juni, georganiseerd door bewoners. Veel mensen die je anders niet ziet, komen hier wel.",
    ),
    (
        "Dauwpark",
        "place",
        "green",
        False,
        "Dauwstraat",
        50.84170,
        4.32600,
        ["park", "speeltuin"],
        "Klein park met speeltuin. 's Avonds zitten hier jongeren; overdag grootouders met kleinkinderen.",
    ),
    (
        "Moestuin De Groene Hoek",
        "initiative",
        "green",
        False,
        "achter de Sergeant De Bruynestraat 20",
        50.83510,
        4.32120,
        ["tuinieren", "samen"],
        "Samentuin waar buurtbewoners een perceel delen. Er is altijd wel iemand die wil uitleggen hoe het werkt.",
    ),
    (
        "Marokkaanse vrouwenvereniging Amal",
        "self_organisation",
        "meeting_place",
        False,
        "Brogniezstraat 27",
        50.83810,
        4.32810,
        ["vrouwen", "naaien"],
        "Vrouwenvereniging met naailessen en een praatgroep op vrijdag. Vertrouwde plek voor vrouwen die weinig buitenkomen.",
    ),
    (
        "Congolese gemeenschap Kuregem",
        "informal_network",
        "worship",
        False,
        "samenkomst in de parochiezaal",
        50.83605,
        4.32500,
        ["kerk", "zondag", "FR"],
        "Een gebedsgroep die na de dienst samen eet. Houdt contact met nieuwkomers uit Centraal-Afrika.",
    ),
    (
        "Whatsappgroep Moeders Moreau",
        "informal_network",
        "school_childcare",
        False,
        "Georges Moreaustraat",
        50.83640,
        4.31950,
        ["ouders", "whatsapp"],
        "Moeders van de school delen er tips en halen kinderen voor elkaar op. Eén van hen wil de groep openstellen voor nieuwe ouders.",
    ),
    (
        "Buurtagent Kuregem-West",
        "key_figure",
        "public_space",
        True,
        "politiekantoor Raadsplein",
        50.83725,
        4.31815,
        ["buurtagent"],
        "Kent de straat, komt op huisbezoek bij kwetsbare ouderen en verwijst door.",
    ),
    (
        "Kapsalon Noura",
        "key_figure",
        "market_shops",
        True,
        "Bergensesteenweg 134",
        50.83525,
        4.31345,
        ["kapster", "luisterend oor"],
        "De kapster is een luisterend oor voor veel vrouwen uit de buurt en weet wie het moeilijk heeft.",
    ),
    (
        "Fietsherstelplaats Trappers",
        "initiative",
        "mobility",
        False,
        "Ropsy Chaudronstraat 21",
        50.84160,
        4.32290,
        ["fiets", "herstellen"],
        "Leer zelf je fiets herstellen op woensdagnamiddag. Vrijwilligers helpen, onderdelen aan kostprijs.",
    ),
    (
        "Digipunt Kuregem",
        "service",
        "digital",
        True,
        "Werkwinkel, Kuregemstraat 55",
        50.84045,
        4.32720,
        ["digitaal", "itsme", "afspraak"],
        "Hulp bij itsme, mails, online formulieren en de smartphone. Zonder afspraak op dinsdagvoormiddag.",
    ),
    (
        "Repair Café Kuregem",
        "initiative",
        "solidarity",
        False,
        "Buurthuis De Kolenkit",
        50.83705,
        4.32025,
        ["herstellen", "maandelijks"],
        "Elke eerste zaterdag van de maand: breng een kapot toestel mee en herstel het samen met een vrijwilliger.",
    ),
    (
        "Schoenmaker op de hoek",
        "key_figure",
        "market_shops",
        True,
        "Sergeant De Bruynestraat 2",
        50.83480,
        4.32260,
        ["ambacht"],
        "Al veertig jaar in de straat. Zijn winkel is een vast aanspreekpunt voor oudere buren.",
    ),
    (
        "Petanqueclub Bara",
        "self_organisation",
        "sport",
        False,
        "Baraplein",
        50.83640,
        4.33240,
        ["petanque", "senioren"],
        "Petanque bij mooi weer, elke namiddag. De club zoekt nieuwe spelers.",
    ),
    (
        "Lokaal dienstencentrum Het Anker",
        "service",
        "seniors",
        True,
        "Rossinistraat 18",
        50.83960,
        4.32290,
        ["senioren", "maaltijd", "activiteiten"],
        "Dienstencentrum voor ouderen: middagmaal, activiteiten en hulp thuis. Veel bezoekers komen vooral voor het gezelschap.",
    ),
    (
        "Speelstraat Eloy",
        "initiative",
        "youth",
        False,
        "Eloystraat",
        50.84055,
        4.32580,
        ["spelen", "zomer"],
        "In de zomervakantie wordt de straat op woensdag afgesloten om te spelen. Ouders zitten buiten en leren elkaar kennen.",
    ),
    (
        "Vroegere kinderboerderij",
        "place",
        "green",
        True,
        "Slachthuislaan",
        50.84230,
        4.32100,
        ["gesloten"],
        "De kinderboerderij is gesloten sinds de werken aan de site.",
    ),
]

# name → later edits (values changed, by whom) and whether it ends archived.
HISTORY = {
    "Raadsplein": [({"tags": ["plein", "zitbanken", "zomer"]}, "member")],
    "Sociaal restaurant De Soepketel": [
        (
            {
                "description": "Warme maaltijd aan sociaal tarief, van maandag tot vrijdag tussen 11u30 en 13u30. Je hoeft niet te reserveren.\nOp vrijdag is er ook een vegetarische schotel."
            },
            "member",
        ),
        ({"tags": ["maaltijd", "goedkoop", "vegetarisch"]}, "coordinator"),
    ],
    "Taalcafé Babbel": [
        ({"address": "Bibliotheek Kuregem, Raadsplein 10"}, "coordinator"),
        (
            {
                "description": "Elke maandagavond van 18 tot 20 uur Nederlands oefenen in kleine groepjes met vrijwilligers. Gratis, zonder inschrijving."
            },
            "member",
        ),
    ],
    "Digipunt Kuregem": [({"formal": True, "tags": ["digitaal", "itsme", "afspraak", "smartphone"]}, "member")],
}
ARCHIVED = {"Vroegere kinderboerderij", "Petanqueclub Bara"}


def _fields(entry: tuple) -> dict:
    name, kind, category, formal, address, lat, lon, tags, description = entry
    return {
        "name": name,
        "kind": kind,
        "category": category,
        "formal": formal,
        "address": address,
        "lat": lat,
        "lon": lon,
        "tags": tags,
        "description": description,
        "public": False,
    }


@seeder
def seed_treasures(ctx: DemoContext) -> None:
    org_id = ctx.demo.id
    existing = set(db.session.scalars(sa.select(Treasure.name).where(Treasure.organisation_id == org_id)))
    users = {"member": ctx.member.id, "coordinator": ctx.coordinator.id}
    created = []
    for number, entry in enumerate(TREASURES):
        if entry[0] in existing:
            continue
        author = users["coordinator" if number % 3 else "member"]
        treasure = create_treasure(org_id, _fields(entry), user_id=author)
        for changes, who in HISTORY.get(treasure.name, []):
            save_treasure(treasure, changes, treasure.version, user_id=users[who])
        if treasure.name in ARCHIVED:
            set_status(treasure, "archived", user_id=users["coordinator"], action="archived")
        created.append(treasure)
    db.session.flush()
    _spread_over_time(created)
    if ctx.size == "large":
        _seed_large(org_id, ctx.member.id)


def _spread_over_time(treasures: list[Treasure]) -> None:
    """Demo history that reads like weeks of team work rather than one second."""
    now = utcnow()
    for i, treasure in enumerate(treasures):
        start = now - timedelta(days=len(treasures) + 5 - i, hours=i % 7)
        entries = db.session.scalars(
            sa.select(HistoryEntry)
            .where(HistoryEntry.object_type == "treasure", HistoryEntry.object_id == treasure.id)
            .order_by(HistoryEntry.version)
        ).all()
        lines = db.session.scalars(
            sa.select(Activity)
            .where(Activity.object_type == "treasure", Activity.object_id == treasure.id)
            .order_by(Activity.id)
        ).all()
        for entry, line in zip(entries, lines + [None] * len(entries)):
            entry.changed_at = start + timedelta(days=entry.version - 1, minutes=17 * entry.version)
            if line is not None:
                line.created_at = entry.changed_at
        treasure.created_at = entries[0].changed_at
        treasure.updated_at = entries[-1].changed_at


def _seed_large(org_id: int, user_id: int) -> None:
    """5,000 treasures for benchmarks, in bulk with their history rows."""
    have = db.session.scalar(
        sa.select(sa.func.count()).where(Treasure.organisation_id == org_id, Treasure.name.like(f"{LARGE_PREFIX} %"))
    )
    kinds = ("place", "key_figure", "initiative", "self_organisation", "informal_network", "service")
    categories = (
        "public_space",
        "market_shops",
        "cafe_food",
        "school_childcare",
        "sport",
        "health",
        "welfare",
        "housing",
        "meeting_place",
        "solidarity",
        "green",
        "youth",
    )
    streets = (
        "Bergensesteenweg",
        "Clemenceaulaan",
        "Kuregemstraat",
        "Brogniezstraat",
        "Raadsplein",
        "Liverpoolstraat",
        "Georges Moreaustraat",
        "Fiennesstraat",
        "Van Lintstraat",
        "Eloystraat",
    )
    now = utcnow()
    rows = []
    for n in range(have + 1, LARGE_COUNT + 1):
        # A deterministic spread over roughly 2 by 2 km around Kuregem.
        lat = 50.8366 + ((n * 7919) % 2000 - 1000) / 100000
        lon = 4.3185 + ((n * 104729) % 2800 - 1400) / 100000
        rows.append(
            {
                "name": f"{LARGE_PREFIX} {n:04d}",
                "kind": kinds[n % 6],
                "category": categories[n % 12],
                "description": f"Testgegeven {n} voor de benchmark.",
                "address": f"{streets[n % 10]} {n % 180 + 1}",
                "lat": round(lat, 6),
                "lon": round(lon, 6),
                "formal": n % 3 != 0,
                "tags": ["test", f"groep {n % 25}"],
                "status": "accepted",
                "public": False,
                "source": "team",
                "created_at": now,
                "created_by_id": user_id,
                "updated_at": now,
                "updated_by_id": user_id,
            }
        )
    for start in range(0, len(rows), 1000):
        create_many(Treasure, rows[start : start + 1000], org_id=org_id, user_id=user_id, changed_at=now, publish=False)
