"""The meeting a brief is for, as a template sees it: principal, when and where, who attends; dates written for people."""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable
from typing import Any

from ..brief.model import Attendee, Brief
from ..content.present import STALE_MONTHS, StaleRule, parse_partial
from ..document.dates import written_date
from ..style import DateStyle, load_house_style

_FULL_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def date_style() -> DateStyle:
    """How the house style writes dates."""
    return load_house_style().dates


def written(text: str | None) -> str:
    """A date as people read it (``1 December 2026``); free text such as ``2025-2029`` unchanged."""
    return written_date(text, date_style())


def written_period(text: str | None) -> str:
    """A period with every full date in it written for people: ``30 August 2025 to 4 September 2025``."""
    return _FULL_DATE.sub(lambda m: written(m.group(0)), text or "")


def stale_rule(brief: Brief, months: int = STALE_MONTHS) -> StaleRule:
    """Staleness as of the brief's own date (the meeting's), or today when the brief has no readable date."""
    return following_stale_rule(lambda: brief, months)


def following_stale_rule(brief_of: Callable[[], Brief], months: int, today: Callable[[], _dt.date] = _dt.date.today) -> StaleRule:
    """:func:`stale_rule` for whatever brief ``brief_of`` gives at each question: the app's, as it is opened and edited."""

    def brief_day() -> _dt.date | None:
        date = brief_of().meta.date
        return parse_partial(date) if date else None

    def day() -> _dt.date:
        return brief_day() or today()

    def judged_on() -> str:
        return written(brief_of().meta.date) if brief_day() else ""

    return StaleRule(months, day, judged_on)


def _people(attendees: list[Attendee]) -> list[dict[str, Any]]:
    return [{"name": a.name, "role": a.role, "level": a.level, "line": ", ".join(p for p in (a.name, a.role) if p)} for a in attendees]


def meeting_details(brief: Brief) -> dict[str, Any]:
    """The meeting fields of ``brief.meta`` as plain data, the date written for people (``date_iso`` keeps the original)."""
    meta = brief.meta
    when = ", ".join(part for part in (written(meta.date), meta.time) if part)
    return {
        "date": written(meta.date),
        "date_iso": meta.date,
        "principal": meta.principal,
        "time": meta.time,
        "venue": meta.venue,
        "when": when,
        "attendees": {"ours": _people(meta.attendees.ours), "theirs": _people(meta.attendees.theirs)},
        "order": brief.order,
    }


def attendee_levels(brief: Brief) -> list[str | None]:
    """The levels of every attendee: the banner is at least the highest."""
    return [a.level for a in (*brief.meta.attendees.ours, *brief.meta.attendees.theirs)]
