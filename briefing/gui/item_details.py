"""The detail pane's HTML for an item or entry: its full text, source, dates and warnings."""

from __future__ import annotations

import html
from typing import Any

from ..content.present import KIND_LABELS, StaleRule, as_of, citation, is_direct, item_title, quote_label, speaker_name
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
        warn += (
            f"<p style='color:#b45309'><b>\u26a0 Stale figure:</b> as of {esc(str(snap.get('as_of')))}, "
            f"more than {rule.months} months ago. Check for a newer figure.</p>"
        )
    when = as_of(snap)
    meta = _p("As of", when) + _p("Source", citation(snap))
    ref = snap.get("source") or {}
    if ref.get("paragraph"):
        meta += _p("Paragraph", ref["paragraph"])
    if not compact:
        meta += source_words_html(snap)  # the cited words highlighted in their paragraph, when the source file is at hand
        meta += _p("Tags", ", ".join(snap.get("tags", []))) + _p("Level", snap.get("level")) + _p("Id", item_id)
    return head + warn + _body(snap) + "<hr/>" + meta
