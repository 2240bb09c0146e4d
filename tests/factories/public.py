"""Residents' proposals and public page settings."""

from __future__ import annotations

from resokit_web.buurtkaart.models import Treasure
from resokit_web.extensions import db, utcnow
from resokit_web.live import versioning
from resokit_web.public.categories import DEFAULT_CATEGORIES
from resokit_web.public.models import PublicPage, ResidentSubmission

from . import World, param_factory


def make_proposal(
    org,
    *,
    name="Wasserette",
    description="We praten er met elkaar.",
    category="meeting_place",
    lat=50.8367,
    lon=4.3186,
    email=None,
    location_text="Naast de bakker",
    consent=True,
    language="nl",
) -> Treasure:
    """A resident's place waiting for moderation, stored as the public form stores it."""
    now = utcnow()
    treasure = Treasure(
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
        created_at=now,
        updated_at=now,
    )
    versioning.create(treasure, user_id=None, action="proposed")
    db.session.add(
        ResidentSubmission(
            organisation_id=org.id,
            treasure_id=treasure.id,
            email=email,
            location_text=location_text,
            consent=consent,
            consent_at=now if consent else None,
            language=language,
            created_at=now,
        )
    )
    db.session.flush()
    return treasure


def open_public_page(org, public_slug=None, categories=None, **intros) -> PublicPage:
    org.public_slug = public_slug or org.slug
    org.public_enabled = True
    page = PublicPage(
        organisation_id=org.id,
        intro_nl=intros.get("nl", ""),
        intro_fr=intros.get("fr", ""),
        intro_en=intros.get("en", ""),
        categories=list(categories or DEFAULT_CATEGORIES),
        updated_at=utcnow(),
    )
    db.session.add(page)
    db.session.flush()
    return page


@param_factory("proposal_id")
def _proposal_id(world: World, org) -> int:
    treasure = make_proposal(org)
    db.session.commit()
    return treasure.id
