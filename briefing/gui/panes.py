"""The window's central area: the read-only banner above the library, brief and preview panes side by side."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from .widgets import describe


class Panes(QWidget):
    """Three panes in a splitter (stretch 3:4:4), with a warning banner above them shown only when needed."""

    def __init__(self, panes: tuple[QWidget, QWidget, QWidget], parent: QWidget):
        super().__init__(parent)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        for pane, stretch in zip(panes, (3, 4, 4), strict=True):
            self.splitter.addWidget(pane)
            self.splitter.setStretchFactor(self.splitter.count() - 1, stretch)
        self.banner = describe(QLabel(self), "Read-only warning", "Why this brief cannot be saved to its file, and what you can do instead")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background:#fef3c7;color:#78350f;border-bottom:1px solid #f59e0b;padding:6px 10px")
        self.banner.hide()
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.banner)
        column.addWidget(self.splitter, 1)
