"""What every filtered list shares: filters read from the query string through the list's
filter form, and written back into links (pages, exports, a row's own refresh)."""

from __future__ import annotations

from dataclasses import fields
from typing import TypeVar
from urllib.parse import urlencode

F = TypeVar("F", bound="ListFilters")


class ListFilters:
    """Mixed into an area's ``@dataclass`` of string fields, one per filter-form field."""

    @classmethod
    def names(cls) -> tuple[str, ...]:
        return tuple(f.name for f in fields(cls))

    @classmethod
    def from_args(cls: type[F], args, form_class) -> F:
        """The filters of a query string; a request that filters nothing (every live row
        refresh) skips building and validating the form."""
        if not any(args.get(name) for name in cls.names()):
            return cls()
        return cls.from_form(form_class(args))

    @classmethod
    def from_form(cls: type[F], form) -> F:
        """The form's values, or no filters at all when it does not validate."""
        if not form.validate():
            return cls()
        return cls(**{name: (getattr(form, name).data or "") for name in cls.names()})

    def as_args(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in self.names() if getattr(self, name)}

    def query_string(self, **extra) -> str:
        return urlencode({**extra, **self.as_args()})


def last_page(total: int, size: int) -> int:
    """The number of the last page of ``total`` rows (1 for an empty list)."""
    return max(1, -(-total // size))


def page_within(requested: int, total: int, size: int) -> int:
    """The page to show for ``?page=``: below 1 is the first, past the end the last
    (never an offset beyond the list, which huge numbers would overflow)."""
    return min(max(requested, 1), last_page(total, size))
