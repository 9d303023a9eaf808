"""Exports of the merged dataset: CSV (spreadsheet-safe, atomic), JSON, iCalendar."""

from __future__ import annotations

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """A CSV cell a spreadsheet will never run as a formula (OWASP: prefix a quote)."""
    s = "" if value is None else str(value)
    return "'" + s if s.startswith(_FORMULA_START) else s
