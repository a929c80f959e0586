"""The item form: one field editor per field of a pack model, with its description as help text."""

from __future__ import annotations

import html
import typing
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QWidget

from ..content.model import MODELS, PLACES, Pack, field_names
from .widgets import describe

LONG_TEXT = ("summary", "text", "bio", "question", "key_messages", "participants")  # several lines
LINE_LISTS = ("key_messages", "participants")  # one entry per line
WORD_LISTS = ("tags",)  # comma-separated
NONE = ""  # the pick-list entry for an optional field left empty


def field_label(name: str) -> str:
    """``as_of`` -> ``As of``."""
    return name.replace("_", " ").capitalize()


def literal_choices(info: FieldInfo) -> list[str]:
    """The allowed values of a Literal field (``kind``, ``qualifier`` ...); empty for any other field."""
    for arg in (info.annotation, *typing.get_args(info.annotation)):
        if typing.get_origin(arg) is typing.Literal:
            return [str(v) for v in typing.get_args(arg)]
        for inner in typing.get_args(arg):
            if typing.get_origin(inner) is typing.Literal:
                return [str(v) for v in typing.get_args(inner)]
    return []


def is_number(info: FieldInfo) -> bool:
    return "int" in str(info.annotation) and "str" not in str(info.annotation) and "list" not in str(info.annotation)


