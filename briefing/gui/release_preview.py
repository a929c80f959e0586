"""The releasable version's preview, beside the full one: pick a level, see its PDF and what was withheld."""

from __future__ import annotations

from PySide6.QtCore import QThreadPool, QTimer, Slot
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QListWidget, QVBoxLayout, QWidget

from ..brief.commands import snapshot_copy
from .preview import DEBOUNCE_MS, load_pdf
from .session import BriefSession
from .widgets import describe
from .workers import Job, JobSignals

NONE = "Full brief only"


class ReleasePreview(QWidget):
    """A level chooser; with a level chosen, the releasable version's real PDF and its removal log."""

    def __init__(self, session: BriefSession, pool: QThreadPool, parent: QWidget | None = None):
        super().__init__(parent)
        self.session, self.pool = session, pool
        self.ticket = 0
        self.log_lines: list[str] = []
        self.pdf_bytes: bytes | None = None
        self.level_box = describe(QComboBox(self), "Release at", "Preview the releasable version at a level, beside the full one")
        self.document = QPdfDocument(self)
        self._buffer = None
        self.view = describe(QPdfView(self), "Releasable preview", "The PDF of the releasable version")
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.document)
        self.log = describe(QListWidget(self), "Removal log", "What the releasable version withholds, and why")
        self.log.setMaximumHeight(110)
        self.status = QLabel("", self)
        head = QHBoxLayout()
        head.addWidget(QLabel("<b>Release at</b>", self))
        head.addWidget(self.level_box, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(head)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.log)
        layout.addWidget(self.status)
        self.signals = JobSignals(self)
        self.signals.finished.connect(self._finished)
        self.signals.failed.connect(self._failed)
        self.timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self.timer.timeout.connect(self.render_now)
        self.level_box.currentIndexChanged.connect(self.render_now)
        session.changed.connect(self.schedule)
        self.fill_levels()

    def fill_levels(self) -> None:
        """The levels of the brief's scheme (kept when the scheme has the chosen one)."""
        from ..style import load_markings

        chosen = self.level()
        self.level_box.blockSignals(True)
        self.level_box.clear()
        self.level_box.addItem(NONE, None)
        for level in load_markings().get(self.session.brief.meta.scheme).ids():
            self.level_box.addItem(level, level)
        index = self.level_box.findData(chosen)
        self.level_box.setCurrentIndex(max(index, 0))
        self.level_box.blockSignals(False)
        self._show_active()

    def level(self) -> str | None:
        return self.level_box.currentData()

    def _show_active(self) -> None:
        active = self.level() is not None
        for widget in (self.view, self.log, self.status):
            widget.setVisible(active)

    @Slot()
    def schedule(self) -> None:
        if self.level() is not None:
            self.timer.start()

    @Slot()
    def render_now(self) -> None:
        """Build the releasable version in the background (nothing when no level is chosen)."""
        self._show_active()
        level = self.level()
        if level is None:
            return
        self.ticket += 1
        brief, library = snapshot_copy(self.session.brief), self.session.library

        def work():
            from ..export import preview_pdf

            data, result = preview_pdf(brief, library, release_at=level)
            assert result.release is not None
            return data, result.release.log_lines()

        self.status.setText(f"Building the releasable version at {level}\u2026")
        self.pool.start(Job(self.ticket, self.signals, work, lambda t: t == self.ticket))

    @Slot(int, object)
    def _finished(self, ticket: int, result: object) -> None:
        if ticket != self.ticket:
            return
        self.pdf_bytes, self.log_lines = result  # type: ignore[misc]
        self._buffer = load_pdf(self.document, self.pdf_bytes)
        self.log.clear()
        self.log.addItems(self.log_lines)
        self.status.setText(f"Releasable at {self.level()}: {self.document.pageCount()} page(s)")

    @Slot(int, str)
    def _failed(self, ticket: int, message: str) -> None:
        if ticket == self.ticket:
            self.status.setText(f"Releasable version failed: {message}")
