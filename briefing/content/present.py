"""How items read to a person, on screen and in templates: kind names, titles, speakers, people, citations and staleness."""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..wording import counted

KIND_ORDER = ("pillar", "figure", "quotation", "event", "project", "person", "line")
KIND_LABELS = {
    "pillar": "Pillar",
    "figure": "Figure",
    "quotation": "Quotation",
    "event": "Event",
    "project": "Project",
    "person": "Person",
    "line": "Line",
}
KIND_PLURALS = {
    "pillar": "Pillars",
    "figure": "Figures",
    "quotation": "Quotations",
    "event": "Events",
    "project": "Projects",
    "person": "People",
    "line": "Lines",
}
_PLACE_LABELS = {"paragraph": "para. {}", "page": "p. {}", "section": "section {}", "table": "table {}"}


def speaker_name(fields: Mapping[str, Any]) -> str:
    """``President Xi Jinping``: a quotation's speaker with the title the source gives.

    The one spelling of a speaker's name: lists, details, the template context and its sources line use it.
    """
    return " ".join(str(p) for p in (fields.get("speaker_title"), fields.get("speaker")) if p)


def person_name(fields: Mapping[str, Any]) -> str:
    """``H.E. Jiang Zaidong``: a person with the title shown before the name."""
    return " ".join(str(p) for p in (fields.get("title"), fields.get("name")) if p)


def item_title(fields: Mapping[str, Any]) -> str:
    """A one-line name for an item (its fields, or a snapshot of them): title, label or name, else speaker and words.

    A person is named with their title ("H.E. Jiang Zaidong"); a line by its question, else its text.
    """
    kind = fields.get("item_kind")
    if kind == "person":
        return person_name(fields) or "(unnamed person)"
    if kind == "line":
        return str(fields.get("question") or fields.get("text") or "(empty line)")
    for key in ("title", "label", "name"):
        if fields.get(key):
            return str(fields[key])
    return f"{speaker_name(fields)}: {fields.get('text') or ''}".strip(": ") or "(untitled item)"


def unit_in_sentence(label: str, unit: str) -> str:
    """A figure's unit as a sentence after its label says it: empty when the label already names it.

    "Patients treated in Gwadar: more than 300,000" rather than "... 300,000
    patients": every word of the unit is a word of the label. A unit with no
    words ("%", "km²") is always said.
    """
    words = _WORDS.findall(unit.casefold())
    if words and set(words) <= set(_WORDS.findall(label.casefold())):
        return ""
    return unit


_WORDS = re.compile(r"[^\W\d_]+")


def quote_label(snap: dict[str, Any]) -> str:
    """``Direct quotation (verbatim)`` or ``Reported statement``; empty for other kinds."""
    if snap.get("item_kind") != "quotation":
        return ""
    return "Direct quotation (verbatim)" if snap.get("kind") == "direct" else "Reported statement"


def is_direct(snap: dict[str, Any]) -> bool:
    return snap.get("item_kind") == "quotation" and snap.get("kind") == "direct"


def as_of(snap: dict[str, Any]) -> str:
    """The date the item speaks for: a figure's ``as_of`` (none if it has only a period), else its own date, else the source's."""
    if snap.get("item_kind") == "figure":
        return str(snap.get("as_of") or "")
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


def review_date(snap: dict[str, Any]) -> str | None:
    """The date an item's staleness is judged by: a figure's ``as_of``, a line's ``last_reviewed``; None for other kinds."""
    kind = snap.get("item_kind")
    if kind == "figure":
        return snap.get("as_of")
    if kind == "line":
        return snap.get("last_reviewed")
    return None


def is_stale(snap: dict[str, Any], threshold_months: int, today: _dt.date) -> bool:
    """True for a figure (``as_of``) or a line (``last_reviewed``) dated more than ``threshold_months`` before ``today``."""
    return is_stale_date(review_date(snap), threshold_months, today)


def is_stale_date(date: str | None, threshold_months: int, today: _dt.date) -> bool:
    """True when ``date`` (a figure's ``as_of``) is more than ``threshold_months`` before ``today``."""
    when = parse_partial(str(date)) if date else None
    return when is not None and months_between(when, today) > threshold_months


