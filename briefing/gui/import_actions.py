"""File > Import Source: pick a source, import it, review the candidates, save the accepted ones, show them in the library.

The importer's libraries load only when the action runs, never at the app's start.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QMainWindow

from .. import paths
from ..errors import BriefingError
from .dialogs import Dialogs

SOURCE_FILTER = "Sources (*.txt *.md *.markdown *.docx *.pdf *.html *.htm);;All files (*)"


class ImportSource(QObject):
    """The Import Source action of a main window (``window`` has ``reload_library``, ``session`` and ``library_panel``)."""

    def __init__(self, window: QMainWindow, dialogs: Dialogs):
        super().__init__(window)
        self.window = window
        self.dialogs = dialogs
        self.dialog = None  # the open review, if any
        self.saved_ids: list[str] = []
        self.action = QAction("&Import Source\u2026", window)
        self.action.setShortcut(QKeySequence("Ctrl+I"))
        self.action.setToolTip("Draft content from a source: review what it proposes, save what you accept to a pack (Ctrl+I)")
        self.action.setStatusTip(self.action.toolTip())
        self.action.triggered.connect(lambda checked=False: self.run())

    def run(self, path: Path | None = None) -> None:
        """Import ``path`` (or one the officer picks) and open the review."""
        path = path or self.dialogs.open_source(self.window, paths.user_documents_dir(), SOURCE_FILTER)
        if path is None:
            return
        from ..importing.extract import import_file
        from ..importing.review import Review
        from .import_review import ImportReviewDialog

        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            result = import_file(path)
        except BriefingError as exc:
            QGuiApplication.restoreOverrideCursor()
            self.dialogs.error(self.window, "Cannot import the source", str(exc))
            return
        QGuiApplication.restoreOverrideCursor()
        self.dialog = ImportReviewDialog(
            Review(result),
            paths.user_content_dir(),
            writable_packs=self._writable_packs(),
            on_error=lambda title, message: self.dialogs.error(self.dialog, title, message),
            parent=self.window,
        )
        self.dialog.saved.connect(self._saved)
        self.dialogs.show_dialog(self.dialog)

    def _writable_packs(self) -> list[tuple[str, Path]]:
        """The library's packs the officer may write (their own folder's), by id."""
        from ..content.folders import why_read_only

        files = self.window.session.library.files
        return sorted((pack_id, path) for pack_id, path in files.items() if why_read_only(path) is None)

    def _saved(self, path: Path) -> None:
        """Reload the library, then show the first saved item in it."""
        review = self.dialog.review
        pack = next((pid for pid, file in self._writable_packs() if file == path), path.stem)
        self.saved_ids = [f"{pack}/{c.id}" for c in review.chosen()]  # in an existing pack, a taken id got a suffix
        self.window.session.libraryChanged.connect(self._show_saved, Qt.ConnectionType.SingleShotConnection)
        self.window.reload_library()
        self.window.statusBar().showMessage(f"Saved {len(self.saved_ids)} items to {path}", 6000)

    def _show_saved(self) -> None:
        panel = self.window.library_panel
        panel.search_box.clear()
        first = next((i for i in self.saved_ids if panel.model.find(i).isValid()), None)
        if first is not None:
            panel.tree.setCurrentIndex(panel.model.find(first))
