"""Adding library items to the brief by double-click, Enter, the Add button and drag and drop."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from .helpers import DIRECT, ORANGE, TRUST, refs


def double_click(qtbot, view, index):
    """A real double-click: press and release, then the double-click event (QTest sends only the latter)."""
    pos = view.visualRect(index).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def select(panel, item_id):
    index = panel.model.find(item_id)
    assert index.isValid()
    panel.tree.setCurrentIndex(index)
    panel.tree.scrollTo(index)
    return index


def test_add_by_double_click(qtbot, window):
    panel = window.library_panel
    panel.search_box.setText("Orange Line")
    index = select(panel, ORANGE)
    double_click(qtbot, panel.tree, index)
    assert refs(window) == [ORANGE]
    assert window.isWindowModified()


def test_double_click_on_a_group_opens_it_instead(qtbot, window):
    panel = window.library_panel
    group = panel.model.index(0, 0, panel.model.index(0, 0))
    was = panel.tree.isExpanded(group)
    double_click(qtbot, panel.tree, group)
    assert panel.tree.isExpanded(group) is not was
    assert refs(window) == []


def test_add_by_enter(qtbot, window):
    panel = window.library_panel
    select(panel, TRUST)
    panel.tree.setFocus()
    qtbot.keyClick(panel.tree, Qt.Key.Key_Return)
    assert refs(window) == [TRUST]


def test_add_by_button_adds_every_selected_item(qtbot, window):
    panel = window.library_panel
    select(panel, TRUST)
    panel.tree.selectionModel().select(panel.model.find(DIRECT), panel.tree.selectionModel().SelectionFlag.Select)
    assert panel.add_button.isEnabled()
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    assert refs(window) == [TRUST, DIRECT]
    assert window.brief_panel.items.current_row() == 1


def test_add_by_drag_from_the_tree(window):
    panel = window.library_panel
    items = window.brief_panel.items.model
    window.session.add_items([TRUST])
    mime = panel.model.mimeData([panel.model.find(ORANGE), panel.model.find(DIRECT)])
    assert items.canDropMimeData(mime, Qt.DropAction.CopyAction, 0, 0, QModelIndex())
    assert items.dropMimeData(mime, Qt.DropAction.CopyAction, 0, 0, QModelIndex())
    assert refs(window) == [ORANGE, DIRECT, TRUST]
    window.session.stack.undo()
    assert refs(window) == [TRUST]


def test_the_view_drop_handler_inserts_where_dropped(window):
    view = window.brief_panel.items.view
    window.session.add_items([TRUST, DIRECT])
    first = view.visualRect(window.brief_panel.items.model.index(0))
    assert view.drop_row(first.topLeft() + first.bottomLeft() * 0) == 0
    assert view.drop_row(first.bottomLeft()) == 1
    assert view.drop_row(view.viewport().rect().bottomLeft()) == 2


def test_an_item_already_in_the_brief_is_not_added_twice(window):
    window.add_items([ORANGE])
    window.add_items([ORANGE])
    assert refs(window) == [ORANGE]
    assert window.session.stack.count() == 1
