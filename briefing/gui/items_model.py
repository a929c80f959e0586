"""The brief's chosen items as a list model: a thin adapter over ``brief.items`` fed by change notices."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QAbstractListModel, QMimeData, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from ..brief.commands import Change
from ..brief.model import Entry, Status, status_of
from ..content.present import KIND_LABELS, item_title, quote_label, stale_note
from ..document.dates import written_date
from . import icons
from .roles import ENTRY_ROWS_MIME, ITEM_IDS_MIME, ItemIdRole, KindRole, NoteRole, StaleRole, StatusRole
from .session import BriefSession

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()  # the invalid index: the default parent


class BriefItemsModel(QAbstractListModel):
    """Rows are the brief's entries. Drops of library ids insert, drops of rows move: both via the session."""

    def __init__(self, session: BriefSession):
        super().__init__(session)
        self.session = session
        self._rows: list[Entry] = list(session.brief.items)
        self._status: dict[tuple[str, str], Status] = {}
        session.itemsChanged.connect(self.apply_changes)
        session.reset.connect(self.reload)
        session.libraryChanged.connect(self._library_changed)
        session.staleChanged.connect(self._stale_changed)

    # -- following the brief -----------------------------------------------------
    def reload(self) -> None:
        self.beginResetModel()
        self._rows = list(self.session.brief.items)
        self.endResetModel()

    def _library_changed(self) -> None:
        self._status.clear()
        if self._rows:
            self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1))

    def apply_changes(self, changes: list[Change]) -> None:
        """Replay a command's notices on our copy of the list, with the matching begin/end calls."""
        items = self.session.brief.items
        root = QModelIndex()
        try:
            for change in changes:
                op = change[0]
                if op == "insert":
                    row = change[1]
                    self.beginInsertRows(root, row, row)
                    self._rows.insert(row, items[row])
                    self.endInsertRows()
                elif op == "remove":
                    row = change[1]
                    self.beginRemoveRows(root, row, row)
                    self._rows.pop(row)
                    self.endRemoveRows()
                elif op == "move":
                    src, dst = change[1], change[2]
                    if src != dst:
                        self.beginMoveRows(root, src, src, root, dst + 1 if dst > src else dst)
                        self._rows.insert(dst, self._rows.pop(src))
                        self.endMoveRows()
                elif op == "update":
                    row = change[1]
                    self._rows[row] = items[row]
                    self.dataChanged.emit(self.index(row), self.index(row))
        except IndexError:
            pass
        if [id(e) for e in self._rows] != [id(e) for e in items]:
            self.reload()

    def status(self, row: int) -> Status:
        entry = self._rows[row]
        key = (entry.ref, entry.fingerprint)
        if key not in self._status:
            self._status[key] = status_of(entry, self.session.library)
        return self._status[key]

    def flagged_count(self) -> int:
        """How many entries changed in the library or are missing from it."""
        return sum(1 for row in range(len(self._rows)) if self.status(row) is not Status.OK)

    def entry(self, row: int) -> Entry:
        return self._rows[row]

    # -- QAbstractListModel -------------------------------------------------------
    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = index.row()
        entry = self._rows[row]
        if role == Qt.ItemDataRole.DisplayRole:
            note = "  \u270e" if entry.note.strip() else ""
            return f"{item_title(entry.snapshot)}{note}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{self._kind(entry)}: {item_title(entry.snapshot)}"
        status = self.status(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [f"{self._kind(entry)}: {item_title(entry.snapshot)}"]
            if status is not Status.OK:
                lines.insert(0, f"\u26a0 {status.value}")
            elif self._stale(entry):
                lines.append(stale_note(entry.snapshot, self.session.stale, written_date))
            if entry.note.strip():
                lines.append(f"Note: {entry.note.strip()}")
            return "\n".join(lines)
        if role == Qt.ItemDataRole.DecorationRole:
            if status is Status.MISSING:
                return icons.missing_icon()
            if status is Status.CHANGED:
                return icons.changed_icon()
            return icons.kind_icon(entry.kind)
        if role == Qt.ItemDataRole.ForegroundRole:
            if status is not Status.OK:
                return QColor(icons.MISSING_COLOUR if status is Status.MISSING else icons.CHANGED_COLOUR)
            return QColor(icons.CHANGED_COLOUR) if self._stale(entry) else None
        if role == StaleRole:
            return self._stale(entry)
        if role == ItemIdRole:
            return entry.ref
        if role == KindRole:
            return entry.kind
        if role == StatusRole:
            return status.value
        if role == NoteRole:
            return entry.note
        return None

    def _stale(self, entry: Entry) -> bool:
        """Stale as the documents judge it: against the brief's own (meeting) date, with the settings' threshold."""
        return self.session.stale.stale(entry.snapshot)

    def _stale_changed(self) -> None:
        if self._rows:
            self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1))

    @staticmethod
    def _kind(entry: Entry) -> str:
        return quote_label(entry.snapshot) or KIND_LABELS.get(entry.kind, entry.kind)

    # -- drag and drop ------------------------------------------------------------
    def mimeTypes(self) -> list[str]:
        return [ITEM_IDS_MIME, ENTRY_ROWS_MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:
        rows = sorted({index.row() for index in indexes if index.isValid()})
        mime = QMimeData()
        mime.setData(ENTRY_ROWS_MIME, json.dumps(rows).encode("utf-8"))
        return mime

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction | Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index) -> bool:
        return data is not None and (data.hasFormat(ITEM_IDS_MIME) or data.hasFormat(ENTRY_ROWS_MIME))

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index) -> bool:
        """Library ids insert before ``row``; a dragged entry moves there (one MoveItem command)."""
        if action == Qt.DropAction.IgnoreAction:
            return True
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        if row < 0:
            row = parent.row() if parent.isValid() else len(self._rows)
        if data.hasFormat(ENTRY_ROWS_MIME):
            try:
                rows = json.loads(bytes(data.data(ENTRY_ROWS_MIME).data()).decode("utf-8"))
            except ValueError:
                return False
            if len(rows) != 1 or not isinstance(rows[0], int):
                return False
            src = rows[0]
            return self.session.move(src, row - 1 if src < row else row)
        ids = [line.strip() for line in bytes(data.data(ITEM_IDS_MIME).data()).decode("utf-8").splitlines() if line.strip()]
        return bool(self.session.add_items(ids, row))
