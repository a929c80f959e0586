"""An item's cited words shown in their paragraph, highlighted, for items whose citation has a span into a local source file."""

from __future__ import annotations

import html
from typing import Any

CONTEXT = 240  # characters of the paragraph shown on each side of the cited words
MARK = "background:#fde68a"


def source_words_html(snap: dict[str, Any]) -> str:
    """``In the source (paragraph 7): ...<mark>over 250 million</mark>...`` or "" when the words cannot be found again.

    The source is re-read (by the import assistant's reader, loaded only now) from the
    ``file://`` URL its pack records, so this shows what the file says today.
    """
    citation, origin = snap.get("source") or {}, snap.get("origin") or {}
    url = origin.get("url") if isinstance(origin, dict) else None
    if not isinstance(citation, dict) or not citation.get("span") or not str(url or "").startswith("file:"):
        return ""
    from ..importing.excerpt import excerpt

    found = excerpt(url, citation)
    if found is None:
        return ""
    start, end = found.start, found.end
    before = found.text[max(0, start - CONTEXT) : start]
    after = found.text[end : end + CONTEXT]
    lead = "\u2026" if start > CONTEXT else ""
    tail = "\u2026" if end + CONTEXT < len(found.text) else ""
    words = html.escape(found.words).replace("\n", "<br/>")
    return (
        f"<p style='margin:6px 0 2px 0'><b>In the source ({html.escape(found.where)}):</b></p>"
        f"<p style='margin:2px 0;color:#374151'>{lead}{html.escape(before)}"
        f"<span style='{MARK}'>{words}</span>{html.escape(after)}{tail}</p>"
    )
