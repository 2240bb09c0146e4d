"""The guiding questions a new opinion piece starts with.

Stored on the piece as codes, so every reader sees them in their own language and a
piece written in Dutch can be discussed by a French-speaking colleague.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

QUESTIONS = {
    "inclusion": _l("What does social inclusion mean to us, in the work we do every day?"),
    "role": _l("What part does our organisation play in strengthening the networks of the people we support?"),
    "not_reached": _l("Who do we not reach today, and what keeps them away from us?"),
    "blind_spots": _l("Where are our own blind spots, as professionals and as a team?"),
    "bridges": _l("Which bridges do we build between people, groups and organisations, and which are still missing?"),
    "change": _l("What do we want to change, and what is the first step we take together?"),
}

DEFAULT_QUESTIONS = tuple(QUESTIONS)


def question_text(code: str) -> str:
    return str(QUESTIONS.get(code, code))
