"""The brief's chosen items: the ordered list, its actions, the flagged-item banner and the note editor."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, QSize, Qt, Slot
from PySide6.QtGui import QAction, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ..brief.model import Status
from ..content.present import is_direct
from .item_details import detail_html
from .items_model import BriefItemsModel
from .roles import StatusRole
from .session import BriefSession
from .widgets import describe, route_undo


class NumberedDelegate(QStyledItemDelegate):
    """Shows each row's position ("3. ...") without putting row numbers in the model's data."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        super().initStyleOption(option, index)
        option.text = f"{index.row() + 1}. {option.text}"

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        """No wider than the list, so long titles are elided instead of scrolling sideways."""
        hint = super().sizeHint(option, index)
        view = self.parent()
        if isinstance(view, QListView):
            hint.setWidth(min(hint.width(), view.viewport().width()))
        return hint


class ItemsView(QListView):
    """The list of chosen items. A drop is handed to the model, which turns it into an undoable command."""

    def dropEvent(self, event: QDropEvent) -> None:
        row = self.drop_row(event.position().toPoint())
        accepted = self.model().dropMimeData(event.mimeData(), event.dropAction(), row, 0, QModelIndex())
        if accepted:
            # The model has already moved or inserted; CopyAction stops the view removing the dragged row.
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            event.ignore()
        self.stopAutoScroll()
        self.setState(QAbstractItemView.State.NoState)
        self.viewport().update()

    def drop_row(self, pos: QPoint) -> int:
        """The row a drop at ``pos`` inserts before."""
        index = self.indexAt(pos)
        if not index.isValid():
            return self.model().rowCount()
        rect = self.visualRect(index)
        return index.row() + (1 if pos.y() >= rect.center().y() else 0)


