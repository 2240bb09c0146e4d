"""How log lines read on the dashboard. Areas add their own actions and object describers.

An action reads as a lazy string ("%(who)s added a treasure") or, when the overview may
put several of them on one line, as a :func:`~resokit_web.core.i18n.lazy_plural` with a
form for many ("%(who)s added %(num)d treasures").
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import timedelta

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from ..core.i18n import LazyPlural, lazy_plural, link_list
from .models import Activity

ACTIONS: dict[str, object] = {
    "organisation.created": _l("%(who)s started this workspace"),
    "member.joined": _l("%(who)s joined the team"),
    "member.role_changed": lazy_plural(
        "%(who)s changed a colleague's role", "%(who)s changed %(num)d colleagues' roles"
    ),
    "member.removed": _l("%(who)s removed someone from the team"),
    "invitation.created": lazy_plural("%(who)s made an invitation link", "%(who)s made %(num)d invitation links"),
    "invitation.revoked": lazy_plural(
        "%(who)s withdrew an invitation link", "%(who)s withdrew %(num)d invitation links"
    ),
    "denied.not_member": _l("%(who)s was refused: not a member"),
    "denied.role": _l("%(who)s was refused: role too low"),
}

# object_type -> function(ids) -> {id: (name, url or None)}; one query per type.
DESCRIBERS: dict[str, Callable[[list[int]], dict[int, tuple[str, str | None]]]] = {}

# Actions that are audit-only and stay off the team's activity feed.
AUDIT_ONLY_PREFIXES = ("denied.", "login", "password.", "email.", "second_factor.", "recovery_codes.", "passkey.")

# One line on the overview for what one person did to one kind of object within this time.
GROUP_WINDOW = timedelta(hours=1)
# Names listed on a grouped line before "and 3 more", and at most how many that opens to.
NAMES_SHOWN = 3
NAMES_BEHIND_MORE = 30


@dataclass
class Line:
    entries: list[Activity] = field(default_factory=list)

    @property
    def entry(self) -> Activity:
        return self.entries[0]  # the newest

    @property
    def object_ids(self) -> list[int]:
        seen: list[int] = []
        for e in self.entries:
            if e.object_id is not None and e.object_id not in seen:
                seen.append(e.object_id)
        return seen


def _group_key(entry: Activity) -> tuple:
    # Only an action that has a form for many may gather different objects on one line;
    # any action gathers the same object done again and again.
    many = isinstance(ACTIONS.get(entry.action), LazyPlural)
    return (entry.user_id, entry.action, entry.object_type, None if many else entry.object_id)


def group(entries: Iterable[Activity]) -> list[Line]:
    """Log lines (newest first) gathered per person, action and kind of object within
    :data:`GROUP_WINDOW` of the newest one, in the order of their newest line."""
    lines: list[Line] = []
    open_lines: dict[tuple, Line] = {}
    for entry in entries:
        key = _group_key(entry)
        line = open_lines.get(key)
        if line is None or line.entry.created_at - entry.created_at > GROUP_WINDOW:
            line = open_lines[key] = Line()
            lines.append(line)
        line.entries.append(entry)
    return lines


def describe(entries: Iterable[Activity], *, grouped: bool = False, limit: int | None = None) -> list[dict]:
    """Turn log lines into readable items, naming each object with one query per type.

    ``grouped``: one item for what one person did to one kind of object within an hour
    ("Noor moved 4 matches"), naming the objects."""
    entries = list(entries)
    lines = group(entries) if grouped else [Line([e]) for e in entries]
    if limit is not None:
        lines = lines[:limit]
    wanted: dict[str, set[int]] = defaultdict(set)
    for line in lines:
        if line.entry.object_type in DESCRIBERS:
            wanted[line.entry.object_type].update(line.object_ids[: NAMES_SHOWN + NAMES_BEHIND_MORE])
    names = {t: DESCRIBERS[t](sorted(ids)) for t, ids in wanted.items()}
    return [_item(line, names.get(line.entry.object_type, {})) for line in lines]


def _item(line: Line, names: dict[int, tuple[str, str | None]]) -> dict:
    e = line.entry
    who = e.user.display_name if e.user else _("someone")
    template = ACTIONS.get(e.action, _l("%(who)s made a change"))
    ids = line.object_ids
    if isinstance(template, LazyPlural) and len(ids) > 1:
        text = template(len(ids), who=who)
    else:
        text = template % {"who": who}
    shown = [names[i] for i in ids[:NAMES_SHOWN] if i in names]
    rest = [name for name, _url in (names[i] for i in ids[NAMES_SHOWN : NAMES_SHOWN + NAMES_BEHIND_MORE] if i in names)]
    objects = link_list(shown, more=len(ids) - NAMES_SHOWN if len(ids) > NAMES_SHOWN and shown else 0)
    if rest and shown:
        # The others behind "and 4 more", in words: the line stays short, nothing is hidden.
        objects += Markup(' <details class="more-names"><summary>{}</summary> {}</details>').format(
            _("show them"), link_list([(name, None) for name in rest])
        )
    return {
        "entry": e,
        "text": text,
        "objects": objects if shown else Markup(""),
        # The first object alone, as the audit log and older templates name it.
        "object_name": shown[0][0] if shown else None,
        "object_url": shown[0][1] if shown else None,
        "count": len(line.entries),
    }
