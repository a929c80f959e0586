"""The item editor dialog: the form for one kind, a live check with `content check`'s messages, Save and Cancel."""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QScrollArea, QVBoxLayout, QWidget

from ..content.item_check import FieldProblem, check_item
from ..content.model import Pack
from ..content.present import KIND_LABELS
from .item_form import ItemForm, field_label
from .widgets import describe

CHECK_PAUSE_MS = 150


class ItemEditor(QDialog):
    """Edit one item's fields; Save is on only while the item would load without problems."""

    def __init__(
        self,
        kind: str,
        pack: Pack,
        pack_file: Path,
        values: dict[str, Any] | None = None,
        *,
        taken_ids: set[str] = frozenset(),
        levels: Sequence[str] = (),
        title: str = "",
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.kind = kind
        self.pack = pack
        self.taken_ids = set(taken_ids)
        label = KIND_LABELS.get(kind, kind.capitalize())
        self.setWindowTitle(title or f"New {label.lower()}")
        self.setMinimumSize(620, 560)
        where = describe(QLabel(self), "Pack file", "The pack the item is saved in")
        where.setText(f"<b>{html.escape(label)}</b> in {html.escape(pack.title)}<br/><small>{html.escape(str(pack_file))}</small>")
        where.setWordWrap(True)
        self.form = ItemForm(kind, pack, levels, self)
        if values:
            self.form.set_values(values)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.form)
        self.report = describe(QLabel(self), "Check", "What the check found: the same rules and messages as briefing content check")
        self.report.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self.save_button = describe(
            self.buttons.button(QDialogButtonBox.StandardButton.Save), "Save item", "Save the item in its pack file"
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(where)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.report)
        layout.addWidget(self.buttons)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(CHECK_PAUSE_MS)
        self.timer.timeout.connect(self.check)
        self.form.changed.connect(self.timer.start)
        self.check()
        self.form.editors["id"].setFocus()

    def values(self) -> dict[str, Any]:
        return self.form.values()

    @Slot()
    def check(self) -> list[FieldProblem]:
        """Run the live check now: mark each field, list everything, and allow Save only without errors."""
        self.timer.stop()
        found = check_item(self.kind, self.values(), self.pack, taken_ids=self.taken_ids)
        by_field: dict[str, str] = {}
        for problem in found:
            by_field.setdefault(problem.field, ("\u26a0 " if problem.warning else "") + str(problem))
        self.form.mark(by_field)
        errors = [p for p in found if not p.warning]
        lines = [
            f"<li style='color:{'#b45309' if p.warning else '#b91c1c'}'>{html.escape(field_label(p.field) + ': ' if p.field else '')}"
            f"{html.escape(str(p))}</li>"
            for p in found
        ]
        summary = "Ready to save." if not errors else f"{len(errors)} problem{'s' if len(errors) != 1 else ''} to fix before saving:"
        self.report.setText(f"<p>{summary}</p>" + (f"<ul>{''.join(lines)}</ul>" if lines else ""))
        self.save_button.setEnabled(not errors)
        return found

    def accept(self) -> None:
        if any(not p.warning for p in self.check()):
            return
        super().accept()
