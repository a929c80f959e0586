"""The clearance badge beside the page-budget badge: the brief's state, with a menu to move it on."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from ..brief.clearance import NEXT, edited_since_clearance, state_of
from ..brief.model import Brief
from .widgets import describe

STYLES = {
    "draft": "color:#ffffff;background:#b45309;border-radius:3px;padding:2px 8px;font-weight:bold",
    "cleared": "color:#ffffff;background:#1d4ed8;border-radius:3px;padding:2px 8px;font-weight:bold",
    "approved": "color:#ffffff;background:#15803d;border-radius:3px;padding:2px 8px;font-weight:bold",
}
ACTIONS = {"cleared": "Mark Cleared\u2026", "approved": "Mark Approved\u2026"}


class ClearanceBadge(QToolButton):
    """Shows draft, cleared or approved; its menu offers the next step and the list of versions."""

    advance_requested = Signal(str)  # the state to move on to
    versions_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        describe(self, "Clearance state", "The brief's clearance state; click to move it on")
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.menu_ = QMenu(self)
        self.step_actions = {state: self.menu_.addAction(text) for state, text in ACTIONS.items()}
        for state, action in self.step_actions.items():
            action.triggered.connect(lambda _checked=False, s=state: self.advance_requested.emit(s))
        self.menu_.addSeparator()
        self.versions_action = self.menu_.addAction("Versions\u2026")
        self.versions_action.triggered.connect(self.versions_requested)
        self.setMenu(self.menu_)
        self.state = "draft"
        self.show_state("draft", False, editable=True)

    def update_from(self, brief: Brief, editable: bool = True) -> None:
        """Show ``brief``'s effective state; the next step is offered only when the brief can be edited."""
        self.show_state(state_of(brief), edited_since_clearance(brief), editable)

    def show_state(self, state: str, edited: bool, editable: bool) -> None:
        self.state = state
        self.setText(state.capitalize())
        self.setStyleSheet(f"QToolButton{{{STYLES[state]}}} QToolButton::menu-indicator{{image:none}}")
        tip = f"Clearance: {state}" + (" (edited since it was cleared)" if edited else "")
        self.setToolTip(tip + ("; click to move it on" if NEXT.get(state) and editable else ""))
        for target, action in self.step_actions.items():
            action.setEnabled(editable and NEXT.get(state) == target)
