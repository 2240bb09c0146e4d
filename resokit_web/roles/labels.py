from __future__ import annotations

from flask_babel import lazy_gettext as _l

STAGE_LABELS = {
    "idea": _l("Idea"),
    "explored": _l("Explored"),
    "trying": _l("Trying out"),
    "active": _l("Active"),
    "ended": _l("Ended"),
}

STAGE_HINTS = {
    "idea": _l("Someone thought of this role for this person."),
    "explored": _l("Talked it through with the person; visited the place."),
    "trying": _l("The person is trying the role out."),
    "active": _l("The person has taken up the role."),
    "ended": _l("The match is over; the outcome says how."),
}

OUTCOME_LABELS = {
    "continues": _l("Keeps the role"),
    "other_role": _l("Moved on to another role"),
    "own_network": _l("Goes on in their own network"),
    "stopped": _l("Stopped by choice"),
    "not_a_fit": _l("Did not fit"),
}

ROLE_STATUS_LABELS = {
    "open": _l("Open"),
    "filled": _l("Filled"),
    "archived": _l("Archived"),
}


def stage_label(code: str | None) -> str:
    return str(STAGE_LABELS.get(code, code or ""))


def outcome_label(code: str | None) -> str:
    return str(OUTCOME_LABELS.get(code, code or ""))


def role_status_label(code: str | None) -> str:
    return str(ROLE_STATUS_LABELS.get(code, code or ""))
