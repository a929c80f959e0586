"""The Meeting tab: the principal, time and venue, and the attendees on each side with name, role and optional level."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QAbstractItemView, QFormLayout, QHeaderView, QLabel, QLineEdit, QTableWidget, QTableWidgetItem, QWidget

from ..brief.model import Attendee
from .session import BriefSession
from .widgets import describe, route_undo

LINE_FIELDS = {
    "meta.principal": ("Principal", "Who is briefed: the person who will hold the meeting"),
    "meta.time": ("Time", "When the meeting starts, as you write it (10:30, 10:30-11:15)"),
    "meta.venue": ("Venue", "Where the meeting is"),
}
SIDES = {
    "meta.attendees.ours": ("Our side", "Who attends for us: name, role and, if their presence is sensitive, a classification level"),
    "meta.attendees.theirs": ("Their side", "Who we meet: name, role and optional level"),
}
COLUMNS = ("Name", "Role", "Level")


class AttendeesTable(QTableWidget):
    """One side's attendees; the empty last row adds a person, clearing a name removes one."""

    def __init__(self, session: BriefSession, path: str, parent: QWidget | None = None):
        super().__init__(0, len(COLUMNS), parent)
        self.session = session
        self.path = path
        name, tip = SIDES[path]
        describe(self, name, tip + ". Type in the empty last row to add a person; clear a name to remove one")
        self.setHorizontalHeaderLabels(COLUMNS)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.verticalHeader().hide()
        self.setTabKeyNavigation(False)  # Tab leaves the table, as in every other field
        self.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.setMinimumHeight(self.verticalHeader().defaultSectionSize() * 3 + header.sizeHint().height())
        self._syncing = False
        self.itemChanged.connect(self._edited)
        session.fieldChanged.connect(self._sync)
        session.reset.connect(lambda: self._sync(self.path))
        self._sync(self.path)

    def people(self) -> list[Attendee]:
        """The attendees the rows hold (rows without a name are left out)."""
        out = []
        for row in range(self.rowCount()):
            name, role, level = (self.item(row, column).text().strip() if self.item(row, column) else "" for column in range(3))
            if name:
                out.append(Attendee(name=name, role=role, level=level or None))
        return out

    @Slot(QTableWidgetItem)
    def _edited(self, item: QTableWidgetItem) -> None:
        if not self._syncing:
            self.session.set_field(self.path, self.people(), merge=False)

    def _has_empty_row(self) -> bool:
        last = self.rowCount() - 1
        return last >= 0 and not any(self.item(last, c) and self.item(last, c).text().strip() for c in range(len(COLUMNS)))

    @Slot(str)
    def _sync(self, path: str) -> None:
        """Show the brief's attendees; the rows already say so when the edit came from them (then only an empty row is added)."""
        if path != self.path:
            return
        people = list(self.session.get_field(self.path))
        self._syncing = True
        if people != self.people():
            self.setRowCount(0)
            for person in people:
                self._add_row((person.name, person.role, person.level or ""))
        if not self._has_empty_row():
            self._add_row(("", "", ""))  # type in it to add the next person
        self._syncing = False

    def _add_row(self, values: tuple[str, str, str]) -> None:
        row = self.rowCount()
        self.insertRow(row)
        for column, value in enumerate(values):
            self.setItem(row, column, QTableWidgetItem(value))


class MeetingForm(QWidget):
    """Principal, time, venue and both sides' attendees, each change one undoable edit."""

    def __init__(self, session: BriefSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.edits: dict[str, QLineEdit] = {}
        form = QFormLayout(self)
        form.setContentsMargins(8, 8, 8, 8)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for path, (label, tip) in LINE_FIELDS.items():
            edit = describe(QLineEdit(self), label, tip)
            edit.textEdited.connect(lambda text, p=path: self.session.set_field(p, text))
            self.edits[path] = edit
            form.addRow(self._label(label, edit), edit)
        self.tables = {path: AttendeesTable(session, path, self) for path in SIDES}
        for path, table in self.tables.items():
            form.addRow(self._label(SIDES[path][0], table), table)
        route_undo(*self.edits.values())
        session.fieldChanged.connect(self._sync)
        session.reset.connect(self._sync_all)
        self._sync_all()

    def _label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(f"&{text}:", self)
        label.setBuddy(buddy)
        top = isinstance(buddy, QTableWidget)  # a table's label by its header; a field's beside its text
        label.setAlignment(Qt.AlignmentFlag.AlignRight | (Qt.AlignmentFlag.AlignTop if top else Qt.AlignmentFlag.AlignVCenter))
        return label

    def tab_chain(self) -> list[QWidget]:
        """The line fields; the tables follow them by creation order (setTabOrder with a table tangles Qt's focus chain)."""
        return list(self.edits.values())

    @Slot()
    def _sync_all(self) -> None:
        for path in self.edits:
            self._sync(path)

    @Slot(str)
    def _sync(self, path: str) -> None:
        edit = self.edits.get(path)
        if edit is None:
            return
        value = str(self.session.get_field(path) or "")
        if edit.text() != value:
            edit.setText(value)
