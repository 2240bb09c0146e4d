"""A dozen demo observations around Kuregem: two with photos drawn by the demo itself
(with Pillow, so nobody's picture), one of them already a treasure of the buurtkaart."""

from __future__ import annotations

import io
from datetime import timedelta

import sqlalchemy as sa
from PIL import Image, ImageDraw

from ..demo import DemoContext, seeder
from ..extensions import db, utcnow
from . import photos
from .models import Observation
from .service import add_observation, make_treasure

# text, kind, days ago, hour, lat, lon, photo ("square" / "bench" / None)
OBSERVATIONS = [
    (
        "Op het Rauterplein zitten 's middags een tiental oudere mannen op de banken; ze kennen "
        "iedereen die voorbijkomt.",
        "meeting_place",
        2,
        15,
        50.83842,
        4.32103,
        "bench",
    ),
    (
        "De wasserette in de Kuregemstraat: moeders wachten er samen en wisselen tips uit over scholen en premies.",
        "meeting_place",
        3,
        10,
        50.84012,
        4.32570,
        None,
    ),
    (
        "Aan de Sint-Guidokerk hangt een briefje: buren zoeken iemand die helpt met formulieren van de huurtoelage.",
        "need",
        4,
        11,
        50.83715,
        4.31655,
        None,
    ),
    (
        "Jongeren en bewoners botsen 's avonds over lawaai op het pleintje aan de Bergensesteenweg.",
        "tension",
        5,
        21,
        50.83590,
        4.31980,
        None,
    ),
    (
        "Een groep vrouwen start elke zaterdag een wandeling vanaf het Dapperheidsplein, iedereen mag aansluiten.",
        "initiative",
        6,
        9,
        50.84130,
        4.31930,
        "square",
    ),
    (
        "Geen enkele bank of schaduw langs de Ropsy Chaudronstraat: ouderen rusten op de vensterbanken.",
        "missing",
        8,
        14,
        50.84175,
        4.32310,
        None,
    ),
    (
        "De kapper op de hoek van de Wayezstraat houdt een schrift bij met klusjes die buren voor elkaar doen.",
        "initiative",
        9,
        12,
        50.83805,
        4.31540,
        None,
    ),
    (
        "Veel gezinnen met jonge kinderen in de nieuwe blokken aan het kanaal, maar geen speelplek in de buurt.",
        "missing",
        11,
        16,
        50.84290,
        4.32480,
        None,
    ),
    (
        "De moestuin achter de Sergeant De Bruynestraat: buren delen er zaden en recepten.",
        "meeting_place",
        13,
        17,
        50.83510,
        4.32140,
        None,
    ),
    (
        "Een oudere vrouw vertelt dat ze sinds de sluiting van het postkantoor niemand meer spreekt op weekdagen.",
        "need",
        15,
        10,
        None,
        None,
        None,
    ),
    (
        "Marktkramers op de Slachthuismarkt sparen samen voor een gezamenlijke koelcel.",
        "initiative",
        18,
        8,
        50.84220,
        4.32720,
        None,
    ),
    (
        "De fietsenstalling aan het Clemenceaustation staat vol wrakken; buren klagen dat er geen plek meer is.",
        "other",
        20,
        18,
        50.83945,
        4.32880,
        None,
    ),
]

# The observation (by its first words) that became a treasure, and the treasure's name.
TREASURE_FROM = ("Een groep vrouwen start", "Zaterdagwandeling vanaf het Dapperheidsplein")


def drawing(kind: str) -> bytes:
    """A small picture made here (a square with trees, or a bench), as a PNG."""
    image = Image.new("RGB", (1200, 800), (214, 228, 240))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 520, 1200, 800), fill=(190, 190, 180))
    if kind == "bench":
        draw.rectangle((380, 430, 820, 460), fill=(120, 80, 40))
        draw.rectangle((380, 380, 820, 405), fill=(120, 80, 40))
        for x in (400, 790):
            draw.rectangle((x, 460, x + 12, 540), fill=(60, 60, 60))
    else:
        for x in (180, 520, 860):
            draw.rectangle((x + 40, 360, x + 70, 540), fill=(100, 70, 40))
            draw.ellipse((x - 40, 200, x + 150, 400), fill=(70, 140, 70))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


# The notebook section a demo observation speaks to, by its kind (some stay unlinked).
SECTION_BY_KIND = {
    "meeting_place": "social_fabric",
    "missing": "facilities",
    "initiative": "strengths",
    "tension": "public_space",
}


@seeder
def seed_observations(ctx: DemoContext) -> None:
    org = ctx.demo
    if db.session.scalar(sa.select(sa.func.count()).where(Observation.organisation_id == org.id)):
        return
    now = utcnow().replace(minute=0, second=0, microsecond=0)
    users = (ctx.member.id, ctx.coordinator.id)
    for n, (text, kind, days, hour, lat, lon, photo) in enumerate(OBSERVATIONS):
        when = (now - timedelta(days=days)).replace(hour=hour - 1)  # the hour in Brussels, in UTC (winter)
        observation = add_observation(
            org.id,
            {
                "text": text,
                "kind": kind,
                "observed_at": when,
                "lat": lat,
                "lon": lon,
                "section": SECTION_BY_KIND.get(kind) if n % 3 else None,
            },
            photo=photos.clean(drawing(photo)) if photo else None,
            user_id=users[n % 2],
        )
        if text.startswith(TREASURE_FROM[0]):
            make_treasure(observation, TREASURE_FROM[1], "initiative", "sport", user_id=ctx.member.id)
    db.session.flush()
