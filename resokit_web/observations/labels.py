from __future__ import annotations

from flask_babel import lazy_gettext as _l

KIND_LABELS = {
    "meeting_place": _l("A meeting place"),
    "need": _l("A need"),
    "tension": _l("A tension"),
    "initiative": _l("An initiative"),
    "missing": _l("Something missing"),
    "other": _l("Something else"),
}


def observation_kind_label(code: str) -> str:
    return str(KIND_LABELS.get(code, code))
