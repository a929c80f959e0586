"""The edits an officer makes to a brief, as commands: each function checks the edit and returns the command (None: nothing to do).

The GUI pushes the commands on its undo stack; anything else can ``apply`` and ``revert`` them.
"""

from __future__ import annotations

from typing import Any, Protocol

from .commands import InsertItems, MoveItem, RemoveItems, SetEntry, SetField, refreshed, with_note
from .model import Brief, entry_for

FIELD_NAMES = {
    "meta.title": "title",
    "meta.occasion": "occasion",
    "meta.recipient": "recipient",
    "meta.drafter": "drafter",
    "meta.date": "date",
    "meta.reference": "reference",
    "meta.marking": "marking",
    "meta.caveat": "caveat",
    "template": "template",
    "sections.purpose.text": "purpose",
    "sections.background.text": "background",
    "sections.recommendation.text": "recommendation",
}


class ItemSource(Protocol):
    """Where items come from (the content library): an item by its full id, or None."""

    def get(self, item_id: str) -> Any: ...


def get_field(brief: Brief, path: str) -> Any:
    """The value at a dotted field path such as ``meta.title``."""
    target: Any = brief
    for part in path.split("."):
        target = getattr(target, part)
    return target


def set_field(brief: Brief, path: str, value: Any) -> SetField | None:
    """Set one field; None when it already has ``value``."""
    if get_field(brief, path) == value:
        return None
    return SetField(path, value, text=f"Edit {FIELD_NAMES.get(path, path)}")


def row_of(brief: Brief, item_id: str) -> int | None:
    """The row of the entry for ``item_id``; None when the brief does not have it."""
    return next((row for row, entry in enumerate(brief.items) if entry.ref == item_id), None)


def add_items(brief: Brief, library: ItemSource, item_ids: list[str], row: int | None = None) -> InsertItems | None:
    """Add library items at ``row`` (default and out of range: the end), skipping unknown ids, repeats and ones already in the brief."""
    entries, seen = [], set()
    for item_id in item_ids:
        item = library.get(item_id)
        if item is None or item_id in seen or row_of(brief, item_id) is not None:
            continue
        seen.add(item_id)
        entries.append(entry_for(item))
    if not entries:
        return None
    count = len(brief.items)
    row = count if row is None or row < 0 or row > count else row
    return InsertItems(entries, row, text="Add item" if len(entries) == 1 else f"Add {len(entries)} items")


def remove_rows(brief: Brief, rows: list[int]) -> RemoveItems | None:
    """Remove the entries at ``rows`` (rows out of range and repeats ignored)."""
    rows = sorted({r for r in rows if 0 <= r < len(brief.items)})
    if not rows:
        return None
    return RemoveItems(rows, text="Remove item" if len(rows) == 1 else f"Remove {len(rows)} items")


def move_item(brief: Brief, src: int, dst: int) -> MoveItem | None:
    """Move the entry at ``src`` to index ``dst``; None when that is no move."""
    count = len(brief.items)
    if src == dst or not (0 <= src < count and 0 <= dst < count):
        return None
    return MoveItem(src, dst)


def set_note(brief: Brief, row: int, note: str) -> SetEntry | None:
    """Give the entry at ``row`` the officer's ``note``."""
    entry = brief.items[row]
    if entry.note == note:
        return None
    return SetEntry(row, with_note(entry, note), text="Edit note")


def refresh(brief: Brief, library: ItemSource, row: int) -> SetEntry | None:
    """Take the library's current version of the entry at ``row``; None when the library no longer has it."""
    entry = brief.items[row]
    item = library.get(entry.ref)
    if item is None:
        return None
    return SetEntry(row, refreshed(entry, item), text="Refresh item")