def stale_note(snap: dict[str, Any], rule: StaleRule, write_date: Callable[[str | None], str] = str) -> str:
    """What to tell the officer about an item ``rule`` finds stale, its date written by ``write_date``.

    Against the brief's date when the rule is judged on it, else against today.
    """
    before = rule.judged_on()
    older = f"more than {counted(rule.months, 'month')} " + (f"before the brief's date ({before})" if before else "ago")
    if snap.get("item_kind") == "line":
        return f"Stale line: last reviewed {write_date(snap.get('last_reviewed'))}, {older}. Review it before use."
    return f"Stale figure: as of {write_date(snap.get('as_of'))}, {older}. Check for a newer figure."


STALE_MONTHS = 12
"""A figure or line more than this many months older than the brief's date is stale: the app's default, and the CLI's."""
STALE_MONTHS_RANGE = (1, 240)  # the thresholds Settings and ``--stale-months`` accept


@dataclass(frozen=True)
class StaleRule:
    """When a figure or a line is stale: its ``as_of`` (or ``last_reviewed``) date more than ``months`` before ``today()``."""

    months: int = 12
    today: Callable[[], _dt.date] = field(default=_dt.date.today)
    judged_on: Callable[[], str] = field(default=lambda: "")  # the brief's date as written when ``today`` gives it; empty: today

    def stale(self, snap: dict[str, Any]) -> bool:
        """Whether an item snapshot is a stale figure or line."""
        return is_stale(snap, self.months, self.today())

    def stale_date(self, date: str | None) -> bool:
        """Whether a figure ``as_of`` ``date`` is stale."""
        return is_stale_date(date, self.months, self.today())


def origin_citation(snapshot: dict[str, Any], write_date: Callable[[str | None], str] = str) -> str:
    """The source document of an item snapshot: author, title, publication and date (as ``write_date`` writes it)."""
    origin = snapshot.get("origin") or {}
    parts = []
    if origin.get("author"):
        parts.append(str(origin["author"]))
    if origin.get("title"):
        parts.append(f"\u201c{origin['title']}\u201d")
    if origin.get("publication"):
        parts.append(str(origin["publication"]))
    if origin.get("date"):
        parts.append(write_date(str(origin["date"])))
    return ", ".join(parts)


def locator(snapshot: dict[str, Any]) -> str:
    """Where in its source an item is: ``para. 7``, ``p. 12``, ``table 3`` ... with any note."""
    ref = snapshot.get("source") or {}
    place = next((_place_text(key, ref[key]) for key in _PLACE_LABELS if ref.get(key)), "")
    if not place:
        return ""
    return place + (f" ({ref['note']})" if ref.get("note") else "")


def _place_text(key: str, value: Any) -> str:
    """``para. 7``, ``p. 3``, ``table 4``; a section or table named in full (``Table 4``) is kept as it is."""
    if key in ("section", "table") and str(value).lower().startswith(key):
        return str(value)
    return _PLACE_LABELS[key].format(value)


def own_line(snapshot: dict[str, Any], write_date: Callable[[str | None], str] = str) -> str:
    """How one of our own lines is cited: it has no source document."""
    parts = ["our own line"]
    if snapshot.get("owner"):
        parts.append(str(snapshot["owner"]))
    if snapshot.get("last_reviewed"):
        parts.append(f"last reviewed {write_date(str(snapshot['last_reviewed']))}")
    return ", ".join(parts)


def citation(snapshot: dict[str, Any], write_date: Callable[[str | None], str] = str) -> str:
    """The full citation for an item snapshot: source document and place (or, for a line, that it is ours).

    ``write_date`` writes the source's date (and a line's review) for people; by default it is left as stored.
    """
    if snapshot.get("item_kind") == "line":
        return own_line(snapshot, write_date)
    return ", ".join(p for p in (origin_citation(snapshot, write_date), locator(snapshot)) if p) or "source not recorded"
