"""Partners: listing with filters, creating, saving, archiving, moving to "active", exporting."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

import sqlalchemy as sa
from flask import url_for
from flask_babel import ngettext

from ..core.filters import ListFilters, page_within
from ..core.nav import TodoItem
from ..extensions import db, utcnow
from ..live import versioning
from ..live.bus import Event
from ..live.events import publish_after_commit
from .models import Partner, Share
from .vocab import RELATIONS, formal_label, relation_label, sector_label, strength_label


@dataclass
class Filters(ListFilters):
    q: str = ""
    relation: str = ""
    sector: str = ""
    status: str = ""  # "" (current), "archived", "all"

    def relations(self) -> list[str]:
        """The relation groups a list with these filters shows."""
        return [self.relation] if self.relation else list(RELATIONS)


def filtered(org_id: int, filters: Filters) -> sa.Select:
    query = sa.select(Partner).where(Partner.organisation_id == org_id)
    if filters.status == "archived":
        query = query.where(Partner.status == "archived")
    elif filters.status != "all":
        query = query.where(Partner.status == "current")
    if filters.relation:
        query = query.where(Partner.relation == filters.relation)
    if filters.sector:
        query = query.where(Partner.sector == filters.sector)
    if filters.q:
        like = f"%{filters.q.strip().lower()}%"
        query = query.where(
            sa.or_(
                sa.func.lower(Partner.name).like(like),
                sa.func.lower(Partner.notes).like(like),
                sa.func.lower(Partner.contact).like(like),
            )
        )
    return query


# What a row shows besides the partner: its place and who changed it last (same query).
ROW_LOAD = (sa.orm.joinedload(Partner.treasure), sa.orm.joinedload(Partner.updated_by))


def _ordered(query: sa.Select) -> sa.Select:
    return query.order_by(sa.func.lower(Partner.name), Partner.id).options(*ROW_LOAD)


def grouped(org_id: int, filters: Filters) -> dict[str, list[Partner]]:
    """Partners by relation (in ring order), each group by name: one query."""
    groups: dict[str, list[Partner]] = {r: [] for r in filters.relations()}
    for partner in db.session.scalars(_ordered(filtered(org_id, filters))).unique():
        groups.setdefault(partner.relation, []).append(partner)
    return groups


PAGE_SIZE = 100


def page_of(org_id: int, filters: Filters, page: int = 1) -> tuple[dict[str, list[Partner]], dict[str, int], int]:
    """One page of the list (groups in ring order, each by name), every group's full
    count and the page shown (``page`` brought within the list): two queries, whatever
    the number of partners."""
    counts = group_counts(org_id, filters)
    page = page_within(page, sum(counts.values()), PAGE_SIZE)
    ring = sa.case({code: n for n, code in enumerate(RELATIONS)}, value=Partner.relation, else_=len(RELATIONS))
    query = filtered(org_id, filters).order_by(ring, sa.func.lower(Partner.name), Partner.id).options(*ROW_LOAD)
    groups: dict[str, list[Partner]] = {r: [] for r in filters.relations()}
    for partner in db.session.scalars(query.limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE)).unique():
        groups.setdefault(partner.relation, []).append(partner)
    return groups, counts, page


def group_counts(org_id: int, filters: Filters) -> dict[str, int]:
    query = filtered(org_id, filters).subquery()
    rows = db.session.execute(sa.select(query.c.relation, sa.func.count()).group_by(query.c.relation)).all()
    counts = {r: 0 for r in filters.relations()}
    counts.update({relation: n for relation, n in rows if relation in counts})
    return counts


def current_partners(org_id: int) -> list[Partner]:
    return list(db.session.scalars(_ordered(filtered(org_id, Filters()))).unique())


def matches(partner: Partner, filters: Filters) -> bool:
    """Whether ``partner`` belongs in a list shown with ``filters`` (one small query)."""
    query = filtered(partner.organisation_id, filters).where(Partner.id == partner.id)
    return db.session.scalar(sa.select(sa.exists(query))) is True


def create_partner(org_id: int, values: dict, *, user_id: int | None) -> Partner:
    now = utcnow()
    partner = Partner(
        organisation_id=org_id,
        status="current",
        created_at=now,
        created_by_id=user_id,
        updated_at=now,
        updated_by_id=user_id,
        **values,
    )
    versioning.create(partner, user_id=user_id)
    notify_share_targets(org_id)
    return partner


def save_partner(
    partner: Partner, values: dict, base_version: int | None, *, user_id: int | None, action: str = "updated"
) -> versioning.SaveResult:
    result = versioning.save(
        partner, values, base_version, user_id=user_id, action=action, extra_values={"updated_by_id": user_id}
    )
    if result.applied:
        notify_share_targets(partner.organisation_id)
    return result


def set_status(partner: Partner, status: str, *, user_id: int | None, action: str) -> versioning.SaveResult:
    """Archive or restore: a new version like any other change, so it is in the history."""
    return save_partner(partner, {"status": status}, partner.version, user_id=user_id, action=action)


def make_active(partner: Partner, base_version: int | None, *, user_id: int | None) -> versioning.SaveResult:
    """ "We work together now": one versioned save of the relation, merged like any other."""
    return save_partner(partner, {"relation": "active"}, base_version, user_id=user_id)


def notify_share_targets(org_id: int) -> None:
    """Organisations this map is shared with hear that it changed (after commit), so their
    open shared maps and network views refresh themselves. The event carries no content."""
    targets = db.session.scalars(
        sa.select(Share.target_org_id).where(Share.source_org_id == org_id, Share.revoked_at.is_(None))
    ).all()
    for target in targets:
        publish_after_commit(Event(org_id=target, type="sharedmap", id=org_id))


# --- Exports -------------------------------------------------------------------------

JSON_FIELDS = ("id", "name", "sector", "relation", "strength", "formal", "treasure_id", "version")


def as_json(partner: Partner) -> dict:
    return {f: getattr(partner, f) for f in JSON_FIELDS}


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "|", "%")
# Direction overrides can make a cell read differently from what it holds.
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


def csv_safe(value) -> str:
    """A cell a spreadsheet shows as text, never runs as a formula (CSV injection)."""
    text = _BIDI.sub("", "" if value is None else str(value))
    if text.startswith(_FORMULA_START):
        return "'" + text
    return text


def to_csv(partners: list[Partner]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(
        [
            "id",
            "name",
            "sector",
            "sector_label",
            "relation",
            "relation_label",
            "strength",
            "strength_label",
            "formal",
            "contact",
            "notes",
            "treasure_id",
            "place",
            "status",
            "version",
        ]
    )
    for p in partners:
        place = (p.treasure.address or p.treasure.name) if p.treasure else ""
        writer.writerow(
            [
                csv_safe(v)
                for v in (
                    p.id,
                    p.name,
                    p.sector,
                    sector_label(p.sector),
                    p.relation,
                    relation_label(p.relation),
                    p.strength,
                    strength_label(p.strength),
                    formal_label(p.formal),
                    p.contact,
                    p.notes,
                    p.treasure_id or "",
                    place,
                    p.status,
                    p.version,
                )
            ]
        )
    # A byte order mark, so spreadsheet programs read accents right.
    return "\ufeff" + out.getvalue()


def partner_figures(org) -> list[str]:
    """The partners' card on the Organisation page: how many, and how many active."""
    rows = dict(
        db.session.execute(
            sa.select(Partner.relation, sa.func.count())
            .where(Partner.organisation_id == org.id, Partner.status == "current")
            .group_by(Partner.relation)
        ).all()
    )
    total, active = sum(rows.values()), rows.get("active", 0)
    return [
        ngettext("%(num)d partner", "%(num)d partners", total),
        ngettext("%(num)d active collaboration", "%(num)d active collaborations", active),
    ]


def wanted_todo(org) -> TodoItem | None:
    """The overview's to-do: partners the team wants to work with and has not reached yet
    (still "wanted": a first contact moves them to occasional or active)."""
    query = sa.select(Partner.id, Partner.name).where(
        Partner.organisation_id == org.id, Partner.status == "current", Partner.relation == "wanted"
    )
    count = db.session.scalar(sa.select(sa.func.count()).select_from(query.subquery())) or 0
    if not count:
        return None
    first = db.session.execute(query.order_by(Partner.updated_at, Partner.id).limit(3)).all()
    return TodoItem(
        text=ngettext(
            "%(num)d wanted partner not contacted yet",
            "%(num)d wanted partners not contacted yet",
            count,
        ),
        url=url_for("partners.list_partners", relation="wanted"),
        count=count,
        examples=[(name, url_for("partners.show_partner", partner_id=pid)) for pid, name in first],
    )
