"""The current candidate's form: the source's words (read-only), the fields in our own words, and its pillar."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QWidget

from ..errors import BriefingError
from ..importing.review import CHOICES, EDITABLE, Review
from .widgets import describe

LABELS = {"event_kind": "Kind", "as_of": "As of", "end_date": "End date", "speaker_title": "Title"}


def _label(name: str) -> str:
    return LABELS.get(name, name.replace("_", " ").capitalize())


class CandidateEditor(QWidget):
    """Edits one candidate of a :class:`Review`; every change goes to the review at once."""

    changed = Signal(int)  # the row

    def __init__(self, review: Review, on_error: Callable[[str], None], parent=None):
        super().__init__(parent)
        self.review = review
        self.on_error = on_error
        self.row = -1
        self.form = QFormLayout(self)
        self.editors: dict[str, QWidget] = {}
        self.pillar_box: QComboBox | None = None

    def show_row(self, row: int) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        self.editors, self.pillar_box, self.row = {}, None, row
        if not 0 <= row < len(self.review):
            return
        c = self.review.candidate(row)
        words = describe(QLabel(c.text, self), "Words in the source", "The source's exact words at this span: they cannot be edited")
        words.setWordWrap(True)
        self.form.addRow("In the source:", words)
        if c.kind == "quotation":
            kind = "direct quotation (verbatim)" if c.fields["quote_kind"] == "direct" else f"reported: “{c.fields['verb']}”"
            self.form.addRow("Statement:", describe(QLabel(kind, self), "Statement kind", "Direct or reported, as the source gives it"))
        for name in EDITABLE[c.kind]:
            self.form.addRow(f"{_label(name)}:", self._editor(name, c.fields.get(name)))
        if c.kind != "pillar":
            self.form.addRow("Pillar:", self._pillar_box(c.pillar))
        for widget in [*self.editors.values(), self.pillar_box]:
            if widget is not None:
                widget.show()  # at once, so Ctrl+E can focus them (a layout shows new children only later)

    def _editor(self, name: str, value) -> QWidget:
        tip = f"{_label(name)}, in our own words (Ctrl+E to come here)"
        if name in CHOICES:
            box = describe(QComboBox(self), _label(name), tip)
            box.addItems(list(CHOICES[name]))
            if value in CHOICES[name]:
                box.setCurrentText(value)
            box.activated.connect(lambda _i, n=name, b=box: self._set(n, b.currentText()))
            self.editors[name] = box
            return box
        line = describe(QLineEdit("" if value is None else str(value), self), _label(name), tip)
        line.setCursorPosition(0)
        line.editingFinished.connect(lambda n=name, e=line: self._set(n, e.text().strip() or None))
        self.editors[name] = line
        return line

    def _pillar_box(self, current: str | None) -> QComboBox:
        box = describe(QComboBox(self), "Pillar", "The pillar this item goes under (Ctrl+P to come here)")
        for pillar in self.review.pillars():
            box.addItem(f"{pillar.id}: {pillar.fields['title'][:60]}", pillar.id)
        box.setCurrentIndex(max(0, box.findData(current)))
        box.activated.connect(lambda _i: self._set_pillar(box.currentData()))
        self.pillar_box = box
        return box

    def _set(self, name: str, value) -> None:
        c = self.review.candidate(self.row)
        if value == c.fields.get(name) or (value is None and not c.fields.get(name)):
            return
        try:
            self.review.edit(self.row, name, value)
        except BriefingError as exc:
            self.on_error(str(exc))
            return
        self.changed.emit(self.row)

    def _set_pillar(self, pillar_id: str) -> None:
        try:
            self.review.set_pillar(self.row, pillar_id)
        except BriefingError as exc:
            self.on_error(str(exc))
            return
        self.changed.emit(self.row)

    def focus_first(self) -> None:
        first = next(iter(self.editors.values()), None)
        if first is not None:
            first.setFocus()

    def focus_pillar(self) -> None:
        if self.pillar_box is not None:
            self.pillar_box.setFocus()
