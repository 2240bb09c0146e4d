"""Brussel op het net: the data sources for Brussels neighbourhoods that we ship.

Names, publishers and addresses were looked up in public pages in December 2026 (the
observatory's and the social map's own pages, the regional portals, and pages citing the
IBSA, neighbourhood-monitoring and BruGIS addresses); check them again when updating the
list. Every description is our own. A source is named by a stable id: figures in the notebook cite it, so an id
never changes once shipped (a source that disappears stays, marked in its description).
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

# From the widest to the finest: what one figure of the source is about.
LEVELS = {
    "region": _l("Region"),
    "commune": _l("Commune"),
    "statistical_sector": _l("Statistical sector"),
    "neighbourhood": _l("Neighbourhood"),
}
LANGUAGES = {"nl": _l("Dutch"), "fr": _l("French"), "en": _l("English"), "de": _l("German")}


@dataclass(frozen=True)
class CatalogueSource:
    id: str
    name: object  # lazy strings: in the reader's language
    publisher: object
    description: object
    level: str
    url: str
    languages: tuple[str, ...]
    own: bool = False


CATALOGUE: tuple[CatalogueSource, ...] = (
    CatalogueSource(
        "ibsa",
        _l("Brussels Institute for Statistics and Analysis (BISA)"),
        _l("perspective.brussels"),
        _l(
            "The region's statistics office: population, housing, work, income, health and mobility "
            "for the region and each of its 19 communes, with yearly key figures and thematic reports."
        ),
        "commune",
        "https://ibsa.brussels",
        ("nl", "fr", "en"),
    ),
    CatalogueSource(
        "wijkmonitoring",
        _l("Neighbourhood monitoring"),
        _l("Brussels Institute for Statistics and Analysis (BISA)"),
        _l(
            "About two hundred indicators for each of the region's 145 neighbourhoods, shown on maps and in "
            "tables: the quickest way to compare your neighbourhood with the ones around it and with the region."
        ),
        "neighbourhood",
        "https://monitoringdesquartiers.brussels",
        ("nl", "fr"),
    ),
    CatalogueSource(
        "statbel",
        _l("Statbel"),
        _l("Statbel, the Belgian statistical office (FPS Economy)"),
        _l(
            "National statistics, several of them down to the statistical sector, a few streets: population by "
            "age and nationality, households, taxable income, buildings. Open data to download."
        ),
        "statistical_sector",
        "https://statbel.fgov.be",
        ("nl", "fr", "de", "en"),
    ),
    CatalogueSource(
        "observatbru",
        _l("Observatory for Health and Social Affairs of Brussels-Capital"),
        _l("Common Community Commission (GGC/COCOM)"),
        _l(
            "The yearly Brussels poverty report and social barometer, the health and welfare atlas, and studies "
            "on themes such as loneliness, older people and access to care, often by commune."
        ),
        "commune",
        "https://www.ccc-ggc.brussels/nl/observatbru/accueil",
        ("nl", "fr"),
    ),
    CatalogueSource(
        "social_brussels",
        _l("Brussels Social (the social map)"),
        _l("Observatory for Health and Social Affairs of Brussels-Capital"),
        _l(
            "The bilingual social map of Brussels: thousands of social and health services, searchable by theme "
            "and commune, each with its address, opening hours and who it is for."
        ),
        "neighbourhood",
        "https://sociaal.brussels",
        ("nl", "fr"),
    ),
    CatalogueSource(
        "opendatastore",
        _l("Open data portal of the Brussels-Capital Region"),
        _l("Paradigm (the region's IT centre)"),
        _l(
            "Data sets of the regional administrations, free to reuse: public transport, green spaces, "
            "facilities, traffic, and more, to download as tables or map layers."
        ),
        "region",
        "https://opendatastore.brussels",
        ("nl", "fr", "en"),
    ),
    CatalogueSource(
        "datastore",
        _l("datastore.brussels (UrbIS)"),
        _l("Paradigm (the region's IT centre)"),
        _l(
            "The region's single door to its data and its official digital map UrbIS: streets, addresses, "
            "buildings and plots, the base under most Brussels maps."
        ),
        "neighbourhood",
        "https://datastore.brussels",
        ("nl", "fr", "en"),
    ),
    CatalogueSource(
        "brugis",
        _l("BruGIS"),
        _l("urban.brussels"),
        _l(
            "The map viewer of town planning and heritage: land-use plans, protected buildings, urban renewal "
            "areas and neighbourhood contracts, plot by plot."
        ),
        "neighbourhood",
        "https://gis.urban.brussels/brugis/",
        ("nl", "fr"),
    ),
    CatalogueSource(
        "perspective",
        _l("perspective.brussels"),
        _l("perspective.brussels (the regional planning office)"),
        _l(
            "Plans and studies on how the region grows: population forecasts, school capacity, local "
            "facilities and the plans for each area of the city."
        ),
        "region",
        "https://perspective.brussels",
        ("nl", "fr", "en"),
    ),
    CatalogueSource(
        "view_brussels",
        _l("view.brussels"),
        _l("Actiris and Bruxelles Formation (their joint observatory of employment and training)"),
        _l(
            "The observatory of work and training: job seekers by commune, age and education, the jobs that "
            "are hard to fill, and how young people find their first work."
        ),
        "commune",
        "https://view.brussels",
        ("nl", "fr"),
    ),
    CatalogueSource(
        "desocialekaart",
        _l("De Sociale Kaart"),
        _l("Flemish government (Department of Care)"),
        _l(
            "The Dutch-language guide to welfare and care services, including the Dutch-speaking services in "
            "Brussels: who does what, where and for whom."
        ),
        "neighbourhood",
        "https://www.desocialekaart.be",
        ("nl",),
    ),
    CatalogueSource(
        "brussels_studies",
        _l("Brussels Studies"),
        _l("Brussels Studies Institute"),
        _l(
            "A free scientific journal on Brussels, each article in three languages: research on housing, "
            "migration, poverty, public space and neighbourhood life, with its sources."
        ),
        "region",
        "https://journals.openedition.org/brussels",
        ("nl", "fr", "en"),
    ),
    CatalogueSource(
        "anderlecht",
        _l("Commune of Anderlecht"),
        _l("Commune of Anderlecht"),
        _l(
            "The commune's own site: its services, the public social welfare centre (OCMW/CPAS), its "
            "neighbourhoods, local plans and the figures it publishes about them."
        ),
        "commune",
        "https://www.anderlecht.be",
        ("nl", "fr"),
    ),
)

BY_ID = {source.id: source for source in CATALOGUE}
