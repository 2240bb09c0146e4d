from __future__ import annotations

import sqlalchemy as sa
from flask import url_for

from ..extensions import db
from .models import Treasure


def describe_treasures(ids: list[int]) -> dict[int, tuple[str, str | None]]:
    rows = db.session.execute(sa.select(Treasure.id, Treasure.name).where(Treasure.id.in_(ids))).all()
    return {r.id: (r.name, url_for("buurtkaart.show_treasure", treasure_id=r.id)) for r in rows}
