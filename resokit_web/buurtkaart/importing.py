"""Importing treasures from CSV or GeoJSON: read the file, check every row, then import
the valid rows in one transaction (all of them or none).

Reading accepts what people actually have: our own CSV export (round trip), a sheet
saved by Excel (semicolons, Windows-1252, a byte order mark), column names in nl/fr/en,
kinds and categories by code or by their label in any of the three languages, decimal
commas in coordinates. Every problem is reported per row and per field, never as a 500.
"""

from __future__ import annotations

import csv
import io
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from ..activity.service import record
from ..core import safejson
from ..extensions import db, utcnow
from ..forms import parse_tags
from ..live import progress
from ..live.bus import Event
from ..live.events import publish_after_commit
from ..live.versioning import create_many
from .categories import CATEGORIES, KINDS, STATUSES
from .models import ADDRESS_MAX, DESCRIPTION_MAX, IMPORT_MAX_ROWS, NAME_MAX, TAG_MAX, TAGS_MAX, Treasure, TreasureImport

# Column names we recognise (lower case) → our field.
ALIASES = {
    "name": "name",
    "naam": "name",
    "nom": "name",
    "title": "name",
    "titel": "name",
    "kind": "kind",
    "soort": "kind",
    "type": "kind",
    "genre": "kind",
    "sorte": "kind",
    "category": "category",
    "categorie": "category",
    "catégorie": "category",
    "categories": "category",
    "description": "description",
    "beschrijving": "description",
    "omschrijving": "description",
    "address": "address",
    "adres": "address",
    "adresse": "address",
    "lat": "lat",
    "latitude": "lat",
    "breedtegraad": "lat",
    "y": "lat",
    "lon": "lon",
    "lng": "lon",
    "long": "lon",
    "longitude": "lon",
    "lengtegraad": "lon",
    "x": "lon",
    "formal": "formal",
    "formeel": "formal",
    "formel": "formal",
    "tags": "tags",
    "tag": "tags",
    "trefwoorden": "tags",
    "mots-clés": "tags",
    "étiquettes": "tags",
    "status": "status",
    "statut": "status",
}
FIELDS = ("name", "kind", "category", "description", "address", "lat", "lon", "formal", "tags", "status")

YES = {"yes", "y", "true", "1", "ja", "j", "oui", "o", "formal", "formeel", "formel", "x"}
NO = {"no", "n", "false", "0", "nee", "non", "informal", "informeel", "informel"}

# Error codes → messages (translated when shown, in the reader's language).
MESSAGES = {
    "required": _l("A name is required."),
    "too_long": _l("Too long: at most %(max)d characters."),
    "control": _l("Contains invisible control characters."),
    "unknown_kind": _l("Unknown kind “%(value)s”."),
    "unknown_category": _l("Unknown category “%(value)s”."),
    "unknown_status": _l("Unknown status “%(value)s”."),
    "not_number": _l("“%(value)s” is not a number."),
    "lat_range": _l("A latitude lies between -90 and 90."),
    "lon_range": _l("A longitude lies between -180 and 180."),
    "half_point": _l("Give both latitude and longitude, or leave both empty."),
    "not_point": _l("Only points can be imported (this is a %(value)s)."),
    "yes_no": _l("“%(value)s” is not yes or no."),
    "tag_too_long": _l("A tag can be at most %(n)d characters long."),
    "too_many_tags": _l("Use at most %(n)d tags."),
    "duplicate": _l("A treasure with this name and address is already on the map; it would be added again."),
}
# File-level problems, shown beside the file field.
FILE_MESSAGES = {
    "empty": _l("Choose a file to import."),
    "format": _l(
        "This is neither a CSV nor a GeoJSON file. Save the sheet as CSV, or export GeoJSON from your map tool."
    ),
    "encoding": _l("This file's text encoding could not be read. Save it as CSV UTF-8."),
    "json": _l("This GeoJSON file is not valid JSON."),
    "json_depth": _l("This GeoJSON file is nested too deeply to be a map file. Export it again from your map tool."),
    "json_number": _l(
        "This GeoJSON file holds a number that is far too large (or not a number at all). Export it again from your map tool."
    ),
    "no_features": _l("This GeoJSON file holds no FeatureCollection or Feature."),
    "no_name_column": _l("The first line must name the columns, with at least a “name” column."),
    "no_rows": _l("The file holds no rows to import."),
    "too_many": _l("The file has more than %(max)d rows. Split it into smaller files."),
}

log = logging.getLogger(__name__)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_FORMULA_GUARD = re.compile(r"^'(?=[=+\-@\t\r])")


class ImportFileError(Exception):
    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code, self.params = code, params

    def message(self) -> str:
        return str(FILE_MESSAGES[self.code]) % self.params if self.params else str(FILE_MESSAGES[self.code])


def error_text(code: str, params: dict) -> str:
    text = MESSAGES.get(code, code)
    return str(text) % params if params else str(text)


# ---- Reading the file -----------------------------------------------------------------


# The encoding read when a file is not UTF-8: what Excel on Windows writes as "CSV".
FALLBACK_ENCODING = "cp1252"


def read_file(filename: str, content: bytes) -> tuple[str, list[tuple[int, dict[str, Any]]], str | None]:
    """(format, [(line or feature number, {field: raw value})], encoding assumed or None)
    or ImportFileError. The encoding is named when the file was not UTF-8 and had to be
    guessed: the preview then asks the team to check the text before importing."""
    if not content.strip():
        raise ImportFileError("empty")
    text, assumed = _decode(content)
    stripped = text.lstrip()
    if filename.lower().endswith((".geojson", ".json")) or stripped.startswith("{"):
        rows = _read_geojson(stripped)
        fmt = "geojson"
    elif filename.lower().endswith((".csv", ".txt", ".tsv")) or "," in text or ";" in text:
        rows = _read_csv(text)
        fmt = "csv"
    else:
        raise ImportFileError("format")
    if not rows:
        raise ImportFileError("no_rows")
    if len(rows) > IMPORT_MAX_ROWS:
        raise ImportFileError("too_many", max=IMPORT_MAX_ROWS)
    return fmt, rows, assumed


def _decode(content: bytes) -> tuple[str, str | None]:
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):  # "Unicode text" from Excel
        try:
            return content.decode("utf-16"), None
        except UnicodeDecodeError:
            raise ImportFileError("encoding") from None
    if b"\x00" in content[:4096]:
        raise ImportFileError("encoding")  # a binary file: a picture, a zipped workbook
    try:
        return content.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        # Excel's "CSV" on Windows, most likely; but only a person can tell whether "Café"
        # came out right, so the preview says what was assumed and asks.
        return content.decode(FALLBACK_ENCODING, errors="replace"), FALLBACK_ENCODING


def _read_csv(text: str) -> list[tuple[int, dict[str, Any]]]:
    sample = text[:8192]
    first = sample.splitlines()[0] if sample.splitlines() else ""
    delimiter = max((";", ",", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise ImportFileError("no_rows") from None
    columns = [ALIASES.get(h.strip().lstrip("\ufeff").lower()) for h in header]
    if "name" not in columns:
        raise ImportFileError("no_name_column")
    rows = []
    try:
        for cells in reader:
            if not any(c.strip() for c in cells):
                continue
            raw = {}
            for field, cell in zip(columns, cells):
                if field and field not in raw:
                    raw[field] = _FORMULA_GUARD.sub("", cell)
            rows.append((reader.line_num, raw))
            if len(rows) > IMPORT_MAX_ROWS:
                break
    except csv.Error:
        raise ImportFileError("format") from None
    return rows


def _read_geojson(text: str) -> list[tuple[int, dict[str, Any]]]:
    try:
        data = safejson.loads(text)
    except safejson.JSONLimitError as error:
        raise ImportFileError("json" if error.code == "json" else f"json_{error.code}") from None
    if isinstance(data, dict) and data.get("type") == "Feature":
        features = [data]
    elif isinstance(data, dict) and data.get("type") == "FeatureCollection" and isinstance(data.get("features"), list):
        features = data["features"]
    else:
        raise ImportFileError("no_features")
    rows = []
    for number, feature in enumerate(features[: IMPORT_MAX_ROWS + 1], start=1):
        feature = feature if isinstance(feature, dict) else {}
        props = feature.get("properties") if isinstance(feature.get("properties"), dict) else {}
        raw: dict[str, Any] = {}
        for key, value in props.items():
            field = ALIASES.get(str(key).lower())
            if field and field not in raw:
                raw[field] = value
        geometry = feature.get("geometry")
        if isinstance(geometry, dict):
            coords = geometry.get("coordinates")
            if geometry.get("type") != "Point":
                raw["_geometry"] = str(geometry.get("type"))[:40]
            elif isinstance(coords, list) and len(coords) >= 2:
                raw["lon"], raw["lat"] = coords[0], coords[1]
            else:
                raw["lon"], raw["lat"] = coords, None
        rows.append((number, raw))
    return rows


# ---- Checking rows ------------------------------------------------------------------


def _lookup(mapping: dict) -> dict[str, str]:
    """code and label in every language (case-folded) → code."""
    table = {code.casefold(): code for code in mapping}
    for locale in ("nl", "fr", "en"):
        with force_locale(locale):
            table.update({str(label).casefold(): code for code, label in mapping.items()})
    return table


@dataclass
class Lookups:
    kinds: dict[str, str]
    categories: dict[str, str]
    statuses: dict[str, str]
    existing: set[tuple[str, str]]

    @classmethod
    def for_org(cls, org_id: int) -> Lookups:
        existing = {
            (n.casefold(), (a or "").casefold())
            for n, a in db.session.execute(
                sa.select(Treasure.name, Treasure.address).where(
                    Treasure.organisation_id == org_id, Treasure.status != "archived"
                )
            )
        }
        return cls(_lookup(KINDS), _lookup(CATEGORIES), _lookup(STATUSES), existing)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value).strip()


def _number(value: Any) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, (int, float)):
        return float(value)
    number = float(str(value).strip().replace(",", "."))
    if number != number or number in (float("inf"), float("-inf")):
        raise ValueError(value)
    return number


