"""The status bar's permanent widgets: export progress, the item count and the page budget."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar

from .widgets import describe


class BriefStatus:
    """Shows what the window's signals report: an export running, items and flags, the preview's pages."""

    def __init__(self, bar: QStatusBar):
        self.progress = describe(QProgressBar(bar), "Export progress", "An export is running")
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(160)
        self.progress.hide()
        self.count = describe(QLabel(bar), "Item count", "How many items the brief has, and how many are flagged")
        self.budget = describe(QLabel("No preview yet", bar), "Page budget", "Pages in the PDF against the template's page budget")
        for label in (self.count, self.budget):
            label.setContentsMargins(8, 0, 8, 0)
        for widget in (self.progress, self.count, self.budget):
            bar.addPermanentWidget(widget)

    @Slot(bool)
    def export_running(self, running: bool) -> None:
        self.progress.setVisible(running)

    def show_count(self, count: int, flagged: int) -> None:
        text = f"{count} item{'s' if count != 1 else ''}"
        self.count.setText(text + (f", {flagged} flagged" if flagged else ""))
        self.count.setStyleSheet("color:#b45309" if flagged else "")

    def show_budget(self, text: str, over: bool) -> None:
        self.budget.setText(text)
        self.budget.setToolTip("Pages in the PDF against the template's page budget")
        self.budget.setStyleSheet("color:#b91c1c;font-weight:bold" if over else "")

    @Slot(str)
    def preview_failed(self, message: str) -> None:
        self.budget.setText("Preview failed")
        self.budget.setToolTip(message)
