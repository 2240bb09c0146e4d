"""Names of the formats, as the method names them."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

FORMAT_LABELS = {
    "kletspot": _l("Loneliness chat jar"),
    "speeddate": _l("Speed date"),
    "inclusietafels": _l("Inclusion tables"),
    "wandeling": _l("A walk in the park"),
    "ontmoeting": _l("Encounter"),
}

# The tool of core/method.py each format belongs to.
FORMAT_TOOLS = {
    "kletspot": "chat_jar",
    "speeddate": "speed_date",
    "inclusietafels": "inclusion_tables",
    "wandeling": "park_walk",
    "ontmoeting": "encounter",
}


def format_label(fmt: str) -> str:
    return str(FORMAT_LABELS.get(fmt, fmt))