def check_row(raw: dict[str, Any], lookups: Lookups) -> tuple[dict[str, Any], dict[str, list]]:
    """(values as they would be saved, {field: [error code, params]})."""
    errors: dict[str, list] = {}
    values: dict[str, Any] = {}

    def fail(field: str, code: str, **params: Any) -> None:
        errors.setdefault(field, [code, params])

    for field, limit in (("name", NAME_MAX), ("address", ADDRESS_MAX), ("description", DESCRIPTION_MAX)):
        text = _text(raw.get(field)).replace("\r\n", "\n")
        if field != "description":
            text = " ".join(text.split()) if "\n" in text else text
        if len(text) > limit:
            fail(field, "too_long", max=limit)
        elif _CONTROL.search(text):
            fail(field, "control")
        values[field] = text
    if not values["name"]:
        fail("name", "required")

    for field, table, default, code in (
        ("kind", lookups.kinds, "place", "unknown_kind"),
        ("category", lookups.categories, "other", "unknown_category"),
        ("status", lookups.statuses, "accepted", "unknown_status"),
    ):
        text = _text(raw.get(field))
        values[field] = table.get(text.casefold(), "") if text else default
        if not values[field]:
            fail(field, code, value=text[:60])

    for field, bound, code in (("lat", 90, "lat_range"), ("lon", 180, "lon_range")):
        try:
            number = _number(raw.get(field))
        except (TypeError, ValueError):
            fail(field, "not_number", value=_text(raw.get(field))[:30])
            number = None
        if number is not None and not -bound <= number <= bound:
            fail(field, code)
        values[field] = number
    if "_geometry" in raw:
        fail("lat", "not_point", value=raw["_geometry"])
    elif (values["lat"] is None) != (values["lon"] is None) and "lat" not in errors and "lon" not in errors:
        fail("lon", "half_point")

    formal = raw.get("formal")
    if isinstance(formal, bool):
        values["formal"] = formal
    else:
        text = _text(formal).casefold()
        values["formal"] = True if not text else text in YES
        if text and text not in YES | NO:
            fail("formal", "yes_no", value=text[:30])

    raw_tags = raw.get("tags")
    tag_text = ", ".join(str(t) for t in raw_tags) if isinstance(raw_tags, list) else _text(raw_tags)
    pieces = [t.strip() for t in tag_text.split(",") if t.strip()]
    if any(len(t) > TAG_MAX for t in pieces):
        fail("tags", "tag_too_long", n=TAG_MAX)
    elif len(parse_tags(tag_text, max_tags=1000)) > TAGS_MAX:
        fail("tags", "too_many_tags", n=TAGS_MAX)
    values["tags"] = parse_tags(tag_text, max_tags=TAGS_MAX, max_length=TAG_MAX)
    values["public"] = False
    return values, errors


def check_rows(rows: list[tuple[int, dict]], lookups: Lookups) -> list[dict]:
    checked = []
    for line, raw in rows:
        values, errors = check_row(raw, lookups)
        key = (values["name"].casefold(), values["address"].casefold())
        warnings = {"name": ["duplicate", {}]} if not errors and key in lookups.existing else {}
        shown = {f: _text(raw.get(f))[:300] for f in FIELDS if raw.get(f) not in (None, "")}
        checked.append({"line": line, "raw": shown, "values": values, "errors": errors, "warnings": warnings})
    return checked


