"""How tags are compared: a small, documented normaliser, not a black box.

Two tags are the same word when their *stems* are equal. A stem is made in four steps:

1. lower case, accents removed (é → e, ï → i), anything but letters and digits becomes a space;
2. split into words and drop filler words (de, het, voor, la, les, pour, samen, ensemble, …);
3. for each word, strip the first matching ending of the list below (longest first), as long
   as at least three letters stay: Dutch diminutives (-etje, -tje, -je), verb and noun
   endings (-ieren, -eren, -ing, -en, -er, -ster, and -t or -s after some letters) and French ones (-ation, -age,
   -iere, -ier, -euse, -eur, -atrice, -ateur, -er, -e, -s, -x);
4. a doubled vowel before the last consonant becomes single (kook → kok) and a doubled last
   consonant single (bakk → bak);

and steps 3–4 repeat until nothing changes, so normalising a stem again gives the same stem.
Examples: koken, kok, kookt, kookster → kok; tuin, tuintje, tuinieren, tuinier → tuin;
cuisine, cuisiner, cuisinière → cuisin; jardin, jardinage, jardinier → jardin.

It errs on the generous side (two different words can share a stem); a suggestion always
shows the words it found in common, so the team sees why and judges for itself.
"""

from __future__ import annotations

import re
import unicodedata

STOP_WORDS = frozenset(
    [
        "de",
        "het",
        "een",
        "en",
        "of",
        "met",
        "van",
        "voor",
        "in",
        "op",
        "aan",
        "bij",
        "om",
        "te",
        "naar",
        "door",
        "uit",
        "als",
        "ook",
        "samen",
        "le",
        "la",
        "les",
        "l",
        "un",
        "une",
        "des",
        "du",
        "de",
        "d",
        "et",
        "ou",
        "avec",
        "pour",
        "dans",
        "sur",
        "au",
        "aux",
        "a",
        "en",
        "ensemble",
        "the",
        "a",
        "an",
        "and",
        "or",
        "with",
        "of",
        "for",
        "in",
        "on",
        "at",
        "to",
        "together",
    ]
)

# Longest first, so "ieren" is tried before "en".
ENDINGS = tuple(
    sorted(
        {
            # Dutch
            "etje",
            "tje",
            "pje",
            "je",
            "ieren",
            "eren",
            "ing",
            "ster",
            "en",
            "er",
            "t",
            "s",
            # French
            "ation",
            "age",
            "iere",
            "ier",
            "euse",
            "eur",
            "atrice",
            "ateur",
            "e",
            "x",
        },
        key=lambda e: (-len(e), e),
    )
)

MIN_STEM = 3
_NON_WORD = re.compile(r"[^a-z0-9]+")
_DOUBLE_VOWEL = re.compile(r"(aa|ee|oo|uu)([^aeiou])$")
_DOUBLE_CONSONANT = re.compile(r"([^aeiou])\1$")


def fold(text: str) -> str:
    """Lower case without accents, only letters, digits and single spaces."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(_NON_WORD.sub(" ", plain).split())


# A bare -t or -s only goes after these letters: "kookt" and "koks" lose it, "sport",
# "kunst" and "fiets" keep it (otherwise the repetition would eat them letter by letter).
_T_AFTER = frozenset("bdfgklmp")
_S_AFTER = frozenset("abcdefghijklmnopqruvwxyz")  # not after s or t


def _may_strip(word: str, ending: str) -> bool:
    if len(word) - len(ending) < MIN_STEM or not word.endswith(ending):
        return False
    before = word[-len(ending) - 1]
    if ending == "t":
        return before in _T_AFTER
    if ending == "s":
        return before in _S_AFTER
    return True


def _step(word: str) -> str:
    for ending in ENDINGS:
        if _may_strip(word, ending):
            word = word[: -len(ending)]
            break
    word = _DOUBLE_VOWEL.sub(lambda m: m.group(1)[0] + m.group(2), word)
    if len(word) > MIN_STEM:
        word = _DOUBLE_CONSONANT.sub(r"\1", word)
    return word


def stem(word: str) -> str:
    """The stem of one folded word (a fixed point: ``stem(stem(w)) == stem(w)``)."""
    if word.isdigit():
        return word
    while True:
        shorter = _step(word)
        if shorter == word:
            return word
        word = shorter


def stems(tag: str) -> frozenset[str]:
    """The stems of a tag's words, filler words left out (all words if only filler)."""
    words = fold(tag).split()
    content = [w for w in words if w not in STOP_WORDS] or words
    found = {stem(w) for w in content}
    # A stem can itself be a filler word ("eet" → "et"): drop those too, or normalising
    # the result again would drop them then and the normaliser would not be idempotent.
    return frozenset({s for s in found if s not in STOP_WORDS} or found)


def normalise(tag: str) -> str:
    """A tag's comparable form: its stems, sorted and joined. Idempotent."""
    return " ".join(sorted(stems(tag)))
