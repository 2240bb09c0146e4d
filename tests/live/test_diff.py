"""The one diff: history views' (op, line) pairs are the line diff, unfolded."""

from __future__ import annotations

from resokit_web.live.diff import line_diff, text_diff

BEFORE = "\n".join(f"regel {i}" for i in range(12))
AFTER = BEFORE.replace("regel 5", "regel vijf") + "\nnieuw"


def test_history_pairs_are_the_line_diff_without_folding():
    pairs = text_diff(BEFORE, AFTER)
    assert [(line.op, line.text) for line in line_diff(BEFORE, AFTER, context=None).lines] == pairs
    assert ("removed", "regel 5") in pairs and ("added", "regel vijf") in pairs and pairs[-1] == ("added", "nieuw")
    assert len([op for op, _ in pairs if op == "same"]) == 11
    assert any(line.op == "skipped" for line in line_diff(BEFORE, AFTER).lines)  # the folded one for opinions


def test_an_empty_side_is_all_added_or_all_removed():
    assert text_diff(None, "a\nb") == [("added", "a"), ("added", "b")]
    assert text_diff("a", "") == [("removed", "a")]


# Passages: a three-way clash split so each clashing passage gets its own choice.

from resokit_web.live.diff import compose, passages  # noqa: E402


def chosen(parts, pick):
    return compose(p.lines if not p.conflict else getattr(p, pick) for p in parts)


def test_passages_merge_what_only_one_side_changed_and_isolate_the_clash():
    base = "Inclusie is samen.\n\nWe bouwen bruggen.\n\nWe luisteren eerst.\n"
    theirs = "Inclusie is samen, met de buurt.\n\nWe bouwen stevige bruggen.\n\nWe luisteren eerst.\n"
    yours = "Inclusie is samen.\n\nWe bouwen bruggen naar buren.\n\nWe luisteren eerst, dan doen we.\n"
    parts = passages(base, theirs, yours)
    clashes = [p for p in parts if p.conflict]
    assert len(clashes) == 1
    assert clashes[0].theirs == ["We bouwen stevige bruggen."]
    assert clashes[0].yours == ["We bouwen bruggen naar buren."]
    assert clashes[0].base == ["We bouwen bruggen."]
    # The merged parts are in place around it: the colleague's first line, my last one.
    assert parts[0].lines == ["Inclusie is samen, met de buurt.", ""] and not parts[0].conflict
    assert parts[-1].lines == ["", "We luisteren eerst, dan doen we.", ""]
    assert chosen(parts, "theirs") == theirs.replace("We luisteren eerst.", "We luisteren eerst, dan doen we.")
    assert chosen(parts, "yours") == yours.replace("Inclusie is samen.", "Inclusie is samen, met de buurt.")


def test_passages_with_lines_added_and_removed_keep_every_clean_change():
    base = "a\nb\nc\nd\ne\nf\ng"
    theirs = "a\nB (theirs)\nc\nd\ne\nf\ng\nh (theirs, new)"  # reworded b, added h
    yours = "new first\na\nB (mine)\nc\ne\nf\ng"  # added a first line, reworded b, removed d
    parts = passages(base, theirs, yours)
    clashes = [p for p in parts if p.conflict]
    assert [(p.theirs, p.yours) for p in clashes] == [(["B (theirs)"], ["B (mine)"])]
    assert chosen(parts, "yours") == "new first\na\nB (mine)\nc\ne\nf\ng\nh (theirs, new)"
    assert chosen(parts, "theirs") == "new first\na\nB (theirs)\nc\ne\nf\ng\nh (theirs, new)"


def test_two_clashes_are_two_passages_and_the_same_change_on_both_sides_is_no_clash():
    base = "one\ntwo\nthree\nfour\nfive\nsix"
    theirs = "ONE\ntwo\nthree\nfour\nfive\nSIX!"
    yours = "One.\ntwo\nthree\nFOUR\nfive\nsix?\nseven"
    parts = passages(base, theirs, yours)
    assert [(p.theirs, p.yours) for p in parts if p.conflict] == [(["ONE"], ["One."]), (["SIX!"], ["six?", "seven"])]
    assert [p.lines for p in parts if not p.conflict] == [["two", "three", "FOUR", "five"]]
    same = passages("a\nb", "a\nB\nc", "a\nB\nc")
    assert [p.conflict for p in same] == [False] and same[0].lines == ["a", "B", "c"]


def test_a_clash_keeps_its_common_start_and_end_merged_and_offers_both_to_edit():
    parts = passages("x\ny", "x\nsame start\nTHEIRS\nsame end", "x\nsame start\nMINE\nsame end\nmore")
    clash = next(p for p in parts if p.conflict)
    assert clash.theirs == ["THEIRS", "same end"] and clash.yours == ["MINE", "same end", "more"]
    assert "THEIRS" in clash.both_text and "MINE" in clash.both_text
    assert parts[0].lines[:2] == ["x", "same start"]


def test_no_clash_at_all_is_one_merged_passage_and_empty_texts_are_fine():
    assert [p.lines for p in passages("a\nb", "a\nb", "a\nb\nc")] == [["a", "b", "c"]]
    assert compose(p.lines for p in passages(None, "", "")) == ""
    parts = passages(None, "theirs", "mine")
    assert [p.conflict for p in parts] == [True] and chosen(parts, "yours") == "mine"
