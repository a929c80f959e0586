"""The detail pane's HTML for an item or entry: its full text, source, dates and warnings."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from ..content.present import (
    KIND_LABELS,
    StaleRule,
    as_of,
    citation,
    is_direct,
    item_title,
    person_name,
    quote_label,
    speaker_name,
    stale_note,
)
from ..document.dates import written_date
from .source_words import source_words_html


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
        who = speaker_name(snap)
        if is_direct(snap):
            text = f"<blockquote>\u201c{esc(snap.get('text', ''))}\u201d</blockquote>"
        else:
            text = f"<p>{esc(who)} {esc(snap.get('verb') or 'said that')} {esc(snap.get('text', ''))}</p>"
        return f"<p><b>{esc(who)}</b>, {esc(snap.get('role', ''))}</p>{text}" + _p("Occasion", snap.get("occasion"))
    if kind == "person":
        who = f"<p><b>{esc(person_name(snap))}</b>, {esc(snap.get('role', ''))}</p>"
        return who + _p("Organisation", snap.get("organisation")) + (f"<p>{esc(snap['bio'])}</p>" if snap.get("bio") else "")
    if kind == "line":
        label = "If asked" if snap.get("kind") == "if-asked" else "Line to take"
        question = f"<p><b>{esc(snap['question'])}</b></p>" if snap.get("question") else ""
        return f"<p><i>{label}</i></p>{question}<p>{esc(snap.get('text', ''))}</p>" + _p("Owner", snap.get("owner"))
    parts = [f"<p>{esc(snap.get('summary', ''))}</p>"]
    parts.append(_p("Status", snap.get("status")) if kind == "project" else _p("Type", snap.get("kind")))
    parts.append(_p("Place", snap.get("place")))
    parts.append(_p("Ends", snap.get("end_date")))
    parts.append(_p("Participants", ", ".join(snap.get("participants", []))))
    return "".join(parts)


def detail_html(snap: dict[str, Any], item_id: str, rule: StaleRule, compact: bool = False) -> str:
    """The full text of an item with its source, paragraph, ``as of`` date and warnings, as HTML."""
    esc = html.escape
    kind = str(snap.get("item_kind", "item"))
    label = quote_label(snap) or KIND_LABELS.get(kind, kind.capitalize())
    badge_colour = "#7c2d12" if is_direct(snap) else "#374151"
    head = f"<p style='margin:0;color:{badge_colour}'><b>{esc(label.upper())}</b></p>"
    if not compact:
        head += f"<h3 style='margin-top:4px'>{esc(item_title(snap))}</h3>"
    warn = ""
    if is_direct(snap):
        warn += "<p style='color:#7c2d12'><i>Verbatim words: they cannot be edited, only annotated with a note.</i></p>"
    if rule.stale(snap):
        head_note, _, rest = stale_note(snap, rule, written_date).partition(":")
        warn += f"<p style='color:#b45309'><b>\u26a0 {esc(head_note)}:</b>{esc(rest)}</p>"
    when = as_of(snap)
    meta = (_p("Last reviewed", written_date(snap.get("last_reviewed"))) if kind == "line" else _p("As of", written_date(when))) + _p(
        "Source", citation(snap, written_date)
    )
    if not compact:
        meta += source_words_html(snap)  # the cited words highlighted in their paragraph, when the source file is at hand
        meta += _p("Tags", ", ".join(snap.get("tags", []))) + _p("Level", snap.get("level")) + _p("Id", item_id)
    return head + warn + _body(snap) + "<hr/>" + meta


def pack_html(pack_file: Path, read_only: str | None) -> str:
    """Where a library item lives: its pack file and folder, and whether it can be edited here."""
    esc = html.escape
    can = (
        "<span style='color:#166534'>Can be edited.</span>"
        if read_only is None
        else f"<span style='color:#6b7280'>Read-only: {esc(read_only)}.</span>"
    )
    return "<hr/>" + _p("Pack file", pack_file.name) + _p("Folder", pack_file.parent) + f"<p style='margin:2px 0'>{can}</p>"
