"""Demo: the demo organisation's public page is on, with resident places on the map
and a few waiting for moderation."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from ..buurtkaart.models import Treasure
from ..demo import DemoContext, seeder
from ..extensions import db, utcnow
from ..live import versioning
from ..orgs.models import Organisation
from .categories import DEFAULT_CATEGORIES
from .models import PublicPage, ResidentSubmission

INTROS = {
    "nl": "Welke plekken in Kuregem doen jou goed? Een bank, een café, een tuin, een club? "
    "Vertel het ons. Zo leren we de buurt kennen door jouw ogen.",
    "fr": "Quels endroits de Cureghem vous font du bien\u202f? Un banc, un café, un jardin, un club\u202f? "
    "Dites-le-nous. Ainsi, nous découvrons le quartier avec vos yeux.",
    "en": "Which places in Kuregem do you good? A bench, a café, a garden, a club? "
    "Tell us. This way we get to know the neighbourhood through your eyes.",
}

# name, category, description, location words, lat, lon, e-mail, consent, language
ACCEPTED = [
    (
        "De bank bij de speeltuin",
        "public_space",
        "Hier zitten 's middags altijd oudere buren. Je raakt er snel aan de praat.",
        "Rauterplein, naast de speeltuin",
        50.83705,
        4.31790,
        None,
        True,
        "nl",
    ),
    (
        "Café Le Coin",
        "cafe_food",
        "Le patron connaît tout le monde. On peut y faire relire une lettre.",
        "Coin de la rue Brogniez",
        50.83590,
        4.31990,
        None,
        True,
        "fr",
    ),
    (
        "Moestuin De Kolen",
        "green",
        "Elke zaterdag om 10 uur werken we samen in de tuin. Nieuwe mensen zijn welkom.",
        "Achter het buurthuis",
        50.83640,
        4.31760,
        None,
        True,
        "nl",
    ),
]
WAITING = [
    (
        "Wasserette Clemenceau",
        "meeting_place",
        "Terwijl de was draait, praten we met elkaar. Soms helpt iemand met papieren.",
        "Clemenceaulaan, naast de bakker",
        50.83880,
        4.32150,
        "fatima.demo@example.test",
        True,
        "nl",
    ),
    (
        "Terrain de foot derrière l'école",
        "sport",
        "Les jeunes jouent ici tous les soirs. Les parents se retrouvent au bord du terrain.",
        "Derrière l'école, rue Eloy",
        50.83520,
        4.31640,
        None,
        True,
        "fr",
    ),
    (
        "Reading corner at the station",
        "culture_library",
        "There is a shelf with free books. People leave a book and take one.",
        "South station, near the side entrance",
        None,
        None,
        None,
        False,
        "en",
    ),
]


def _free(slug: str, org: Organisation) -> bool:
    return (
        db.session.scalar(
            sa.select(sa.func.count())
            .select_from(Organisation)
            .where(Organisation.public_slug == slug, Organisation.id != org.id)
        )
        == 0
    )


def _add(org: Organisation, row, *, created_at, accepted_by=None) -> None:
    name, category, description, location, lat, lon, email, consent, language = row
    t = Treasure(
        organisation_id=org.id,
        kind="place",
        category=category,
        name=name,
        description=description,
        address="",
        lat=lat,
        lon=lon,
        formal=False,
        tags=[],
        source="resident",
        status="proposed",
        public=consent,
        created_at=created_at,
        updated_at=created_at,
    )
    versioning.create(t, user_id=None, action="proposed")
    submission = ResidentSubmission(
        organisation_id=org.id,
        treasure_id=t.id,
        email=email,
        location_text=location,
        consent=consent,
        consent_at=created_at if consent else None,
        language=language,
        created_at=created_at,
    )
    db.session.add(submission)
    if accepted_by is not None:
        submission.decision, submission.decided_by_id, submission.decided_at = "accepted", accepted_by.id, utcnow()
        versioning.save(
            t,
            {"status": "accepted", "address": location},
            t.version,
            user_id=accepted_by.id,
            action="accepted",
            extra_values={"updated_by_id": accepted_by.id},
        )


@seeder
def seed_public_page(ctx: DemoContext) -> None:
    org = ctx.demo
    if not org.public_slug and _free("demo", org):
        org.public_slug = "demo"
    org.public_enabled = True
    if db.session.scalar(sa.select(PublicPage).where(PublicPage.organisation_id == org.id)) is None:
        db.session.add(
            PublicPage(
                organisation_id=org.id,
                intro_nl=INTROS["nl"],
                intro_fr=INTROS["fr"],
                intro_en=INTROS["en"],
                categories=list(DEFAULT_CATEGORIES),
                updated_at=utcnow(),
            )
        )
    db.session.flush()
    if db.session.scalar(
        sa.select(sa.func.count()).select_from(ResidentSubmission).where(ResidentSubmission.organisation_id == org.id)
    ):
        return
    now = utcnow()
    for i, row in enumerate(ACCEPTED):
        _add(org, row, created_at=now - timedelta(days=20 - i), accepted_by=ctx.coordinator)
    for i, row in enumerate(WAITING):
        _add(org, row, created_at=now - timedelta(hours=30 - i * 6))
    db.session.flush()
