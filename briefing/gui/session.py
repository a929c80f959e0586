"""The editing session: the brief, its file and library, a QUndoStack of the core edits' commands, and change signals."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from ..brief import edits
from ..brief.commands import Change, Command, SetEntry, SetField
from ..brief.model import Brief
from ..brief.open_file import OpenFile
from ..content.library import Library
from ..content.present import StaleRule
from ..templating.meeting import following_stale_rule

MERGE_ID = 1001


class CoreCommand(QUndoCommand):
    """A QUndoCommand running one core command: redo applies it, undo reverts it."""

    def __init__(self, session: BriefSession, command: Command, merge_key: tuple | None = None):
        super().__init__(command.text)
        self.session = session
        self.command = command
        self.merge_key = merge_key

    def redo(self) -> None:
        self.session.notify(self.command.apply(self.session.brief))

    def undo(self) -> None:
        self.session.notify(self.command.revert(self.session.brief))

    def id(self) -> int:
        return MERGE_ID if self.merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        """Merge consecutive typing in the same field (or the same note) into one undo step."""
        if not isinstance(other, CoreCommand) or self.merge_key is None or other.merge_key != self.merge_key:
            return False
        mine, theirs = self.command, other.command
        if isinstance(mine, SetField) and isinstance(theirs, SetField):
            mine.value = theirs.value
            self.setObsolete(mine.value == mine.old)
        elif isinstance(mine, SetEntry) and isinstance(theirs, SetEntry):
            mine.new = theirs.new
            self.setObsolete(mine.new == mine.old)
        else:
            return False
        return True


class BriefSession(QObject):
    """The brief being edited. Every edit is a core command pushed on ``stack``; views follow the signals."""

    itemsChanged = Signal(list)  # the item change notices of one apply or revert
    fieldChanged = Signal(str)  # a field path such as "meta.title"
    changed = Signal()  # anything in the brief changed
    reset = Signal()  # a different brief was loaded
    libraryChanged = Signal()
    pathChanged = Signal()
    staleChanged = Signal()  # the stale threshold, or the day it is judged on (the brief's date), changed

    def __init__(self, library: Library, stale: StaleRule | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.library = library
        given = stale or StaleRule()
        self._today = given.today
        self.brief = Brief()
        self.stale = self._rule(given.months)
        self.file = OpenFile()
        self.stack = QUndoStack(self)

    # -- loading -------------------------------------------------------------
    @property
    def path(self) -> Path | None:
        """The file the brief is saved at (None: untitled)."""
        return self.file.path

    def load(self, brief: Brief, clean: bool = True) -> None:
        """Start editing ``brief`` (its file already set on ``file``) with an empty undo history."""
        self.stack.clear()
        self.brief = brief
        if not clean:
            self.stack.resetClean()
        self.reset.emit()
        self.staleChanged.emit()  # judged against this brief's date now
        self.pathChanged.emit()
        self.changed.emit()

    def saved(self) -> None:
        """The brief was written to ``file``: the undo stack is clean there."""
        self.stack.setClean()
        self.pathChanged.emit()

    def set_library(self, library: Library) -> None:
        self.library = library
        self.libraryChanged.emit()
        self.changed.emit()

    def set_stale_months(self, months: int) -> None:
        """Take a new stale threshold (from the settings) into use."""
        if months != self.stale.months:
            self.stale = self._rule(months)
            self.staleChanged.emit()

    def _rule(self, months: int) -> StaleRule:
        """Stale after ``months``, judged on the open brief's date (else today), whichever brief is open."""
        return following_stale_rule(lambda: self.brief, months, self._today)

    @property
    def dirty(self) -> bool:
        return not self.stack.isClean()

    # -- signalling ------------------------------------------------------------
    def notify(self, changes: list[Change]) -> None:
        """Tell the views what a command changed (called by CoreCommand)."""
        item_changes = [c for c in changes if c[0] != "field"]
        for change in changes:
            if change[0] == "field":
                self.fieldChanged.emit(change[1])
                if change[1] == "meta.date":
                    self.staleChanged.emit()  # the day figures are judged on moved
        if item_changes:
            self.itemsChanged.emit(item_changes)
        self.changed.emit()

    # -- edits -----------------------------------------------------------------
    def execute(self, command: Command, merge_key: tuple | None = None) -> None:
        self.stack.push(CoreCommand(self, command, merge_key))

    def _push(self, command: Command | None, merge_key: tuple | None = None) -> bool:
        """Execute ``command`` unless it is None (the edit had nothing to do); True if it ran."""
        if command is None:
            return False
        self.execute(command, merge_key)
        return True

    def get_field(self, path: str) -> Any:
        return edits.get_field(self.brief, path)

    def set_field(self, path: str, value: Any, merge: bool = True) -> None:
        """Set one field (typing in the same field merges into one undo step)."""
        self._push(edits.set_field(self.brief, path, value), ("field", path) if merge else None)

    def row_of(self, item_id: str) -> int | None:
        return edits.row_of(self.brief, item_id)

    def add_items(self, item_ids: list[str], row: int | None = None) -> list[int]:
        """Add library items (skipping ones already in the brief); returns the new rows."""
        command = edits.add_items(self.brief, self.library, item_ids, row)
        self._push(command)
        if command is None or command.row is None:
            return []
        return list(range(command.row, command.row + len(command.entries)))

    def remove_rows(self, rows: list[int]) -> None:
        self._push(edits.remove_rows(self.brief, rows))

    def move(self, src: int, dst: int) -> bool:
        """Move the entry at ``src`` to index ``dst``; False when that is no move."""
        return self._push(edits.move_item(self.brief, src, dst))

    def set_note(self, row: int, note: str) -> None:
        self._push(edits.set_note(self.brief, row, note), ("note", row))

    def refresh(self, row: int) -> bool:
        """Take the library's current version of the entry at ``row``; False if it is missing."""
        return self._push(edits.refresh(self.brief, self.library, row))
