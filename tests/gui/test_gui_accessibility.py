"""Every control has an accessible name and a tooltip, and the keyboard reaches everything."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QCalendarWidget,
    QComboBox,
    QDockWidget,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QScrollBar,
    QTabBar,
    QTabWidget,
    QTextEdit,
    QWidget,
)

CONTROLS = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QAbstractItemView, QPlainTextEdit, QTextEdit, QTabWidget, QPdfView)
PARTS_OF = (QComboBox, QAbstractSpinBox, QLineEdit, QTabBar, QScrollBar, QCalendarWidget, QMenu, QAbstractItemView)


def own_controls(root: QWidget) -> list[QWidget]:
    """Controls we made: not the inner parts of Qt's composite widgets."""
    found = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or widget.objectName().startswith("qt_"):
            continue
        parent, inner = widget.parentWidget(), False
        while parent is not None and parent is not root:
            if isinstance(parent, PARTS_OF) or (isinstance(parent, QDockWidget) and isinstance(widget, QAbstractButton)):
                inner = True
                break
            parent = parent.parentWidget()
        if not inner:
            found.append(widget)
    return found


def test_every_control_has_a_name_and_a_tooltip(window):
    controls = own_controls(window)
    assert len(controls) > 30
    missing = [f"{type(w).__name__} {w.objectName()!r}" for w in controls if not w.accessibleName() or not w.toolTip()]
    assert missing == []


def test_every_control_takes_keyboard_focus(window):
    unreachable = [
        w.accessibleName() for w in own_controls(window) if w.focusPolicy() == Qt.FocusPolicy.NoFocus and not isinstance(w, QPdfView)
    ]
    assert unreachable == []


def test_settings_dialog_controls_are_described(window):
    from briefing.gui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(window.settings, window.markings, window)
    controls = [w for w in own_controls(dialog) if not isinstance(w, QAbstractButton) or w.parentWidget() is dialog]
    assert all(w.accessibleName() and w.toolTip() for w in controls)


def test_tab_order_runs_left_to_right(window):
    library, brief, preview = window.library_panel, window.brief_panel, window.preview
    form = brief.form
    expected = [library.search_box, library.kind_box, library.pillar_box, library.speaker_box, library.tree, library.add_button]
    expected += [form.template_box, brief.tabs, form.edits["meta.title"], form.edits["meta.occasion"], form.date_edit]
    expected += [form.marking_box, form.edits["meta.caveat"], brief.items.view, brief.items.note_edit, preview.zoom_out, preview.view]
    chain, widget = [], library.search_box
    for _ in range(400):
        chain.append(widget)
        widget = widget.nextInFocusChain()
        if widget is library.search_box:
            break
    positions = [chain.index(w) for w in expected]
    assert positions == sorted(positions)


def test_keyboard_shortcuts(window):
    def keys(action):
        return [k.toString() for k in action.shortcuts()]

    assert "Ctrl+S" in keys(window.save_action)
    assert "Ctrl+E" in keys(window.export_pdf_action)
    assert "Ctrl+F" in keys(window.find_action)
    assert keys(window.undo_action) == ["Ctrl+Z"]
    assert "Ctrl+Shift+Z" in keys(window.redo_action)
    items = window.brief_panel.items
    assert items.remove_action.shortcut() == QKeySequence("Delete")
    assert items.up_action.shortcut() == QKeySequence("Alt+Up")
    assert items.down_action.shortcut() == QKeySequence("Alt+Down")


def test_ctrl_f_focuses_the_search(qtbot, window):
    window.brief_panel.form.edits["meta.title"].setFocus()
    window.find_action.trigger()
    assert window.focusWidget() is window.library_panel.search_box
