"""From web to action: what the wishes and the empty domains suggest, and why.

A wish ("the taalcafé", "someone to walk with") suggests the treasures and open roles
that share a word stem with its label or notes (the roles' own machinery,
:func:`resokit_web.roles.suggestions.shared_tags`, over the treasure's tags and name and
the role's tags). An empty life domain suggests the treasures of the categories that
belong to it, and the open roles that take place there. Each suggestion says why.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import gettext as _

from ..buurtkaart.categories import category_label
from ..buurtkaart.models import Treasure
from ..extensions import db
from ..roles.models import SocialRole
from ..roles.suggestions import shared_tags
from .labels import DOMAINS, NETWORK_CIRCLES, label_of

# The buurtkaart's categories where a life domain can be found.
DOMAIN_CATEGORIES = {
    "family": (),
    "friends": ("meeting_place", "cafe_food"),
    "neighbourhood": ("public_space", "meeting_place", "market_shops"),
    "daytime": ("work_learning", "school_childcare", "digital"),
    "leisure": ("sport", "culture_library", "green", "youth", "seniors"),
    "care": ("health", "welfare"),
    "faith": ("worship",),
    "online": ("digital",),
}
MAX_SUGGESTIONS = 8


@dataclass
class WebSuggestion:
    kind: str  # treasure or role
    obj: object
    reason: str

    @property
    def key(self) -> str:
        return f"{self.kind}-{self.obj.id}"


def suggestions_for(person, contacts) -> list[WebSuggestion]:
    org_id = person.organisation_id
    treasures = list(
        db.session.scalars(
            sa.select(Treasure)
            .where(Treasure.organisation_id == org_id, Treasure.status == "accepted")
            .order_by(sa.func.lower(Treasure.name))
        )
    )
    roles = list(
        db.session.scalars(
            sa.select(SocialRole)
            .where(SocialRole.organisation_id == org_id, SocialRole.status == "open")
            .order_by(sa.func.lower(SocialRole.title))
        )
    )
    linked = {c.treasure_id for c in contacts if c.treasure_id}
    found: dict[str, WebSuggestion] = {}

    def add(kind, obj, reason):
        key = f"{kind}-{obj.id}"
        if key not in found and not (kind == "treasure" and obj.id in linked):
            found[key] = WebSuggestion(kind, obj, reason)

    for wish in (c for c in contacts if c.circle == "wish"):
        words = [wish.label, *wish.notes.split()]
        for treasure in treasures:
            met = shared_tags(words, [*treasure.tags, treasure.name])
            if met:
                add("treasure", treasure, _("Fits the wish “%(wish)s”: %(words)s", wish=wish.label, words=_words(met)))
        for role in roles:
            met = shared_tags(words, role.tags)
            if met:
                add("role", role, _("Fits the wish “%(wish)s”: %(words)s", wish=wish.label, words=_words(met)))
    filled = {c.domain for c in contacts if c.circle in NETWORK_CIRCLES}
    for domain in (d for d in DOMAINS if d not in filled):
        categories = DOMAIN_CATEGORIES.get(domain, ())
        for treasure in (t for t in treasures if t.category in categories):
            add(
                "treasure",
                treasure,
                _(
                    "No contact yet in “%(domain)s”; this is a place of the category “%(category)s”",
                    domain=label_of(DOMAINS, domain),
                    category=category_label(treasure.category),
                ),
            )
        for role in roles:
            if role.treasure is not None and role.treasure.category in categories:
                add(
                    "role",
                    role,
                    _(
                        "No contact yet in “%(domain)s”; this role takes place at %(place)s",
                        domain=label_of(DOMAINS, domain),
                        place=role.treasure.name,
                    ),
                )
    return list(found.values())[:MAX_SUGGESTIONS]


def _words(met) -> str:
    return ", ".join(f"“{s.role_tag}”" for s in met)
