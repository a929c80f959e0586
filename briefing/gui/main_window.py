"""The main window: library, brief and preview side by side, with menus, files, export, print and autosave."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Sequence
from functools import partial
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QThreadPool, QTimer, Slot
from PySide6.QtWidgets import QLabel, QMainWindow

from .. import collector, logs
from ..errors import BriefingError
from .dialogs import Dialogs
from .settings import Settings
from .startup import StartData, load_in_background, load_start_data
from .widgets import describe
from .workers import run_in_pool

if TYPE_CHECKING:
    from PySide6.QtGui import QAction, QCloseEvent, QKeySequence

    from ..brief.model import Brief

# The first frame (the window with "Loading library...") uses only the names imported above. The Qt
# names the panels, actions and menus use are imported where they are built, after that frame: PySide6
# makes each class's Python enums when the class is first imported, about 80 ms for a full window's names.


class MainWindow(QMainWindow):
    """One brief at a time: compose it from the library, watch the real PDF, save, export and print.

    With ``staged`` (the app's start) the window shows "Loading library\u2026" at once, loads the library,
    templates and markings and imports the panels on a pool thread, then builds its panels. Without, it
    loads and builds before returning (tests, benchmarks).
    """

    def __init__(
        self,
        content: Sequence[Path] = (),
        dialogs: Dialogs | None = None,
        settings: Settings | None = None,
        today: Callable[[], _dt.date] = _dt.date.today,
        staged: bool = False,
    ):
        super().__init__()
        self.dialogs = dialogs or Dialogs()
        self.settings = settings or Settings()
        self.content = list(content)
        self.today = today
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.problems: list[str] = []
        self.ready = False  # the panels are built
        self._closed = False  # closed while loading: the panels are never built
        self._pending_start: tuple[Path | None] | None = None
        self.setWindowTitle("Briefing")
        self.setMinimumSize(1080, 600)  # explicit, so showing the window never resizes its constraints
        self._restore_geometry()
        self._show_loading()
        if staged:
            QTimer.singleShot(0, self._start_loading)  # after the first frame: the loading thread competes for the GIL
        else:
            self._build(load_start_data(self._folders()))

    def _folders(self) -> list[Path]:
        return [*self.settings.content_folders, *self.content]

    def _show_loading(self) -> None:
        """The first frame: a placeholder where the panels will be."""
        self.loading_label = describe(QLabel("Loading library\u2026", self), "Loading library", "The content library is being loaded")
        # plain text, centred by the style sheet: rich text and Qt's alignment enums would each cost the first frame ~30-50 ms
        self.loading_label.setStyleSheet("qproperty-alignment: AlignCenter; color: #6b7280; font-size: 14pt")
        self.setCentralWidget(self.loading_label)

    def _start_loading(self) -> None:
        work = partial(load_in_background, self._folders())
        self._loading = run_in_pool(self.pool, self, work, lambda data: self._closed or self._build(data), self._start_failed)

    def _start_failed(self, message: str) -> None:
        """Loading failed (a bug: broken packs are problems, not failures): say so, and build with an empty library."""
        from ..content.library import Library

        self.dialogs.error(self, "Cannot load the library", message)
        self._build(StartData(Library(), []))

    def start(self, brief: Path | None = None) -> None:
        """After the window is shown: offer recovery, else open ``brief`` if given (once the panels are built)."""
        if self.ready:
            self.files.start(brief)
        else:
            self._pending_start = (brief,)

    def _build(self, data: StartData) -> None:
        """Build the panels and actions over the loaded library (imported here: not needed for the first frame)."""
        from PySide6.QtCore import Qt

        from ..content.present import StaleRule
        from . import icons
        from .brief_panel import BriefPanel
        from .clearance_actions import ClearanceActions
        from .export_actions import ExportActions
        from .file_actions import FileActions
        from .library_panel import LibraryPanel
        from .menu_actions import build_menus
        from .panes import Panes
        from .preview import PreviewPanel
        from .problems import ProblemsDock
        from .session import BriefSession
        from .shortcuts import WindowShortcutsFirst
        from .status_bar import BriefStatus

        self.templates, self.markings, self._marking_problems = data.templates, data.markings, data.marking_problems
        self.session = BriefSession(data.library, StaleRule(self.settings.stale_months, self.today), self)
        self.session.load(self.new_brief_data())
        self.library_panel = LibraryPanel(self.session, self)
        self.brief_panel = BriefPanel(self.session, self.templates, self.markings, self)
        self.preview = PreviewPanel(self.session, self.pool, self)
        self.files = FileActions(self, self.session, self.dialogs, self.settings, self.new_brief_data)
        self.exports = ExportActions(self, self.session, self.dialogs, self.pool, self.preview)
        self.exports.running.connect(self._export_running)
        self.setWindowIcon(icons.app_icon())
        self.panes = Panes((self.library_panel, self.brief_panel, self.preview), self)
        self.splitter, self.read_only_banner = self.panes.splitter, self.panes.banner
        self.setCentralWidget(self.panes)
        self.problems_dock = ProblemsDock(self)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.problems_dock)
        self._build_actions()
        build_menus(self)
        self.shortcuts_first = WindowShortcutsFirst(self)  # Ctrl+E and the rest work with the cursor in any field
        self.shortcuts_first.install()
        self.status = BriefStatus(self.statusBar())
        self.clearance = ClearanceActions(self, self.session, self.dialogs, self.preview, self.files.read_only_reason)
        self._connect()
        self._set_tab_order()
        self._restore_layout()
        problems = [*data.library.problems, *data.template_problems, *self._marking_problems]
        self.set_problems(problems)  # after restoreState: shown only if any
        self._update_title()
        self._brief_changed()
        self.preview.schedule()
        self.library_panel.search_box.setFocus()
        self.ready = True
        if not problems:
            self.statusBar().showMessage(f"Library loaded: {len(data.library)} items", 3000)
        collector.settled(full=False)  # a full collection now would delay the first keystrokes
        if self._pending_start is not None:
            self.files.start(*self._pending_start)

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
        self.preview.failed.connect(self.status.preview_failed)

    def new_brief_data(self) -> Brief:
        """A fresh brief with the officer's default drafter and marking."""
        from ..brief.model import Brief

        brief = Brief()
        brief.meta.drafter = self.settings.drafter
        marking = self.settings.default_marking
        if marking and self.markings is not None and marking in self.markings.get().ids():
            brief.meta.marking = marking
        return brief

    # -- building the window ----------------------------------------------------------------------
    def _action(self, text: str, slot, keys: QKeySequence.StandardKey | str | Sequence[str] | None = None, tip: str = "") -> QAction:
        from PySide6.QtGui import QAction, QKeySequence

        action = QAction(text, self)
        action.setShortcuts([QKeySequence(k) for k in (keys if isinstance(keys, (list, tuple)) else [] if keys is None else [keys])])
        action.setToolTip(tip or text.replace("&", "").rstrip("\u2026"))
        action.setStatusTip(action.toolTip())
        action.triggered.connect(lambda checked=False: slot())
        return action

    def _build_actions(self) -> None:
        from PySide6.QtGui import QKeySequence

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

    def _set_tab_order(self) -> None:
        """Tab moves left to right: library, brief, preview, then the problems list."""
        chain = [*self.library_panel.tab_chain(), *self.brief_panel.tab_chain(), *self.preview.tab_chain(), self.problems_dock.view]
        for first, second in pairwise(chain):
            self.setTabOrder(first, second)

    def _restore_geometry(self) -> None:
        geometry = self.settings.window("geometry")
        if geometry is None or not self.restoreGeometry(geometry):  # first start: fit the screen
            screen = self.screen().availableGeometry()
            self.resize(min(1600, screen.width()), min(960, screen.height()))
            if screen.width() <= 1600 or screen.height() <= 960:  # a laptop screen: all of it (1366x768 is 1256x691 otherwise)
                from PySide6.QtCore import Qt

                self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)

    def _restore_layout(self) -> None:
        state = self.settings.window("state")
        if state is not None:
            self.restoreState(state)
        splitter = self.settings.window("splitter")
        if splitter is None or not self.splitter.restoreState(splitter):
            self.default_splitter_sizes()

    def default_splitter_sizes(self) -> None:
        from PySide6.QtCore import Qt

        width = max(self.width(), 900)
        brief = max(int(width * 0.37), self.brief_panel.minimumSizeHint().width())  # every tab of the brief shows
        library = int(width * 0.27)
        self.splitter.setSizes([library, brief, width - library - brief])
        self.resizeDocks([self.problems_dock], [96], Qt.Orientation.Vertical)
        self.brief_panel.default_sizes()

    # -- problems -------------------------------------------------------------------------------------
    def set_problems(self, problems: Sequence[BriefingError]) -> None:
        """List content and template problems in the Problems panel (shown when there are any)."""
        self.problems = [str(p) for p in problems]
        self.problems_dock.show_problems(self.problems)
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
        self.save_action.setEnabled(not reason)
        self.save_as_action.setEnabled(not self.files.too_new())

    @Slot()
    def _brief_changed(self) -> None:
        model = self.brief_panel.items.model  # caches each entry's status
        count = model.rowCount()
        flagged = model.flagged_count()
        self.status.show_count(count, flagged)

    @Slot()
    def _preview_updated(self) -> None:
        result = self.preview.result
        if result is not None:
            self.status.show_budget(result.budget_text(), result.fits is False)

    @Slot(bool)
    def _export_running(self, running: bool) -> None:
        self.status.export_running(running)
        self.export_pdf_action.setEnabled(not running)
        self.export_docx_action.setEnabled(not running)

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
        from PySide6.QtWidgets import QDialog

        from .settings_dialog import SettingsDialog

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
        """Read the content packs again on the pool thread; the library, flags and the problems panel follow."""
        if not self.reload_action.isEnabled():
            return  # a reload is running
        self.reload_action.setEnabled(False)
        self.statusBar().showMessage("Reloading library\u2026")
        work = partial(load_start_data, self._folders(), markings=False)
        self._loading = run_in_pool(self.pool, self, work, self._reloaded, self._reload_failed)

    def _reloaded(self, data: StartData) -> None:
        self.reload_action.setEnabled(True)
        collector.thawed()  # the old library may be collected once nothing uses it
        self.session.set_library(data.library)
        self.set_problems([*data.library.problems, *data.template_problems, *self._marking_problems])
        collector.settled(full=True)  # an explicit reload: a full collection once is fine
        self.statusBar().showMessage(f"Library reloaded: {len(data.library)} items", 4000)

    def _reload_failed(self, message: str) -> None:
        self.reload_action.setEnabled(True)
        self.dialogs.error(self, "Cannot reload the library", message)

    def show_guide(self) -> None:
        from .help import GUIDE, TextDialog

        self.dialogs.show_dialog(TextDialog("User Guide", GUIDE, self, (640, 560)))

    def show_about(self) -> None:
        from .help import TextDialog, about_html

        body = about_html(self.session.library.folders, logs.log_file(), len(self.problems))
        self.dialogs.show_dialog(TextDialog("About Briefing", body, self))

    # -- closing ---------------------------------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.ready:  # still loading: nothing to save yet (and a closed window builds no panels)
            self._closed = True
            self.pool.waitForDone()
            event.accept()
            return
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
