"""Plain-language category labels for residents, one per buurtkaart category.

Residents choose from these words; the treasure stores the buurtkaart code, so an
accepted place lands in the team's map in the right category. The coordinator picks
which of them residents see (settings).
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ..buurtkaart.categories import CATEGORIES, category_label

RESIDENT_LABELS = {
    "meeting_place": _l("A place to meet people"),
    "public_space": _l("A square or a street where people meet"),
    "green": _l("A park, a garden or nature"),
    "cafe_food": _l("A café or a place to eat"),
    "market_shops": _l("A market or a shop"),
    "solidarity": _l("Free food, or people who help each other"),
    "sport": _l("Sport and moving"),
    "culture_library": _l("Culture, or a library"),
    "youth": _l("Something for young people"),
    "seniors": _l("Something for older people"),
    "school_childcare": _l("A school, or care for children"),
    "worship": _l("A place of faith or belief"),
    "health": _l("Health and care"),
    "welfare": _l("Help and advice"),
    "work_learning": _l("Work, courses or learning a language"),
    "housing": _l("Housing"),
    "digital": _l("Help with a computer or a phone"),
    "mobility": _l("Getting around"),
    "other": _l("Something else"),
}

# What a new public page offers until the coordinator chooses.
DEFAULT_CATEGORIES = [
    "meeting_place",
    "public_space",
    "green",
    "cafe_food",
    "market_shops",
    "solidarity",
    "sport",
    "culture_library",
    "other",
]


def known_codes() -> list[str]:
    """Codes residents can be offered: the buurtkaart's categories, in our order."""
    ordered = [c for c in RESIDENT_LABELS if c in CATEGORIES]
    return ordered + [c for c in CATEGORIES if c not in RESIDENT_LABELS]


def resident_label(code: str) -> str:
    label = RESIDENT_LABELS.get(code)
    return str(label) if label is not None else category_label(code)


def resident_choices(enabled: list[str]) -> list[tuple[str, str]]:
    known = set(known_codes())
    return [(code, resident_label(code)) for code in enabled if code in known]