def prepare(org_id: int, user_id: int | None, filename: str, content: bytes) -> TreasureImport:
    """Read and check a file; the import waits for confirmation. Raises ImportFileError."""
    fmt, rows, encoding = read_file(filename, content)
    checked = check_rows(rows, Lookups.for_org(org_id))
    job = TreasureImport(
        organisation_id=org_id,
        created_by_id=user_id,
        filename=filename[:200],
        format=fmt,
        encoding=encoding,
        status="ready",
        total_rows=len(checked),
        valid_rows=sum(1 for r in checked if not r["errors"]),
        rows=checked,
        created_at=utcnow(),
        updated_at=utcnow(),
    )
    db.session.add(job)
    return job


# ---- Importing ------------------------------------------------------------------------

CHUNK = 500


def claim(job: TreasureImport) -> bool:
    """ready → importing, for exactly one request (a double click imports once)."""
    won = db.session.execute(
        sa.update(TreasureImport)
        .where(TreasureImport.id == job.id, TreasureImport.status == "ready")
        .values(status="importing", updated_at=utcnow())
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.commit()
    db.session.refresh(job)
    return bool(won)


def progress_key(job_id: int) -> str:
    return f"treasure-import:{job_id}"


def run_import(job_id: int, user_id: int | None, on_progress: Callable[[int, int], None] | None = None) -> None:
    """Import the valid rows of a claimed import: every row and the import's "done" status
    commit together, so a failure anywhere leaves nothing half-saved."""
    job = db.session.get(TreasureImport, job_id)
    if job is None or job.status != "importing":
        return
    store = progress.store()
    key = progress_key(job_id)
    valid = [r["values"] for r in job.rows if not r["errors"]]
    total = len(valid)
    now = utcnow()
    try:
        store.report(key, 0, total)
        for start in range(0, total, CHUNK):
            chunk = [
                {
                    **values,
                    "source": "team",
                    "created_at": now,
                    "created_by_id": user_id,
                    "updated_at": now,
                    "updated_by_id": user_id,
                }
                for values in valid[start : start + CHUNK]
            ]
            create_many(Treasure, chunk, org_id=job.organisation_id, user_id=user_id, changed_at=now, publish=False)
            store.report(key, start + len(chunk), total)
            if on_progress:
                on_progress(start + len(chunk), total)
        record(
            "treasure.imported",
            org_id=job.organisation_id,
            user_id=user_id,
            object_type="treasure_import",
            object_id=job.id,
        )
        publish_after_commit(
            Event(org_id=job.organisation_id, type="treasure", by=user_id, extra={"action": "imported", "count": total})
        )
        job.status, job.imported_rows, job.updated_at = "done", total, utcnow()
        job.rows = [r for r in job.rows if r["errors"]]  # what is left to fix
        db.session.commit()
    except Exception:  # noqa: BLE001 - reported on the import's page; nothing was saved
        log.exception("treasure import %s failed", job_id)
        db.session.rollback()
        db.session.execute(
            sa.update(TreasureImport).where(TreasureImport.id == job_id).values(status="failed", updated_at=utcnow())
        )
        db.session.commit()
    finally:
        store.clear(key)


def cancel(job: TreasureImport) -> bool:
    won = db.session.execute(
        sa.update(TreasureImport)
        .where(TreasureImport.id == job.id, TreasureImport.status == "ready")
        .values(status="cancelled", rows=[], updated_at=utcnow())
        .execution_options(synchronize_session=False)
    ).rowcount
    return bool(won)


def retry(job: TreasureImport) -> bool:
    """A failed or stalled import goes back to "ready" (its rows are all still there)."""
    if job.status not in ("failed", "importing") or (job.status == "importing" and not is_stalled(job)):
        return False
    return bool(
        db.session.execute(
            sa.update(TreasureImport)
            .where(TreasureImport.id == job.id, TreasureImport.status == job.status)
            .values(status="ready", updated_at=utcnow())
            .execution_options(synchronize_session=False)
        ).rowcount
    )


def is_stalled(job: TreasureImport) -> bool:
    """An import whose worker stopped reporting (a restart mid-way): nothing was saved."""
    if job.status != "importing":
        return False
    if progress.store().get(progress_key(job.id)) is not None:
        return False
    return (utcnow() - job.updated_at).total_seconds() > progress.TTL
