"""The inclusieweb's vocabulary: life domains, circles, bonds, support, frequency, wish."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

DOMAINS = {
    "family": _l("Family"),
    "friends": _l("Friends"),
    "neighbourhood": _l("Neighbourhood"),
    "daytime": _l("School, work, daytime activity"),
    "leisure": _l("Leisure and associations"),
    "care": _l("Care and services"),
    "faith": _l("Faith and community"),
    "online": _l("Online"),
}
# Paid professionals: a high share of them among the close circles signals a thin informal network.
PAID_DOMAINS = ("care",)

CIRCLES = {
    "1": _l("Very close"),
    "2": _l("Close"),
    "3": _l("Further away"),
    "wish": _l("Wishes"),
}
NETWORK_CIRCLES = ("1", "2", "3")
# Closeness as a number, the wishes outside the three circles.
CIRCLE_ORDER = {"1": 1, "2": 2, "3": 3, "wish": 4}

BONDS = {"light": _l("Light tie"), "strong": _l("Strong tie")}
SUPPORTS = {
    "gives": _l("The person gives support"),
    "receives": _l("The person receives support"),
    "both": _l("Both give and receive"),
    "none": _l("No support either way"),
}
FREQUENCIES = {"daily": _l("Daily"), "weekly": _l("Weekly"), "monthly": _l("Monthly"), "rarely": _l("Rarely")}
WISHES = {
    "more": _l("More contact"),
    "fine": _l("Fine as it is"),
    "less": _l("Less contact"),
    "reconnect": _l("Reconnect"),
}

# The sign drawn next to a mark for reciprocity.
SUPPORT_SIGNS = {"gives": "→", "receives": "←", "both": "↔", "none": ""}


def label_of(mapping: dict, code) -> str:
    return str(mapping.get(code, code or ""))
