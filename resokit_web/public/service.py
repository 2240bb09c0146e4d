"""The public resident page: finding it, what it shows, and storing what residents send."""

from __future__ import annotations

import json

import sqlalchemy as sa
from flask import url_for
from flask_babel import gettext as _

from ..activity.service import record
from ..buurtkaart.models import Treasure
from ..core import bodies
from ..extensions import db, utcnow
from ..live import versioning
from ..live.bus import Event
from ..live.events import publish_after_commit
from ..live.revisions import revision_of
from ..orgs.models import Organisation
from .categories import DEFAULT_CATEGORIES, known_codes, resident_label
from .models import RESIDENT_LANGUAGES, PublicPage, ResidentSubmission

PAGE_SIZE = 50
MAP_LIMIT = 2000


def find_public_org(public_slug: str) -> Organisation | None:
    """The organisation whose public page answers at /buurt/<public_slug>, if it is on."""
    return db.session.scalar(
        sa.select(Organisation).where(Organisation.public_slug == public_slug, Organisation.public_enabled.is_(True))
    )


def settings_for(org: Organisation) -> PublicPage:
    """The page's settings; defaults (not yet stored) when the coordinator set none."""
    page = db.session.scalar(sa.select(PublicPage).where(PublicPage.organisation_id == org.id))
    if page is None:
        page = PublicPage(
            organisation_id=org.id, intro_nl="", intro_fr="", intro_en="", categories=list(DEFAULT_CATEGORIES)
        )
    return page


def enabled_categories(page: PublicPage) -> list[str]:
    known = set(known_codes())
    return [c for c in (page.categories or DEFAULT_CATEGORIES) if c in known] or ["other"]


def _public_places(org_id: int) -> sa.Select:
    return sa.select(Treasure).where(
        Treasure.organisation_id == org_id, Treasure.status == "accepted", Treasure.public.is_(True)
    )


def public_places(org_id: int, page: int = 1) -> tuple[list[Treasure], int]:
    query = _public_places(org_id)
    total = db.session.scalar(sa.select(sa.func.count()).select_from(query.subquery()))
    rows = db.session.scalars(
        query.order_by(sa.func.lower(Treasure.name), Treasure.id)
        .limit(PAGE_SIZE)
        .offset((max(page, 1) - 1) * PAGE_SIZE)
    )
    return list(rows), total


def places_geojson(org: Organisation) -> dict:
    """Accepted public places with a point, as GeoJSON: only what the public page shows."""
    rows = db.session.execute(
        _public_places(org.id)
        .where(Treasure.lat.is_not(None), Treasure.lon.is_not(None))
        .with_only_columns(
            Treasure.id,
            Treasure.name,
            Treasure.category,
            Treasure.description,
            Treasure.address,
            Treasure.lat,
            Treasure.lon,
        )
        .order_by(Treasure.id)
        .limit(MAP_LIMIT)
    ).all()
    page_url = url_for("public.show_page", public_slug=org.public_slug)
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": r.id,
                "geometry": {"type": "Point", "coordinates": [r.lon, r.lat]},
                "properties": {
                    "id": r.id,
                    "name": r.name,
                    "category": r.category,
                    "category_label": resident_label(r.category),
                    "description": r.description,
                    "address": r.address,
                    "url": f"{page_url}#place-{r.id}",
                },
            }
            for r in rows
        ],
    }


def places_body(org: Organisation, locale: str) -> bodies.Body:
    """:func:`places_geojson` in ``locale`` (its category labels are translated), built
    once per revision of the organisation's objects and kept compressed (core/bodies.py).
    "<", ">", "&" and "'" are written as \\u escapes: the same JSON, never readable as markup."""

    def build() -> bytes:
        text = json.dumps(places_geojson(org), ensure_ascii=False, separators=(",", ":"))
        text = text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e").replace("'", "\\u0027")
        return text.encode()

    key = ("public.geojson", org.id, org.public_slug, org.created_at, revision_of(org.id), locale)
    return bodies.cache().get(key, build)


def submit_place(org: Organisation, form, *, language: str) -> Treasure:
    """Store a resident's proposal: a treasure waiting for moderation and its private details."""
    now = utcnow()
    consent = bool(form.consent.data)
    values = {
        "name": form.name.data,
        "kind": "place",
        "category": form.category.data,
        "description": form.description.data or "",
        "address": "",
        "lat": form.lat.data,
        "lon": form.lon.data,
        "formal": False,
        "tags": [],
        "public": consent,
    }
    treasure = Treasure(
        organisation_id=org.id,
        source="resident",
        status="proposed",
        created_at=now,
        created_by_id=None,
        updated_at=now,
        updated_by_id=None,
        **values,
    )
    # "proposed", not "created": a proposal is not yet a new item of the team's map.
    versioning.create(treasure, user_id=None, action="proposed")
    db.session.add(
        ResidentSubmission(
            organisation_id=org.id,
            treasure_id=treasure.id,
            email=(form.email.data or None),
            location_text=form.location_text.data or "",
            consent=consent,
            consent_at=now if consent else None,
            language=language if language in RESIDENT_LANGUAGES else "nl",
            created_at=now,
        )
    )
    publish_after_commit(Event(org_id=org.id, type="proposal", id=treasure.id, extra={"action": "created"}))
    return treasure


def save_settings(org: Organisation, form, *, user_id: int) -> PublicPage:
    page = settings_for(org)
    org.public_slug = form.public_slug.data
    page.intro_nl, page.intro_fr, page.intro_en = (
        form.intro_nl.data or "",
        form.intro_fr.data or "",
        form.intro_en.data or "",
    )
    page.categories = [c for c in known_codes() if c in set(form.categories.data)]
    if form.poster_languages.data:
        page.poster_languages = [c for c in RESIDENT_LANGUAGES if c in set(form.poster_languages.data)]
    page.updated_at, page.updated_by_id = utcnow(), user_id
    db.session.add(page)
    record("public_page.updated", org_id=org.id, user_id=user_id, object_type="organisation", object_id=org.id)
    return page


def public_slug_taken(org: Organisation, public_slug: str) -> bool:
    return (
        db.session.scalar(
            sa.select(sa.func.count())
            .select_from(Organisation)
            .where(Organisation.public_slug == public_slug, Organisation.id != org.id)
        )
        > 0
    )


def set_enabled(org: Organisation, enabled: bool, *, user_id: int) -> None:
    """Switch the page on or off; switching on gives it an address if it has none."""
    if enabled and not org.public_slug:
        org.public_slug = org.slug if not public_slug_taken(org, org.slug) else f"{org.slug}-{org.id}"
    if org.public_enabled != enabled:
        org.public_enabled = enabled
        record(
            "public_page.enabled" if enabled else "public_page.disabled",
            org_id=org.id,
            user_id=user_id,
            object_type="organisation",
            object_id=org.id,
        )


def public_page_figure(org: Organisation) -> str:
    """The residents' map card on the Citizen page: is the public page open?"""
    return _("The public page is on") if org.public_enabled else _("The public page is off")
