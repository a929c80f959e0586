"""The Problems panel: content packs and templates that could not be loaded, one line each."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import QDockWidget, QListView, QWidget

from .widgets import describe


class ProblemsDock(QDockWidget):
    """A dock listing problems as ``file:line: message``; shown only while there are any."""

    def __init__(self, parent: QWidget):
        super().__init__("Problems", parent)
        self.setObjectName("problems_dock")
        self.model = QStringListModel(self)
        self.view = describe(QListView(self), "Problems", "Content packs and templates that could not be loaded, as file:line: message")
        self.view.setModel(self.model)
        self.view.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(True)
        self.view.setAlternatingRowColors(True)
        self.setWidget(self.view)
        self.setAllowedAreas(Qt.DockWidgetArea.BottomDockWidgetArea | Qt.DockWidgetArea.TopDockWidgetArea)

    def show_problems(self, lines: list[str]) -> None:
        self.model.setStringList(lines)
        self.setVisible(bool(lines))
        self.setWindowTitle(f"Problems ({len(lines)})" if lines else "Problems")
