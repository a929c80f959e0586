"""The preview: the real PDF of the brief in a QPdfView, rebuilt in the background shortly after each change."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QSplitter, QToolButton, QVBoxLayout, QWidget

from ..brief.commands import snapshot_copy
from .pdf_buffer import load_pdf
from .release_preview import ReleasePreview
from .session import BriefSession
from .widgets import describe
from .workers import JobSignals, preview_job

if TYPE_CHECKING:
    from ..export import BuildResult

DEBOUNCE_MS = 400
OVER_STYLE = "color:#ffffff;background:#b91c1c;border-radius:3px;padding:2px 8px;font-weight:bold"
WITHIN_STYLE = "color:#ffffff;background:#15803d;border-radius:3px;padding:2px 8px;font-weight:bold"
PLAIN_STYLE = "color:#1f2937;background:#e5e7eb;border-radius:3px;padding:2px 8px;font-weight:bold"


class PreviewPanel(QWidget):
    """Shows the current brief as the real PDF, with its page count against the template's budget."""

    updated = Signal()  # a new PDF is showing
    failed = Signal(str)  # the latest build failed; the message is in the status line

    def __init__(self, session: BriefSession, pool: QThreadPool, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.pool = pool
        self.generation = 0  # the newest build asked for
        self.shown = 0  # the build now on screen
        self.pdf_bytes: bytes | None = None
        self.result: BuildResult | None = None
        self._buffer: QBuffer | None = None
        self.signals = JobSignals(self)
        self.signals.finished.connect(self._finished)
        self.signals.failed.connect(self._failed)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.render_now)
        self._build()
        session.changed.connect(self.schedule)
        session.staleChanged.connect(self.schedule)  # the document marks stale figures by the same threshold

    def _build(self) -> None:
        title = QLabel("<b>Preview</b>")
        self.budget = QLabel("No preview yet")
        self.budget.setStyleSheet(PLAIN_STYLE)
        describe(self.budget, "Page count and budget", "Pages in the PDF against the template's page budget")
        self.zoom_out = self._tool("\u2212", "Zoom out", "Make the pages smaller", lambda: self._zoom(1 / 1.25))
        self.zoom_in = self._tool("+", "Zoom in", "Make the pages larger", lambda: self._zoom(1.25))
        self.fit_width = self._tool(
            "Fit width", "Fit width", "Fit the page width to the panel", lambda: self._fit(QPdfView.ZoomMode.FitToWidth)
        )
        self.fit_page = self._tool("Fit page", "Fit page", "Show whole pages", lambda: self._fit(QPdfView.ZoomMode.FitInView))
        head = self.head = QHBoxLayout()
        head.addWidget(title)
        self.release = ReleasePreview(self.session, self.pool, DEBOUNCE_MS, self)
        head.addStretch(1)
        for button in (self.zoom_out, self.zoom_in, self.fit_width, self.fit_page):
            head.addWidget(button)
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        # a scroll bar that comes and goes as pages reflow can make the view resize itself in a loop
        self.view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        self.view.setFrameShape(QFrame.Shape.StyledPanel)
        self.view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # arrow keys and Page Up/Down scroll the pages
        self.view.setStyleSheet("QPdfView { background: #6b7280; }")
        describe(self.view, "PDF preview", "The real PDF of the brief, as it will be exported")
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        describe(self.status, "Preview status", "Whether the preview is up to date, and any problem building it")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(head)
        self.budget_row = QHBoxLayout()  # its own row: never cut short, and a longer text moves no pane
        self.budget_row.addWidget(self.budget)
        self.budget_row.addStretch(1)
        release_row = QHBoxLayout()  # a row of its own, so the rows above fit a narrow pane
        release_row.addWidget(self.release.level_box)
        release_row.addStretch(1)
        layout.addLayout(self.budget_row)
        layout.addLayout(release_row)
        self.views = QSplitter(Qt.Orientation.Horizontal, self)  # the releasable version beside the full one
        self.views.addWidget(self.view)
        self.views.addWidget(self.release)
        layout.addWidget(self.views, 1)
        layout.addWidget(self.status)

    def tab_chain(self) -> list[QWidget]:
        """The preview's controls in keyboard (Tab) order."""
        return [self.release.level_box, self.zoom_out, self.zoom_in, self.fit_width, self.fit_page, self.view, self.release.view]

    def _tool(self, text: str, name: str, tip: str, slot) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.clicked.connect(slot)
        describe(button, name, tip)
        return button

    def _zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.2, min(5.0, self.view.zoomFactor() * factor)))

    def _fit(self, mode: QPdfView.ZoomMode) -> None:
        self.view.setZoomMode(mode)

    # -- building ------------------------------------------------------------------
    @Slot()
    def schedule(self) -> None:
        """Rebuild a moment after the last change (typing restarts the wait)."""
        self.timer.start()
        self._set_status("Updating\u2026")

    @Slot()
    def render_now(self) -> int:
        """Start a build of the brief as it is now; returns its generation number."""
        self.timer.stop()
        self.generation += 1
        brief, months = snapshot_copy(self.session.brief), self.session.stale.months
        job = preview_job(self.generation, self.signals, brief, self.session.library, months, self._wanted)
        self.pool.start(job)
        return self.generation

    def _wanted(self, generation: int) -> bool:
        return generation == self.generation

    def is_current(self) -> bool:
        """True when the PDF on screen is of the brief as it is now."""
        return self.pdf_bytes is not None and self.shown == self.generation and not self.timer.isActive()

    @Slot(int, object)
    def _finished(self, generation: int, payload: object) -> None:
        if generation != self.generation:
            return  # a newer build is on its way
        data, result = payload  # type: ignore[misc]
        self.shown = generation
        self.pdf_bytes, self.result = data, result
        scroll = self.view.verticalScrollBar().value()
        old = self._buffer
        self.document.close()
        self._buffer = load_pdf(self.document, data)
        if old is not None:
            old.deleteLater()
        if self.document.status() != QPdfDocument.Status.Ready:
            self._failed(generation, f"the PDF could not be displayed ({self.document.error().name})")
            return
        self.view.verticalScrollBar().setValue(scroll)
        self.budget.setText(result.budget_text())
        self.budget.setStyleSheet(PLAIN_STYLE if result.fits is None else WITHIN_STYLE if result.fits else OVER_STYLE)
        self.budget.setToolTip(f"{result.budget_text()}. The template's page budget is {result.page_budget or 'not set'}.")
        warnings = "; ".join(result.warnings)
        self._set_status(f"Up to date. {warnings}" if warnings else "Up to date", error=False)
        self.updated.emit()

    @Slot(int, str)
    def _failed(self, generation: int, message: str) -> None:
        if generation != self.generation:
            return
        self.shown = generation
        self._set_status(f"Preview not updated: {message}", error=True)
        self.failed.emit(message)

    def showEvent(self, event) -> None:
        """Follow the window to another screen: pages are drawn again at that screen's device pixel ratio."""
        super().showEvent(event)
        handle = self.window().windowHandle()
        if handle is not None and not getattr(self, "_follows_screen", False):
            handle.screenChanged.connect(lambda screen: self.redraw_pages())
            self._follows_screen = True

    def redraw_pages(self) -> None:
        """Draw the shown pages afresh (QPdfView keeps pages drawn at the old scale until its zoom changes)."""
        mode, factor = self.view.zoomMode(), self.view.zoomFactor()
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(factor * 1.0001)
        self.view.setZoomFactor(factor)
        self.view.setZoomMode(mode)

    def _set_status(self, text: str, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setToolTip(text)
        self.status.setStyleSheet("color:#b91c1c" if error else "color:#4b5563")
