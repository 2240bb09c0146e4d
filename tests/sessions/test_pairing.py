"""The speeddate's pairing rule over group sizes 2-30 and rounds 1-10."""

from __future__ import annotations

import pytest

from resokit_web.sessions.pairing import met_counts, pair_round


def _rounds(n: int, count: int) -> list[list[list[int]]]:
    rounds: list[list[list[int]]] = []
    for index in range(count):
        rounds.append(pair_round(list(range(100, 100 + n)), index, rounds))
    return rounds


@pytest.mark.parametrize("n", range(2, 31))
@pytest.mark.parametrize("count", [1, 3, 10])
def test_everyone_in_one_group_pairs_and_at_most_one_trio(n, count):
    for groups in _rounds(n, count):
        people = sorted(p for g in groups for p in g)
        assert people == list(range(100, 100 + n))
        sizes = sorted(len(g) for g in groups)
        assert sizes == (sorted([3] + [2] * ((n - 3) // 2)) if n % 2 else [2] * (n // 2))


@pytest.mark.parametrize("n", range(2, 31))
def test_nobody_meets_the_same_person_twice_while_possible(n):
    # Even: the round-robin meets everyone once in n-1 rounds. Odd: a trio adds three
    # meetings a round, so fewer rounds can be fresh (5 people: only one); the search
    # keeps at least (n-3)/2 rounds fresh, up to the 10 a session may plan.
    fresh = min(10, n - 1) if n % 2 == 0 else max(1, min(9, (n - 3) // 2))
    rounds = _rounds(n, 10)
    counts = met_counts(rounds[:fresh])
    assert max(counts.values()) == 1, (n, fresh)


def test_two_people_meet_again_as_there_is_nobody_else():
    assert _rounds(2, 3) == [[[100, 101]]] * 3
