"""How log lines read on the dashboard. Areas add their own actions and object describers."""

from __future__ import annotations

from collections import defaultdict
from typing import Callable, Iterable

from flask_babel import lazy_gettext as _l

from .models import Activity

ACTIONS: dict[str, object] = {
    "organisation.created": _l("%(who)s started this workspace"),
    "member.joined": _l("%(who)s joined the team"),
    "member.role_changed": _l("%(who)s changed a colleague's role"),
    "member.removed": _l("%(who)s removed someone from the team"),
    "invitation.created": _l("%(who)s made an invitation link"),
    "invitation.revoked": _l("%(who)s withdrew an invitation link"),
    "denied.not_member": _l("%(who)s was refused: not a member"),
    "denied.role": _l("%(who)s was refused: role too low"),
}

# object_type -> function(ids) -> {id: (name, url or None)}; one query per type.
DESCRIBERS: dict[str, Callable[[list[int]], dict[int, tuple[str, str | None]]]] = {}

# Actions that are audit-only and stay off the team's activity feed.
AUDIT_ONLY_PREFIXES = ("denied.", "login")


def describe(entries: Iterable[Activity]) -> list[dict]:
    """Turn log lines into readable items, naming each object with one query per type."""
    entries = list(entries)
    wanted: dict[str, set[int]] = defaultdict(set)
    for e in entries:
        if e.object_type in DESCRIBERS and e.object_id is not None:
            wanted[e.object_type].add(e.object_id)
    names = {t: DESCRIBERS[t](sorted(ids)) for t, ids in wanted.items()}
    items = []
    for e in entries:
        who = e.user.display_name if e.user else _l("someone")
        template = ACTIONS.get(e.action, _l("%(who)s made a change"))
        name, url = names.get(e.object_type, {}).get(e.object_id, (None, None))
        items.append({"entry": e, "text": template % {"who": who}, "object_name": name, "object_url": url})
    return items
