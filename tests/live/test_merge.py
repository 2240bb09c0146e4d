"""The merge rules of DESIGN.md §5, as examples and as Hypothesis properties."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from resokit_web.live.merge import merge_list, merge_text, three_way

FIELDS = ("name", "description", "tags", "lat")
TEXT, LISTS = ("description",), ("tags",)

lines = st.lists(st.text(alphabet="abc xyz.", min_size=0, max_size=8), min_size=0, max_size=6)
texts = lines.map("\n".join)
tags = st.lists(st.sampled_from(["koffie", "Koffie", "thee", "markt", "zondag", "FR"]), max_size=5, unique=True)
objects = st.fixed_dictionaries(
    {
        "name": st.text(max_size=10),
        "description": texts,
        "tags": tags,
        "lat": st.one_of(st.none(), st.floats(-90, 90, allow_nan=False)),
    }
)


def merge(base, theirs, yours):
    return three_way(base, theirs, yours, fields=FIELDS, text_fields=TEXT, list_fields=LISTS)


@given(objects, objects)
def test_merging_a_change_with_itself_gives_it_back(base, change):
    result = merge(base, change, change)
    assert result.clean
    for field in FIELDS:
        if field == "lat" and change["lat"] is not None:
            assert abs(result.values["lat"] - change["lat"]) < 1e-9
        else:
            assert result.values[field] == change[field]


@given(objects, objects)
def test_a_one_sided_change_always_wins(base, yours):
    # Theirs is the base: only you changed something.
    result = merge(base, dict(base), yours)
    assert result.clean
    assert result.values["description"] == yours["description"]
    assert result.values["name"] == yours["name"] or (not result.values["name"] and not yours["name"])
    assert [t.casefold() for t in result.values["tags"]] == [t.casefold() for t in yours["tags"]]


@given(objects, objects)
def test_their_one_sided_change_is_kept(base, theirs):
    # You sent the base back unchanged: nothing of theirs is undone.
    result = merge(base, theirs, dict(base))
    assert result.clean
    assert result.values["description"] == theirs["description"]
    assert result.values["tags"] == theirs["tags"]


@given(tags, tags, tags)
def test_list_merge_keeps_both_sides_additions(base, theirs, yours):
    merged = {t.casefold() for t in merge_list(base, theirs, yours)}
    fold = lambda items: {t.casefold() for t in items}  # noqa: E731
    assert fold(theirs) - fold(base) <= merged
    assert fold(yours) - fold(base) <= merged
    # and a tag removed by you (and still in theirs) goes
    assert not (fold(base) - fold(yours)) & merged - fold(yours) - (fold(theirs) - fold(base))


@settings(max_examples=200)
@given(lines, st.data())
def test_changes_to_different_lines_merge_cleanly(base_lines, data):
    if len(base_lines) < 2:
        base_lines = base_lines + ["one", "two"]
    i = data.draw(st.integers(0, len(base_lines) - 1))
    j = data.draw(st.integers(0, len(base_lines) - 1).filter(lambda k: k != i))
    theirs = list(base_lines)
    theirs[i] = "THEIRS"
    yours = list(base_lines)
    yours[j] = "YOURS"
    merged, _ = merge_text("\n".join(base_lines), "\n".join(theirs), "\n".join(yours))
    assert merged is not None
    assert "THEIRS" in merged and "YOURS" in merged


@given(texts, texts, texts)
def test_the_combined_text_never_loses_a_line(base, theirs, yours):
    merged, combined = merge_text(base, theirs, yours)
    assert merged is None or merged == combined
    # Lines as the merge counts them: n newlines make n + 1 lines.
    for line in theirs.split("\n") + yours.split("\n"):
        if line not in base.split("\n"):
            assert line in combined.split("\n")


def test_two_colleagues_reword_different_sentences():
    base = "Open op dinsdag.\nKoffie gratis.\nIedereen welkom."
    theirs = "Open op dinsdag en donderdag.\nKoffie gratis.\nIedereen welkom."
    yours = "Open op dinsdag.\nKoffie gratis.\nIedereen is welkom, ook kinderen."
    result = merge({"description": base}, {"description": theirs}, {"description": yours})
    assert result.clean and result.merged_fields == ["description"]
    assert (
        result.values["description"]
        == "Open op dinsdag en donderdag.\nKoffie gratis.\nIedereen is welkom, ook kinderen."
    )


def test_the_same_sentence_changed_twice_is_a_conflict_with_both_versions():
    base = {"description": "Open op dinsdag."}
    result = merge(base, {"description": "Open op woensdag."}, {"description": "Open op vrijdag."})
    assert not result.clean
    conflict = result.conflicts[0]
    assert (conflict.field, conflict.theirs, conflict.yours) == ("description", "Open op woensdag.", "Open op vrijdag.")
    assert "woensdag" in conflict.combined and "vrijdag" in conflict.combined


def test_a_plain_field_changed_on_both_sides_is_a_conflict():
    result = merge({"name": "Café"}, {"name": "Café Nord"}, {"name": "Café Zuid"})
    assert [c.field for c in result.conflicts] == ["name"]
    assert result.values["name"] == "Café Zuid"  # the proposal keeps what you typed


def test_without_a_base_any_difference_is_a_conflict():
    result = three_way(None, {"name": "A"}, {"name": "B"}, fields=("name",))
    assert not result.clean
