"""The main window: library, brief and preview side by side, with menus, files, export, print and autosave."""

from __future__ import annotations

import datetime as _dt
import gc
import logging
from collections.abc import Callable, Sequence
from itertools import pairwise
from pathlib import Path

from PySide6.QtCore import QStringListModel, Qt, QThreadPool, QTimer, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QDialog, QDockWidget, QLabel, QListView, QMainWindow, QMenu, QProgressBar, QSplitter, QVBoxLayout, QWidget

from .. import logs
from ..brief.model import Brief, Status
from ..brief.store import is_too_new
from ..content.library import Library, load_library
from ..content.present import StaleRule
from ..errors import BriefingError, StyleError
from ..style import MarkingSchemes, load_markings
from ..templating.registry import list_templates
from . import icons
from .brief_panel import BriefPanel
from .dialogs import Dialogs
from .export_actions import ExportActions
from .file_actions import FileActions
from .help import GUIDE, TextDialog, about_html
from .library_panel import LibraryPanel
from .preview import PreviewPanel
from .session import BriefSession
from .settings import Settings
from .settings_dialog import SettingsDialog
from .widgets import describe

log = logging.getLogger("briefing.gui")


class MainWindow(QMainWindow):
    """One brief at a time: compose it from the library, watch the real PDF, save, export and print."""

    def __init__(
        self,
        content: Sequence[Path] = (),
        dialogs: Dialogs | None = None,
        settings: Settings | None = None,
        today: Callable[[], _dt.date] = _dt.date.today,
    ):
        super().__init__()
        self.dialogs = dialogs or Dialogs()
        self.settings = settings or Settings()
        self.content = list(content)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.problems: list[str] = []
        library = self._load_library()
        self.templates, template_problems = list_templates()
        self.markings = self._load_markings()
        self.session = BriefSession(library, StaleRule(self.settings.stale_months, today), self)
        self.session.load(self.new_brief_data())
        self.library_panel = LibraryPanel(self.session, self)
        self.brief_panel = BriefPanel(self.session, self.templates, self.markings, self)
        self.preview = PreviewPanel(self.session, self.pool, self)
        self.files = FileActions(self, self.session, self.dialogs, self.settings, self.new_brief_data)
        self.exports = ExportActions(self, self.session, self.dialogs, self.pool, self.preview)
        self.exports.running.connect(self._export_running)
        self._build_central()
        self._build_problems()
        self._build_actions()
        self._build_menus()
        self._build_status_bar()
        self._connect()
        self.setWindowIcon(icons.app_icon())
        self.setMinimumSize(960, 600)  # explicit, so showing the window never resizes its constraints
        self._set_tab_order()
        self._restore_window()
        self.set_problems([*library.problems, *template_problems, *self._marking_problems])  # after restoreState: shown only if any
        self._update_title()
        self._brief_changed()
        self.preview.schedule()
        self.library_panel.search_box.setFocus()
        self._settle_heap(collect=False)  # at start there is little garbage, and a collection would delay the window

    def _build_central(self) -> None:
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        for panel in (self.library_panel, self.brief_panel, self.preview):
            self.splitter.addWidget(panel)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 4)
        self.splitter.setStretchFactor(2, 4)
        self.read_only_banner = describe(
            QLabel(self), "Read-only warning", "Why this brief cannot be saved to its file, and what you can do instead"
        )
        self.read_only_banner.setWordWrap(True)
        self.read_only_banner.setStyleSheet("background:#fef3c7;color:#78350f;border-bottom:1px solid #f59e0b;padding:6px 10px")
        self.read_only_banner.hide()
        central = QWidget(self)
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.read_only_banner)
        column.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

    def _connect(self) -> None:
        self.autosave_timer = QTimer(self)
        self.autosave_timer.timeout.connect(self.files.autosave)
        self.autosave_timer.start(self.settings.autosave_seconds * 1000)
        self.library_panel.addRequested.connect(self.add_items)
        self.session.stack.cleanChanged.connect(self._update_title)
        self.session.pathChanged.connect(self._update_title)
        self.session.changed.connect(self._brief_changed)
        self.session.libraryChanged.connect(self._brief_changed)
        self.preview.updated.connect(self._preview_updated)
        self.preview.failed.connect(self._preview_failed)

    # -- loading -------------------------------------------------------------------------------
    def _load_library(self) -> Library:
        return load_library(extra=[*self.settings.content_folders, *self.content])

    @staticmethod
    def _settle_heap(collect: bool) -> None:
        """Move what exists now (the library, the window) out of the garbage collector's full passes.

        They live as long as the window. With 10,000 items a full pass walks
        millions of objects and froze the GUI for ~100 ms in the middle of typing
        a search. ``collect`` first frees garbage, so none is kept for good.
        """
        if collect:
            gc.collect()
        gc.freeze()

    def _load_markings(self) -> MarkingSchemes | None:
        self._marking_problems: list[BriefingError] = []
        try:
            return load_markings()
        except StyleError as exc:
            self._marking_problems.append(exc)
            return None

    def new_brief_data(self) -> Brief:
        """A fresh brief with the officer's default drafter and marking."""
        brief = Brief()
        brief.meta.drafter = self.settings.drafter
        marking = self.settings.default_marking
        if marking and self.markings is not None and marking in self.markings.get().ids():
            brief.meta.marking = marking
        return brief

    # -- building the window ----------------------------------------------------------------------
    def _build_problems(self) -> None:
        self.problems_model = QStringListModel(self)
        self.problems_view = describe(
            QListView(self), "Problems", "Content packs and templates that could not be loaded, as file:line: message"
        )
        self.problems_view.setModel(self.problems_model)
        self.problems_view.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.problems_view.setWordWrap(True)
        self.problems_view.setAlternatingRowColors(True)
        self.problems_dock = QDockWidget("Problems", self)
        self.problems_dock.setObjectName("problems_dock")
        self.problems_dock.setWidget(self.problems_view)
        self.problems_dock.setAllowedAreas(Qt.DockWidgetArea.BottomDockWidgetArea | Qt.DockWidgetArea.TopDockWidgetArea)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.problems_dock)

    def _action(self, text: str, slot, keys: QKeySequence.StandardKey | str | Sequence[str] | None = None, tip: str = "") -> QAction:
        action = QAction(text, self)
        if isinstance(keys, (list, tuple)):
            action.setShortcuts([QKeySequence(k) for k in keys])
        elif keys is not None:
            action.setShortcut(QKeySequence(keys))
        action.setToolTip(tip or text.replace("&", "").rstrip("\u2026"))
        action.setStatusTip(action.toolTip())
        action.triggered.connect(lambda checked=False: slot())
        return action

    def _build_actions(self) -> None:
        A = self._action
        self.new_action = A("&New", self.files.new_brief, QKeySequence.StandardKey.New, "Start a new brief")
        self.open_action = A("&Open\u2026", self.files.open_brief, QKeySequence.StandardKey.Open, "Open a brief file")
        self.save_action = A("&Save", self.files.save, QKeySequence.StandardKey.Save, "Save the brief")
        self.save_as_action = A("Save &As\u2026", self.files.save_as, "Ctrl+Shift+S", "Save the brief under a new name")
        self.export_pdf_action = A("Export &PDF\u2026", lambda: self.exports.export("pdf"), "Ctrl+E", "Export the brief as a PDF file")
        self.export_docx_action = A(
            "Export &Word\u2026", lambda: self.exports.export("docx"), "Ctrl+Shift+E", "Export the brief as a Word document"
        )
        self.print_action = A("&Print\u2026", self.exports.print_brief, QKeySequence.StandardKey.Print, "Print the brief")
        self.quit_action = A("&Quit", self.close, "Ctrl+Q", "Close Briefing")
        self.undo_action = self.session.stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcuts([QKeySequence("Ctrl+Z")])
        self.redo_action = self.session.stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.find_action = A("&Find\u2026", self.library_panel.focus_search, QKeySequence.StandardKey.Find, "Search the library (Ctrl+F)")
        self.settings_action = A(
            "Se&ttings\u2026", self.open_settings, "Ctrl+,", "Drafter, default marking, content folders, stale threshold, autosave"
        )
        self.reload_action = A("&Reload Library", self.reload_library, "F5", "Read the content packs again")
        self.guide_action = A("&User Guide", self.show_guide, QKeySequence.StandardKey.HelpContents, "How to build a brief")
        self.sample_action = A("Open &Sample Brief", self.files.open_sample, None, "Open the bundled sample brief as a new, unsaved brief")
        self.about_action = A("&About Briefing", self.show_about, None, "Version, content folders and log file")
        self.problems_action = self.problems_dock.toggleViewAction()
        self.problems_action.setText("&Problems Panel")
        for action in (self.undo_action, self.redo_action, self.problems_action):
            self.addAction(action)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addActions([self.new_action, self.open_action])
        self.recent_menu = QMenu("Open &Recent", self)
        self.recent_menu.aboutToShow.connect(lambda: self.files.fill_recent(self.recent_menu))
        file_menu.addMenu(self.recent_menu)
        file_menu.addSeparator()
        file_menu.addActions([self.save_action, self.save_as_action])
        file_menu.addSeparator()
        file_menu.addActions([self.export_pdf_action, self.export_docx_action, self.print_action])
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = bar.addMenu("&Edit")
        edit_menu.addActions([self.undo_action, self.redo_action])
        edit_menu.addSeparator()
        edit_menu.addAction(self.find_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.settings_action)
        view_menu = bar.addMenu("&View")
        view_menu.addActions([self.problems_action, self.reload_action])
        help_menu = bar.addMenu("&Help")
        help_menu.addActions([self.guide_action, self.sample_action])
        help_menu.addSeparator()
        help_menu.addAction(self.about_action)
        self.files.fill_recent(self.recent_menu)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.progress = describe(QProgressBar(self), "Export progress", "An export is running")
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(160)
        self.progress.hide()
        self.count_status = describe(QLabel(self), "Item count", "How many items the brief has, and how many are flagged")
        self.budget_status = describe(QLabel("No preview yet", self), "Page budget", "Pages in the PDF against the template's page budget")
        for label in (self.count_status, self.budget_status):
            label.setContentsMargins(8, 0, 8, 0)
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.count_status)
        bar.addPermanentWidget(self.budget_status)
        bar.showMessage("Ready", 3000)

    def _set_tab_order(self) -> None:
        """Tab moves left to right: library, brief, preview, then the problems list."""
        chain = [*self.library_panel.tab_chain(), *self.brief_panel.tab_chain(), *self.preview.tab_chain(), self.problems_view]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _restore_window(self) -> None:
        geometry = self.settings.window("geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            screen = self.screen().availableGeometry()
            self.resize(min(1600, int(screen.width() * 0.92)), min(960, int(screen.height() * 0.9)))
        state = self.settings.window("state")
        if state is not None:
            self.restoreState(state)
        splitter = self.settings.window("splitter")
        if splitter is None or not self.splitter.restoreState(splitter):
            self.default_splitter_sizes()

    def default_splitter_sizes(self) -> None:
        width = max(self.width(), 900)
        self.splitter.setSizes([int(width * 0.27), int(width * 0.37), int(width * 0.36)])
        self.resizeDocks([self.problems_dock], [96], Qt.Orientation.Vertical)
        self.brief_panel.default_sizes()

    # -- problems -------------------------------------------------------------------------------------
    def set_problems(self, problems: Sequence[BriefingError]) -> None:
        """List content and template problems in the Problems panel (shown when there are any)."""
        self.problems = [str(p) for p in problems]
        self.problems_model.setStringList(self.problems)
        self.problems_dock.setVisible(bool(self.problems))
        self.problems_dock.setWindowTitle(f"Problems ({len(self.problems)})" if self.problems else "Problems")
        if self.problems:
            self.statusBar().showMessage(f"{len(self.problems)} content problem(s): see the Problems panel", 10000)

    # -- title and status ---------------------------------------------------------------------------------
    @Slot()
    def _update_title(self) -> None:
        """Title, read-only banner and the Save actions, from the brief's file state."""
        reason = self.files.read_only_reason()
        marker = " (read-only)" if reason else ""
        self.setWindowTitle(f"{self.files.display_name()}{marker}[*] \u2014 Briefing")
        self.setWindowModified(self.session.dirty)
        self.read_only_banner.setText(reason)
        self.read_only_banner.setVisible(bool(reason))
        too_new = is_too_new(self.session.brief)
        self.save_action.setEnabled(not reason)
        self.save_as_action.setEnabled(not too_new)

    @Slot()
    def _brief_changed(self) -> None:
        model = self.brief_panel.items.model  # caches each entry's status
        count = model.rowCount()
        flagged = sum(1 for row in range(count) if model.status(row) is not Status.OK)
        text = f"{count} item{'s' if count != 1 else ''}"
        self.count_status.setText(text + (f", {flagged} flagged" if flagged else ""))
        self.count_status.setStyleSheet("color:#b45309" if flagged else "")

    @Slot()
    def _preview_updated(self) -> None:
        result = self.preview.result
        if result is not None:
            self.budget_status.setText(result.budget_text())
            self.budget_status.setToolTip("Pages in the PDF against the template's page budget")
            self.budget_status.setStyleSheet("color:#b91c1c;font-weight:bold" if result.fits is False else "")

    @Slot(bool)
    def _export_running(self, running: bool) -> None:
        self.progress.setVisible(running)
        self.export_pdf_action.setEnabled(not running)
        self.export_docx_action.setEnabled(not running)

    @Slot(str)
    def _preview_failed(self, message: str) -> None:
        self.budget_status.setText("Preview failed")
        self.budget_status.setToolTip(message)

    # -- editing --------------------------------------------------------------------------------------------
    @Slot(list)
    def add_items(self, item_ids: list[str]) -> None:
        """Add library items to the end of the brief (items already in it are selected instead)."""
        rows = self.session.add_items(item_ids)
        if rows:
            self.brief_panel.items.select_row(rows[-1])
            self.statusBar().showMessage(f"Added {len(rows)} item{'s' if len(rows) != 1 else ''} to the brief", 4000)
            return
        existing = [r for r in (self.session.row_of(i) for i in item_ids) if r is not None]
        if existing:
            self.brief_panel.items.select_row(existing[0])
            self.statusBar().showMessage("Already in the brief", 4000)

    # -- settings, library, help ---------------------------------------------------------------------------------------
    def open_settings(self) -> None:
        dialog = SettingsDialog(self.settings, self.markings, self)
        if self.dialogs.show_dialog(dialog) == QDialog.DialogCode.Accepted:
            folders = self.settings.content_folders
            dialog.apply()
            self.apply_settings(reload=folders != self.settings.content_folders)

    def apply_settings(self, reload: bool = False) -> None:
        """Take new settings into use (reloading the library if the folders changed)."""
        self.session.set_stale_months(self.settings.stale_months)
        self.autosave_timer.start(self.settings.autosave_seconds * 1000)
        if reload:
            self.reload_library()

    def reload_library(self) -> None:
        """Read the content packs again; flags and the problems panel follow."""
        gc.unfreeze()  # the old library may be collected once nothing uses it
        library = self._load_library()
        _, template_problems = list_templates()
        self.session.set_library(library)
        self.set_problems([*library.problems, *template_problems, *self._marking_problems])
        self._settle_heap(collect=True)  # an explicit reload: a full collection once is fine
        self.statusBar().showMessage(f"Library reloaded: {len(library)} items", 4000)

    def show_guide(self) -> None:
        self.dialogs.show_dialog(TextDialog("User Guide", GUIDE, self, (640, 560)))

    def show_about(self) -> None:
        body = about_html(self.session.library.folders, logs.log_file(), len(self.problems))
        self.dialogs.show_dialog(TextDialog("About Briefing", body, self))

    # -- closing ---------------------------------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.files.maybe_save():
            event.ignore()
            return
        self.autosave_timer.stop()
        self.preview.timer.stop()
        self.pool.waitForDone()
        self.settings.set_window("geometry", self.saveGeometry())
        self.settings.set_window("state", self.saveState())
        self.settings.set_window("splitter", self.splitter.saveState())
        self.settings.sync()
        self.files.recovery.clear()
        self.files.release_brief()
        event.accept()
