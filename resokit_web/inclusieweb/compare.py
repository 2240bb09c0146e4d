"""Two states of a web side by side: who is new, who is gone, who moved, whose bond changed.

Contacts are matched by id (a moment keeps each contact's id), so a contact renamed
between two moments is still the same contact.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .labels import CIRCLE_ORDER
from .measures import measures


@dataclass
class Comparison:
    new: list[dict] = field(default_factory=list)
    gone: list[dict] = field(default_factory=list)
    closer: list[tuple[dict, dict]] = field(default_factory=list)  # (before, after)
    further: list[tuple[dict, dict]] = field(default_factory=list)
    other_domain: list[tuple[dict, dict]] = field(default_factory=list)
    bond_changed: list[tuple[dict, dict]] = field(default_factory=list)
    before: dict[str, Any] = field(default_factory=dict)  # measures
    after: dict[str, Any] = field(default_factory=dict)

    def changes_of(self, contact_id: int) -> list[str]:
        """What changed for one contact of the later web: new, closer, further, domain, bond."""
        found = []
        if any(c["id"] == contact_id for c in self.new):
            found.append("new")
        for kind in ("closer", "further", "other_domain", "bond_changed"):
            if any(after["id"] == contact_id for _before, after in getattr(self, kind)):
                found.append(kind)
        return found

    @property
    def unchanged(self) -> bool:
        return not (self.new or self.gone or self.closer or self.further or self.other_domain or self.bond_changed)


def compare(before: Iterable[Mapping[str, Any]], after: Iterable[Mapping[str, Any]]) -> Comparison:
    before, after = [dict(c) for c in before], [dict(c) for c in after]
    old = {c["id"]: c for c in before}
    now = {c["id"]: c for c in after}
    result = Comparison(before=measures(before), after=measures(after))
    key = lambda c: (c["label"].casefold(), c["id"])  # noqa: E731
    result.new = sorted((c for i, c in now.items() if i not in old), key=key)
    result.gone = sorted((c for i, c in old.items() if i not in now), key=key)
    for contact in sorted((c for i, c in now.items() if i in old), key=key):
        was = old[contact["id"]]
        step = CIRCLE_ORDER.get(contact["circle"], 4) - CIRCLE_ORDER.get(was["circle"], 4)
        if step < 0:
            result.closer.append((was, contact))
        elif step > 0:
            result.further.append((was, contact))
        if contact["domain"] != was["domain"]:
            result.other_domain.append((was, contact))
        if contact["bond"] != was["bond"]:
            result.bond_changed.append((was, contact))
    return result
