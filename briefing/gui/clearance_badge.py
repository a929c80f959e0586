"""The clearance badge beside the page-budget badge: the brief's state in colour; its menu moves it on."""

from __future__ import annotations

from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from .widgets import describe

STYLES = {
    "draft": "color:#ffffff;background:#b45309;border-radius:3px;padding:2px 8px;font-weight:bold",
    "cleared": "color:#ffffff;background:#1d4ed8;border-radius:3px;padding:2px 8px;font-weight:bold",
    "approved": "color:#ffffff;background:#15803d;border-radius:3px;padding:2px 8px;font-weight:bold",
}


class ClearanceBadge(QToolButton):
    """Shows draft, cleared or approved; a click opens ``menu`` (the window's Clearance menu)."""

    def __init__(self, menu: QMenu, parent: QWidget | None = None):
        super().__init__(parent)
        describe(self, "Clearance state", "The brief's clearance state; click to move it on")
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setMenu(menu)
        self.state = ""
        self.show_state("draft", edited=False)

    def show_state(self, state: str, edited: bool) -> None:
        self.state = state
        self.setText(state.capitalize())
        self.setStyleSheet(f"QToolButton{{{STYLES[state]}}} QToolButton::menu-indicator{{image:none}}")
        self.setToolTip(f"Clearance: {state}" + (" (edited since it was cleared)" if edited else "") + ". Click to move it on.")
