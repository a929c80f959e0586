"""The brief's metadata form and template chooser, and the editors for the officer's own sections."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt, Slot
from PySide6.QtWidgets import QComboBox, QDateEdit, QGridLayout, QLabel, QLineEdit, QPlainTextEdit, QWidget

from ..errors import StyleError
from ..style import MarkingSchemes
from ..templating.registry import Template
from .session import BriefSession
from .widgets import describe, route_undo

TEXT_FIELDS = {
    "meta.title": ("Title", "The brief's title, printed at the top"),
    "meta.occasion": ("Occasion", "The meeting or event the brief is for"),
    "meta.recipient": ("Recipient", "Who the brief is for"),
    "meta.drafter": ("Drafter", "Who wrote the brief"),
    "meta.reference": ("Reference", "File or reference number"),
    "meta.caveat": ("Caveat", "Handling caveat printed with the marking, e.g. a release restriction"),
}
SECTIONS = {
    "purpose": "Why the meeting is happening and what the principal should achieve",
    "background": "The context the principal needs, in your own words",
    "recommendation": "What you recommend the principal does or says",
}


class MetaForm(QWidget):
    """Title, occasion, recipient, drafter, date, reference, marking and caveat; the template chooser is placed by BriefPanel."""

    def __init__(self, session: BriefSession, templates: list[Template], markings: MarkingSchemes | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.templates = templates
        self.markings = markings
        self.edits: dict[str, QLineEdit] = {}
        for path, (label, tip) in TEXT_FIELDS.items():
            edit = describe(QLineEdit(self), label, tip)
            edit.textEdited.connect(lambda text, p=path: self.session.set_field(p, text))
            self.edits[path] = edit
        self.date_edit = describe(QDateEdit(self), "Date", "The date of the brief (or of the meeting)")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.dateChanged.connect(self._date_changed)
        self.marking_box = describe(
            QComboBox(self), "Marking", "The classification you choose; the banner is this or the highest level among the items"
        )
        self.marking_box.activated.connect(self._marking_chosen)
        self.template_box = describe(QComboBox(self), "Template", "The layout of the brief and its page budget")
        self.template_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for template in templates:
            budget = f" ({template.info.page_budget}-page budget)" if template.info.page_budget else ""
            self.template_box.addItem(template.info.name + budget, template.id)
            self.template_box.setItemData(
                self.template_box.count() - 1, template.info.description or template.info.name, Qt.ItemDataRole.ToolTipRole
            )
        self.template_box.activated.connect(self._template_chosen)
        route_undo(*self.edits.values(), self.date_edit)
        self._layout()
        session.fieldChanged.connect(self.sync_field)
        session.reset.connect(self.sync_all)
        self.sync_all()

    def _layout(self) -> None:
        grid = QGridLayout(self)
        grid.setContentsMargins(8, 8, 8, 8)
        grid.setHorizontalSpacing(10)
        rows = [
            [("Title", self.edits["meta.title"], 3)],
            [("Occasion", self.edits["meta.occasion"], 3)],
            [("Recipient", self.edits["meta.recipient"], 1), ("Drafter", self.edits["meta.drafter"], 1)],
            [("Date", self.date_edit, 1), ("Reference", self.edits["meta.reference"], 1)],
            [("Marking", self.marking_box, 1), ("Caveat", self.edits["meta.caveat"], 1)],
        ]
        for r, row in enumerate(rows):
            column = 0
            for text, widget, span in row:
                label = QLabel(f"&{text}:", self)
                label.setBuddy(widget)
                label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                grid.addWidget(label, r, column)
                grid.addWidget(widget, r, column + 1, 1, span)
                column += 2
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        grid.setRowStretch(len(rows), 1)

    def tab_chain(self) -> list[QWidget]:
        """The form's fields in keyboard (Tab) order: row by row."""
        edits = self.edits
        first = [edits["meta.title"], edits["meta.occasion"], edits["meta.recipient"], edits["meta.drafter"]]
        return [*first, self.date_edit, edits["meta.reference"], self.marking_box, edits["meta.caveat"]]

    # -- brief -> widgets -----------------------------------------------------------
    @Slot()
    def sync_all(self) -> None:
        self._fill_markings()
        for path in [*self.edits, "meta.date", "meta.marking", "template"]:
            self.sync_field(path)

    @Slot(str)
    def sync_field(self, path: str) -> None:
        if path in self.edits:
            edit, value = self.edits[path], str(self.session.get_field(path) or "")
            if edit.text() != value:
                edit.setText(value)
                edit.setCursorPosition(0 if not edit.hasFocus() else len(value))
        elif path == "meta.date":
            date = QDate.fromString(self.session.brief.meta.date, Qt.DateFormat.ISODate)
            self.date_edit.blockSignals(True)
            self.date_edit.setDate(date if date.isValid() else QDate.currentDate())
            self.date_edit.blockSignals(False)
        elif path in ("meta.marking", "meta.scheme"):
            self._fill_markings()
        elif path == "template":
            template_id = self.session.brief.template
            index = self.template_box.findData(template_id)
            if index < 0:
                self.template_box.addItem(f"{template_id} (not installed)", template_id)
                index = self.template_box.count() - 1
            self.template_box.setCurrentIndex(index)

    def _fill_markings(self) -> None:
        meta = self.session.brief.meta
        box = self.marking_box
        box.clear()
        try:
            scheme = self.markings.get(meta.scheme) if self.markings is not None else None
        except StyleError as exc:
            scheme = None
            box.setToolTip(str(exc))
        if scheme is not None:
            for level in scheme.levels:
                box.addItem(level.id, level.id)
            box.setToolTip(f"The classification you choose ({scheme.name}); the banner is this or the highest level among the items")
        if meta.marking and box.findData(meta.marking) < 0:
            box.addItem(f"{meta.marking} (not in the scheme)", meta.marking)
        box.setCurrentIndex(max(box.findData(meta.marking), 0) if meta.marking else 0)

    # -- widgets -> brief -------------------------------------------------------------
    @Slot(QDate)
    def _date_changed(self, date: QDate) -> None:
        self.session.set_field("meta.date", date.toString(Qt.DateFormat.ISODate))

    @Slot(int)
    def _marking_chosen(self, index: int) -> None:
        self.session.set_field("meta.marking", self.marking_box.itemData(index), merge=False)

    @Slot(int)
    def _template_chosen(self, index: int) -> None:
        self.session.set_field("template", self.template_box.itemData(index), merge=False)


class SectionEditor(QPlainTextEdit):
    """One of the officer's own sections (purpose, background, recommendation); typing merges into one undo step."""

    def __init__(self, session: BriefSession, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.path = f"sections.{name}.text"
        self._syncing = False
        describe(self, name.capitalize(), SECTIONS[name])
        self.setPlaceholderText(SECTIONS[name] + ".")
        self.setTabChangesFocus(True)
        route_undo(self)
        self.textChanged.connect(self._typed)
        session.fieldChanged.connect(self._sync)
        session.reset.connect(lambda: self._sync(self.path))
        self._sync(self.path)

    def _typed(self) -> None:
        if not self._syncing:
            self.session.set_field(self.path, self.toPlainText())

    @Slot(str)
    def _sync(self, path: str) -> None:
        value = str(self.session.get_field(self.path) or "")
        if path != self.path or self.toPlainText() == value:
            return
        self._syncing = True
        self.setPlainText(value)
        cursor = self.textCursor()
        cursor.movePosition(cursor.MoveOperation.End)
        self.setTextCursor(cursor)
        self._syncing = False
