"""The kinds and categories of neighbourhood treasures ("schatten in de buurt").

Kinds say *what* a treasure is; categories say *where in neighbourhood life* it sits,
fine-grained enough to read a neighbourhood and see what is missing.
Codes are stable (exports, imports and URLs use them); labels are translated.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

KINDS = {
    "place": _l("Place"),
    "key_figure": _l("Key figure"),
    "initiative": _l("Initiative"),
    "self_organisation": _l("Self-organisation"),
    "informal_network": _l("Informal network"),
    "service": _l("Service"),
}

KIND_HINTS = {
    "place": _l("A spot where people meet or pass by: a square, a bench, a laundrette."),
    "key_figure": _l("Someone many people know and trust, named by role, never by full name."),
    "initiative": _l("Something residents or organisations organise: a repair café, a walk."),
    "self_organisation": _l("A group run by its own members, often around a shared background."),
    "informal_network": _l("People who look out for each other without any formal structure."),
    "service": _l("A professional service people can turn to."),
}

CATEGORIES = {
    "public_space": _l("Public space and squares"),
    "green": _l("Parks, gardens and nature"),
    "market_shops": _l("Market and shops"),
    "cafe_food": _l("Cafés and places to eat"),
    "school_childcare": _l("School and childcare"),
    "youth": _l("Youth work"),
    "seniors": _l("Seniors"),
    "worship": _l("Worship and philosophy of life"),
    "sport": _l("Sport and movement"),
    "culture_library": _l("Culture and library"),
    "health": _l("Health and care"),
    "welfare": _l("Welfare services"),
    "housing": _l("Housing"),
    "work_learning": _l("Work, training and language"),
    "meeting_place": _l("Meeting places"),
    "solidarity": _l("Food aid and solidarity"),
    "mobility": _l("Mobility and transport"),
    "digital": _l("Digital help"),
    "other": _l("Other"),
}

STATUSES = {
    "proposed": _l("Proposed"),
    "accepted": _l("On the map"),
    "archived": _l("Archived"),
}

SOURCES = {"team": _l("Team"), "resident": _l("Resident")}


def kind_label(code: str) -> str:
    return str(KINDS.get(code, code))


def category_label(code: str) -> str:
    return str(CATEGORIES.get(code, code))


def kind_labels_json() -> str:
    """Kind labels in the current language, for the map's marker labels (set as text)."""
    import json

    return json.dumps({code: str(label) for code, label in KINDS.items()}, ensure_ascii=False)
