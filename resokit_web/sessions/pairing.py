"""Speeddate pairs: round-robin, so nobody meets the same person twice while that is possible.

The circle method first: with an even number of people, rounds 1 to n-1 pair everyone
with everyone exactly once; with an odd number the person facing the empty seat joins
the pair they met least (a trio, so no one waits alone). When that round would bring two
people together again (an odd count, people who joined late), a search for groups in
which nobody meets someone a second time; only when there are none, the circle's round.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence


def met_counts(rounds: Iterable[Sequence[Sequence[int]]]) -> Counter:
    """How often each two people met in ``rounds`` (a round is a list of groups)."""
    counts: Counter = Counter()
    for groups in rounds:
        for group in groups:
            for i, a in enumerate(group):
                for b in group[i + 1 :]:
                    counts[frozenset((a, b))] += 1
    return counts


# Search steps before falling back to the circle (keeps a round well under a millisecond or so).
SEARCH_LIMIT = 200_000


def pair_round(people: Sequence[int], index: int, earlier: Sequence[Sequence[Sequence[int]]] = ()) -> list[list[int]]:
    """The groups of round ``index`` (0-based) for ``people``; ``earlier`` are the rounds
    already held."""
    met = met_counts(earlier)
    circle = _circle(people, index, met)
    if not any(met[frozenset((a, b))] for a, b in _meetings(circle)):
        return circle  # the plain round-robin still meets only new people: its order is best
    fresh = _fresh_groups(sorted(set(people)), index, met)
    return fresh if fresh is not None else circle


def _meetings(groups: Sequence[Sequence[int]]) -> list[tuple[int, int]]:
    return [(a, b) for g in groups for i, a in enumerate(g) for b in g[i + 1 :]]


def _fresh_groups(people: list[int], index: int, met: Counter) -> list[list[int]] | None:
    """Groups where no two people met before, or None."""
    if len(people) < 2:
        return [list(people)] if people else []
    # A different starting order each round spreads who meets whom.
    shift = index % len(people)
    order = people[shift:] + people[:shift]
    odd = len(order) % 2 == 1
    steps = 0
    groups: list[list[int]] = []
    left = set(order)

    def unmet(a: int, b: int) -> bool:
        return not met[frozenset((a, b))]

    def search(trio_left: bool) -> bool:
        nonlocal steps
        if not left:
            return not trio_left
        steps += 1
        if steps > SEARCH_LIMIT:
            return False
        first = next(p for p in order if p in left)
        left.discard(first)
        others = [p for p in order if p in left and unmet(first, p)]
        for q in others:
            left.discard(q)
            groups.append([first, q])
            if search(trio_left):
                return True
            groups.pop()
            if trio_left:
                for r in others:
                    if r in left and r != q and unmet(q, r):
                        left.discard(r)
                        groups.append([first, q, r])
                        if search(False):
                            return True
                        groups.pop()
                        left.add(r)
            left.add(q)
        left.add(first)
        return False

    if not search(odd):
        return None
    return sorted(sorted(g) for g in groups)


def _circle(people: Sequence[int], index: int, met: Counter) -> list[list[int]]:
    seats: list[int | None] = sorted(set(people))
    if len(seats) < 2:
        return [list(seats)] if seats else []
    if len(seats) % 2:
        seats.append(None)
    size = len(seats)
    turn = index % (size - 1)
    rest = seats[1:]
    circle = [seats[0], *rest[turn:], *rest[:turn]]
    pairs: list[list[int]] = []
    alone: int | None = None
    for i in range(size // 2):
        a, b = circle[i], circle[size - 1 - i]
        if a is None or b is None:
            alone = b if a is None else a
        else:
            pairs.append(sorted((a, b)))
    if alone is not None:
        best = min(
            range(len(pairs)),
            key=lambda k: (sum(met[frozenset((alone, other))] for other in pairs[k]), k),
        )
        pairs[best] = sorted([*pairs[best], alone])
    return pairs
