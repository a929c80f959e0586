"""The window's shortcuts work from every field: text widgets leave them to the window (Qt's Ctrl+E is "end of line" on Linux)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QLineEdit, QMainWindow, QPlainTextEdit, QTextEdit, QWidget

TEXT_WIDGETS = (QLineEdit, QPlainTextEdit, QTextEdit, QAbstractSpinBox, QComboBox)
TEXT_KEYS = (
    QKeySequence.StandardKey.Cut,
    QKeySequence.StandardKey.Copy,
    QKeySequence.StandardKey.Paste,
    QKeySequence.StandardKey.SelectAll,
    QKeySequence.StandardKey.Delete,
)
"""Keys a text field keeps for itself: the Edit menu's Cut, Copy, Paste and Select All act on the field anyway."""
WINDOW_WIDE = (Qt.ShortcutContext.WindowShortcut, Qt.ShortcutContext.ApplicationShortcut)
"""Only these actions fire wherever the focus is; a list's own keys (Delete, Alt+Up) stay with the list."""


class WindowShortcutsFirst(QObject):
    """Application event filter: when a text field would take a key the window has a shortcut for, the shortcut wins.

    Qt asks the focused widget first (a ShortcutOverride event); QLineEdit says
    yes to Ctrl+E (end of line on X11), Ctrl+S and others it binds, so the
    window's action never fires. This filter answers no for the window's own
    shortcuts, except the keys a text field needs to edit text (:data:`TEXT_KEYS`).
    """

    def __init__(self, window: QMainWindow):
        super().__init__(window)
        self.window = window
        self._keys: set[int] | None = None

    def install(self) -> None:
        QApplication.instance().installEventFilter(self)
        self.window.destroyed.connect(self.uninstall)

    def uninstall(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def forget(self) -> None:
        """The window's actions changed: read their shortcuts again on the next key."""
        self._keys = None

    def keys(self) -> set[int]:
        """Every key combination of the window's enabled actions."""
        if self._keys is None:
            self._keys = {
                sequence[0].toCombined()
                for action in self.window.findChildren(QAction)
                if action.shortcutContext() in WINDOW_WIDE
                for sequence in action.shortcuts()
                if sequence.count() == 1
            }
        return self._keys

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ShortcutOverride or not isinstance(watched, TEXT_WIDGETS):
            return False
        if not isinstance(event, QKeyEvent) or not isinstance(watched, QWidget) or watched.window() is not self.window:
            return False
        if any(event.matches(key) for key in TEXT_KEYS):
            return False
        if event.keyCombination().toCombined() in self.keys():
            event.ignore()  # not for the field: the shortcut map (the window's action) gets the key
            return True
        return False
