from __future__ import annotations

from resokit_web.extensions import db, utcnow
from resokit_web.lexicon.models import LexiconEntry
from resokit_web.live import versioning

from . import World, param_factory


def make_entry(org_id: int, **fields) -> LexiconEntry:
    now = utcnow()
    entry = LexiconEntry(
        organisation_id=org_id,
        term=fields.pop("term", "Pleinpraat"),
        definition=fields.pop("definition", "Wat er op het plein verteld wordt."),
        example=fields.pop("example", "Op het Rauterplein."),
        related=fields.pop("related", ""),
        status=fields.pop("status", "current"),
        created_at=now,
        updated_at=now,
        **fields,
    )
    versioning.create(entry, user_id=None)
    return entry


@param_factory("lexicon_entry_id")
def _lexicon_entry_id(world: World, org) -> int:
    n = db.session.scalar(db.select(db.func.count()).select_from(LexiconEntry)) or 0
    entry = make_entry(org.id, term=f"Woord {n + 1}")
    db.session.commit()
    return entry.id
