"""Is a password guessable? zxcvbn (offline, Dropbox's estimator) with the user's own
e-mail address and name as words to avoid, and a reason in the reader's language.

zxcvbn's own feedback is English only; we name the weakest pattern it found instead.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable

from flask_babel import lazy_gettext as _l
from zxcvbn import zxcvbn

# zxcvbn's score: 0 (too guessable) … 4 (very unguessable). 3 is "safely unguessable":
# about 10^10 guesses, out of reach of an online attack and a slow hash.
MIN_SCORE = 3
# zxcvbn refuses longer input; past this a password is long enough to judge by its start.
_ZXCVBN_MAX = 72
# zxcvbn keeps the words to avoid in a module-level dictionary: one estimate at a time.
_lock = threading.Lock()

REASONS = {
    "user_inputs": _l("It contains your name or your e-mail address."),
    "repeat": _l("It repeats the same characters or pieces (like “aaaa” or “abcabc”)."),
    "sequence": _l("It contains a simple sequence (like “1234” or “abcd”)."),
    "spatial": _l("It follows the keyboard (like “qwerty” or “azerty”)."),
    "date": _l("It contains a date or a year, which is easy to guess."),
    "passwords": _l("It is, or looks like, one of the most common passwords."),
    "words": _l("It is made of a few common words or names."),
    "short": _l("It is too easy to guess."),
}
_ORDER = ("user_inputs", "repeat", "sequence", "spatial", "date", "passwords", "words")


def _own_words(inputs: Iterable[str | None]) -> list[str]:
    words = []
    for value in inputs:
        if not value:
            continue
        words.append(value)
        words.extend(part for part in re.split(r"[\W_]+", value) if len(part) >= 3)
    return words


def _kind(match: dict) -> str:
    pattern = match.get("pattern")
    if pattern == "dictionary":
        name = match.get("dictionary_name")
        return name if name in ("user_inputs", "passwords") else "words"
    if pattern == "regex":  # zxcvbn's only regex is "recent year"
        return "date"
    return pattern


def weakness(password: str, user_inputs: Iterable[str | None] = ()) -> str | None:
    """None when ``password`` is hard enough to guess, else why not (a translated text).

    Beyond zxcvbn's score, a password made mostly of the person's own name and address
    ("samir.haddad2026") is refused too: whoever targets them knows both."""
    with _lock:
        result = zxcvbn(password[:_ZXCVBN_MAX], user_inputs=_own_words(user_inputs))
    covered: dict[str, int] = {}
    for match in result["sequence"]:
        kind = _kind(match)
        if kind in REASONS:
            covered[kind] = covered.get(kind, 0) + len(match["token"])
    own = covered.get("user_inputs", 0) * 2 > len(password[:_ZXCVBN_MAX])
    if result["score"] >= MIN_SCORE and not own:
        return None
    if own:
        return str(REASONS["user_inputs"])
    if not covered:
        return str(REASONS["short"])
    # The pattern that makes up most of the password is the one to name.
    kind = max(covered, key=lambda k: (covered[k], -_ORDER.index(k)))
    return str(REASONS[kind])
