"""How items and entries read on screen: kind names, titles, staleness and the detail HTML."""

from __future__ import annotations

import datetime as _dt
import html
from typing import Any

from ..content.library import citation

KIND_ORDER = ("pillar", "figure", "quotation", "event", "project")
KIND_LABELS = {"pillar": "Pillar", "figure": "Figure", "quotation": "Quotation", "event": "Event", "project": "Project"}
KIND_PLURALS = {"pillar": "Pillars", "figure": "Figures", "quotation": "Quotations", "event": "Events", "project": "Projects"}


def snapshot_title(snap: dict[str, Any]) -> str:
    """A one-line name for an item snapshot (the same words as ``Item.title``)."""
    for key in ("title", "label", "name"):
        if snap.get(key):
            return str(snap[key])
    speaker = " ".join(p for p in (snap.get("speaker_title"), snap.get("speaker")) if p)
    text = str(snap.get("text", ""))
    return f"{speaker}: {text}".strip(": ") or "(untitled item)"


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


def _p(label: str, value: Any) -> str:
    if value in (None, "", []):
        return ""
    return f"<p style='margin:2px 0'><b>{html.escape(label)}:</b> {html.escape(str(value))}</p>"


def _body(snap: dict[str, Any]) -> str:
    kind = snap.get("item_kind")
    esc = html.escape
    if kind == "pillar":
        messages = "".join(f"<li>{esc(m)}</li>" for m in snap.get("key_messages", []))
        return f"<p>{esc(snap.get('summary', ''))}</p><p><b>Key messages</b></p><ul>{messages}</ul>"
    if kind == "figure":
        value = f"{snap.get('display', '')} {snap.get('unit', '')}".strip()
        return (
            f"<p style='font-size:large'><b>{esc(value)}</b></p>"
            + _p("Qualifier", snap.get("qualifier"))
            + _p("Period", snap.get("period"))
        )
    if kind == "quotation":
        who = " ".join(p for p in (snap.get("speaker_title"), snap.get("speaker")) if p)
        if is_direct(snap):
            text = f"<blockquote>\u201c{esc(snap.get('text', ''))}\u201d</blockquote>"
        else:
            text = f"<p>{esc(who)} {esc(snap.get('verb') or 'said that')} {esc(snap.get('text', ''))}</p>"
        return f"<p><b>{esc(who)}</b>, {esc(snap.get('role', ''))}</p>{text}" + _p("Occasion", snap.get("occasion"))
    parts = [f"<p>{esc(snap.get('summary', ''))}</p>"]
    parts.append(_p("Status", snap.get("status")) if kind == "project" else _p("Type", snap.get("kind")))
    parts.append(_p("Place", snap.get("place")))
    parts.append(_p("Ends", snap.get("end_date")))
    parts.append(_p("Participants", ", ".join(snap.get("participants", []))))
    return "".join(parts)


def detail_html(snap: dict[str, Any], item_id: str, threshold_months: int, today: _dt.date, compact: bool = False) -> str:
    """The full text of an item with its source, paragraph, ``as of`` date and warnings, as HTML."""
    esc = html.escape
    kind = str(snap.get("item_kind", "item"))
    label = quote_label(snap) or KIND_LABELS.get(kind, kind.capitalize())
    badge_colour = "#7c2d12" if is_direct(snap) else "#374151"
    head = f"<p style='margin:0;color:{badge_colour}'><b>{esc(label.upper())}</b></p>"
    if not compact:
        head += f"<h3 style='margin-top:4px'>{esc(snapshot_title(snap))}</h3>"
    warn = ""
    if is_direct(snap):
        warn += "<p style='color:#7c2d12'><i>Verbatim words: they cannot be edited, only annotated with a note.</i></p>"
    if is_stale(snap, threshold_months, today):
        warn += (
            f"<p style='color:#b45309'><b>\u26a0 Stale figure:</b> as of {esc(str(snap.get('as_of')))}, "
            f"more than {threshold_months} months ago. Check for a newer figure.</p>"
        )
    when = as_of(snap)
    meta = _p("As of", when) + _p("Source", citation(snap))
    ref = snap.get("source") or {}
    if ref.get("paragraph"):
        meta += _p("Paragraph", ref["paragraph"])
    if not compact:
        meta += _p("Tags", ", ".join(snap.get("tags", []))) + _p("Level", snap.get("level")) + _p("Id", item_id)
    return head + warn + _body(snap) + "<hr/>" + meta
