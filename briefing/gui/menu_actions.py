"""The Edit menu's text actions (Cut, Copy, Paste, Select All), File > Close and Print Preview."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMainWindow, QMenu

from .content_actions import ContentActions

TEXT_ACTIONS = (
    ("Cu&t", "cut", QKeySequence.StandardKey.Cut, "Cut the selected text"),
    ("&Copy", "copy", QKeySequence.StandardKey.Copy, "Copy the selected text"),
    ("&Paste", "paste", QKeySequence.StandardKey.Paste, "Paste into the field"),
    ("Select &All", "selectAll", QKeySequence.StandardKey.SelectAll, "Select all the text in the field"),
)


def on_focus(method: str) -> None:
    """Call ``method`` (cut, copy, paste, selectAll) on the focused widget, if it has one."""
    widget = QApplication.focusWidget()
    action = getattr(widget, method, None)
    if callable(action):
        action()


class MenuActions:
    """Builds the actions the File and Edit menus add to the window's own, and puts them in the menus."""

    def __init__(self, window: QMainWindow):
        self.window = window
        self.text = []
        for text, method, keys, tip in TEXT_ACTIONS:
            action = QAction(text, window)
            action.setShortcut(QKeySequence(keys))
            action.setToolTip(tip)
            action.setStatusTip(tip)
            action.triggered.connect(lambda checked=False, m=method: on_focus(m))
            self.text.append(action)
        self.close = QAction("&Close", window)
        self.close.setShortcut(QKeySequence(QKeySequence.StandardKey.Close))
        self.close.setToolTip("Close the brief (asks to save changes) and start an empty one")
        self.close.setStatusTip(self.close.toolTip())
        self.close.triggered.connect(lambda checked=False: window.files.new_brief())
        self.print_preview = QAction("Print Pre&view\u2026", window)
        self.print_preview.setShortcut(QKeySequence("Ctrl+Shift+P"))
        self.print_preview.setToolTip("See the pages as they will print, in their own window")
        self.print_preview.setStatusTip(self.print_preview.toolTip())
        self.print_preview.triggered.connect(lambda checked=False: window.exports.print_preview())

    def add_to(self, file_menu: QMenu, edit_menu: QMenu, print_action: QAction, quit_action: QAction, find_action: QAction) -> None:
        """Print Preview before Print, Close before Quit, and the text actions before Find."""
        file_menu.insertAction(print_action, self.print_preview)
        file_menu.insertAction(quit_action, self.close)
        file_menu.insertSeparator(quit_action)
        edit_menu.insertActions(find_action, self.text)
        edit_menu.insertSeparator(find_action)


def build_menus(window) -> None:
    """File, Edit, Content, View and Help, with the window's actions and the ones :class:`MenuActions` adds."""
    bar = window.menuBar()
    file_menu = bar.addMenu("&File")
    file_menu.addActions([window.new_action, window.open_action, window.files.import_source.action])
    window.recent_menu = QMenu("Open &Recent", window)
    window.recent_menu.aboutToShow.connect(lambda: window.files.fill_recent(window.recent_menu))
    file_menu.addMenu(window.recent_menu)
    file_menu.addSeparator()
    file_menu.addActions([window.save_action, window.save_as_action])
    file_menu.addSeparator()
    file_menu.addActions(
        [window.export_pdf_action, window.export_docx_action, window.exports.tagged_action(file_menu), window.print_action]
    )
    file_menu.addSeparator()
    file_menu.addAction(window.quit_action)
    edit_menu = bar.addMenu("&Edit")
    edit_menu.addActions([window.undo_action, window.redo_action])
    edit_menu.addSeparator()
    edit_menu.addAction(window.find_action)
    edit_menu.addSeparator()
    edit_menu.addAction(window.settings_action)
    window.menu_actions = MenuActions(window)
    window.menu_actions.add_to(file_menu, edit_menu, window.print_action, window.quit_action, window.find_action)
    window.authoring = ContentActions(window, bar.addMenu("&Content"))
    view_menu = bar.addMenu("&View")
    view_menu.addActions([window.problems_action, window.reload_action])
    help_menu = bar.addMenu("&Help")
    help_menu.addActions([window.guide_action, window.sample_action])
    help_menu.addSeparator()
    help_menu.addAction(window.about_action)
    window.files.fill_recent(window.recent_menu)
