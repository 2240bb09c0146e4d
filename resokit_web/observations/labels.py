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


def section_title(key: str | None) -> str | None:
    """The title of a notebook section, or None for no (or an unknown) section."""
    from ..buurtanalyse.sections import BY_KEY

    section = BY_KEY.get(key or "")
    return str(section.title) if section else None
