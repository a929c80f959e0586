"""The versions of a brief: a list (date, state, author) that opens any version read-only or compares two."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from ..brief.history import VersionInfo, list_versions, load_version
from ..brief.model import Brief
from .compare_view import CompareDialog
from .pdf_buffer import load_pdf
from .widgets import describe, fit_to_screen

COLUMNS = ("#", "Saved", "State", "Author", "Note")


def when(saved_at: str) -> str:
    """``2026-12-01 23:10 UTC`` from an ISO time."""
    return saved_at.replace("T", " ")[:16] + " UTC" if "T" in saved_at else saved_at


def version_label(info: VersionInfo) -> str:
    return f"Version {info.number} \u00b7 {when(info.saved_at)} \u00b7 {info.state}" + (f" \u00b7 {info.author}" if info.author else "")


class VersionViewer(QDialog):
    """One old version, read-only: its details and its real PDF. Nothing here can change or save it."""

    def __init__(self, info: VersionInfo, pdf: bytes, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"Version {info.number} (read-only)")
        self.heading = QLabel(f"<b>{version_label(info)}</b> \u2014 read-only" + (f"<br>{info.note}" if info.note else ""), self)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.document = QPdfDocument(self)
        self._buffer = load_pdf(self.document, pdf)
        self.view = describe(QPdfView(self), "Version preview", "The PDF of this version, read-only")
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.document)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        fit_to_screen(self, 640, 760)


class VersionsDialog(QDialog):
    """The versions the brief keeps, newest first; open one read-only, or compare it with the brief as it is now."""

    def __init__(self, brief: Brief, render: Callable[[Brief], bytes], show: Callable[[QDialog], int], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Versions")
        self.brief, self.render, self.show_dialog = brief, render, show
        self.versions = list_versions(brief)
        self.tree = describe(QTreeWidget(self), "Versions", "The saved versions of this brief, newest first")
        self.tree.setHeaderLabels(list(COLUMNS))
        self.tree.setRootIsDecorated(False)
        for info in reversed(self.versions):
            row = QTreeWidgetItem([str(info.number), when(info.saved_at), info.state, info.author, info.note])
            row.setData(0, Qt.ItemDataRole.UserRole, info.number)
            self.tree.addTopLevelItem(row)
        for column in range(len(COLUMNS) - 1):
            self.tree.resizeColumnToContents(column)
        if self.versions:
            self.tree.setCurrentItem(self.tree.topLevelItem(0))
        self.tree.itemActivated.connect(lambda *_: self.open_selected())
        self.open_button = describe(QPushButton("Open Read-Only", self), "Open version", "Show the selected version, read-only")
        self.compare_button = describe(QPushButton("Compare\u2026", self), "Compare versions", "What changed between two versions")
        self.open_button.clicked.connect(self.open_selected)
        self.compare_button.clicked.connect(self.compare_selected)
        for button in (self.open_button, self.compare_button):
            button.setEnabled(bool(self.versions))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.compare_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Each save keeps a version (the newest 20) inside the brief file.", self))
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)
        fit_to_screen(self, 720, 360)

    def selected(self) -> int | None:
        item = self.tree.currentItem()
        return None if item is None else int(item.data(0, Qt.ItemDataRole.UserRole))

    def open_selected(self) -> VersionViewer | None:
        number = self.selected()
        if number is None:
            return None
        viewer = VersionViewer(self.versions[number - 1], self.render(load_version(self.brief, number)), self)
        self.show_dialog(viewer)
        return viewer

    def load(self, index: int) -> Brief:
        """Version ``index + 1``, or the brief as it is now for the last index."""
        return self.brief if index == len(self.versions) else load_version(self.brief, index + 1)

    def compare_selected(self) -> CompareDialog | None:
        number = self.selected()
        if number is None:
            return None
        labels = [version_label(v) for v in self.versions] + ["The brief as it is now"]
        dialog = CompareDialog(labels, self.load, number - 1, len(self.versions), self)
        self.show_dialog(dialog)
        return dialog
