"""Dates as packs and briefs write them (YYYY, YYYY-MM or YYYY-MM-DD), which must be real calendar dates."""

from __future__ import annotations

import calendar
from typing import Annotated

from pydantic import AfterValidator, StringConstraints

DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"


def real_date(text: str) -> str:
    """``text`` unchanged if it names a real year, month or day; a ValueError saying what is wrong otherwise."""
    parts = [int(part) for part in text.split("-")]
    year, month, day = [*parts, None, None][:3]
    if year < 1:
        raise ValueError(f"{text} is not a real date: there is no year 0")
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"{text} is not a real date: there is no month {month} (write YYYY-MM-DD)")
    if day is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
        raise ValueError(f"{text} is not a real date: {calendar.month_name[month]} {year} has no day {day}")
    return text


def _real_date_or_empty(text: str) -> str:
    return real_date(text) if text else text


Date = Annotated[str, StringConstraints(pattern=DATE_PATTERN), AfterValidator(real_date)]
"""A pack's date: YYYY, YYYY-MM or YYYY-MM-DD, as precise as known, and real."""

BriefDate = Annotated[str, StringConstraints(pattern=r"^(\d{4}(-\d{2}(-\d{2})?)?)?$"), AfterValidator(_real_date_or_empty)]
"""A brief's date: like a pack's, or empty for none."""
