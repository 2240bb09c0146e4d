"""Demo data: one opinion piece with three contributions and a team text with a history."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from ..demo import DemoContext, _member, _user, seeder
from ..extensions import db, utcnow
from ..live.history import HistoryEntry
from ..orgs.models import Role
from .models import OpinionPiece
from .service import create_piece, save_contribution, save_piece

TITLE = "Wie bereiken wij (nog) niet?"

# A third colleague, so the piece has three voices; the three required demo accounts stay as they are.
THIRD_EMAIL = "member2@demo.resokit.test"
THIRD_NAME = "Lotte"

TEAM_TEXT = [
    # Each step is the whole team text after one colleague's save.
    (
        "coordinator",
        "Inclusie betekent voor ons dat iedereen in Kuregem ergens bij hoort: bij een buur, een groep, "
        "een plek waar je verwacht wordt.\n",
    ),
    (
        "member",
        "Inclusie betekent voor ons dat iedereen in Kuregem ergens bij hoort: bij een buur, een groep, "
        "een plek waar je verwacht wordt.\n"
        "\n"
        "Ons buurthuis is vaak de eerste deur. We willen meer zijn dan een loket: een plek waar mensen "
        "elkaar leren kennen en waar wij hen in contact brengen met wie er al is in de wijk.\n",
    ),
    (
        "third",
        "Inclusie betekent voor ons dat iedereen in Kuregem ergens bij hoort: bij een buur, een groep, "
        "een plek waar je verwacht wordt.\n"
        "\n"
        "Ons buurthuis is vaak de eerste deur. We willen meer zijn dan een loket: een plek waar mensen "
        "elkaar leren kennen en waar wij hen in contact brengen met wie er al is in de wijk.\n"
        "\n"
        "We merken dat we oudere mannen die alleen wonen en jonge moeders zonder netwerk nauwelijks "
        "zien. Onze activiteiten vallen op momenten dat zij niet kunnen, en onze folders zijn enkel in "
        "het Nederlands.\n",
    ),
    (
        "coordinator",
        "Inclusie betekent voor ons dat iedereen in Kuregem ergens bij hoort: bij een buur, een groep, "
        "een plek waar je verwacht wordt. Niet alleen wie de weg naar ons al vindt.\n"
        "\n"
        "Ons buurthuis is vaak de eerste deur. We willen meer zijn dan een loket: een plek waar mensen "
        "elkaar leren kennen en waar wij hen in contact brengen met wie er al is in de wijk.\n"
        "\n"
        "We merken dat we oudere mannen die alleen wonen en jonge moeders zonder netwerk nauwelijks "
        "zien. Onze activiteiten vallen op momenten dat zij niet kunnen, en onze folders zijn enkel in "
        "het Nederlands.\n"
        "\n"
        "## Wat we willen veranderen\n"
        "\n"
        "- Eén keer per maand gaan we op stap naar de plekken waar zij wél komen: de wasserette, de markt, "
        "de schoolpoort.\n"
        "- We vragen de sleutelfiguren uit de buurtkaart om ons voor te stellen.\n"
        "- We schrijven onze uitnodigingen samen met bewoners, in de talen van de straat.\n",
    ),
]

CONTRIBUTIONS = {
    "coordinator": (
        "Voor mij gaat inclusie over **wederkerigheid**. Mensen willen niet alleen geholpen worden, ze "
        "willen ook iets kunnen betekenen voor een ander.\n\n"
        "Mijn blinde vlek: ik plan graag alles op kantooruren. Daarmee sluit ik wie werkt of voor "
        "kinderen zorgt bijna vanzelf uit."
    ),
    "member": (
        "Ik zie elke week mensen die maar één contact hebben: ons. Dat is te weinig en maakt hen "
        "kwetsbaar als wij er niet zijn.\n\n"
        "Wat ik wil bouwen: bruggen naar de zelforganisaties in de wijk. Zij bereiken families die wij "
        "niet kennen, en wij kunnen hen helpen met ruimte en materiaal."
    ),
    "third": (
        "Ik denk vaak aan wie *nooit* binnenkomt. We tellen wie er komt, maar niet wie wegblijft.\n\n"
        "Mijn voorstel:\n\n"
        "1. samen met bewoners een wandeling doen langs de plekken die voor hen tellen;\n"
        "2. noteren wie we onderweg missen;\n"
        "3. daar volgend teamoverleg op terugkomen."
    ),
}


@seeder
def seed_opinions(ctx: DemoContext) -> None:
    third = _user(THIRD_EMAIL, THIRD_NAME, "nl")
    _member(ctx.demo, third, Role.member)
    db.session.flush()
    exists = db.session.scalar(
        sa.select(OpinionPiece.id).where(OpinionPiece.organisation_id == ctx.demo.id, OpinionPiece.title == TITLE)
    )
    if exists is not None:
        return
    authors = {"coordinator": ctx.coordinator, "member": ctx.member, "third": third}
    piece = create_piece(ctx.demo.id, TITLE, user_id=ctx.coordinator.id)
    for who, text in TEAM_TEXT:
        save_piece(piece, {"body": text}, piece.version, user_id=authors[who].id)
    for who, text in CONTRIBUTIONS.items():
        save_contribution(piece, authors[who].id, text, None)
    db.session.flush()
    _spread_in_time(piece)


def _spread_in_time(piece: OpinionPiece) -> None:
    """Date the versions over the past days, so the history reads like real work."""
    entries = list(
        db.session.scalars(
            sa.select(HistoryEntry)
            .where(HistoryEntry.object_type == piece.__object_type__, HistoryEntry.object_id == piece.id)
            .order_by(HistoryEntry.version)
        )
    )
    start = utcnow() - timedelta(days=len(entries) - 1, hours=1)
    for n, entry in enumerate(entries):
        entry.changed_at = start + timedelta(days=n)
    piece.created_at = entries[0].changed_at
    piece.updated_at = entries[-1].changed_at