class PickList(QComboBox):
    """A combo box of (label, value) pairs; an optional field starts with an empty choice."""

    def __init__(self, choices: Sequence[tuple[str, str]], optional: bool, editable: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.setEditable(editable)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(12)
        if optional:
            self.addItem("(none)", NONE)
        for label, value in choices:
            self.addItem(label, value)

    def value(self) -> str | None:
        if self.isEditable():
            text = self.currentText().strip()
            index = self.findText(text)
            data = self.itemData(index) if index >= 0 else text
            return data or None
        return self.currentData() or None

    def set_value(self, value: Any) -> None:
        index = self.findData(NONE if value is None else str(value))
        if index < 0 and value is not None:
            self.addItem(str(value), str(value))  # a value the pick list does not know: kept, and the check says why
            index = self.count() - 1
        self.setCurrentIndex(max(index, 0))


class CitationEditor(QWidget):
    """A citation: which of the pack's sources, which kind of place, the place itself, and a note."""

    changed = Signal()

    def __init__(self, pack: Pack, optional: bool, parent: QWidget | None = None):
        super().__init__(parent)
        docs = [(f"{s.id} \u2014 {s.title}", s.id) for s in pack.sources]
        self.doc = describe(PickList(docs, optional, parent=self), "Source document", "Which of the pack's sources the item comes from")
        self.place_kind = describe(
            PickList([(p, p) for p in PLACES], False, parent=self), "Place kind", "Cite by paragraph, page, section or table"
        )
        self.place = describe(QLineEdit(self), "Place", "The paragraph or page number, or the section or table")
        self.note = describe(QLineEdit(self), "Citation note", "Anything more precise, e.g. 'second sentence'")
        self.note.setPlaceholderText("note (optional)")
        self._span: Any = None
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for widget, stretch in ((self.doc, 3), (self.place_kind, 1), (self.place, 1), (self.note, 2)):
            row.addWidget(widget, stretch)
        for combo in (self.doc, self.place_kind):
            combo.currentIndexChanged.connect(self.changed)
        for edit in (self.place, self.note):
            edit.textChanged.connect(self.changed)

    def value(self) -> dict[str, Any] | None:
        doc = self.doc.value()
        place = self.place.text().strip()
        if doc is None and not place and self.doc.findData(NONE) >= 0:
            return None
        kind = self.place_kind.value() or "paragraph"
        cited: dict[str, Any] = {"doc": doc} if doc else {}
        cited[kind] = (int(place) if place.isdigit() else place) if kind in ("paragraph", "page") else place
        if self._span is not None:
            cited["span"] = self._span
        if self.note.text().strip():
            cited["note"] = self.note.text().strip()
        return cited

    def set_value(self, value: dict[str, Any] | None) -> None:
        value = value or {}
        self.doc.set_value(value.get("doc"))
        kind = next((p for p in PLACES if value.get(p) is not None), "paragraph")
        self.place_kind.set_value(kind)
        self.place.setText("" if value.get(kind) is None else str(value[kind]))
        self.note.setText(value.get("note") or "")
        self._span = value.get("span")


class ItemForm(QWidget):
    """Every field of one kind of item, in the model's order, from the model itself."""

    changed = Signal()

    def __init__(self, kind: str, pack: Pack, levels: Sequence[str] = (), parent: QWidget | None = None):
        super().__init__(parent)
        self.kind = kind
        self.model: type[BaseModel] = MODELS[kind]
        self.editors: dict[str, QWidget] = {}
        self.helps: dict[str, QLabel] = {}
        layout = QFormLayout(self)
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for name in field_names(kind):
            info = self.model.model_fields[name]
            editor = self._editor(name, info, pack, levels)
            help_text = info.description or ""
            describe(editor, field_label(name), help_text or field_label(name))
            editor.setWhatsThis(help_text)
            self.editors[name] = editor
            box = QWidget(self)
            column = QFormLayout(box)
            column.setContentsMargins(0, 0, 0, 0)
            column.addRow(editor)
            help_label = QLabel(box)
            help_label.setTextFormat(Qt.TextFormat.RichText)
            help_label.setWordWrap(True)
            column.addRow(help_label)
            self.helps[name] = help_label
            label = QLabel(("&" if name == "id" else "") + field_label(name) + ("*" if info.is_required() else "") + ":", self)
            label.setBuddy(editor)
            layout.addRow(label, box)
        self.mark({})

    def _editor(self, name: str, info: FieldInfo, pack: Pack, levels: Sequence[str]) -> QWidget:
        optional = not info.is_required() and info.default is None  # a field with a default always has a value
        choices = literal_choices(info)
        if name == "source":
            editor: QWidget = CitationEditor(pack, optional, self)
            editor.changed.connect(self.changed)
            return editor
        if choices or name in ("pillar", "level"):
            if name == "pillar":
                pairs = [(f"{p.title} ({p.id})", p.id) for p in pack.pillars]
            elif name == "level":
                pairs = [(level, level) for level in levels]
            else:
                pairs = [(c, c) for c in choices]
            combo = PickList(pairs, optional, editable=name == "level", parent=self)
            combo.currentIndexChanged.connect(self.changed)
            combo.editTextChanged.connect(self.changed)
            return combo
        if name in LONG_TEXT:
            text = QPlainTextEdit(self)
            text.setTabChangesFocus(True)
            text.setFixedHeight(text.fontMetrics().lineSpacing() * (5 if name in ("summary", "text", "bio") else 3) + 12)
            text.textChanged.connect(self.changed)
            return text
        line = QLineEdit(self)
        line.textChanged.connect(self.changed)
        return line

    # -- values ------------------------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        """The fields as a plain mapping for the model: empty optional fields left out."""
        values: dict[str, Any] = {}
        for name, info in self.model.model_fields.items():
            value = self._get(name, info)
            if value in (None, "", []) and not info.is_required():
                continue
            if value is not None:
                values[name] = value
        return values

    def _get(self, name: str, info: FieldInfo) -> Any:
        editor = self.editors[name]
        if isinstance(editor, CitationEditor | PickList):
            return editor.value()
        text = editor.toPlainText() if isinstance(editor, QPlainTextEdit) else editor.text()  # type: ignore[attr-defined]
        if name in LINE_LISTS:
            return [line.strip() for line in text.splitlines() if line.strip()]
        if name in WORD_LISTS:
            return [word.strip() for word in text.split(",") if word.strip()]
        text = text.strip()
        if is_number(info) and text:
            return _number(text)
        return text or None

    def set_values(self, values: dict[str, Any]) -> None:
        for name, editor in self.editors.items():
            value = values.get(name)
            if isinstance(editor, CitationEditor | PickList):
                editor.set_value(value)
            elif name in LINE_LISTS:
                editor.setPlainText("\n".join(value or []))  # type: ignore[attr-defined]
            elif name in WORD_LISTS:
                editor.setText(", ".join(value or []))  # type: ignore[attr-defined]
            elif isinstance(editor, QPlainTextEdit):
                editor.setPlainText("" if value is None else str(value))
            else:
                editor.setText("" if value is None else str(value))  # type: ignore[attr-defined]

    def mark(self, fields: dict[str, str]) -> None:
        """Show each field's problem (in red) under its help text."""
        for name, label in self.helps.items():
            problem = fields.get(name)
            help_text = html.escape(self.model.model_fields[name].description or "", quote=False)
            shown = [f"<span style='color:#6b7280'>{help_text}</span>"] if help_text else []
            if problem:
                shown.append(f"<span style='color:#b91c1c'>{html.escape(problem, quote=False)}</span>")
            label.setText("<br/>".join(shown))
            label.setVisible(bool(shown))


def _number(text: str) -> int | float | str:
    """Digits as a number (commas allowed); anything else stays text, for the check to report."""
    plain = text.replace(",", "")
    try:
        return int(plain)
    except ValueError:
        try:
            return float(plain)
        except ValueError:
            return text
