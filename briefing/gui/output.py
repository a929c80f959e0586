"""Output for the main window: export in the background with progress, and printing the real PDF."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl
from PySide6.QtPrintSupport import QPrinter

from .. import paths
from ..brief.commands import snapshot_copy
from ..errors import ExportError
from .files import slug
from .guard import guarded
from .printing import match_page, print_pdf
from .workers import export_job

if TYPE_CHECKING:
    from .main_window import MainWindow

FORMATS = {"pdf": ("PDF", ".pdf"), "docx": ("Word", ".docx")}


class OutputActions:
    """Mixed into MainWindow: Export PDF, Export Word and Print."""

    def suggested_output(self: MainWindow, fmt: str) -> Path:
        suffix = FORMATS[fmt][1]
        if self.session.path is not None:
            return self.session.path.with_suffix(suffix)
        return paths.user_documents_dir() / (slug(self.session.brief.meta.title) + suffix)

    @guarded("Export failed")
    def export(self: MainWindow, fmt: str, path: Path | None = None) -> bool:
        """Export in the background as ``fmt`` to ``path`` (asking where when None); False if not started."""
        label, suffix = FORMATS[fmt]
        if self._exports:
            self.statusBar().showMessage("An export is already running", 4000)
            return False
        if path is None:
            path = self.dialogs.save_path(self, f"Export {label}", self.suggested_output(fmt), fmt)
            if path is None:
                return False
        path = Path(path)
        if path.suffix.lower() != suffix:
            path = path.with_name(path.name + suffix)
        self._export_ticket += 1
        self._exports[self._export_ticket] = path
        self.pool.start(
            export_job(self._export_ticket, self.export_signals, snapshot_copy(self.session.brief), self.session.library, fmt, path)
        )
        self.progress.show()
        self.export_pdf_action.setEnabled(False)
        self.export_docx_action.setEnabled(False)
        self.statusBar().showMessage(f"Exporting {label} to {path}\u2026")
        return True

    def _export_done(self: MainWindow, ticket: int) -> Path:
        path = self._exports.pop(ticket)
        self.progress.hide()
        self.export_pdf_action.setEnabled(True)
        self.export_docx_action.setEnabled(True)
        return path

    def _export_finished(self: MainWindow, ticket: int, result: object) -> None:
        path = self._export_done(ticket)
        from ..export import BuildResult

        assert isinstance(result, BuildResult)
        summary = result.budget_text() + "".join(f"\n{w}" for w in result.warnings)
        self.statusBar().showMessage(f"Exported {path} ({result.budget_text()})", 10000)
        choice = self.dialogs.export_done(self, path, summary)
        if choice == "file":
            self.dialogs.open_url(QUrl.fromLocalFile(str(path)))
        elif choice == "folder":
            self.dialogs.open_url(QUrl.fromLocalFile(str(path.parent)))
        self.exportFinished.emit(result)

    def _export_failed(self: MainWindow, ticket: int, message: str) -> None:
        self._export_done(ticket)
        self.statusBar().showMessage("Export failed", 10000)
        self.dialogs.error(self, "Export failed", message)
        self.exportFinished.emit(message)

    def current_pdf(self: MainWindow) -> bytes:
        """The PDF of the brief as it is now: the preview's if up to date, else built here."""
        if self.preview.is_current() and self.preview.pdf_bytes:
            return self.preview.pdf_bytes
        from ..export import preview_pdf

        data, _ = preview_pdf(snapshot_copy(self.session.brief), self.session.library)
        return data

    @guarded("Print failed")
    def print_brief(self: MainWindow, printer: QPrinter | None = None) -> int:
        """Print the real PDF; with no ``printer`` the print dialog asks where. Returns the pages printed."""
        self.setCursor(Qt.CursorShape.WaitCursor)
        try:
            data = self.current_pdf()
        finally:
            self.unsetCursor()
        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            match_page(printer, data)
            if not self.dialogs.setup_printer(self, printer):
                return 0
        else:
            match_page(printer, data)
        pages = print_pdf(data, printer)
        if pages < 1:
            raise ExportError("nothing was printed")
        self.statusBar().showMessage(f"Printed {pages} page{'s' if pages != 1 else ''}", 5000)
        return pages
