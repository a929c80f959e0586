"""The releasable version's preview, beside the full one: its level chooser, its real PDF and what it withholds."""

from __future__ import annotations

from PySide6.QtCore import QThreadPool, QTimer, Slot
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QComboBox, QLabel, QListWidget, QVBoxLayout, QWidget

from ..brief.commands import snapshot_copy
from ..errors import BriefingError
from .pdf_buffer import load_pdf
from .session import BriefSession
from .widgets import describe
from .workers import Job, JobSignals

NONE = "No releasable preview"


class ReleasePreview(QWidget):
    """Shown while a level is chosen in ``level_box`` (which the preview puts in its head row): the PDF and the log."""

    def __init__(self, session: BriefSession, pool: QThreadPool, debounce_ms: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.session, self.pool = session, pool
        self.ticket = 0
        self.log_lines: list[str] = []
        self.pdf_bytes: bytes | None = None
        self.level_box = describe(QComboBox(self), "Release at", "Show the releasable version at a level beside the full brief")
        self.document = QPdfDocument(self)
        self._buffer = None
        self.view = describe(QPdfView(self), "Releasable preview", "The PDF of the releasable version")
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setStyleSheet("QPdfView { background: #6b7280; }")
        self.view.setDocument(self.document)
        self.log = describe(QListWidget(self), "Removal log", "What the releasable version withholds, and why")
        self.log.setMaximumHeight(120)
        self.log.setWordWrap(True)
        self.status = QLabel("", self)
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.log)
        layout.addWidget(self.status)
        self.signals = JobSignals(self)
        self.signals.finished.connect(self._finished)
        self.signals.failed.connect(self._failed)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(debounce_ms)
        self.timer.timeout.connect(self.render_now)
        self.level_box.currentIndexChanged.connect(self.render_now)
        session.changed.connect(self.schedule)
        session.reset.connect(self.fill_levels)
        self.fill_levels()

    @Slot()
    def fill_levels(self) -> None:
        """The levels of the brief's scheme (the choice is kept when the scheme has it)."""
        from ..style import load_markings

        chosen = self.level()
        try:
            levels = load_markings().get(self.session.brief.meta.scheme).ids()
        except BriefingError:  # an unknown scheme: the full preview reports it
            levels = []
        self.level_box.blockSignals(True)
        self.level_box.clear()
        self.level_box.addItem(NONE, None)
        for level in levels:
            self.level_box.addItem(f"Release at {level}", level)
        self.level_box.setCurrentIndex(max(self.level_box.findData(chosen), 0))
        self.level_box.blockSignals(False)
        self.setVisible(self.level() is not None)

    def level(self) -> str | None:
        return self.level_box.currentData()

    @Slot()
    def schedule(self) -> None:
        if self.level() is not None:
            self.timer.start()

    @Slot()
    def render_now(self) -> None:
        """Build the releasable version in the background (only while a level is chosen)."""
        self.timer.stop()
        level = self.level()
        self.setVisible(level is not None)
        if level is None:
            return
        self.ticket += 1
        brief, library, months = snapshot_copy(self.session.brief), self.session.library, self.session.stale.months

        def work():
            from ..export import preview_pdf

            data, result = preview_pdf(brief, library, release_at=level, stale_months=months)
            assert result.release is not None
            return data, result.release.log_lines()

        self.status.setText(f"Building the releasable version at {level}\u2026")
        self.pool.start(Job(self.ticket, self.signals, work, lambda ticket: ticket == self.ticket))

    @Slot(int, object)
    def _finished(self, ticket: int, result: object) -> None:
        if ticket != self.ticket:
            return
        self.pdf_bytes, self.log_lines = result  # type: ignore[misc]
        old = self._buffer
        self.document.close()
        self._buffer = load_pdf(self.document, self.pdf_bytes)
        if old is not None:
            old.deleteLater()
        self.log.clear()
        self.log.addItems(self.log_lines)
        pages = self.document.pageCount()
        self.status.setText(f"Releasable at {self.level()}: {pages} page{'s' if pages != 1 else ''}")

    @Slot(int, str)
    def _failed(self, ticket: int, message: str) -> None:
        if ticket == self.ticket:
            self.status.setText(f"Releasable version not updated: {message}")
