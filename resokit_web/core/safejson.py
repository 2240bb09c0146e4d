"""Reading JSON that a visitor uploaded: bounded nesting and bounded numbers.

Python's parser follows any depth until the interpreter's recursion limit (an error
that is not a ValueError) and reads ``1e999`` as infinity, ``NaN`` as not-a-number and a
4,000-digit integer as an integer. None of those belong in a map file, and each would
otherwise travel into the database or the page. ``loads`` raises :class:`JSONLimitError`
with a code the caller turns into a message.
"""

from __future__ import annotations

import json
import math
import re

# A FeatureCollection of MultiPolygons is nested eight deep; 32 leaves room for any
# properties a map tool adds.
MAX_DEPTH = 32
# Characters of one number literal: a coordinate with 15 decimals has about 20.
MAX_NUMBER_LENGTH = 40

_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


class JSONLimitError(ValueError):
    """``code`` is "json" (not JSON), "depth" (nested too deep) or "number" (out of range)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def _depth_ok(text: str) -> bool:
    depth = 0
    for match in _TOKENS.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return False
        elif token in "]}":
            depth -= 1
    return True


def _integer(literal: str) -> int:
    if len(literal) > MAX_NUMBER_LENGTH:
        raise JSONLimitError("number")
    return int(literal)


def _float(literal: str) -> float:
    if len(literal) > MAX_NUMBER_LENGTH:
        raise JSONLimitError("number")
    value = float(literal)
    if not math.isfinite(value):
        raise JSONLimitError("number")
    return value


def _constant(name: str):
    raise JSONLimitError("number")  # NaN, Infinity, -Infinity: not JSON, and no number


def loads(text: str):
    if not _depth_ok(text):
        raise JSONLimitError("depth")
    try:
        return json.loads(text, parse_int=_integer, parse_float=_float, parse_constant=_constant)
    except JSONLimitError:
        raise
    except (ValueError, RecursionError):
        raise JSONLimitError("json") from None
