"""The library tree: search results grouped by pillar, then by kind (a QAbstractItemModel)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QMimeData, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from ..content.library import Item, Library
from ..content.present import KIND_LABELS, KIND_ORDER, KIND_PLURALS, StaleRule, quote_label
from . import icons
from .roles import ITEM_IDS_MIME, ItemIdRole, ItemRole, KindRole, NodeTypeRole, StaleRole

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()  # the invalid index: the default parent
GROUP_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
ITEM_FLAGS = GROUP_FLAGS | Qt.ItemFlag.ItemIsDragEnabled


_DATED = {"figure": "as_of", "line": "last_reviewed"}  # the kinds that go stale, and the date that says when


@dataclass(eq=False)
class Node:
    """One row of the tree: a pillar, a kind group under it, or an item.

    A kind group keeps its result items in ``items`` and makes the item rows
    only when the view asks for them, so a refill costs one node per group,
    not one per result.
    """

    type: str
    label: str = ""
    item: Item | None = None
    kind: str = ""
    matched: bool = False
    stale: bool = False
    parent: Node | None = None
    row: int = 0
    children: list[Node] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    made: dict[int, Node] = field(default_factory=dict)

    def add(self, child: Node) -> Node:
        child.parent, child.row = self, len(self.children)
        self.children.append(child)
        return child

    def count(self) -> int:
        return len(self.items) if self.type == "group" else len(self.children)


def _dismantle(root: Node) -> None:
    """Drop a replaced tree's downward links, so reference counting frees it at once.

    Every row points at its parent, so a tree is a web of reference cycles that
    only the garbage collector's passes would free: with 10,000 rows made, such
    a pass stalled the next keystroke.
    """
    for pillar in root.children:
        for group in pillar.children:
            group.made = {}
        pillar.children = []
    root.children = []


class LibraryTreeModel(QAbstractItemModel):
    """Read-only tree over a list of search results. Pillar rows are addable only when they matched."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._root = Node("root")
        self._count = 0
        self._stale = StaleRule()
        self._order: tuple[Library | None, dict[str, int]] = (None, {})
        self._chosen: dict[str, bool] = {}  # the brief's items: id -> whether the officer wrote a note on it

    # -- building ----------------------------------------------------------------
    def set_results(self, library: Library, results: list[Item], stale: StaleRule) -> None:
        """Show ``results`` (from SearchIndex.search) grouped under their pillars."""
        self.beginResetModel()
        root = Node("root")
        pillars: dict[str, Node] = {}
        order = self._pillar_order(library)
        groups: dict[tuple[str, str], list[Item]] = {}
        for item in results:
            pillar_id = item.pillar or ""
            if item.kind == "pillar":
                pnode = pillars.get(pillar_id)
                if pnode is None:
                    pnode = pillars[pillar_id] = Node("pillar", item.title, item, "pillar")
                pnode.matched = True
                continue
            key = (pillar_id, item.kind)
            group = groups.get(key)
            if group is None:
                group = groups[key] = []
                if pillar_id not in pillars:
                    pillar = library.get(pillar_id)
                    title = pillar.title if pillar else pillar_id or "No pillar"  # people and lines may have none
                    pillars[pillar_id] = Node("pillar", title, pillar, "pillar")
            group.append(item)
        for pillar_id in sorted(pillars, key=lambda p: order.get(p, len(order))):
            pnode = root.add(pillars[pillar_id])
            for kind in KIND_ORDER:
                items = groups.get((pillar_id, kind))
                if items:
                    pnode.add(Node("group", f"{KIND_PLURALS[kind]} ({len(items)})", kind=kind, items=items))
        old, self._root = self._root, root
        self._count = len(results)
        self._stale = stale
        self.endResetModel()
        _dismantle(old)

    def _pillar_order(self, library: Library) -> dict[str, int]:
        """Each pillar's place in the library, worked out once per library."""
        if self._order[0] is not library:
            self._order = (library, {p.id: i for i, p in enumerate(library.pillars())})
        return self._order[1]

    def _item_node(self, group: Node, row: int) -> Node:
        """The row for ``group.items[row]``, made on first use."""
        node = group.made.get(row)
        if node is None:
            item = group.items[row]
            node = group.made[row] = Node("item", item.title, item, item.kind, True, self._judged(item), group, row)
        return node

    def _judged(self, item: Item) -> bool:
        """Whether ``item`` is stale by the current rule (only figures and lines have a date that ages)."""
        return item.kind in _DATED and self._stale.stale_date(getattr(item.model, _DATED[item.kind]))

    def restale(self, stale: StaleRule) -> None:
        """Judge the rows made so far again by ``stale`` (a new threshold, or the brief's date moved), in place.

        No reset: the groups the officer opened or closed, and the scroll position, stay as they are.
        """
        self._stale = stale
        for pnode in self._root.children:
            for group in pnode.children:
                changed = [row for row, node in group.made.items() if node.stale != self._judged(node.item)]  # type: ignore[arg-type]
                for row in changed:
                    group.made[row].stale = not group.made[row].stale
                if changed:
                    parent = self.createIndex(group.row, 0, group)
                    self.dataChanged.emit(self.index(min(changed), 0, parent), self.index(max(changed), 0, parent))

    def set_chosen(self, chosen: dict[str, bool]) -> None:
        """Mark the items already in the brief, and those with the officer's note (id -> has a note)."""
        if chosen == self._chosen:
            return
        self._chosen = dict(chosen)
        for pnode in self._root.children:
            first = self.createIndex(pnode.row, 0, pnode)
            self.dataChanged.emit(first, first)
            for group in pnode.children:
                rows = sorted(group.made)
                if rows:
                    self.dataChanged.emit(
                        self.index(rows[0], 0, self.createIndex(group.row, 0, group)),
                        self.index(rows[-1], 0, self.createIndex(group.row, 0, group)),
                    )

    def marks(self, node: Node) -> str:
        """``✓ `` for an item already in the brief, ``✓✎ `` when it also has the officer's note.

        Before the title, not after it: a long title is elided on the right, and the mark must still show.
        """
        if node.item is None or node.item.id not in self._chosen:
            return ""
        return "\u2713\u270e " if self._chosen[node.item.id] else "\u2713 "

    @property
    def result_count(self) -> int:
        return self._count

    def find(self, item_id: str) -> QModelIndex:
        """The index of the row for ``item_id`` (an invalid index when it is not shown)."""
        for pnode in self._root.children:
            if pnode.item is not None and pnode.item.id == item_id:
                return self.createIndex(pnode.row, 0, pnode)
            for group in pnode.children:
                for row, item in enumerate(group.items):
                    if item.id == item_id:
                        return self.createIndex(row, 0, self._item_node(group, row))
        return QModelIndex()

    # -- QAbstractItemModel ------------------------------------------------------
    def _node(self, index: Index) -> Node:
        return index.internalPointer() if index.isValid() else self._root

    def outline(self) -> list[QModelIndex]:
        """The pillar rows, in order."""
        return [self.createIndex(pillar.row, 0, pillar) for pillar in self._root.children]

    def index(self, row: int, column: int, parent: Index = ROOT) -> QModelIndex:
        if column != 0 or parent.column() > 0:
            return QModelIndex()
        node = self._node(parent)
        if not 0 <= row < node.count():
            return QModelIndex()
        child = self._item_node(node, row) if node.type == "group" else node.children[row]
        return self.createIndex(row, column, child)

    def parent(self, index: Index = ROOT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        up = self._node(index).parent
        if up is None or up is self._root:
            return QModelIndex()
        return self.createIndex(up.row, 0, up)

    def rowCount(self, parent: Index = ROOT) -> int:
        if parent.column() > 0:
            return 0
        return self._node(parent).count()

    def columnCount(self, parent: Index = ROOT) -> int:
        return 1

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        node: Node = index.internalPointer()
        return ITEM_FLAGS if node.type == "item" or node.matched else GROUP_FLAGS

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        node = self._node(index)
        addable = node.type == "item" or (node.type == "pillar" and node.matched)
        if role == Qt.ItemDataRole.DisplayRole:
            return self.marks(node) + node.label
        if role == Qt.ItemDataRole.AccessibleTextRole:
            chosen = node.item is not None and node.item.id in self._chosen
            return node.label + (" (in the brief" + (", with your note)" if self._chosen[node.item.id] else ")") if chosen else "")
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(node)
        if role == Qt.ItemDataRole.DecorationRole and node.type != "group":
            return icons.kind_icon(node.kind)
        if role == Qt.ItemDataRole.FontRole and node.type != "item":
            font = QFont()
            font.setBold(node.type == "pillar")
            font.setItalic(node.type == "pillar" and not node.matched)
            return font
        if role == Qt.ItemDataRole.ForegroundRole:
            if node.stale:
                return QColor(icons.CHANGED_COLOUR)
            if node.type == "group" or (node.type == "pillar" and not node.matched):
                return QColor("#4b5563")
        if role == ItemIdRole:
            return node.item.id if addable and node.item is not None else None
        if role == ItemRole:
            return node.item
        if role == KindRole:
            return node.kind or None
        if role == NodeTypeRole:
            return node.type
        if role == StaleRole:
            return node.stale
        return None

    def _tooltip(self, node: Node) -> str:
        if node.type == "group":
            return f"{node.label}: double-click to open or close"
        item = node.item
        if item is None:
            return node.label
        kind = quote_label(item.snapshot()) if item.kind == "quotation" else KIND_LABELS[item.kind]
        lines = [f"{kind}: {item.title}", item.id]
        if node.stale:
            lines.append("Stale line: review it" if item.kind == "line" else "Stale figure: check for a newer one")
        if item.id in self._chosen:
            lines.append("In the brief, with your note" if self._chosen[item.id] else "In the brief")
        if node.type == "pillar" and not node.matched:
            lines.append("Shown as the group of the matching items")
        else:
            lines.append("Double-click, press Enter or drag to add it to the brief")
        return "\n".join(lines)

    # -- drag --------------------------------------------------------------------
    def mimeTypes(self) -> list[str]:
        return [ITEM_IDS_MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:
        ids = list(dict.fromkeys(i for i in (index.data(ItemIdRole) for index in indexes) if i))
        mime = QMimeData()
        mime.setData(ITEM_IDS_MIME, "\n".join(ids).encode("utf-8"))
        mime.setText("\n".join(ids))
        return mime

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction
