"""Scores and spread, with answers computed by hand."""

from __future__ import annotations

from resokit_web.tracker.scores import block_score, disagreement_order, statement_score


def test_distribution_median_and_spread():
    score = statement_score(["1", "5", "5", "unknown", "3"])
    assert score.distribution == {"1": 1, "2": 0, "3": 1, "4": 0, "5": 2, "unknown": 1}
    assert score.answered == 5 and score.known == 4
    # Known answers 1, 3, 5, 5: median (3 + 5) / 2 = 4; mean 3.5, deviations² 6.25 0.25 2.25 2.25 → 11/4, √2.75
    assert score.median == 4
    assert score.spread == 1.66


def test_agreement_has_no_spread_and_unknown_only_has_no_score():
    assert statement_score(["4", "4", "4"]).spread == 0
    nobody = statement_score(["unknown", "unknown"])
    assert nobody.median is None and nobody.spread is None and nobody.answered == 2


def test_block_score_from_0_to_100():
    assert block_score(["1", "1"]) == 0
    assert block_score(["5", "5", "unknown"]) == 100
    # (1−1)·25, (3−1)·25, (4−1)·25 → 0, 50, 75: mean 41.67 → 42
    assert block_score(["1", "3", "4"]) == 42
    assert block_score(["unknown"]) is None and block_score([]) is None


def test_disagreement_first():
    scores = {
        1: statement_score(["3", "3", "3"]),
        2: statement_score(["1", "5", "1", "5"]),
        3: statement_score(["unknown"]),
        4: statement_score(["2", "4", "3"]),
    }
    assert disagreement_order(scores) == [2, 4, 1, 3]
