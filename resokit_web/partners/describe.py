"""How partners and shares are named in the activity feed (one query per type)."""

from __future__ import annotations

import sqlalchemy as sa
from flask import g, url_for

from ..extensions import db
from ..orgs.models import Organisation
from .models import Partner, Share


def describe_partners(ids: list[int]) -> dict[int, tuple[str, str | None]]:
    rows = db.session.execute(sa.select(Partner.id, Partner.name).where(Partner.id.in_(ids))).all()
    return {r.id: (r.name, url_for("partners.show_partner", partner_id=r.id)) for r in rows}


def describe_shares(ids: list[int]) -> dict[int, tuple[str, str | None]]:
    """A share reads as the other organisation's name, seen from the organisation looking."""
    source, target = sa.orm.aliased(Organisation), sa.orm.aliased(Organisation)
    rows = db.session.execute(
        sa.select(
            Share.id,
            Share.source_org_id,
            Share.revoked_at,
            source.name.label("source_name"),
            source.slug.label("source_slug"),
            target.name.label("target_name"),
        )
        .join(source, Share.source_org_id == source.id)
        .join(target, Share.target_org_id == target.id)
        .where(Share.id.in_(ids))
    ).all()
    here = g.get("org")
    out = {}
    for r in rows:
        if here is not None and r.source_org_id == here.id:
            out[r.id] = (r.target_name, None)
        elif r.revoked_at is None:
            out[r.id] = (r.source_name, url_for("partners.show_shared_map", source_slug=r.source_slug))
        else:
            out[r.id] = (r.source_name, None)
    return out
