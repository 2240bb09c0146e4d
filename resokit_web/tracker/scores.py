"""The numbers of a round, as plain functions of the answers (unit-tested by hand).

A statement's answers are ``"1"``…``"5"`` or ``"unknown"``. "I don't know" counts in the
distribution and in who answered, never in the median, the spread or the score.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass

VALUES = ("1", "2", "3", "4", "5", "unknown")


@dataclass(frozen=True)
class StatementScore:
    distribution: dict[str, int]  # every value of VALUES → how many chose it
    answered: int  # everyone who answered, "I don't know" included
    median: float | None
    spread: float | None  # the population standard deviation of the known answers

    @property
    def known(self) -> int:
        return self.answered - self.distribution["unknown"]


def statement_score(values: Iterable[str]) -> StatementScore:
    distribution = dict.fromkeys(VALUES, 0)
    for value in values:
        distribution[value] += 1
    numbers = [int(v) for v in VALUES[:5] for _ in range(distribution[v])]
    answered = sum(distribution.values())
    if not numbers:
        return StatementScore(distribution, answered, None, None)
    return StatementScore(distribution, answered, statistics.median(numbers), round(statistics.pstdev(numbers), 2))


def block_score(values: Iterable[str]) -> int | None:
    """0 (everyone: "not at all") to 100 (everyone: "fully, and anchored"), rounded."""
    numbers = [int(v) for v in values if v != "unknown"]
    if not numbers:
        return None
    return round(sum((n - 1) * 25 for n in numbers) / len(numbers))


def disagreement_order(scores: dict[int, StatementScore]) -> list[int]:
    """Statement ids, where the team disagrees most first (the spread, then the widest
    range of answers); statements nobody could score come last."""

    def key(item):
        statement_id, score = item
        if score.spread is None:
            return (1, 0, 0, statement_id)
        used = [int(v) for v in VALUES[:5] if score.distribution[v]]
        return (0, -score.spread, -(max(used) - min(used)), statement_id)

    return [statement_id for statement_id, _ in sorted(scores.items(), key=key)]
