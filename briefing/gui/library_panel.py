"""The library panel: search as you type with kind, pillar and speaker filters, the tree, and item details."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ..content.library import Item, Library
from ..content.present import KIND_LABELS, KIND_ORDER
from ..content.search import Query, SearchIndex
from .item_details import detail_html
from .library_model import LibraryTreeModel
from .roles import ItemIdRole, ItemRole, NodeTypeRole
from .session import BriefSession
from .widgets import describe

LARGE_LIBRARY = 2000  # items; above this, searching waits for a pause in typing
TYPING_PAUSE_MS = 200
OPEN_ROWS = 300  # while searching, kind groups open in tree order until this many item rows show


class LibraryTree(QTreeView):
    """The library tree; Enter asks to add the selected items."""

    addRequested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.addRequested.emit()
            return
        super().keyPressEvent(event)


class LibraryPanel(QWidget):
    """Find items in the library and send them to the brief."""

    addRequested = Signal(list)  # item ids

    def __init__(self, session: BriefSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.pack_info: Callable[[Item], str] | None = None  # the item's pack file and whether it can be edited (HTML)
        self.index = SearchIndex(session.library)
        self.model = LibraryTreeModel(self)
        self._build()
        self._library_changed()
        session.libraryChanged.connect(self._library_changed)
        session.staleChanged.connect(self._restale)

    def _build(self) -> None:
        self._build_filters()
        self._build_results()
        self._lay_out()
        self._connect()

    def _build_filters(self) -> None:
        self.search_box = describe(QLineEdit(self), "Search the library", "Type words to find: every word must match (Ctrl+F)")
        self.search_box.setPlaceholderText("Search the library (Ctrl+F)")
        self.search_box.setClearButtonEnabled(True)
        self.kind_box = describe(QComboBox(self), "Kind filter", "Show only one kind of item")
        self.pillar_box = describe(QComboBox(self), "Pillar filter", "Show only the items of one pillar")
        self.speaker_box = describe(QComboBox(self), "Speaker filter", "Show only the quotations of one speaker")
        self.quote_box = describe(QComboBox(self), "Statement filter", "Show only direct quotations, or only reported statements")
        self.quote_box.addItem("All statements", None)
        self.quote_box.addItem("Direct quotations", "direct")
        self.quote_box.addItem("Reported statements", "reported")
        for box in (self.kind_box, self.pillar_box, self.speaker_box, self.quote_box):
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(8)
        self.kind_box.addItem("All kinds", None)
        for kind in KIND_ORDER:
            self.kind_box.addItem(KIND_LABELS[kind], kind)

    def _build_results(self) -> None:
        self.tree = describe(
            LibraryTree(self), "Library items", "Library items by pillar and kind: double-click, press Enter or drag to add"
        )
        self.tree.setModel(self.model)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setExpandsOnDoubleClick(False)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setDragEnabled(True)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.count_label = describe(QLabel(self), "Result count", "How many library items match the search")
        self.add_button = describe(QPushButton("Add to brief", self), "Add to brief", "Add the selected library items to the brief (Enter)")
        self.add_button.setEnabled(False)
        self.details = describe(QTextBrowser(self), "Item details", "The selected item's full text, source, paragraph and date")
        self.details.setOpenExternalLinks(False)
        self.details.setPlaceholderText("Select an item to see its full text and source.")

    def _lay_out(self) -> None:
        filters = QGridLayout()
        filters.addWidget(self.search_box, 0, 0, 1, 2)
        filters.addWidget(self.kind_box, 1, 0)
        filters.addWidget(self.pillar_box, 1, 1)
        filters.addWidget(self.speaker_box, 2, 0)
        filters.addWidget(self.quote_box, 2, 1)
        for column in range(2):
            filters.setColumnStretch(column, 1)
        actions = QHBoxLayout()
        actions.addWidget(self.count_label, 1)
        actions.addWidget(self.add_button)
        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addLayout(filters)
        top_layout.addWidget(self.tree, 1)
        top_layout.addLayout(actions)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(top)
        self.splitter.addWidget(self.details)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        title = QLabel("<b>Library</b>", self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(title)
        layout.addWidget(self.splitter, 1)

    def _connect(self) -> None:
        self.typing_timer = QTimer(self)
        self.typing_timer.setSingleShot(True)
        self.typing_timer.setInterval(TYPING_PAUSE_MS)
        self.typing_timer.timeout.connect(self.search)
        self.search_box.textChanged.connect(self._typed)
        for box in (self.kind_box, self.pillar_box, self.speaker_box, self.quote_box):
            box.currentIndexChanged.connect(self.search)
        self.session.changed.connect(self.mark_chosen)
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        self.tree.selectionModel().selectionChanged.connect(self._selection_changed)
        self.tree.doubleClicked.connect(self._double_clicked)
        self.tree.addRequested.connect(self.add_selected)
        self.add_button.clicked.connect(self.add_selected)

    def tab_chain(self) -> list[QWidget]:
        """The panel's controls in keyboard (Tab) order."""
        return [self.search_box, self.kind_box, self.pillar_box, self.speaker_box, self.quote_box, self.tree, self.add_button, self.details]

    @Slot()
    def mark_chosen(self) -> None:
        """Mark the items already in the brief, and those with a note."""
        self.model.set_chosen({entry.ref: bool(entry.note.strip()) for entry in self.session.brief.items})

    # -- library -------------------------------------------------------------------
    @property
    def library(self) -> Library:
        return self.session.library

    @Slot()
    def _library_changed(self) -> None:
        """Show the session's (re)loaded library, keeping the search and filters."""
        library = self.session.library
        self.index = SearchIndex(library)
        self._fill(self.pillar_box, "All pillars", [(p.title, p.id) for p in library.pillars()])
        speakers = sorted({str(i.model.speaker) for i in library if i.kind == "quotation"})  # type: ignore[union-attr]
        self._fill(self.speaker_box, "All speakers", [(s, s) for s in speakers])
        self.search()

    @staticmethod
    def _fill(box: QComboBox, everything: str, entries: list[tuple[str, str]]) -> None:
        current = box.currentData()
        box.blockSignals(True)
        box.clear()
        box.addItem(everything, None)
        for text, data in entries:
            box.addItem(text, data)
            box.setItemData(box.count() - 1, text, Qt.ItemDataRole.ToolTipRole)
        found = box.findData(current) if current is not None else 0
        box.setCurrentIndex(max(found, 0))
        box.blockSignals(False)

    @Slot()
    def _typed(self) -> None:
        """Search at once in a normal library; in a very large one, when typing pauses."""
        if len(self.library) > LARGE_LIBRARY:
            self.typing_timer.start()
        else:
            self.search()

    def query(self) -> Query:
        """The core search's query (the statement filter narrows its results after)."""
        return Query(self.search_box.text(), self.kind_box.currentData(), self.pillar_box.currentData(), self.speaker_box.currentData())

    @Slot()
    def search(self) -> None:
        """Run the shared core search and show the results, keeping the current item if it still matches."""
        self.typing_timer.stop()
        current = self.tree.currentIndex().data(ItemRole)
        query = self.query()
        results = self.index.search(query)
        quote_kind = self.quote_box.currentData()
        if quote_kind:
            results = [item for item in results if item.kind == "quotation" and item.model.kind == quote_kind]  # type: ignore[union-attr]
        self.model.set_results(self.library, results, self.session.stale)
        self.mark_chosen()
        filtered = not query.is_empty() or bool(quote_kind)
        self._open_groups(searching=filtered)
        total = len(self.library)
        self.count_label.setText(f"{len(results)} of {total} items" if filtered else f"{total} items")
        if current is not None:
            index = self.model.find(current.id)
            if index.isValid():
                self.tree.setCurrentIndex(index)
                self.tree.scrollTo(index)
        self._show(self.tree.currentIndex())
        self._selection_changed()

    def _open_groups(self, searching: bool) -> None:
        """Open pillars, and while searching their kind groups, in tree order while at most OPEN_ROWS rows show.

        In a normal library that opens everything. In a very large one the
        first pillars open and the rest stay closed, so a search matching
        thousands of items refills the tree at once; the count above says how
        many matched.
        """
        budget = OPEN_ROWS - self.model.rowCount()
        for pillar in self.model.outline():
            groups = self.model.rowCount(pillar)
            if groups > budget:
                break
            self.tree.expand(pillar)
            budget -= groups
            if not searching:
                continue
            for row in range(groups):
                group = self.model.index(row, 0, pillar)
                rows = self.model.rowCount(group)
                if rows <= budget:
                    self.tree.expand(group)
                    budget -= rows

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    # -- selection ----------------------------------------------------------------
    def selected_ids(self) -> list[str]:
        """Ids of the selected addable rows, in tree order."""
        indexes = sorted(self.tree.selectionModel().selectedIndexes(), key=self._order)
        ids = [index.data(ItemIdRole) for index in indexes]
        if not ids and self.tree.currentIndex().isValid():
            ids = [self.tree.currentIndex().data(ItemIdRole)]
        return [i for i in dict.fromkeys(ids) if i]

    def _order(self, index: QModelIndex) -> tuple[int, ...]:
        rows = []
        while index.isValid():
            rows.insert(0, index.row())
            index = index.parent()
        return tuple(rows)

    @Slot()
    def add_selected(self) -> None:
        """Add the selected items; on a group row (nothing to add) open or close it instead."""
        ids = self.selected_ids()
        if ids:
            self.addRequested.emit(ids)
            return
        current = self.tree.currentIndex()
        if current.isValid() and self.model.rowCount(current):
            self.tree.setExpanded(current, not self.tree.isExpanded(current))

    @Slot(QModelIndex)
    def _double_clicked(self, index: QModelIndex) -> None:
        item_id = index.data(ItemIdRole)
        if item_id:
            self.addRequested.emit([item_id])
        elif index.data(NodeTypeRole) != "item":
            self.tree.setExpanded(index, not self.tree.isExpanded(index))

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show(current)

    def _selection_changed(self, *_args) -> None:
        self.add_button.setEnabled(bool(self.selected_ids()))

    @Slot()
    def _restale(self) -> None:
        """The stale rule changed (its threshold, or the brief's date): mark the rows again where they are."""
        self.model.restale(self.session.stale)
        self._show(self.tree.currentIndex())

    def _show(self, index: QModelIndex) -> None:
        item = index.data(ItemRole) if index.isValid() else None
        if item is None:
            self.details.clear()
            return
        self.details.setHtml(detail_html(item.snapshot(), item.id, self.session.stale) + (self.pack_info(item) if self.pack_info else ""))
