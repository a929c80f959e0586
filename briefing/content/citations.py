"""How an item snapshot names its source: the document, the place in it, and the fingerprint that ignores format changes."""

from __future__ import annotations

import hashlib
import json
from typing import Any

_PLACE_LABELS = {"paragraph": "para. {}", "page": "p. {}", "section": "section {}", "table": "table {}"}
_FORMAT2_CITATION_KEYS = ("page", "section", "table", "span")


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


def own_line(snapshot: dict[str, Any]) -> str:
    """How one of our own lines is cited: it has no source document."""
    parts = ["our own line"]
    if snapshot.get("owner"):
        parts.append(str(snapshot["owner"]))
    if snapshot.get("last_reviewed"):
        parts.append(f"last reviewed {snapshot['last_reviewed']}")
    return ", ".join(parts)


def citation(snapshot: dict[str, Any]) -> str:
    """The full citation for an item snapshot: source document and place (or, for a line, that it is ours)."""
    if snapshot.get("item_kind") == "line":
        return own_line(snapshot)
    return ", ".join(p for p in (origin_citation(snapshot), locator(snapshot)) if p) or "source not recorded"


def fingerprint(snapshot: dict[str, Any]) -> str:
    """A short hash of a snapshot, blind to what format 2 added while empty.

    A format-1 item and the same item read as format 2 (its source ``main``,
    ``doc`` filled in, no page, table or review) hash alike, so a brief made
    before the change reopens with nothing flagged.
    """
    view = {k: v for k, v in snapshot.items() if not (k == "review" and v is None)}
    if isinstance(view.get("source"), dict):
        view["source"] = {k: v for k, v in view["source"].items() if k != "doc" and not (k in _FORMAT2_CITATION_KEYS and v is None)}
    if isinstance(view.get("origin"), dict):
        view["origin"] = {k: v for k, v in view["origin"].items() if k != "id"}
    blob = json.dumps(view, sort_keys=True, ensure_ascii=False).encode()
    return hashlib.sha256(blob).hexdigest()[:16]
