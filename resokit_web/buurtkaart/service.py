"""Treasures: listing with filters, creating, saving, archiving."""

from __future__ import annotations

import json
from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import ngettext

from ..core.filters import ListFilters, page_within
from ..extensions import db, utcnow
from ..live import versioning
from .models import Treasure

PAGE_SIZE = 100


@dataclass
class Filters(ListFilters):
    q: str = ""
    kind: str = ""
    category: str = ""
    formal: str = ""  # "", "y", "n"
    tag: str = ""
    status: str = ""  # "" (on the map), "archived", "all"

    @property
    def only_status(self) -> bool:
        return not (self.q or self.kind or self.category or self.formal or self.tag)


def filtered(org_id: int, filters: Filters) -> sa.Select:
    query = sa.select(Treasure).where(Treasure.organisation_id == org_id)
    if filters.status == "archived":
        query = query.where(Treasure.status == "archived")
    elif filters.status != "all":
        query = query.where(Treasure.status == "accepted")
    if filters.kind:
        query = query.where(Treasure.kind == filters.kind)
    if filters.category:
        query = query.where(Treasure.category == filters.category)
    if filters.formal:
        query = query.where(Treasure.formal.is_(filters.formal == "y"))
    if filters.tag:
        needle = json.dumps(filters.tag.strip().lower())
        query = query.where(sa.func.lower(sa.cast(Treasure.tags, sa.Text)).contains(needle, autoescape=True))
    if filters.q:
        like = f"%{filters.q.strip().lower()}%"
        query = query.where(
            sa.or_(
                sa.func.lower(Treasure.name).like(like),
                sa.func.lower(Treasure.description).like(like),
                sa.func.lower(Treasure.address).like(like),
            )
        )
    return query


def page_of(org_id: int, filters: Filters, page: int = 1) -> tuple[list[Treasure], int, int]:
    """One page of treasures (by name), the total count and the page shown (``page``
    brought within the list): two queries."""
    query = filtered(org_id, filters)
    total = db.session.scalar(sa.select(sa.func.count()).select_from(query.subquery()))
    page = page_within(page, total, PAGE_SIZE)
    rows = db.session.scalars(
        query.order_by(sa.func.lower(Treasure.name), Treasure.id)
        .options(sa.orm.joinedload(Treasure.updated_by))  # a constant number of queries
        .limit(PAGE_SIZE)
        .offset((page - 1) * PAGE_SIZE)
    )
    return list(rows), total, page


def matches(treasure: Treasure, filters: Filters) -> bool:
    """Whether ``treasure`` belongs in a list shown with ``filters`` (one small query,
    none when the list filters by status only)."""
    if filters.only_status:
        if filters.status == "archived":
            return treasure.status == "archived"
        return filters.status == "all" or treasure.status == "accepted"
    query = filtered(treasure.organisation_id, filters).where(Treasure.id == treasure.id)
    return db.session.scalar(sa.select(sa.exists(query))) is True


def create_treasure(
    org_id: int, values: dict, *, user_id: int | None, source: str = "team", status: str = "accepted"
) -> Treasure:
    now = utcnow()
    treasure = Treasure(
        organisation_id=org_id,
        source=source,
        status=status,
        created_at=now,
        created_by_id=user_id,
        updated_at=now,
        updated_by_id=user_id,
        **values,
    )
    return versioning.create(treasure, user_id=user_id)


def save_treasure(treasure: Treasure, values: dict, base_version: int | None, *, user_id: int | None):
    return versioning.save(treasure, values, base_version, user_id=user_id, extra_values={"updated_by_id": user_id})


def set_status(treasure: Treasure, status: str, *, user_id: int | None, action: str):
    """Archive or restore: a new version like any other change, so it is in the history."""
    return versioning.save(
        treasure,
        {"status": status},
        treasure.version,
        user_id=user_id,
        action=action,
        extra_values={"updated_by_id": user_id},
    )


def treasure_figure(org) -> str:
    """The buurtkaart's card on the Buurt page: how many treasures the map holds."""
    count = db.session.scalar(
        sa.select(sa.func.count()).where(Treasure.organisation_id == org.id, Treasure.status == "accepted")
    )
    return ngettext("%(num)d treasure on the map", "%(num)d treasures on the map", count or 0)
