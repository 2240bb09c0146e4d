"""Which open roles fit a person, and why: a transparent score of shared tags.

The score of a role is the number of its tags that share a word stem (see
:mod:`resokit_web.roles.normalise`) with any of the person's talents, interests or
strengths. Roles are ranked by score (highest first), then by title. Each suggestion
carries its reason: the role's tags it shares and the person's words they met.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .normalise import stems


@dataclass
class Shared:
    role_tag: str
    person_tags: list[str]


@dataclass
class Suggestion:
    role: object
    shared: list[Shared] = field(default_factory=list)

    @property
    def score(self) -> int:
        return len(self.shared)

    @property
    def shared_tags(self) -> list[str]:
        return [s.role_tag for s in self.shared]


def shared_tags(person_tags: Iterable[str], role_tags: Iterable[str]) -> list[Shared]:
    """The role's tags that meet one of the person's tags, each with the words it met."""
    person = [(tag, stems(tag)) for tag in person_tags]
    found = []
    for role_tag in role_tags:
        role_stems = stems(role_tag)
        met = [tag for tag, s in person if s & role_stems]
        if met:
            found.append(Shared(role_tag, met))
    return found


def rank(
    person_tags: Sequence[str], roles: Iterable, *, tags_of=lambda r: r.tags, title_of=lambda r: r.title
) -> list[Suggestion]:
    """Every role as a suggestion, best first: more shared tags first, then by title."""
    suggestions = [Suggestion(role, shared_tags(person_tags, tags_of(role))) for role in roles]
    return sorted(suggestions, key=lambda s: (-s.score, (title_of(s.role) or "").casefold()))
