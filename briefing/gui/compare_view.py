"""The compare view: what changed between two versions of a brief, changed words marked in colour."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QTextBrowser, QVBoxLayout, QWidget

from ..brief.diff import Change, compare
from ..brief.model import Brief
from ..levels.portions import brief_banner
from .widgets import describe, fit_to_screen

_MARKS = re.compile(r"\[-(.*?)-\]|\{\+(.*?)\+\}")
REMOVED = "color:#b91c1c;text-decoration:line-through"
ADDED = "color:#15803d;font-weight:bold"


def change_html(change: Change) -> str:
    """One change as HTML: removed words struck through in red, added words in green."""
    parts, position = [], 0
    for match in _MARKS.finditer(change.text):
        parts.append(html.escape(change.text[position : match.start()]))
        removed, added = match.groups()
        style, words = (REMOVED, removed) if removed is not None else (ADDED, added)
        parts.append(f'<span style="{style}">{html.escape(words)}</span>')
        position = match.end()
    parts.append(html.escape(change.text[position:]))
    return f"<p><b>{html.escape(change.kind)}</b>: {''.join(parts)}</p>"


def changes_html(changes: Sequence[Change]) -> str:
    return "".join(change_html(c) for c in changes) or "<p>No differences.</p>"


class CompareDialog(QDialog):
    """Pick two versions (or the brief as it is now) and see what changed from the first to the second."""

    def __init__(self, labels: Sequence[str], load: Callable[[int], Brief], first: int, second: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Compare Versions")
        self.load = load
        self.old_box = describe(QComboBox(self), "Compare from", "The earlier version")
        self.new_box = describe(QComboBox(self), "Compare to", "The later version")
        for box, index in ((self.old_box, first), (self.new_box, second)):
            box.addItems(list(labels))
            box.setCurrentIndex(index)
            box.currentIndexChanged.connect(self.refresh)
        self.view = describe(QTextBrowser(self), "Changes", "Items added, removed and moved; notes, sections and details changed")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("From:", self.old_box)
        form.addRow("To:", self.new_box)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        fit_to_screen(self, 720, 480)
        self.refresh()

    def refresh(self) -> None:
        self.changes = compare(self.load(self.old_box.currentIndex()), self.load(self.new_box.currentIndex()), brief_banner)
        self.view.setHtml(changes_html(self.changes))
