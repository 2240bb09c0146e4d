"""Is this a pseudonym, or something that identifies a person?

The team only ever writes a pseudonym ("Mevrouw R.", "Jongen met de fiets"). An e-mail
address or a national register number is refused outright; something that looks like a
full name or a phone number gets a warning, because only the team can tell.
"""

from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l

EMAIL = re.compile(r"[^\s@]+@[^\s@]+\.[^\s@]{2,}")
# Belgian national register number: 11 digits, often written YY.MM.DD-XXX.CC.
NATIONAL_NUMBER = re.compile(r"(?<!\d)\d{2}[.\s/]?\d{2}[.\s/]?\d{2}[-\s./]?\d{3}[.\s/]?\d{2}(?!\d)")
PHONE = re.compile(r"(?:\+|00)?\d[\d\s./()-]{6,}\d")
_WORD = re.compile(r"[^\W\d_][^\W\d_'’-]*[^\W\d_]", re.UNICODE)


def _capitalised_words(text: str) -> list[str]:
    return [w for w in _WORD.findall(text) if w[0].isupper() and w[1:].replace("-", "").islower()]


def problems(pseudonym: str) -> list:
    """Reasons to refuse this pseudonym (it identifies someone for sure)."""
    found = []
    if EMAIL.search(pseudonym):
        found.append(_l("This looks like an e-mail address. Use a pseudonym: never an e-mail address."))
    if NATIONAL_NUMBER.search(pseudonym):
        found.append(_l("This looks like a national register number. Never write it here."))
    return found


def warnings(pseudonym: str) -> list:
    """Reasons to think twice (it may identify someone); saving is still allowed."""
    if problems(pseudonym):
        return []
    found = []
    if len(_capitalised_words(pseudonym)) >= 2:
        found.append(
            _l(
                "This looks like a full name. A pseudonym the person recognises, such as "
                "“Mevrouw R.” or “The man with the bike”, protects them better."
            )
        )
    if sum(c.isdigit() for c in pseudonym) >= 8 and PHONE.search(pseudonym):
        found.append(_l("This looks like a phone number. Leave contact details out of the pseudonym."))
    return found
