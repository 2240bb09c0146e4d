"""The words of the partner map: sectors, relations, strengths.

Codes are stable (exports, JSON, shares and URLs use them); labels are translated.
The order of RELATIONS is the order of the map's rings, from the centre outwards.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

SECTORS = {
    "welfare": _l("Welfare"),
    "health": _l("Health and care"),
    "housing": _l("Housing"),
    "education": _l("Education"),
    "youth": _l("Youth"),
    "seniors": _l("Seniors"),
    "culture": _l("Culture"),
    "sport": _l("Sport"),
    "work": _l("Work and training"),
    "justice": _l("Justice"),
    "local_government": _l("Local government"),
    "civil_society": _l("Civil society and self-organisations"),
    "business": _l("Business and shops"),
    "worship": _l("Worship and philosophy of life"),
    "informal_networks": _l("Informal networks"),
    "other": _l("Other"),
}

# Shorter names where the full one does not fit at the rim of the map.
SECTOR_SHORT = {
    "civil_society": _l("Civil society"),
    "worship": _l("Worship"),
    "business": _l("Business"),
    "work": _l("Work"),
    "health": _l("Health"),
}

# A sector nobody reaches is a gap; "other" is no sector, so it never counts as one.
GAP_SECTORS = tuple(code for code in SECTORS if code != "other")

RELATIONS = {
    "active": _l("Active collaboration"),
    "occasional": _l("Occasional contact"),
    "wanted": _l("Wanted"),
    "to_discover": _l("To discover"),
}

RELATION_GROUPS = {
    "active": _l("Active collaborations"),
    "occasional": _l("Occasional contacts"),
    "wanted": _l("Wanted collaborations"),
    "to_discover": _l("Still to discover"),
}

# A tie exists; "wanted" and "to discover" are not ties yet.
TIES = ("active", "occasional")
# The one-click move "we work together now" applies to these.
MOVABLE_TO_ACTIVE = ("wanted", "to_discover")

STRENGTHS = {"light": _l("Light"), "strong": _l("Strong")}

STATUSES = {"current": _l("Current"), "archived": _l("Archived")}


def sector_label(code: str) -> str:
    return str(SECTORS.get(code, code))


def sector_short(code: str) -> str:
    return str(SECTOR_SHORT.get(code) or SECTORS.get(code, code))


def relation_label(code: str) -> str:
    return str(RELATIONS.get(code, code))


def strength_label(code: str) -> str:
    return str(STRENGTHS.get(code, code))


def formal_label(formal: bool) -> str:
    return str(_l("Formal") if formal else _l("Informal"))
