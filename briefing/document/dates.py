"""Dates written for people: ``2026-12-01`` becomes ``1 December 2026``, by the house style's patterns."""

from __future__ import annotations

import calendar
import re
from typing import Protocol

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_PART = re.compile(r"\{(day|month|year)\}")


class DatePatterns(Protocol):
    """How dates are written: the house style's ``dates`` (:class:`~briefing.style.DateStyle`)."""

    day: str
    month: str
    year: str


class _Default:
    day, month, year = "{day} {month} {year}", "{month} {year}", "{year}"


def _fill(pattern: str, **parts: object) -> str:
    """Only the three documented names are replaced: no format() tricks."""
    return _PART.sub(lambda m: str(parts.get(m.group(1), "")), pattern)


def written_date(text: str | None, style: DatePatterns | None = None) -> str:
    """``1 December 2026``, ``December 2026`` or ``2026`` for an ISO date as precise as known.

    Anything that is not a real YYYY, YYYY-MM or YYYY-MM-DD date (free text such
    as "2025-2029") is returned unchanged: it is never guessed at.
    """
    text = (text or "").strip()
    match = _ISO.match(text)
    if not match:
        return text
    style = style or _Default()
    year, month, day = match.groups()
    if month is None:
        return _fill(style.year, year=int(year))
    number = int(month)
    if not 1 <= number <= 12:
        return text
    name = calendar.month_name[number]
    if day is None:
        return _fill(style.month, month=name, year=int(year))
    if not 1 <= int(day) <= calendar.monthrange(int(year), number)[1]:
        return text
    return _fill(style.day, day=int(day), month=name, year=int(year))
