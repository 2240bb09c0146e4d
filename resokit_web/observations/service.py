"""Observations: listing with filters, adding one (with its photo), turning one into a treasure."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from flask import url_for
from flask_babel import ngettext

from ..activity.service import record
from ..buurtanalyse.sections import BY_KEY as SECTIONS_BY_KEY
from ..buurtkaart.models import Treasure
from ..buurtkaart.service import create_treasure
from ..extensions import db, utcnow
from ..live import versioning
from ..live.bus import Event
from ..live.events import publish_after_commit
from . import photos
from .labels import observation_kind_label
from .models import KINDS, Observation

LIST_MAX = 200


@dataclass
class Filters:
    q: str = ""
    kind: str = ""
    photo: str = ""
    section: str = ""
    treasure: str = ""
    show: str = ""  # "" (current) or "archived"

    @classmethod
    def from_args(cls, args) -> Filters:
        kind = args.get("kind", "")
        section = args.get("section", "")
        return cls(
            q=(args.get("q", "") or "").strip()[:100],
            kind=kind if kind in KINDS else "",
            photo="yes" if args.get("photo") == "yes" else "",
            section=section if section == "none" or section in SECTIONS_BY_KEY else "",
            treasure=args.get("treasure") if args.get("treasure") in ("yes", "no") else "",
            show="archived" if args.get("show") == "archived" else "",
        )

    def as_args(self) -> dict[str, str]:
        return {k: v for k, v in vars(self).items() if v}


def filtered(org_id: int, filters: Filters) -> sa.Select:
    query = sa.select(Observation).where(Observation.organisation_id == org_id)
    if filters.show == "archived":
        query = query.where(Observation.status == "archived")
    else:
        query = query.where(Observation.status != "archived")
    if filters.q:
        escaped = filters.q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        query = query.where(Observation.text.ilike(f"%{escaped}%", escape="\\"))
    if filters.kind:
        query = query.where(Observation.kind == filters.kind)
    if filters.photo:
        query = query.where(Observation.photo.is_not(None))
    if filters.section == "none":
        query = query.where(Observation.section.is_(None))
    elif filters.section:
        query = query.where(Observation.section == filters.section)
    if filters.treasure == "yes":
        query = query.where(Observation.treasure_id.is_not(None))
    elif filters.treasure == "no":
        query = query.where(Observation.treasure_id.is_(None))
    return query


def _log(observation: Observation, action: str, user_id: int | None) -> None:
    record(
        f"observation.{action}",
        org_id=observation.organisation_id,
        user_id=user_id,
        object_type="observation",
        object_id=observation.id,
    )


def describe_observations(ids: list[int]) -> dict[int, tuple[str, str | None]]:
    rows = db.session.execute(sa.select(Observation.id, Observation.text).where(Observation.id.in_(ids))).all()
    return {
        r.id: (
            r.text if len(r.text) <= 60 else r.text[:59] + "…",
            url_for("observations.show_observation", observation_id=r.id),
        )
        for r in rows
    }


def list_of(org_id: int, filters: Filters) -> tuple[list[Observation], int]:
    query = filtered(org_id, filters)
    total = db.session.scalar(sa.select(sa.func.count()).select_from(query.subquery())) or 0
    rows = db.session.scalars(
        query.options(sa.orm.joinedload(Observation.created_by), sa.orm.joinedload(Observation.treasure))
        .order_by(Observation.observed_at.desc(), Observation.id.desc())
        .limit(LIST_MAX)
    ).unique()
    return list(rows), total


def add_observation(org_id: int, values: dict, *, photo: bytes | None, user_id: int | None) -> Observation:
    """A new observation at version 1 (history, log line, live event); ``photo`` is already
    cleaned (photos.clean)."""
    now = utcnow()
    observation = Observation(
        organisation_id=org_id,
        status="current",
        created_at=now,
        created_by_id=user_id,
        updated_at=now,
        updated_by_id=user_id,
        **values,
    )
    if photo is not None:
        observation.photo = photos.store(org_id, photo)
    return versioning.create(observation, user_id=user_id)


def save_observation(
    observation: Observation, values: dict, base_version: int | None, *, user_id: int | None, action="updated"
):
    """An edit by a colleague: merged with what others saved meanwhile, or a conflict."""
    return versioning.save(
        observation, values, base_version, user_id=user_id, action=action, extra_values={"updated_by_id": user_id}
    )


def set_status(observation: Observation, status: str, *, user_id: int | None, action: str):
    return save_observation(observation, {"status": status}, observation.version, user_id=user_id, action=action)


def make_treasure(observation: Observation, name: str, kind: str, category: str, *, user_id: int | None) -> Treasure:
    """The observation becomes a treasure of the buurtkaart; the observation keeps the link."""
    treasure = create_treasure(
        observation.organisation_id,
        {
            "name": name,
            "kind": kind,
            "category": category,
            "description": observation.text,
            "lat": observation.lat,
            "lon": observation.lon,
            "formal": kind == "service",
            "tags": [],
        },
        user_id=user_id,
    )
    observation.treasure_id = treasure.id
    _log(observation, "treasure", user_id)
    publish_after_commit(
        Event(
            org_id=observation.organisation_id,
            type="observation",
            id=observation.id,
            by=user_id,
            extra={"action": "treasure"},
        )
    )
    return treasure


def set_section(observation: Observation, section: str | None, *, user_id: int | None):
    """Link the observation to a notebook section (or to none), as a new version."""
    return save_observation(observation, {"section": section}, observation.version, user_id=user_id)


def by_section(org_id: int, *, per_section: int = 20) -> dict[str, list[Observation]]:
    """Section key → its linked observations, newest first (for the notebook)."""
    rows = db.session.scalars(
        sa.select(Observation)
        .where(
            Observation.organisation_id == org_id,
            Observation.section.is_not(None),
            Observation.status != "archived",
        )
        .order_by(Observation.observed_at.desc(), Observation.id.desc())
    )
    result: dict[str, list[Observation]] = {}
    for row in rows:
        linked = result.setdefault(row.section, [])
        if len(linked) < per_section:
            linked.append(row)
    return result


def observations_of_treasure(treasure) -> list[Observation]:
    """The observation(s) a treasure came from (for the treasure's page)."""
    return list(
        db.session.scalars(
            sa.select(Observation)
            .where(Observation.organisation_id == treasure.organisation_id, Observation.treasure_id == treasure.id)
            .order_by(Observation.id)
        )
    )


def remove_photo(observation: Observation, *, user_id: int | None) -> str | None:
    """Take the photo off the observation; its file name, to delete once committed."""
    name = observation.photo
    observation.photo = None
    _log(observation, "photo_removed", user_id)
    publish_after_commit(
        Event(
            org_id=observation.organisation_id,
            type="observation",
            id=observation.id,
            by=user_id,
            extra={"action": "photo_removed"},
        )
    )
    return name


def feature(observation: Observation) -> dict:
    props = {
        "id": observation.id,
        "kind": observation.kind,
        "kind_label": observation_kind_label(observation.kind),
        "text": observation.text if len(observation.text) <= 140 else observation.text[:139] + "…",
        "observed_at": observation.observed_at.isoformat(),
        "url": url_for("observations.show_observation", observation_id=observation.id),
        "photo": url_for("observations.observation_photo", observation_id=observation.id)
        if observation.photo
        else None,
        "treasure_id": observation.treasure_id,
    }
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [observation.lon, observation.lat]},
        "properties": props,
    }


def geojson(org_id: int, filters: Filters) -> dict:
    rows = db.session.scalars(
        filtered(org_id, filters)
        .where(Observation.lat.is_not(None), Observation.lon.is_not(None))
        .order_by(Observation.observed_at.desc(), Observation.id.desc())
        .limit(2000)
    )
    return {"type": "FeatureCollection", "features": [feature(o) for o in rows]}


def observation_figure(org) -> str:
    count = (
        db.session.scalar(
            sa.select(sa.func.count()).where(Observation.organisation_id == org.id, Observation.status != "archived")
        )
        or 0
    )
    return ngettext("%(num)d observation from the street", "%(num)d observations from the street", count)
