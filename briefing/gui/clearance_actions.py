"""Clearance and history in the window: the badge and the Clearance menu, moving the brief on, versions and compare."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu

from ..brief.clearance import NEXT, AdvanceClearance, status
from ..brief.commands import snapshot_copy
from ..brief.model import Brief
from .clearance_badge import ClearanceBadge
from .dialogs import Dialogs
from .guard import guarded
from .preview import PreviewPanel
from .session import BriefSession
from .versions_view import VersionsDialog

REFRESH_MS = 250
STEPS = {"cleared": ("Mark &Cleared\u2026", "Record who clears the brief"), "approved": ("Mark &Approved\u2026", "Record who approves it")}


class ClearanceActions(QObject):
    """The Clearance menu (also the badge's, beside the preview's page-budget badge) and what its actions do."""

    def __init__(
        self,
        window: QMainWindow,
        session: BriefSession,
        dialogs: Dialogs,
        preview: PreviewPanel,
        read_only_reason: Callable[[], str],
    ):
        super().__init__(window)
        self.window, self.session, self.dialogs = window, session, dialogs
        self.read_only_reason = read_only_reason
        self.menu = QMenu("&Clearance", window)
        self.step_actions: dict[str, QAction] = {}
        for state, (text, tip) in STEPS.items():
            action = self.menu.addAction(text)
            action.setStatusTip(tip)
            action.triggered.connect(lambda _checked=False, s=state: self.advance(s))
            self.step_actions[state] = action
        self.menu.addSeparator()
        self.versions_action = self.menu.addAction("&Versions\u2026")
        self.versions_action.setStatusTip("The saved versions of this brief: open one read-only, or compare")
        self.versions_action.triggered.connect(lambda _checked=False: self.show_versions())
        bar = window.menuBar()
        help_menu = next((a for a in bar.actions() if a.text() == "&Help"), None)
        if help_menu is not None:
            bar.insertMenu(help_menu, self.menu)
        else:
            bar.addMenu(self.menu)
        self.badge = ClearanceBadge(self.menu, preview)
        preview.budget_row.insertWidget(preview.budget_row.indexOf(preview.budget) + 1, self.badge)
        self.timer = QTimer(self)  # the state costs a digest of the brief: once typing pauses, not per key
        self.timer.setSingleShot(True)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        session.changed.connect(self.timer.start)
        session.pathChanged.connect(self.refresh)
        session.reset.connect(self.refresh)
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        """The badge and the menu follow the brief's state; no step is offered on a brief that cannot be saved."""
        self.timer.stop()
        state, edited = status(self.session.brief)
        self.badge.show_state(state, edited)
        editable = not self.read_only_reason()
        for target, action in self.step_actions.items():
            action.setEnabled(editable and NEXT.get(state) == target)

    @guarded("Cannot change the clearance")
    def advance(self, state: str) -> bool:
        """Ask who takes the step, then record it (an edit: undo takes it back, Save keeps it)."""
        name = self.dialogs.ask_text(self.window, f"Mark {state.capitalize()}", f"{state.capitalize()} by:")
        if not name or not name.strip():
            return False
        self.session.execute(AdvanceClearance(state, name.strip(), text=f"Mark {state}"))
        self.refresh()
        self.window.statusBar().showMessage(f"Marked {state} by {name.strip()}: save to keep it", 6000)
        return True

    def render(self, brief: Brief) -> bytes:
        from ..export import preview_pdf

        return preview_pdf(brief, self.session.library, stale_months=self.session.stale.months)[0]

    @guarded("Cannot show the versions")
    def show_versions(self) -> VersionsDialog:
        dialog = VersionsDialog(snapshot_copy(self.session.brief), self.render, self.dialogs.show_dialog, self.window)
        self.dialogs.show_dialog(dialog)
        return dialog
