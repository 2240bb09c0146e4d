"""The inclusieweb drawn with the shared radial engine: the person in the centre, circles
1–3 and the wishes outside, a wedge per life domain, a mark per contact."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from flask_babel import gettext as _

from .. import radial
from .labels import BONDS, CIRCLES, DOMAINS, SUPPORT_SIGNS, SUPPORTS, label_of


def rings() -> list[radial.RingSpec]:
    names = {"1": _("1 · very close"), "2": _("2 · close"), "3": _("3 · further away"), "wish": _("Wishes")}
    return [radial.RingSpec(code, names[code]) for code in CIRCLES]


def wedges() -> list[radial.WedgeSpec]:
    return [radial.WedgeSpec(code, str(name)) for code, name in DOMAINS.items()]


def describe(contact: Mapping[str, Any]) -> str:
    if contact.get("gone"):
        return _(
            "%(label)s: gone since then, was %(domain)s, %(circle)s",
            label=contact["label"],
            domain=label_of(DOMAINS, contact["domain"]),
            circle=label_of(CIRCLES, contact["circle"]),
        )
    return _(
        "%(label)s: %(domain)s, %(circle)s, %(bond)s, %(support)s",
        label=contact["label"],
        domain=label_of(DOMAINS, contact["domain"]),
        circle=label_of(CIRCLES, contact["circle"]),
        bond=label_of(BONDS, contact["bond"]).lower(),
        support=label_of(SUPPORTS, contact["support"]).lower(),
    )


def layout(
    contacts: Iterable[Mapping[str, Any]],
    centre_name: str,
    *,
    geometry: radial.Geometry = radial.WIDE,
    changes: Mapping[int, list[str]] | None = None,
    gone: Iterable[Mapping[str, Any]] = (),
) -> radial.Layout:
    """The drawing of ``contacts`` (dicts with the contact's fields and ``id``).

    ``changes`` (contact id → what changed, from a comparison) comes back on each node as
    ``node.facts`` so the template can highlight the mark. ``gone`` (contacts of the
    earlier web that are no longer there) are drawn too, at their former place, with the
    fact ``gone`` and no tie; they are not counted in the wedges and rings.
    """
    gone = [{**c, "gone": True} for c in gone]
    marks = []
    for c in [*contacts, *gone]:
        sign = SUPPORT_SIGNS.get(c["support"], "")
        marks.append(
            radial.Mark(
                key=f"c{c['id']}",
                name=_("%(label)s (gone)", label=c["label"]) if c.get("gone") else f"{c['label']} {sign}".strip(),
                ring=c["circle"],
                wedge=c["domain"],
                size=9.0 if c["bond"] == "strong" else 6.5,
                shape="circle" if c["bond"] == "strong" else "diamond",
                kind=c["bond"],
                tie=c["circle"] != "wish" and not c.get("gone"),
                rank=(c["circle"] == "wish", c["bond"] != "strong"),
                data=c,
            )
        )
    drawn = radial.compute(marks, rings=rings(), wedges=wedges(), centre_name=centre_name, geometry=geometry)
    for node in drawn.nodes:
        node.description = describe(node.item)
        node.facts = ("gone",) if node.item.get("gone") else tuple((changes or {}).get(node.item["id"], ()))
    for wedge in drawn.wedges:
        wedge.count -= sum(1 for c in gone if c["domain"] == wedge.key)
    for ring in drawn.rings:
        ring.count -= sum(1 for c in gone if c["circle"] == ring.key)
    return drawn
