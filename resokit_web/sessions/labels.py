"""Names of the formats, as the method names them."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

FORMAT_LABELS = {
    "kletspot": _l("Loneliness chat jar"),
    "speeddate": _l("Speed date"),
    "inclusietafels": _l("Inclusion tables"),
    "wandeling": _l("A walk in the park"),
    "ontmoeting": _l("Encounter"),
}

# Each format's page in the Mindset navigation: its sessions. Not the tool's own name,
# which the block page's card carries (a page name never repeats a tool's name).
NAV_LABELS = {
    "kletspot": _l("Chat jar sessions"),
    "speeddate": _l("Speed date sessions"),
    "inclusietafels": _l("Inclusion table sessions"),
    "wandeling": _l("Park walk sessions"),
    "ontmoeting": _l("Encounter sessions"),
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


STEP_TITLES = {
    "reflect": _l("Reflection"),
    "debrief": _l("Debrief, without names"),
    "before": _l("Before the meeting"),
    "during": _l("During the meeting"),
    "after": _l("After the meeting"),
    "position_before": _l("Position before the debate"),
    "arguments": _l("Arguments, per side"),
    "position_after": _l("Position after the debate"),
    "shift": _l("The shift"),
}


def step_title(kind: str | None, step: int, walk_steps: int) -> str:
    if not kind:
        return ""
    if kind.startswith("walk:"):
        return _("The walk, step %(num)d of %(total)d", num=step, total=walk_steps)
    if kind == "reflect" and step == 4:
        return str(_l("A short reflection"))
    return str(STEP_TITLES.get(kind, ""))


# The team's own cards (a versioned object): the presence page, the fields and statuses
# as the history and the conflict view name them.
CARDS_PAGE = "session-cards"
CARD_FIELD_LABELS = {"theme": _l("Theme"), "text": _l("Question"), "status": _l("Status")}
CARD_STATUS_LABELS = {"open": _l("In the jar"), "archived": _l("Taken out of the jar")}
