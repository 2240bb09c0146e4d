from __future__ import annotations

import sqlalchemy as sa
from flask import url_for
from flask_babel import ngettext

from ..extensions import db
from .models import Treasure, TreasureImport


def describe_treasures(ids: list[int]) -> dict[int, tuple[str, str | None]]:
    rows = db.session.execute(sa.select(Treasure.id, Treasure.name).where(Treasure.id.in_(ids))).all()
    return {r.id: (r.name, url_for("buurtkaart.show_treasure", treasure_id=r.id)) for r in rows}


def describe_imports(ids: list[int]) -> dict[int, tuple[str, str | None]]:
    from ..access import can

    linked = can("member")  # import pages are for members; viewers read the line only
    rows = db.session.execute(
        sa.select(TreasureImport.id, TreasureImport.filename, TreasureImport.imported_rows).where(
            TreasureImport.id.in_(ids)
        )
    ).all()
    return {
        r.id: (
            ngettext(
                "%(num)d treasure from %(file)s", "%(num)d treasures from %(file)s", r.imported_rows, file=r.filename
            ),
            url_for("buurtkaart.show_import", import_id=r.id) if linked else None,
        )
        for r in rows
    }
