"""Export and print actions of the main window: export in the background with progress, and printing the real PDF."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThreadPool, QUrl, Signal
from PySide6.QtGui import QAction
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QMainWindow, QMenu

from .. import paths
from ..brief.commands import snapshot_copy
from ..brief.open_file import slug
from ..errors import BriefingError, ExportError
from .dialogs import Dialogs
from .guard import guarded
from .preview import PreviewPanel
from .printing import match_page, print_pdf
from .session import BriefSession
from .workers import JobSignals, export_job

FORMATS = {"pdf": ("PDF", ".pdf"), "docx": ("Word", ".docx"), "pdf-tagged": ("Tagged PDF", ".pdf")}


def _libreoffice_installed() -> bool:
    from ..writers.tagged_pdf import find_libreoffice  # imported when the menu first opens, not at start

    return find_libreoffice() is not None


class ExportActions(QObject):
    """Export PDF, Export Word and Print, one export at a time on ``pool``."""

    running = Signal(bool)  # an export started (True) or ended (False)
    finished = Signal(object)  # a BuildResult, or the error message

    def __init__(self, window: QMainWindow, session: BriefSession, dialogs: Dialogs, pool: QThreadPool, preview: PreviewPanel):
        super().__init__(window)
        self.window = window
        self.session = session
        self.dialogs = dialogs
        self.pool = pool
        self.preview = preview
        self.signals = JobSignals(self)
        self.signals.finished.connect(self._finished)
        self.signals.failed.connect(self._failed)
        self._ticket = 0
        self._exports: dict[int, Path] = {}

    def tagged_action(self, menu: QMenu) -> QAction:
        """File > Export Tagged PDF: shown only where LibreOffice, which makes it, is installed (looked up as ``menu`` opens)."""
        action = QAction("Export &Tagged PDF\u2026", self.window)
        tip = "Export an accessible, tagged PDF for screen readers (made from the Word file by LibreOffice)"
        action.setToolTip(tip)
        action.setStatusTip(tip)
        action.triggered.connect(lambda checked=False: self.export("pdf-tagged"))
        self.running.connect(lambda running: action.setEnabled(not running))
        menu.aboutToShow.connect(lambda: action.setVisible(_libreoffice_installed()))
        self.tagged = action
        return action

    def _status(self, message: str, timeout: int = 0) -> None:
        self.window.statusBar().showMessage(message, timeout)

    def suggested_output(self, fmt: str) -> Path:
        suffix = FORMATS[fmt][1]
        if self.session.path is not None:
            return self.session.path.with_suffix(suffix)
        return paths.user_documents_dir() / (slug(self.session.brief.meta.title) + suffix)

    @guarded("Export failed")
    def export(self, fmt: str, path: Path | None = None, release_at: str | None = None) -> bool:
        """Export in the background as ``fmt`` to ``path`` (asking where, and whether to release at a level, when None).

        ``release_at`` writes the releasable version at that level. False if not started.
        """
        label, suffix = FORMATS[fmt]
        if self._exports:
            self._status("An export is already running", 4000)
            return False
        if path is None:
            chosen = self.dialogs.export_path(self.window, f"Export {label}", self.suggested_output(fmt), fmt, self._levels())
            if chosen is None:
                return False
            path, release_at = chosen
        path = Path(path)
        if path.suffix.lower() != suffix:
            path = path.with_name(path.name + suffix)
        if not self.checked(fmt, label):
            return False
        self._ticket += 1
        self._exports[self._ticket] = path
        brief = snapshot_copy(self.session.brief)
        months = self.session.stale.months
        self.pool.start(export_job(self._ticket, self.signals, brief, self.session.library, fmt, path, release_at, months))
        self.running.emit(True)
        self._status(f"Exporting {label} to {path}\u2026")
        return True

    def _levels(self) -> list[str]:
        """The levels the brief's scheme offers for a releasable version."""
        from ..style import load_markings

        return load_markings().get(self.session.brief.meta.scheme).ids()

    def checked(self, fmt: str, label: str) -> bool:
        """The check before export (stale figures, empty sections, budget, library, characters): go on if clear or the officer agrees."""
        from ..precheck import check_brief

        built = self.preview.result if self.preview.is_current() else None  # the preview's page count, when it is of this brief
        brief, library = snapshot_copy(self.session.brief), self.session.library
        try:
            findings = check_brief(brief, library, formats=[fmt], months=self.session.stale.months, built=built)
        except BriefingError:  # the check could not build the brief: the export itself says why
            return True
        return not findings or self.dialogs.confirm_export(self.window, label, [str(f) for f in findings])

    def print_preview(self) -> None:
        """The pages as they will print, in a print preview window of their own (the live pane stays as it is)."""
        from PySide6.QtPrintSupport import QPrintPreviewDialog

        data = self.current_pdf()
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        match_page(printer, data)
        dialog = QPrintPreviewDialog(printer, self.window)
        dialog.setWindowTitle("Print Preview")
        dialog.paintRequested.connect(lambda target: print_pdf(data, target))
        self.dialogs.show_dialog(dialog)

    def _done(self, ticket: int) -> Path:
        path = self._exports.pop(ticket)
        self.running.emit(False)
        return path

    def _finished(self, ticket: int, result: object) -> None:
        path = self._done(ticket)
        from ..export import BuildResult

        assert isinstance(result, BuildResult)
        summary = result.budget_text() + "".join(f"\n{w}" for w in result.warnings)
        if result.release is not None:
            summary += "".join(f"\n{line}" for line in result.release.log_lines()) + f"\nRemoval log: {result.release_log}"
        self._status(f"Exported {path} ({result.budget_text()})", 10000)
        choice = self.dialogs.export_done(self.window, path, summary)
        if choice == "file":
            self.dialogs.open_url(QUrl.fromLocalFile(str(path)))
        elif choice == "folder":
            self.dialogs.open_url(QUrl.fromLocalFile(str(path.parent)))
        self.finished.emit(result)

    def _failed(self, ticket: int, message: str) -> None:
        self._done(ticket)
        self._status("Export failed", 10000)
        self.dialogs.error(self.window, "Export failed", message)
        self.finished.emit(message)

    def current_pdf(self) -> bytes:
        """The PDF of the brief as it is now: the preview's if up to date, else built here."""
        if self.preview.is_current() and self.preview.pdf_bytes:
            return self.preview.pdf_bytes
        from ..export import preview_pdf

        data, _ = preview_pdf(snapshot_copy(self.session.brief), self.session.library, stale_months=self.session.stale.months)
        return data

    @guarded("Print failed")
    def print_brief(self, printer: QPrinter | None = None) -> int:
        """Print the real PDF; with no ``printer`` the print dialog asks where. Returns the pages printed."""
        self.window.setCursor(Qt.CursorShape.WaitCursor)
        try:
            data = self.current_pdf()
        finally:
            self.window.unsetCursor()
        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            match_page(printer, data)
            if not self.dialogs.setup_printer(self.window, printer):
                return 0
        else:
            match_page(printer, data)
        pages = print_pdf(data, printer)
        if pages < 1:
            raise ExportError("nothing was printed")
        self._status(f"Printed {pages} page{'s' if pages != 1 else ''}", 5000)
        return pages
