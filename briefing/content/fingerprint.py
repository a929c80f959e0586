"""An item snapshot's fingerprint: tells whether an item changed since it was chosen, blind to the format change."""

from __future__ import annotations

import hashlib
import json
from typing import Any

_FORMAT2_CITATION_KEYS = ("page", "section", "table", "span")
_UNSET_IS_ABSENT = ("review", "lang")  # fields added after format 1: unset, they leave the hash as it was


def fingerprint(snapshot: dict[str, Any]) -> str:
    """A short hash of a snapshot, blind to what format 2 (and the language tag) added while empty.

    A format-1 item and the same item read as format 2 (its source ``main``,
    ``doc`` filled in, no page, table or review) hash alike, so a brief made
    before the change reopens with nothing flagged.
    """
    view = {k: v for k, v in snapshot.items() if not (k in _UNSET_IS_ABSENT and v is None)}
    if isinstance(view.get("source"), dict):
        view["source"] = {k: v for k, v in view["source"].items() if k != "doc" and not (k in _FORMAT2_CITATION_KEYS and v is None)}
    if isinstance(view.get("origin"), dict):
        view["origin"] = {k: v for k, v in view["origin"].items() if k != "id"}
    blob = json.dumps(view, sort_keys=True, ensure_ascii=False).encode()
    return hashlib.sha256(blob).hexdigest()[:16]
