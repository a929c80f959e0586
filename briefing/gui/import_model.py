"""The import review's candidates as a table: kind, the source's words, where, pillar and the officer's decision."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ..importing.review import ACCEPTED, REJECTED, Review

COLUMNS = ("Kind", "Words in the source", "Where", "Pillar", "Decision")
KIND_COLOURS = {"pillar": "#fecaca", "figure": "#fde68a", "quotation": "#bfdbfe", "event": "#bbf7d0", "project": "#e9d5ff"}
DECISIONS = {"pending": "to review", ACCEPTED: "accepted", REJECTED: "rejected"}
_Index = QModelIndex | QPersistentModelIndex


def kind_label(review: Review, row: int) -> str:
    c = review.candidate(row)
    if c.kind == "quotation":
        return "Direct quotation" if c.fields["quote_kind"] == "direct" else "Reported statement"
    return c.kind.capitalize()


def place_label(review: Review, row: int) -> str:
    c = review.candidate(row)
    page = review.result.document.paragraph(c.paragraph).page
    return f"p. {page}, ¶{c.paragraph}" if page else f"¶{c.paragraph}"


class CandidatesModel(QAbstractTableModel):
    """One row per candidate of a :class:`Review`; call :meth:`refresh` after the review changes."""

    def __init__(self, review: Review, parent=None):
        super().__init__(parent)
        self.review = review

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.review)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(COLUMNS):
            return COLUMNS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.review):
            return None
        row, column = index.row(), index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(row, column, full=role == Qt.ItemDataRole.ToolTipRole)
        if role == Qt.ItemDataRole.BackgroundRole and column == 0:
            return QBrush(QColor(KIND_COLOURS[self.review.candidate(row).kind]))
        if role == Qt.ItemDataRole.ForegroundRole and self.review.state(row) == REJECTED:
            return QBrush(QColor("#6b7280"))
        return None

    def _text(self, row: int, column: int, full: bool) -> str:
        c = self.review.candidate(row)
        if column == 0:
            return kind_label(self.review, row)
        if column == 1:
            return c.text if full or len(c.text) <= 90 else c.text[:88] + "…"
        if column == 2:
            return place_label(self.review, row)
        if column == 3:
            return c.pillar or ("(a pillar)" if c.kind == "pillar" else "")
        return DECISIONS[self.review.state(row)]

    def refresh(self, row: int | None = None) -> None:
        """Tell views that ``row`` (or every row) changed."""
        if row is None:
            self.beginResetModel()
            self.endResetModel()
        else:
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
