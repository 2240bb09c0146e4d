from __future__ import annotations

import io

from PIL import Image

from resokit_web.extensions import db, utcnow
from resokit_web.live import versioning
from resokit_web.observations import photos
from resokit_web.observations.models import Observation

from . import World, param_factory


def png(size=(40, 30), colour=(200, 80, 40)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "PNG")
    return out.getvalue()


def make_observation(org_id: int, *, photo: bool = True, **fields) -> Observation:
    now = utcnow()
    observation = Observation(
        organisation_id=org_id,
        text=fields.pop("text", "Buren praten aan de bakker"),
        kind=fields.pop("kind", "meeting_place"),
        observed_at=fields.pop("observed_at", now),
        lat=fields.pop("lat", 50.8375),
        lon=fields.pop("lon", 4.3200),
        created_at=now,
        updated_at=now,
        status=fields.pop("status", "current"),
        **fields,
    )
    if photo:
        observation.photo = photos.store(org_id, photos.clean(png()))
    # Versioned like the app's own: version 1 with its history row.
    return versioning.create(observation, user_id=fields.get("created_by_id"))


@param_factory("observation_id")
def _observation_id(world: World, org) -> int:
    observation = make_observation(org.id)
    db.session.commit()
    return observation.id
