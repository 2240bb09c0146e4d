"""The life domains where a person's talents could be used (step 4 of the talentenkaart)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

DOMAINS = {
    "home": _l("Home and housing"),
    "family": _l("Family and friends"),
    "neighbourhood": _l("The neighbourhood"),
    "work": _l("Work and learning"),
    "volunteering": _l("Volunteering"),
    "leisure": _l("Free time and hobbies"),
    "culture": _l("Culture and creativity"),
    "sport": _l("Sport and exercise"),
    "care": _l("Care and health"),
    "belief": _l("Faith and belief"),
}


def domain_label(code: str) -> str:
    return str(DOMAINS.get(code, code))
