"""GeoJSON and CSV exports of the buurtkaart: one query, plain rows, no ORM objects.

Both follow the list's filters, so "what I see" is "what I export". CSV cells that a
spreadsheet could read as a formula are neutralised (OWASP: a leading apostrophe).
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any, Iterable

import sqlalchemy as sa

from ..extensions import db
from .models import Treasure
from .service import Filters, filtered

# Columns of the CSV, in order; the import reads the same names.
CSV_COLUMNS = ("id", "name", "kind", "category", "description", "address", "lat", "lon", "formal",
               "tags", "status", "source", "version", "updated_at")
GEOJSON_PROPERTIES = ("id", "name", "kind", "category", "description", "formal", "tags", "status",
                      "source", "version", "updated_at")
_COLUMNS = [getattr(Treasure, c) for c in CSV_COLUMNS]
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def rows(org_id: int, filters: Filters, *, only_id: int | None = None) -> list[sa.Row]:
    """The matching treasures as plain rows, by name, in one query."""
    query = filtered(org_id, filters).with_only_columns(*_COLUMNS)
    if only_id is not None:
        query = query.where(Treasure.id == only_id)
    return list(db.session.execute(query.order_by(sa.func.lower(Treasure.name), Treasure.id)))


def feature(row: sa.Row) -> dict[str, Any]:
    props = {name: getattr(row, name) for name in GEOJSON_PROPERTIES}
    props["tags"] = list(row.tags or [])
    props["updated_at"] = row.updated_at.isoformat() if row.updated_at else None
    located = row.lat is not None and row.lon is not None
    return {"type": "Feature", "id": row.id,
            "geometry": {"type": "Point", "coordinates": [round(row.lon, 6), round(row.lat, 6)]} if located else None,
            "properties": props}


def geojson(rows: Iterable[sa.Row]) -> str:
    collection = {"type": "FeatureCollection", "features": [feature(r) for r in rows]}
    return json.dumps(collection, ensure_ascii=False, separators=(",", ":"))


def neutralise(value: str) -> str:
    """A text cell that a spreadsheet would run as a formula starts with an apostrophe instead."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def csv_cells(row: sa.Row) -> list[str]:
    cells = []
    for name in CSV_COLUMNS:
        value = getattr(row, name)
        if value is None:
            cells.append("")
        elif name == "tags":
            cells.append(neutralise(", ".join(value or [])))
        elif name == "formal":
            cells.append("yes" if value else "no")
        elif name == "updated_at":
            cells.append(value.isoformat(timespec="seconds"))
        elif isinstance(value, str):
            cells.append(neutralise(value))
        else:
            cells.append(str(value))  # our own numbers: never a formula
    return cells


def csv_text(rows: Iterable[sa.Row]) -> str:
    """UTF-8 with a byte order mark, so Excel reads accents right; CRLF line ends (RFC 4180)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        writer.writerow(csv_cells(row))
    return buffer.getvalue()
