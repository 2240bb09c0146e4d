"""The workspace navigation: areas register their pages under the method's building blocks.

Only what exists shows: an area adds its entries when its blueprint is registered.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import Flask, g, request, url_for

from ..orgs.models import Role


@dataclass(frozen=True)
class NavItem:
    block: str  # buurt, burger, organisatie, mindset
    endpoint: str
    label: object  # a lazy string
    need: Role = Role.viewer
    order: int = 50
    # Endpoints (besides ``endpoint``) under which this entry shows as current.
    also_for: tuple[str, ...] = field(default_factory=tuple)
    # Optional callable(org) -> int|None giving a count badge (e.g. waiting proposals).
    badge: object = None
    badge_id: str | None = None
    # SSE event name after which the badge refreshes itself, on every page: it asks the
    # entry's own URL for the block whose id is ``badge_id`` (see templates/base.html).
    badge_event: str | None = None


def register(app: Flask, item: NavItem) -> None:
    app.extensions.setdefault("resokit_nav", []).append(item)


def nav_for_current_org(app: Flask) -> list[tuple[str, list[dict]]]:
    """The navigation of ``g.org`` for ``g.membership``, grouped by block."""
    from .i18n import BLOCKS

    membership = g.get("membership")
    if membership is None:
        return []
    items = [i for i in app.extensions.get("resokit_nav", []) if membership.role.allows(i.need)]
    grouped = []
    for block, label in BLOCKS.items():
        entries = [
            {
                "url": url_for(i.endpoint),
                "label": i.label,
                "current": request.endpoint == i.endpoint or request.endpoint in i.also_for,
                "badge": i.badge(g.org) if callable(i.badge) else None,
                "badge_id": i.badge_id,
                "badge_event": i.badge_event,
            }
            for i in sorted((i for i in items if i.block == block), key=lambda i: i.order)
        ]
        if entries:
            grouped.append((label, entries))
    return grouped
