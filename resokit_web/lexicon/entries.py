"""The lexicon's own entries (stadswoorden), shipped with Resokit and translated like
every other text of the product (nl, fr, en). Each has a stable key (its anchor and its
id in lexicon.json), a term, a short definition, an example from a Brussels street and
the keys of related entries. Written for this product, after the method's vocabulary."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l


@dataclass(frozen=True)
class Entry:
    key: str
    term: object  # lazy strings
    definition: object
    example: object
    related: tuple[str, ...]


ENTRIES: tuple[Entry, ...] = (
    Entry(
        "light-ties",
        _l("Light ties"),
        _l(
            "Brief, friendly contacts with people you know by sight: a nod, a chat at the counter. They ask little and can carry a lot."
        ),
        _l("The baker on the Chaussée de Mons who asks after your mother when you buy bread."),
        ("trusted-strangers", "strong-ties", "co-existence"),
    ),
    Entry(
        "trusted-strangers",
        _l("Trusted strangers"),
        _l(
            "People whose faces you know from the street without knowing their names. Their familiar presence makes a neighbourhood feel safe."
        ),
        _l("The man who walks his dog past the Clemenceau metro station every morning at eight."),
        ("light-ties", "polite-avoidance", "passers-by"),
    ),
    Entry(
        "soft-structures",
        _l("Soft structures"),
        _l(
            "Informal, low-threshold arrangements that hold a neighbourhood together without an organisation behind them: a regular table in a café, a chat group of one building."
        ),
        _l("The mothers of the Rue Wayez who take turns walking the children to school."),
        ("informal-network", "meeting-place", "low-threshold"),
    ),
    Entry(
        "bridge-figure",
        _l("Bridge figure"),
        _l("Someone who connects two worlds, such as a community and the services, because both trust them."),
        _l("A mother from the Congolese community who brings neighbours along to the parents’ café of the school."),
        ("key-figure", "expert-by-experience", "network-strengthening"),
    ),
    Entry(
        "key-figure",
        _l("Key figure"),
        _l(
            "Someone many people in the neighbourhood know and turn to. Key figures open doors to networks the team does not reach on its own."
        ),
        _l("The grocer on the Place Lemmens who knows which neighbour has just lost a job."),
        ("bridge-figure", "treasure", "third-place"),
    ),
    Entry(
        "outreach-work",
        _l("Outreach work"),
        _l(
            "Going to where people are, in the street, at the market or in the laundrette, instead of waiting for them to come in."
        ),
        _l("Every Thursday two social workers drink coffee at the market of the Abattoirs and listen."),
        ("reading-the-neighbourhood", "low-threshold", "passers-by"),
    ),
    Entry(
        "social-capital",
        _l("Social capital"),
        _l("What people’s relationships give them: help, information, a sense of belonging. It grows when it is used."),
        _l("A neighbour passes on a job offer she heard about at the mosque."),
        ("network-strengthening", "reciprocity", "safety-net"),
    ),
    Entry(
        "co-existence",
        _l("Co-existence"),
        _l(
            "Living side by side in a dense city with light ties and polite avoidance: not everyone has to be friends for a street to work."
        ),
        _l("Residents of a tower block along the canal greet each other in the lift and leave each other alone."),
        ("light-ties", "polite-avoidance", "density"),
    ),
    Entry(
        "reciprocity",
        _l("Reciprocity"),
        _l("Giving and receiving in turn. People who can also give stand stronger than people who only receive."),
        _l("A retired man repairs bicycles at the community centre and takes his Dutch lessons there."),
        ("socially-valued-role", "social-capital", "caring-neighbourhood"),
    ),
    Entry(
        "polite-avoidance",
        _l("Polite avoidance"),
        _l("Keeping a friendly distance on purpose: a way to live close together without intruding on each other."),
        _l("Neighbours on a crowded landing of the Rue de la Clinique nod and go their own way."),
        ("co-existence", "trusted-strangers", "density"),
    ),
    Entry(
        "strong-ties",
        _l("Strong ties"),
        _l(
            "Close relationships with family and friends who are there when things get hard. Light ties can sometimes grow into them."
        ),
        _l("The sister who takes in the children when their mother has to go to hospital."),
        ("light-ties", "safety-net", "loneliness"),
    ),
    Entry(
        "informal-network",
        _l("Informal network"),
        _l("People who look out for each other without any formal structure or statutes."),
        _l("The card players in the back room of a café who notice when one of them stays away."),
        ("soft-structures", "self-organisation", "informal-social-work"),
    ),
    Entry(
        "self-organisation",
        _l("Self-organisation"),
        _l("A group run by its own members, often around a shared background, language or faith."),
        _l("A women’s association that organises homework help in a community hall of the Rue Brogniez."),
        ("informal-network", "bridge-figure", "treasure"),
    ),
    Entry(
        "meeting-place",
        _l("Meeting place"),
        _l("A place where people meet without having made an appointment."),
        _l("The benches by the town hall on the Place du Conseil, where older men sit in the afternoon."),
        ("third-place", "soft-structures", "treasure"),
    ),
    Entry(
        "third-place",
        _l("Third place"),
        _l(
            "A place between home and work where people come back regularly and feel at home: a café, a barber’s, a library."
        ),
        _l("The barber’s on the Rue Brogniez where men drop in just to talk."),
        ("meeting-place", "key-figure", "low-threshold"),
    ),
    Entry(
        "passers-by",
        _l("Passers-by"),
        _l(
            "People who are in the neighbourhood without living there: commuters, shoppers, visitors of the market. They too are part of its networks."
        ),
        _l("Traders from all over Brussels who come to the weekend market at the Abattoirs."),
        ("trusted-strangers", "outreach-work", "glocal"),
    ),
    Entry(
        "neighbourhood-oriented-work",
        _l("Neighbourhood-oriented work"),
        _l("Starting from the neighbourhood and what it already holds, rather than from a service’s own offer."),
        _l(
            "Before planning a new activity, a welfare organisation asks residents of the Place Lemmens what is missing."
        ),
        ("reading-the-neighbourhood", "network-strengthening", "treasure"),
    ),
    Entry(
        "network-strengthening",
        _l("Network strengthening"),
        _l("Work that helps people widen and deepen their relationships, so that they have more people to turn to."),
        _l("A social worker introduces a newcomer to the language café of the library."),
        ("social-capital", "bridge-figure", "safety-net"),
    ),
    Entry(
        "socially-valued-role",
        _l("Socially valued role"),
        _l(
            "A role in which a person gives something others appreciate. It strengthens their self-esteem and widens their network."
        ),
        _l("A resident welcomes visitors with coffee at the community centre every Monday."),
        ("reciprocity", "social-capital", "caring-neighbourhood"),
    ),
    Entry(
        "safety-net",
        _l("Safety net"),
        _l("All the people and places someone can fall back on when things go wrong."),
        _l("When her boiler broke down, a neighbour, the imam and the social worker each helped in their own way."),
        ("strong-ties", "treasure", "network-strengthening"),
    ),
    Entry(
        "treasure",
        _l("Treasure of the neighbourhood"),
        _l("A place, person, initiative or network in the neighbourhood that can widen people’s safety net."),
        _l("The vegetable garden behind the Rue Sergent De Bruyne, where neighbours share seeds and recipes."),
        ("key-figure", "meeting-place", "safety-net"),
    ),
    Entry(
        "loneliness",
        _l("Loneliness"),
        _l(
            "The painful feeling that your relationships fall short of what you need. It is not the same as being alone, and it affects young people too."
        ),
        _l("A student in a small studio near the Gare du Midi who has spoken to no one all week."),
        ("strong-ties", "light-ties", "safety-net"),
    ),
    Entry(
        "glocal",
        _l("Glocal"),
        _l("Local and global at once: the networks of a neighbourhood often stretch across cities and countries."),
        _l("A family in Cureghem calls relatives in Casablanca every evening and helps the neighbour next door."),
        ("passers-by", "rhizome", "social-capital"),
    ),
    Entry(
        "density",
        _l("Density"),
        _l("Many people living close together. It brings encounters, and also a need for distance."),
        _l("Five families share one staircase in an old house on the Rue de la Clinique."),
        ("co-existence", "polite-avoidance", "turnover"),
    ),
    Entry(
        "turnover",
        _l("Turnover"),
        _l("People moving in and out of a neighbourhood all the time: networks must be built again and again."),
        _l("Within two years, half the names on the doorbells of a building on the Boulevard Poincaré changed."),
        ("density", "light-ties", "reading-the-neighbourhood"),
    ),
    Entry(
        "expert-by-experience",
        _l("Expert by experience"),
        _l(
            "Someone who uses what they have lived through, such as poverty or migration, to support others and organisations."
        ),
        _l("A man who once slept rough helps a day centre near the Gare du Midi to talk with newcomers."),
        ("bridge-figure", "key-figure", "informal-social-work"),
    ),
    Entry(
        "informal-social-work",
        _l("Informal social work"),
        _l("Help and support that people organise for each other outside the professional services."),
        _l("Volunteers at a mosque help neighbours fill in their tax forms."),
        ("informal-network", "self-organisation", "expert-by-experience"),
    ),
    Entry(
        "rhizome",
        _l("Rhizome"),
        _l(
            "A root system without a centre that keeps branching out. Human networks grow like this: they cannot be steered and are never fully known."
        ),
        _l("A chat at the school gate leads to a football club, and from there to a job."),
        ("glocal", "network-strengthening", "informal-network"),
    ),
    Entry(
        "caring-neighbourhood",
        _l("Caring neighbourhood"),
        _l(
            "A neighbourhood where residents, organisations and services look out for each other, and where care is given and received."
        ),
        _l("Neighbours in a street near the Clemenceau metro take turns doing the shopping for an old man."),
        ("reciprocity", "socially-valued-role", "safety-net"),
    ),
    Entry(
        "reading-the-neighbourhood",
        _l("Reading the neighbourhood"),
        _l(
            "Looking at a neighbourhood with figures and on foot, again and again, to see its needs and its hidden possibilities."
        ),
        _l("A team walks from the canal to the Place de la Vaillance and notes where people stop to talk."),
        ("outreach-work", "neighbourhood-oriented-work", "turnover"),
    ),
    Entry(
        "low-threshold",
        _l("Low-threshold"),
        _l("Easy to walk into: no appointment, no forms, no cost, in a familiar place."),
        _l("A social restaurant where anyone can sit down for soup without giving a name."),
        ("third-place", "outreach-work", "soft-structures"),
    ),
)
BY_KEY = {entry.key: entry for entry in ENTRIES}
