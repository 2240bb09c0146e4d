"""Live collaboration, shared by every area: event bus, event stream, presence,
versioned saves with three-way merge, history and restore."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

# How a history entry's action reads ("Version 3 · changed · Samir · 14:03").
ACTION_LABELS = {
    "created": _l("created"),
    "updated": _l("changed"),
    "merged": _l("changed, merged with a colleague's change"),
    "archived": _l("archived"),
    "restored": _l("restored from the archive"),
    "reverted": _l("an older version restored"),
}
