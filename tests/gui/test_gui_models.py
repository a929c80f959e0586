"""Every item model passes Qt's model tester, also while items are inserted, moved, removed and undone."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QStringListModel, Qt

from briefing.content.library import load_library
from briefing.content.present import StaleRule
from briefing.content.search import Query, SearchIndex
from briefing.gui.library_model import LibraryTreeModel
from briefing.gui.roles import ENTRY_ROWS_MIME, ITEM_IDS_MIME, ItemIdRole, NodeTypeRole

from .helpers import DIRECT, ORANGE, TODAY, TRUST, refs


def test_library_tree_model_passes_the_tester(qtmodeltester):
    library = load_library()
    model = LibraryTreeModel()
    model.set_results(library, list(library), StaleRule(12, lambda: TODAY))
    qtmodeltester.check(model)
    model.set_results(library, SearchIndex(library).search(Query("Orange Line")), StaleRule(12, lambda: TODAY))
    qtmodeltester.check(model)
    model.set_results(library, [], StaleRule(12, lambda: TODAY))
    qtmodeltester.check(model)


def test_library_tree_groups_by_pillar_then_kind():
    library = load_library()
    model = LibraryTreeModel()
    model.set_results(library, list(library), StaleRule(12, lambda: TODAY))
    assert model.rowCount() == len(library.pillars())
    pillar = model.index(0, 0)
    assert pillar.data(NodeTypeRole) == "pillar"
    assert pillar.data(ItemIdRole) == library.pillars()[0].id
    group = model.index(0, 0, pillar)
    assert group.data(NodeTypeRole) == "group"
    assert group.data(ItemIdRole) is None
    assert group.data().startswith("Figures (")
    leaf = model.index(0, 0, group)
    assert leaf.data(NodeTypeRole) == "item" and leaf.data(ItemIdRole).startswith("cpec-action-plan-2025/")
    assert model.parent(leaf) == group and model.parent(group) == pillar and not model.parent(pillar).isValid()


def test_library_mime_data_carries_item_ids():
    library = load_library()
    model = LibraryTreeModel()
    model.set_results(library, SearchIndex(library).search(Query("Orange Line")), StaleRule(12, lambda: TODAY))
    index = model.find(ORANGE)
    mime = model.mimeData([index])
    assert bytes(mime.data(ITEM_IDS_MIME).data()).decode() == ORANGE
    assert model.flags(index) & Qt.ItemFlag.ItemIsDragEnabled


def test_brief_items_model_passes_the_tester_through_edits(qtmodeltester, window):
    model = window.brief_panel.items.model
    qtmodeltester.check(model)
    session = window.session
    session.add_items([ORANGE, TRUST])
    session.add_items([DIRECT], row=1)
    assert refs(window) == [ORANGE, DIRECT, TRUST]
    session.move(0, 2)
    session.move(2, 0)
    session.set_note(1, "a note")
    session.remove_rows([0, 2])
    for _ in range(6):
        session.stack.undo()
    assert refs(window) == []
    for _ in range(6):
        session.stack.redo()
    assert refs(window) == [DIRECT]
    assert model.rowCount() == 1
    assert model.index(0).data(ItemIdRole) == DIRECT


def test_brief_items_model_drop_of_rows_moves_one_entry(window):
    session = window.session
    session.add_items([ORANGE, TRUST, DIRECT])
    model = window.brief_panel.items.model
    mime = model.mimeData([model.index(0)])
    assert mime.hasFormat(ENTRY_ROWS_MIME)
    assert model.dropMimeData(mime, Qt.DropAction.MoveAction, 3, 0, QModelIndex())
    assert refs(window) == [TRUST, DIRECT, ORANGE]
    assert model.index(2).data(ItemIdRole) == ORANGE
    assert not model.dropMimeData(model.mimeData([model.index(1)]), Qt.DropAction.MoveAction, 1, 0, QModelIndex())


def test_problems_model_passes_the_tester(qtmodeltester, window):
    window.set_problems([])
    qtmodeltester.check(window.problems_dock.model)
    assert isinstance(window.problems_dock.model, QStringListModel)


def test_a_replaced_tree_is_freed_without_the_garbage_collector():
    """Rows point at their parents; the model breaks the cycles on refill, so no GC pass is left to stall typing."""
    import gc
    import weakref

    library = load_library()
    model = LibraryTreeModel()
    model.set_results(library, list(library), StaleRule(12, lambda: TODAY))
    group = model.index(0, 0, model.index(0, 0))
    row = weakref.ref(model.index(0, 0, group).internalPointer())
    gc.disable()
    try:
        model.set_results(library, [], StaleRule(12, lambda: TODAY))
        assert row() is None
    finally:
        gc.enable()
