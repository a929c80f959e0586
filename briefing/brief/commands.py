"""Edits to a brief as reversible commands: ``apply`` makes the edit, ``revert`` undoes it, both say what changed.

:mod:`briefing.brief.edits` makes them; the GUI wraps each in a QUndoCommand on its undo stack.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from .model import Brief, Entry

# A change notice: ("insert", row) ("remove", row) ("move", src, dst) ("update", row) ("field", "meta.title") ("reset",)
Change = tuple[Any, ...]


class Command:
    """A reversible edit. ``apply`` and ``revert`` return the change notices they caused."""

    text = "Edit"

    def apply(self, brief: Brief) -> list[Change]:
        raise NotImplementedError

    def revert(self, brief: Brief) -> list[Change]:
        raise NotImplementedError


@dataclass
class InsertItems(Command):
    """Insert entries at ``row`` (appending when row is None)."""

    entries: list[Entry]
    row: int | None = None
    text: str = "Add item"

    def apply(self, brief: Brief) -> list[Change]:
        start = len(brief.items) if self.row is None else self.row
        self.row = start
        for offset, entry in enumerate(self.entries):
            brief.items.insert(start + offset, entry)
        return [("insert", start + i) for i in range(len(self.entries))]

    def revert(self, brief: Brief) -> list[Change]:
        assert self.row is not None
        changes = []
        for _ in self.entries:
            brief.items.pop(self.row)
            changes.append(("remove", self.row))
        return changes


@dataclass
class RemoveItems(Command):
    """Remove the entries at ``rows``."""

    rows: list[int]
    removed: list[tuple[int, Entry]] = field(default_factory=list)
    text: str = "Remove item"

    def apply(self, brief: Brief) -> list[Change]:
        self.removed = []
        changes = []
        for row in sorted(set(self.rows), reverse=True):
            self.removed.append((row, brief.items.pop(row)))
            changes.append(("remove", row))
        return changes

    def revert(self, brief: Brief) -> list[Change]:
        changes = []
        for row, entry in reversed(self.removed):
            brief.items.insert(row, entry)
            changes.append(("insert", row))
        return changes


@dataclass
class MoveItem(Command):
    """Move the entry at ``src`` so that it ends up at index ``dst``."""

    src: int
    dst: int
    text: str = "Move item"

    def apply(self, brief: Brief) -> list[Change]:
        brief.items.insert(self.dst, brief.items.pop(self.src))
        return [("move", self.src, self.dst)]

    def revert(self, brief: Brief) -> list[Change]:
        brief.items.insert(self.src, brief.items.pop(self.dst))
        return [("move", self.dst, self.src)]


@dataclass
class SetEntry(Command):
    """Replace the entry at ``row`` (a new note, or a refreshed snapshot)."""

    row: int
    new: Entry
    old: Entry | None = None
    text: str = "Edit note"

    def apply(self, brief: Brief) -> list[Change]:
        self.old = brief.items[self.row]
        brief.items[self.row] = self.new
        return [("update", self.row)]

    def revert(self, brief: Brief) -> list[Change]:
        assert self.old is not None
        brief.items[self.row] = self.old
        return [("update", self.row)]


@dataclass
class SetField(Command):
    """Set one field: ``meta.title``, ``template``, ``sections.purpose.text``..."""

    path: str
    value: Any
    old: Any = None
    text: str = "Edit"

    def _parent(self, brief: Brief) -> tuple[Any, str]:
        *parents, name = self.path.split(".")
        target: Any = brief
        for part in parents:
            target = getattr(target, part)
        return target, name

    def apply(self, brief: Brief) -> list[Change]:
        target, name = self._parent(brief)
        self.old = getattr(target, name)
        setattr(target, name, self.value)
        return [("field", self.path)]

    def revert(self, brief: Brief) -> list[Change]:
        target, name = self._parent(brief)
        setattr(target, name, self.old)
        return [("field", self.path)]


def with_note(entry: Entry, note: str) -> Entry:
    """A copy of ``entry`` with a new note."""
    clone = entry.model_copy(deep=True)
    clone.note = note
    return clone


def refreshed(entry: Entry, item) -> Entry:
    """A copy of ``entry`` taking the library item's current version (note kept)."""
    clone = entry.model_copy(deep=True)
    clone.snapshot = item.snapshot()
    clone.fingerprint = item.fingerprint()
    return clone


def snapshot_copy(brief: Brief) -> Brief:
    """A deep copy of a brief, for building in the background while editing goes on."""
    return copy.deepcopy(brief)
