"""File > Import Source: review an import with the source beside its candidates, then save the accepted items to a pack.

Keyboard: Ctrl+Down / Ctrl+Up next and previous candidate, Ctrl+Return accept,
Ctrl+R reject, Ctrl+M merge the selected two, Ctrl+E edit, Ctrl+P pillar,
Ctrl+S save. They work with the focus anywhere in the dialog, line edits included.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..errors import BriefingError
from ..importing.extract import slug
from ..importing.review import PENDING, Review, save_new_pack
from .import_editor import CandidateEditor
from .import_model import KIND_COLOURS, CandidatesModel
from .import_source_view import SourceView
from .widgets import describe, fit_to_screen

KEYS = {
    "next": ("Ctrl+Down",),
    "previous": ("Ctrl+Up",),
    "accept": ("Ctrl+Return", "Ctrl+Enter"),
    "reject": ("Ctrl+R",),
    "merge": ("Ctrl+M",),
    "edit": ("Ctrl+E",),
    "pillar": ("Ctrl+P",),
    "save": ("Ctrl+S",),
}


@dataclass(frozen=True)
class Target:
    """Where accepted items go: a new pack file (its id and title), or an existing writable pack."""

    path: Path
    pack_id: str
    title: str
    existing: bool = False


class NewPackDialog(QDialog):
    """Asks where the accepted items go: a new pack in the user's content folder (id and title), or a writable pack."""

    def __init__(self, folder: Path, pack_id: str, title: str, writable: Sequence[tuple[str, Path]] = (), parent=None):
        super().__init__(parent)
        self.setMinimumSize(480, 160)
        self.setWindowTitle("Save Accepted Items")
        self.folder = folder
        self.id_edit = describe(
            QLineEdit(pack_id, self), "Pack id", "Lower-case letters, digits and hyphens: the first part of every item id"
        )
        self.title_edit = describe(QLineEdit(title, self), "Pack title", "The pack's title in the library")
        self.where = describe(QComboBox(self), "Save to", "A new pack in your content folder, or one of your writable packs")
        self.where.addItem(f"A new pack in {folder}", None)
        for pack_id_, path in writable:
            self.where.addItem(f"Add to {pack_id_} ({path.name})", (pack_id_, path))
        self.where.currentIndexChanged.connect(lambda _i: self._new_pack_fields())
        form = QFormLayout(self)
        form.addRow("Save to:", self.where)
        form.addRow("Pack id:", self.id_edit)
        form.addRow("Title:", self.title_edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _new_pack_fields(self) -> None:
        new = self.where.currentData() is None
        self.id_edit.setEnabled(new)
        self.title_edit.setEnabled(new)

    def target(self) -> Target | None:
        existing = self.where.currentData()
        if existing is not None:
            return Target(existing[1], existing[0], existing[0], existing=True)
        pack_id = self.id_edit.text().strip()
        if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", pack_id):
            return None
        return Target(self.folder / f"{pack_id}.yaml", pack_id, self.title_edit.text().strip() or pack_id)


def ask_new_pack(parent: QWidget, folder: Path, pack_id: str, title: str, writable: Sequence[tuple[str, Path]] = ()) -> Target | None:
    dialog = NewPackDialog(folder, pack_id, title, writable, parent)
    return dialog.target() if dialog.exec() == QDialog.DialogCode.Accepted else None


class ImportReviewDialog(QDialog):
    """The review view: the source with every candidate highlighted, the candidates list, the current one's form."""

    saved = Signal(object)  # the Path written

    def __init__(
        self,
        review: Review,
        content_folder: Path,
        *,
        choose_target: Callable[..., Target | None] = ask_new_pack,
        writable_packs: Sequence[tuple[str, Path]] = (),
        on_error: Callable[[str, str], None] | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.review = review
        self.content_folder = content_folder
        self.choose_target = choose_target
        self.writable_packs = list(writable_packs)
        self.report_error = on_error or (lambda _title, _message: None)
        self.saved_path: Path | None = None
        name = review.result.document.path.name
        self.setWindowTitle(f"Import Source: {name}")
        self.setAccessibleName("Import review")
        self.setModal(True)  # the window's own Ctrl+E, Ctrl+S and Ctrl+P wait while the review is open
        self.setMinimumSize(900, 600)  # explicit, so showing the dialog never changes its constraints (offscreen warns)
        self.model = CandidatesModel(review, self)
        self._build()
        self._build_actions()
        fit_to_screen(self, 1400, 860)
        self.go_to(self._next_pending(-1, 1))
        self.table.setFocus()

    def _build(self) -> None:
        self.source_view = describe(
            SourceView(self.review, self), "Source text", "The source, paragraph by paragraph, with every candidate highlighted"
        )
        self.table = describe(
            QTableView(self), "Candidates", "Every candidate: Ctrl+Down/Ctrl+Up to move, Ctrl+Return to accept, Ctrl+R to reject"
        )
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(False)
        self.table.selectionModel().currentRowChanged.connect(lambda current, _previous: self._show(current.row()))
        self.editor = CandidateEditor(self.review, lambda message: self.report_error("Cannot change the item", message), self)
        self.editor.changed.connect(self._changed)
        self.counts = describe(QLabel(self), "Review progress", "How many candidates are accepted, rejected and still to review")
        legend = " ".join(f'<span style="background:{colour}">&nbsp;{kind}&nbsp;</span>' for kind, colour in KIND_COLOURS.items())
        keys = "Ctrl+Down/Up: next/previous · Ctrl+Return: accept · Ctrl+R: reject · Ctrl+M: merge · Ctrl+E: edit · Ctrl+P: pillar · Ctrl+S: save"
        self.hint = describe(
            QLabel(f'{legend} &nbsp; <span style="color:#6b7280">{keys}</span>', self), "Legend", "Highlight colours and keys"
        )
        right = QWidget(self)
        column = QVBoxLayout(right)
        column.addWidget(self.table, 3)
        column.addWidget(self.editor, 2)
        column.addLayout(self._button_row())
        column.addWidget(self.counts)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.source_view)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 5)
        splitter.setStretchFactor(1, 4)
        splitter.setSizes([720, 580])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.hint)
        self._update_counts()

    def _button_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, text in (("accept", "Accept"), ("reject", "Reject"), ("merge", "Merge"), ("save", "Save Accepted…")):
            button = describe(QPushButton(text, self), text.rstrip("…"), f"{text.rstrip('…')} ({KEYS[key][0]})")
            button.setAutoDefault(False)
            button.clicked.connect(self._slots()[key])
            row.addWidget(button)
            self.buttons[key] = button
        close = describe(QPushButton("Close", self), "Close", "Close the review; nothing is saved")
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)
        row.addStretch(1)
        row.addWidget(close)
        return row

    def _build_actions(self) -> None:
        self.actions_by_name: dict[str, QAction] = {}
        slots = self._slots()
        for name, keys in KEYS.items():
            action = QAction(name.capitalize(), self)
            action.setShortcuts([QKeySequence(k) for k in keys])
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(slots[name])
            self.addAction(action)
            self.actions_by_name[name] = action

    def _slots(self) -> dict[str, Callable[[], None]]:
        return {
            "next": self.next,
            "previous": self.previous,
            "accept": self.accept_current,
            "reject": self.reject_current,
            "merge": self.merge,
            "edit": self.editor.focus_first,
            "pillar": self.editor.focus_pillar,
            "save": self.save,
        }

    # navigation ---------------------------------------------------------------

    def current_row(self) -> int:
        return self.table.currentIndex().row()

    def go_to(self, row: int) -> None:
        if 0 <= row < len(self.review):
            flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            self.table.selectionModel().setCurrentIndex(self.model.index(row, 0), flags)
            self.table.scrollTo(self.model.index(row, 0))

    def _show(self, row: int) -> None:
        self.source_view.show_candidate(row)
        self.editor.show_row(row)

    def next(self) -> None:
        self.go_to(min(self.current_row() + 1, len(self.review) - 1))

    def previous(self) -> None:
        self.go_to(max(self.current_row() - 1, 0))

    def _next_pending(self, row: int, step: int) -> int:
        rows = range(row + 1, len(self.review)) if step > 0 else range(row - 1, -1, -1)
        return next((r for r in rows if self.review.state(r) == PENDING), min(max(row + step, 0), len(self.review) - 1))

    # decisions ----------------------------------------------------------------

    def accept_current(self) -> None:
        self._decide(self.review.accept)

    def reject_current(self) -> None:
        self._decide(self.review.reject)

    def _decide(self, decide: Callable[[int], None]) -> None:
        row = self.current_row()
        if row < 0:
            return
        decide(row)
        self._changed(row)
        self.go_to(self._next_pending(row, 1))

    def merge(self) -> None:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        if len(rows) != 2:
            self.report_error("Cannot merge", "Select exactly two candidates of the same kind (Shift+click), then merge.")
            return
        try:
            kept = self.review.merge(*rows)
        except BriefingError as exc:
            self.report_error("Cannot merge", str(exc))
            return
        self.model.refresh()
        self.source_view.highlight_all()
        self.go_to(kept)

    def _changed(self, row: int) -> None:
        self.model.refresh(row)
        self.source_view.highlight_all()
        self.source_view.show_candidate(self.current_row())
        self._update_counts()

    def _update_counts(self) -> None:
        counts = self.review.counts()
        self.counts.setText(f"{counts['accepted']} accepted, {counts['rejected']} rejected, {counts['pending']} to review")

    # saving -------------------------------------------------------------------

    def save(self) -> None:
        info = self.review.result.document.info
        title = info.title or self.review.result.document.path.stem
        target = self.choose_target(self, self.content_folder, slug(title, 5), title, self.writable_packs)
        if target is None:
            return
        try:
            if target.existing:
                from ..importing.into_pack import add_to_pack

                path = add_to_pack(self.review, target.path).path
            else:
                path = save_new_pack(self.review, target.path, target.pack_id, target.title)
        except BriefingError as exc:
            self.report_error("Cannot save the pack", str(exc))
            return
        self.saved_path = path
        self.saved.emit(path)
        self.done(QDialog.DialogCode.Accepted)
