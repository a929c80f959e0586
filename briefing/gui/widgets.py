"""Small widget helpers: accessible names and tooltips, window sizes that fit the screen, and Ctrl+Z to the brief's undo stack."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QWidget

W = TypeVar("W", bound=QWidget)


def describe(widget: W, name: str, tip: str) -> W:
    """Give ``widget`` an accessible name and a tooltip (every control has both)."""
    widget.setAccessibleName(name)
    widget.setToolTip(tip)
    if not widget.objectName():
        widget.setObjectName(name.lower().replace(" ", "_"))
    return widget


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Size ``window`` to ``width`` x ``height``, or to the screen it opens on where that is smaller (a 1366x768 laptop)."""
    parent = window.parentWidget()
    screen = (parent.screen() if parent is not None else window.screen()).availableGeometry()
    window.resize(min(width, screen.width()), min(height, screen.height()))


class GlobalUndo(QObject):
    """Event filter: text widgets leave Undo/Redo to the app, so every edit is undone through the QUndoStack."""

    KEYS = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        is_override = event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent)
        if is_override and (any(event.matches(key) for key in self.KEYS) or self._is_shift_z(event)):
            event.ignore()
            return True
        return False

    @staticmethod
    def _is_shift_z(event: QKeyEvent) -> bool:
        return event.keyCombination().toCombined() == QKeySequence("Ctrl+Shift+Z")[0].toCombined()


_FILTER: GlobalUndo | None = None


def route_undo(*widgets: QWidget) -> None:
    """Install the shared GlobalUndo filter on ``widgets``."""
    global _FILTER
    if _FILTER is None:
        _FILTER = GlobalUndo()
    for widget in widgets:
        widget.installEventFilter(_FILTER)
        if hasattr(widget, "setUndoRedoEnabled"):
            widget.setUndoRedoEnabled(False)
