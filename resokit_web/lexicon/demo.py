"""The demo team's own city words, next to the shipped ones."""

from __future__ import annotations

import sqlalchemy as sa

from ..demo import DemoContext, seeder
from ..extensions import db
from .models import LexiconEntry
from .service import create_entry, save_entry

OWN = [
    (
        "Kolenkit-koffie",
        "De koffie die om tien uur klaarstaat in het buurthuis: wie binnenloopt, krijgt een tas en een babbel.",
        "Op dinsdag schuiven marktkramers van de Slachthuizen aan voor ze opruimen.",
        "lichte banden, laagdrempelig",
    ),
    (
        "Pleinpraat",
        "Wat er op het Rauterplein verteld wordt: vaak weet het plein iets eerder dan de diensten.",
        "Dat de wasserette in de Kuregemstraat sluit, hoorden we eerst op de banken van het plein.",
        "sleutelfiguur, ontmoetingsplek",
    ),
]


@seeder
def seed_lexicon(ctx: DemoContext) -> None:
    org = ctx.demo
    if db.session.scalar(sa.select(sa.func.count()).where(LexiconEntry.organisation_id == org.id)):
        return
    for n, (term, definition, example, related) in enumerate(OWN):
        entry = create_entry(
            org.id,
            {"term": term, "definition": definition, "example": example, "related": related},
            user_id=ctx.coordinator.id,
        )
        if n == 0:  # a second version, so the history has something to show
            save_entry(
                entry,
                {"definition": definition + " Niemand moet iets kopen."},
                entry.version,
                user_id=ctx.member.id,
            )
    db.session.flush()
