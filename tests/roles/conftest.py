"""Roles and matches use the people's fixtures: a match is a person and a role."""

from __future__ import annotations

from ..people.conftest import as_role, match, person, role  # noqa: F401  (fixtures shared with people)
