"""Three-way merge of an object's fields: base (where the editor started), theirs (what is
saved now) and yours (what the editor sends).

* A field only one side changed takes that side's value.
* Text fields changed on both sides merge line by line (merge3); overlapping changes
  to the same lines are a conflict.
* List fields (tags) merge as sets: additions and removals of both sides are kept.
* Any other field changed differently on both sides is a conflict.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field as _field
from typing import Any

from merge3 import Merge3

from .diff import passages as split_passages


@dataclass
class FieldConflict:
    field: str
    base: Any
    theirs: Any
    yours: Any
    # For text: both versions of each clashing passage one after the other, as a
    # starting point for a hand-made combination. None for other fields.
    combined: str | None = None
    # For text with a known base: the three-way merge in passages (live/diff.py), so a
    # conflict screen can offer a choice per clashing passage. Empty for other fields.
    passages: list = _field(default_factory=list)


@dataclass
class MergeResult:
    values: dict[str, Any]
    conflicts: list[FieldConflict]
    merged_fields: list[str]  # changed on both sides and combined cleanly

    @property
    def clean(self) -> bool:
        return not self.conflicts


def _lines(text: str | None) -> list[str]:
    """Every line with its newline: n newlines make n + 1 lines, so texts that differ only
    in an empty last line still differ (``splitlines`` would call "a" and "a\n" equal)."""
    return [line + "\n" for line in (text or "").split("\n")]


def _join(lines: list[str]) -> str:
    text = "".join(lines)
    return text[:-1] if text.endswith("\n") else text


def _line_by_line(base: list[str], theirs: list[str], yours: list[str]) -> list[str] | None:
    """merge3 calls neighbouring changes a conflict (diff3's rule). When both sides kept
    the number of lines and no line was changed by both, each line is merged on its own:
    two colleagues who reword two different sentences of a paragraph do not clash."""
    if not (len(base) == len(theirs) == len(yours)):
        return None
    out = []
    for b, t, y in zip(base, theirs, yours):
        if t == b:
            out.append(y)
        elif y in (b, t):
            out.append(t)
        else:
            return None
    return out


def merge_text(base: str | None, theirs: str | None, yours: str | None) -> tuple[str | None, str]:
    """Merge line by line. Returns (merged text or None on conflict, combined text).

    The combined text always exists: clean hunks merged, clashing hunks written as
    their lines followed by yours, so nothing anyone typed is missing from it.
    """
    base_lines, their_lines, your_lines = _lines(base), _lines(theirs), _lines(yours)
    # Same number of lines everywhere (rewording, the common case): line by line, which
    # also sidesteps diff's guesswork about repeated lines such as blank ones.
    whole = _line_by_line(base_lines, their_lines, your_lines)
    if whole is not None:
        merged = _join(whole)
        return merged, merged
    m3 = Merge3(base_lines, their_lines, your_lines)
    out: list[str] = []
    conflict = False
    for group in m3.merge_groups():
        kind = group[0]
        if kind in ("unchanged", "a", "same", "b"):
            out.extend(group[1])
        else:  # ("conflict", base_lines, a_lines, b_lines)
            _, base_lines, theirs_lines, yours_lines = group
            resolved = _line_by_line(base_lines, theirs_lines, yours_lines)
            if resolved is not None:
                out.extend(resolved)
                continue
            conflict = True
            out.extend(theirs_lines)
            out.extend(_without(yours_lines, theirs_lines))
    combined = _join(out)
    return (None if conflict else combined), combined


def _without(lines: list[str], present: list[str]) -> list[str]:
    """``lines`` minus ``present`` counted as a multiset: a line you typed twice stays twice."""
    left = Counter(present)
    out = []
    for line in lines:
        if left[line]:
            left[line] -= 1
        else:
            out.append(line)
    return out


def merge_list(base: list | None, theirs: list | None, yours: list | None) -> list:
    """Set-like merge that keeps the order of ``theirs`` and appends new items of ``yours``."""
    base, theirs, yours = list(base or []), list(theirs or []), list(yours or [])
    fold = lambda items: {str(i).casefold() for i in items}  # noqa: E731
    removed_by_you = fold(base) - fold(yours)
    added_by_you = [i for i in yours if str(i).casefold() not in fold(base) | fold(theirs)]
    kept = [i for i in theirs if str(i).casefold() not in removed_by_you]
    return kept + added_by_you


def three_way(
    base: dict[str, Any] | None,
    theirs: dict[str, Any],
    yours: dict[str, Any],
    *,
    fields: Iterable[str],
    text_fields: Iterable[str] = (),
    list_fields: Iterable[str] = (),
) -> MergeResult:
    """Merge ``yours`` into ``theirs`` given the common ``base`` (None: base unknown)."""
    text_fields, list_fields = set(text_fields), set(list_fields)
    values: dict[str, Any] = {}
    conflicts: list[FieldConflict] = []
    merged_fields: list[str] = []
    for field in fields:
        t = theirs.get(field)
        if field not in yours:
            values[field] = t
            continue
        y = yours[field]
        b = base.get(field) if base is not None else None
        if _same(y, t, field in list_fields):
            values[field] = t
        elif base is not None and _same(y, b, field in list_fields):
            values[field] = t  # you did not touch it
        elif base is not None and _same(t, b, field in list_fields):
            values[field] = y  # only you changed it
        elif base is not None and field in list_fields:
            values[field] = merge_list(b, t, y)
            merged_fields.append(field)
        elif base is not None and field in text_fields:
            merged, combined = merge_text(b, t, y)
            if merged is None:
                conflicts.append(FieldConflict(field, b, t, y, combined, split_passages(b, t, y)))
                values[field] = y
            else:
                values[field] = merged
                merged_fields.append(field)
        else:
            combined = merge_text("", t, y)[1] if field in text_fields else None
            conflicts.append(FieldConflict(field, b, t, y, combined))
            values[field] = y
    return MergeResult(values, conflicts, merged_fields)


def _same(a: Any, b: Any, as_set: bool) -> bool:
    if as_set:
        return [str(i).casefold() for i in a or []] == [str(i).casefold() for i in b or []]
    if isinstance(a, float) or isinstance(b, float):
        if a is None or b is None:
            return a is b
        return abs(float(a) - float(b)) < 1e-9
    return (a or None) == (b or None) if isinstance(a, str) or isinstance(b, str) else a == b
