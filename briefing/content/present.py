"""How items read to a person, on screen and in templates: kind names, titles, speakers, citations and staleness."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

KIND_ORDER = ("pillar", "figure", "quotation", "event", "project")
KIND_LABELS = {"pillar": "Pillar", "figure": "Figure", "quotation": "Quotation", "event": "Event", "project": "Project"}
KIND_PLURALS = {"pillar": "Pillars", "figure": "Figures", "quotation": "Quotations", "event": "Events", "project": "Projects"}


def speaker_name(fields: Mapping[str, Any]) -> str:
    """``President Xi Jinping``: a quotation's speaker with the title the source gives.

    The one spelling of a speaker's name: lists, details, the template context and its sources line use it.
    """
    return " ".join(str(p) for p in (fields.get("speaker_title"), fields.get("speaker")) if p)


def item_title(fields: Mapping[str, Any]) -> str:
    """A one-line name for an item (its fields, or a snapshot of them): title, label or name, else speaker and words."""
    for key in ("title", "label", "name"):
        if fields.get(key):
            return str(fields[key])
    return f"{speaker_name(fields)}: {fields.get('text') or ''}".strip(": ") or "(untitled item)"


def quote_label(snap: dict[str, Any]) -> str:
    """``Direct quotation (verbatim)`` or ``Reported statement``; empty for other kinds."""
    if snap.get("item_kind") != "quotation":
        return ""
    return "Direct quotation (verbatim)" if snap.get("kind") == "direct" else "Reported statement"


def is_direct(snap: dict[str, Any]) -> bool:
    return snap.get("item_kind") == "quotation" and snap.get("kind") == "direct"


def as_of(snap: dict[str, Any]) -> str:
    """The date the item speaks for: a figure's ``as_of``, else its own date, else the source's."""
    for key in ("as_of", "date"):
        if snap.get(key):
            return str(snap[key])
    return str((snap.get("origin") or {}).get("date") or "")


def parse_partial(date: str) -> _dt.date | None:
    """``2025``, ``2025-09`` or ``2025-09-14`` as the first day it can mean; None if unreadable."""
    parts = date.split("-")
    try:
        numbers = [int(p) for p in parts[:3]]
        return _dt.date(numbers[0], numbers[1] if len(numbers) > 1 else 1, numbers[2] if len(numbers) > 2 else 1)
    except (ValueError, IndexError):
        return None


def months_between(earlier: _dt.date, later: _dt.date) -> int:
    """Whole months from ``earlier`` to ``later`` (negative if ``earlier`` is later)."""
    months = (later.year - earlier.year) * 12 + (later.month - earlier.month)
    if later.day < earlier.day:
        months -= 1
    return months


def is_stale(snap: dict[str, Any], threshold_months: int, today: _dt.date) -> bool:
    """True for a figure whose ``as_of`` date is more than ``threshold_months`` before ``today``."""
    return snap.get("item_kind") == "figure" and is_stale_date(snap.get("as_of"), threshold_months, today)


def is_stale_date(date: str | None, threshold_months: int, today: _dt.date) -> bool:
    """True when ``date`` (a figure's ``as_of``) is more than ``threshold_months`` before ``today``."""
    when = parse_partial(str(date)) if date else None
    return when is not None and months_between(when, today) > threshold_months


@dataclass(frozen=True)
class StaleRule:
    """When a figure is stale: its ``as_of`` date more than ``months`` before ``today()``."""

    months: int = 12
    today: Callable[[], _dt.date] = field(default=_dt.date.today)

    def stale(self, snap: dict[str, Any]) -> bool:
        """Whether an item snapshot is a stale figure."""
        return is_stale(snap, self.months, self.today())

    def stale_date(self, date: str | None) -> bool:
        """Whether a figure ``as_of`` ``date`` is stale."""
        return is_stale_date(date, self.months, self.today())


def origin_citation(snapshot: dict[str, Any]) -> str:
    """The source document of an item snapshot: author, title, publication and date."""
    origin = snapshot.get("origin") or {}
    parts = []
    if origin.get("author"):
        parts.append(str(origin["author"]))
    if origin.get("title"):
        parts.append(f"\u201c{origin['title']}\u201d")
    for key in ("publication", "date"):
        if origin.get(key):
            parts.append(str(origin[key]))
    return ", ".join(parts)


def locator(snapshot: dict[str, Any]) -> str:
    """Where in its source an item is: ``para. 7`` with any note."""
    ref = snapshot.get("source") or {}
    if not ref.get("paragraph"):
        return ""
    return f"para. {ref['paragraph']}" + (f" ({ref['note']})" if ref.get("note") else "")


def citation(snapshot: dict[str, Any]) -> str:
    """The full citation for an item snapshot: source document and paragraph."""
    return ", ".join(p for p in (origin_citation(snapshot), locator(snapshot)) if p) or "source not recorded"
