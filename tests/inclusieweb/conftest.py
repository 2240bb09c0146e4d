"""The inclusieweb uses the people's fixtures: a web belongs to a person."""

from __future__ import annotations

from ..people.conftest import as_role, person  # noqa: F401  (fixtures shared with people)
