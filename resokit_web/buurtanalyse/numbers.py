"""Figures as the reader's language writes numbers (12,5 in Dutch and French, 12.5 in English)."""

from __future__ import annotations

from babel.numbers import format_decimal

from ..core.i18n import formatting_locale


def figure_number(value: float | None) -> str:
    if value is None:
        return ""
    return format_decimal(value, format="#,##0.##", locale=formatting_locale())


def figure_change(value: float | None) -> str:
    """A change with its sign: +3, −1,5, 0."""
    if value is None:
        return ""
    if value == 0:
        return figure_number(0)
    text = figure_number(abs(value))
    return f"+{text}" if value > 0 else f"\u2212{text}"
