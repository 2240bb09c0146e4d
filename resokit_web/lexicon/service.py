"""The lexicon: the shipped entries in the reader's language, and the team's own ones."""

from __future__ import annotations

import re
from dataclasses import dataclass

import sqlalchemy as sa
from flask import g, url_for
from flask_babel import get_locale, ngettext
from markupsafe import Markup, escape

from ..extensions import db, utcnow
from ..live import versioning
from .entries import BY_KEY, ENTRIES, Entry
from .models import LexiconEntry


@dataclass(frozen=True)
class Shown:
    """An entry as a page shows it (shipped or the team's own)."""

    id: str | int
    anchor: str
    term: str
    definition: str
    example: str
    related: list[tuple[str, str]]  # (term, anchor) of related shipped entries
    related_text: str  # the team's own related words, as written
    own: bool
    obj: LexiconEntry | None = None


def shipped() -> list[Shown]:
    rows = [
        Shown(
            id=e.key,
            anchor=e.key,
            term=str(e.term),
            definition=str(e.definition),
            example=str(e.example),
            related=[(str(BY_KEY[k].term), k) for k in e.related],
            related_text="",
            own=False,
        )
        for e in ENTRIES
    ]
    return sorted(rows, key=lambda s: s.term.lower())


def own_entries(org_id: int, *, show: str = "") -> list[LexiconEntry]:
    query = sa.select(LexiconEntry).where(LexiconEntry.organisation_id == org_id)
    if show == "archived":
        query = query.where(LexiconEntry.status == "archived")
    elif show != "all":
        query = query.where(LexiconEntry.status != "archived")
    return list(
        db.session.scalars(
            query.options(sa.orm.joinedload(LexiconEntry.updated_by)).order_by(
                sa.func.lower(LexiconEntry.term), LexiconEntry.id
            )
        ).unique()
    )


def shown_own(entry: LexiconEntry) -> Shown:
    return Shown(
        id=entry.id,
        anchor=f"lexicon_entry-{entry.id}",
        term=entry.term,
        definition=entry.definition,
        example=entry.example,
        related=[],
        related_text=entry.related,
        own=True,
        obj=entry,
    )


def create_entry(org_id: int, values: dict, *, user_id: int | None) -> LexiconEntry:
    now = utcnow()
    entry = LexiconEntry(
        organisation_id=org_id,
        status="current",
        created_at=now,
        created_by_id=user_id,
        updated_at=now,
        updated_by_id=user_id,
        **values,
    )
    return versioning.create(entry, user_id=user_id)


def save_entry(entry: LexiconEntry, values: dict, base_version: int | None, *, user_id: int | None, action="updated"):
    return versioning.save(
        entry, values, base_version, user_id=user_id, action=action, extra_values={"updated_by_id": user_id}
    )


def set_status(entry: LexiconEntry, status: str, *, user_id: int | None, action: str):
    return save_entry(entry, {"status": status}, entry.version, user_id=user_id, action=action)


def lexicon_figure(org) -> str:
    own = db.session.scalar(
        sa.select(sa.func.count()).where(LexiconEntry.organisation_id == org.id, LexiconEntry.status != "archived")
    )
    total = len(ENTRIES) + (own or 0)
    return ngettext("%(num)d city word", "%(num)d city words", total)


# --- Lexicon words in help texts -----------------------------------------------------------

_patterns: dict[str, tuple[re.Pattern, dict[str, Entry]]] = {}


def _pattern() -> tuple[re.Pattern, dict[str, Entry]]:
    """The shipped terms of the page's language, longest first, as one pattern."""
    locale = str(get_locale())
    if locale not in _patterns:
        by_term = {str(e.term).lower(): e for e in ENTRIES}
        terms = sorted(by_term, key=len, reverse=True)
        pattern = re.compile(r"(?<!\w)(" + "|".join(re.escape(t) for t in terms) + r")(?!\w)", re.IGNORECASE)
        _patterns[locale] = (pattern, by_term)
    return _patterns[locale]


def city_words(text, *, scope: str = "") -> Markup:
    """A help text with its lexicon words linked to their entries, each with a small
    button that opens the definition as a popover (HTML's own popover: the keyboard opens
    and closes it, Escape too; without support it is a plain link). Only the first
    occurrence of each word is marked; the text itself is escaped.

    ``scope`` names the text for the popovers' ids ("city-word-<scope>-<key>"), for a
    text that an htmx fragment renders again on its own: a request's counter would start
    again at 1 there and could repeat an id of the page around it."""
    text = str(text)
    org = g.get("org")
    if org is None:
        return escape(text)
    pattern, by_term = _pattern()
    seen: set[str] = set()
    parts: list[str] = []
    last = 0
    for match in pattern.finditer(text):
        entry = by_term[match.group(1).lower()]
        if entry.key in seen:
            continue
        seen.add(entry.key)
        parts.append(escape(text[last : match.start()]))
        parts.append(_term_markup(match.group(1), entry, scope))
        last = match.end()
    parts.append(escape(text[last:]))
    return Markup("").join(parts)


def _term_markup(word: str, entry: Entry, scope: str = "") -> Markup:
    if scope:
        pid = f"city-word-{scope}-{entry.key}"
    else:
        counter = g.get("_city_word_n", 0) + 1
        g._city_word_n = counter
        pid = f"city-word-{entry.key}-{counter}"
    from flask_babel import gettext as _

    return Markup(
        '<a class="lexicon-term" href="{href}">{word}</a>'
        '<button type="button" class="lexicon-info" popovertarget="{pid}">'
        '<span aria-hidden="true">?</span><span class="visually-hidden">{what}</span></button>'
        '<span popover id="{pid}" class="lexicon-popover" role="note">'
        "<strong>{term}</strong>: {definition} "
        '<a href="{href}">{more}</a></span>'
    ).format(
        href=url_for("lexicon.show_lexicon", _anchor=entry.key),
        word=word,
        pid=pid,
        what=_("What “%(term)s” means", term=str(entry.term)),
        term=str(entry.term),
        definition=str(entry.definition),
        more=_("The whole entry in the city words"),
    )