class ItemsPanel(QWidget):
    """Reorder, remove, refresh and annotate the items chosen for the brief."""

    def __init__(self, session: BriefSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.model = BriefItemsModel(session)
        self._syncing = False
        self._build()
        session.itemsChanged.connect(self._items_changed)
        session.reset.connect(self.show_current)
        session.libraryChanged.connect(self.show_current)
        session.staleChanged.connect(self.show_current)
        self.show_current()

    def _build(self) -> None:
        self._build_view()
        self._build_actions()
        self._build_banner()
        self._build_note()
        self._lay_out()
        self.view.selectionModel().currentChanged.connect(lambda *_: self.show_current())

    def _build_view(self) -> None:
        self.view = describe(
            ItemsView(self), "Chosen items", "The items in the brief, in order: drag to reorder, Alt+Up/Alt+Down to move, Delete to remove"
        )
        self.view.setModel(self.model)
        self.view.setItemDelegate(NumberedDelegate(self.view))
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.view.setDragEnabled(True)
        self.view.setAcceptDrops(True)
        self.view.setDropIndicatorShown(True)
        self.view.setAlternatingRowColors(True)
        self.view.setUniformItemSizes(True)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.empty_hint = QLabel("No items yet: double-click, press Enter or drag items here from the library.", self)
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setStyleSheet("color:#6b7280")

    def _build_actions(self) -> None:
        self.remove_action = self._action("Remove", "Delete", self.remove_selected, "Remove the selected item from the brief (Delete)")
        self.up_action = self._action("Move Up", "Alt+Up", lambda: self.move_selected(-1), "Move the selected item up (Alt+Up)")
        self.down_action = self._action("Move Down", "Alt+Down", lambda: self.move_selected(1), "Move the selected item down (Alt+Down)")
        self.refresh_action = self._action("Refresh", "", self.refresh_selected, "Take the library's current version of the selected item")
        self.buttons: dict[str, QPushButton] = {}
        for action in (self.up_action, self.down_action, self.remove_action):
            button = describe(QPushButton(action.text(), self), action.text(), action.toolTip())
            button.clicked.connect(action.trigger)
            self.buttons[action.text()] = button

    def _build_banner(self) -> None:
        self.banner = QFrame(self)
        self.banner.setObjectName("flag_banner")
        self.banner_label = describe(QLabel(self.banner), "Item warning", "Why this item is flagged")
        self.banner_label.setWordWrap(True)
        self.banner_refresh = describe(
            QPushButton("Refresh", self.banner), "Refresh flagged item", "Take the library's current version (your note is kept)"
        )
        self.banner_remove = describe(QPushButton("Remove", self.banner), "Remove flagged item", "Remove this item from the brief")
        self.banner_refresh.clicked.connect(self.refresh_selected)
        self.banner_remove.clicked.connect(self.remove_selected)
        banner_layout = QHBoxLayout(self.banner)
        banner_layout.setContentsMargins(8, 4, 8, 4)
        banner_layout.addWidget(self.banner_label, 1)
        banner_layout.addWidget(self.banner_refresh)
        banner_layout.addWidget(self.banner_remove)
        self.banner.hide()

    def _build_note(self) -> None:
        self.item_text = describe(
            QTextBrowser(self), "Selected item text", "The chosen item's text, read-only: items are annotated, never edited"
        )
        self.item_text.setPlaceholderText("Select an item to see its text and add your note.")
        self.note_edit = describe(QPlainTextEdit(self), "Note on item", "Your note on the selected item: it is printed with the item")
        self.note_edit.setPlaceholderText("Your note on this item: context, what to say, why it matters.")
        self.note_edit.setTabChangesFocus(True)
        route_undo(self.note_edit)
        self.item_text.setMinimumHeight(60)
        self.note_edit.setMinimumHeight(52)
        self.note_edit.textChanged.connect(self._note_typed)
        self.note_label = QLabel("&Note on the selected item:", self)
        self.note_label.setBuddy(self.note_edit)

    def _lay_out(self) -> None:
        buttons = QHBoxLayout()
        for button in self.buttons.values():
            buttons.addWidget(button)
        buttons.addStretch(1)
        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.view, 1)
        top_layout.addWidget(self.empty_hint)
        top_layout.addLayout(buttons)
        bottom = QWidget(self)
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(self.banner)
        bottom_layout.addWidget(self.item_text, 3)
        bottom_layout.addWidget(self.note_label)
        bottom_layout.addWidget(self.note_edit, 2)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(top)
        self.splitter.addWidget(bottom)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

    def tab_chain(self) -> list[QWidget]:
        """The panel's controls in keyboard (Tab) order."""
        return [self.view, *self.buttons.values(), self.banner_refresh, self.banner_remove, self.item_text, self.note_edit]

    def default_sizes(self) -> None:
        """Split the height between the list and the selected item's text and note."""
        total = max(self.splitter.height(), 300)
        self.splitter.setSizes([int(total * 0.5), total - int(total * 0.5)])

    def _action(self, text: str, keys: str, slot, tip: str) -> QAction:
        action = QAction(text, self.view)
        if keys:
            action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setToolTip(tip)
        action.triggered.connect(slot)
        self.view.addAction(action)
        return action

    # -- selection ----------------------------------------------------------------------
    def current_row(self) -> int | None:
        index = self.view.currentIndex()
        return index.row() if index.isValid() else None

    def select_row(self, row: int) -> None:
        index = self.model.index(row)
        if index.isValid():
            self.view.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            self.view.scrollTo(index)

    # -- actions ----------------------------------------------------------------------------
    @Slot()
    def remove_selected(self) -> None:
        row = self.current_row()
        if row is not None:
            self.session.remove_rows([row])
            if self.model.rowCount():
                self.select_row(min(row, self.model.rowCount() - 1))

    def move_selected(self, step: int) -> None:
        row = self.current_row()
        if row is not None and self.session.move(row, row + step):
            self.select_row(row + step)

    @Slot()
    def refresh_selected(self) -> None:
        row = self.current_row()
        if row is not None:
            self.session.refresh(row)

    # -- following the brief -----------------------------------------------------------------
    def _items_changed(self, changes: list) -> None:
        self.show_current()

    @Slot()
    def show_current(self) -> None:
        row = self.current_row()
        count = self.model.rowCount()
        self.empty_hint.setVisible(count == 0)
        status = Status(self.model.index(row).data(StatusRole)) if row is not None else Status.OK
        self.up_action.setEnabled(row is not None and row > 0)
        self.down_action.setEnabled(row is not None and row < count - 1)
        self.remove_action.setEnabled(row is not None)
        self.refresh_action.setEnabled(status is Status.CHANGED)
        for action in (self.up_action, self.down_action, self.remove_action):
            self.buttons[action.text()].setEnabled(action.isEnabled())
        self._syncing = True
        if row is None:
            self.item_text.clear()
            self.note_edit.clear()
            self.note_edit.setEnabled(False)
            self.banner.hide()
        else:
            entry = self.model.entry(row)
            self.item_text.setHtml(detail_html(entry.snapshot, entry.ref, self.session.stale, compact=True))
            self.note_edit.setEnabled(True)
            self.note_label.setText(
                "&Note on this direct quotation (the quotation itself cannot be edited):"
                if is_direct(entry.snapshot)
                else "&Note on the selected item:"
            )
            if self.note_edit.toPlainText() != entry.note:
                self.note_edit.setPlainText(entry.note)
            self._show_banner(status)
        self._syncing = False

    def _show_banner(self, status: Status) -> None:
        if status is Status.OK:
            self.banner.hide()
            return
        missing = status is Status.MISSING
        colour = "#fee2e2" if missing else "#fef3c7"
        self.banner.setStyleSheet(
            f"QFrame#flag_banner {{ background:{colour}; border:1px solid {'#b91c1c' if missing else '#b45309'}; border-radius:4px; }}"
        )
        advice = (
            "Remove it, or restore it in the content library."
            if missing
            else "Refresh to take the library's current version, or remove it."
        )
        self.banner_label.setText(f"<b>\u26a0 This item is {status.value}.</b> {advice}")
        self.banner_label.setToolTip(status.value)
        self.banner_refresh.setVisible(not missing)
        self.banner.show()

    def _note_typed(self) -> None:
        row = self.current_row()
        if not self._syncing and row is not None:
            self.session.set_note(row, self.note_edit.toPlainText())
