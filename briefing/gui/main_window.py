"""The main window: library, brief and preview side by side, with menus, files, export, print and autosave."""

from __future__ import annotations

import datetime as _dt
import logging
import re
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QStringListModel, Qt, QThreadPool, QTimer, QUrl, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog, QDockWidget, QLabel, QListView, QMainWindow, QMenu, QProgressBar, QSplitter

from .. import logs, paths
from ..brief.commands import snapshot_copy
from ..brief.model import SUFFIX, Brief, Status, status_of
from ..brief.store import load_brief, save_brief
from ..content.library import Library, load_library
from ..errors import BriefingError, BriefTooNew, ExportError, StyleError
from ..export import BuildResult, preview_pdf
from ..style import MarkingSchemes, load_markings
from ..templating.registry import list_templates
from . import icons
from .brief_panel import BriefPanel
from .dialogs import Dialogs
from .guard import guarded
from .help import GUIDE, TextDialog, about_html
from .library_panel import LibraryPanel
from .preview import PreviewPanel
from .printing import match_page, print_pdf
from .recovery import RecoveryStore
from .settings import Settings
from .settings_dialog import SettingsDialog
from .undo import BriefSession
from .widgets import describe
from .workers import JobSignals, export_job

log = logging.getLogger("briefing.gui")
FORMATS = {"pdf": ("PDF", ".pdf"), "docx": ("Word", ".docx")}


def slug(title: str) -> str:
    """A file-name stem from a brief title."""
    return re.sub(r"[^A-Za-z0-9]+", "-", title).strip("-").lower()[:60] or "brief"


class MainWindow(QMainWindow):
    """One brief at a time: compose it from the library, watch the real PDF, save, export and print."""

    exportFinished = Signal(object)  # a BuildResult, or the error message

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
        self.today = today
        self.recovery = RecoveryStore()
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.export_signals = JobSignals(self)
        self.export_signals.finished.connect(self._export_finished)
        self.export_signals.failed.connect(self._export_failed)
        self._export_ticket = 0
        self._exports: dict[int, Path] = {}
        self._changed_since_autosave = False
        self.problems: list[str] = []
        library = self._load_library()
        self.templates, template_problems = list_templates()
        self.markings = self._load_markings()
        self.session = BriefSession(library, self)
        self.session.load(self.new_brief_data(), None)
        stale = self.settings.stale_months
        self.library_panel = LibraryPanel(library, stale, today, self)
        self.brief_panel = BriefPanel(self.session, self.templates, self.markings, stale, today, self)
        self.preview = PreviewPanel(self.session, self.pool, self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        for panel in (self.library_panel, self.brief_panel, self.preview):
            self.splitter.addWidget(panel)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 4)
        self.splitter.setStretchFactor(2, 4)
        self.setCentralWidget(self.splitter)
        self._build_problems()
        self._build_actions()
        self._build_menus()
        self._build_status_bar()
        self.set_problems([*library.problems, *template_problems, *self._marking_problems])
        self.autosave_timer = QTimer(self)
        self.autosave_timer.timeout.connect(self.autosave)
        self.autosave_timer.start(self.settings.autosave_seconds * 1000)
        self.library_panel.addRequested.connect(self.add_items)
        self.session.stack.cleanChanged.connect(self._update_title)
        self.session.pathChanged.connect(self._update_title)
        self.session.changed.connect(self._brief_changed)
        self.preview.updated.connect(self._preview_updated)
        self.preview.failed.connect(lambda message: self.budget_status.setText("Preview failed"))
        self.setWindowIcon(icons.app_icon())
        self.setMinimumSize(960, 600)  # explicit, so showing the window never resizes its constraints
        self._restore_window()
        self._update_title()
        self._brief_changed()
        self.preview.schedule()
        self.library_panel.search_box.setFocus()

    # -- loading -------------------------------------------------------------------------------
    def _load_library(self) -> Library:
        return load_library(extra=[*self.settings.content_folders, *self.content])

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
        self.new_action = A("&New", self.new_brief, QKeySequence.StandardKey.New, "Start a new brief")
        self.open_action = A("&Open\u2026", self.open_brief, QKeySequence.StandardKey.Open, "Open a brief file")
        self.save_action = A("&Save", self.save, QKeySequence.StandardKey.Save, "Save the brief")
        self.save_as_action = A("Save &As\u2026", self.save_as, "Ctrl+Shift+S", "Save the brief under a new name")
        self.export_pdf_action = A("Export &PDF\u2026", lambda: self.export("pdf"), "Ctrl+E", "Export the brief as a PDF file")
        self.export_docx_action = A(
            "Export &Word\u2026", lambda: self.export("docx"), "Ctrl+Shift+E", "Export the brief as a Word document"
        )
        self.print_action = A("&Print\u2026", self.print_brief, QKeySequence.StandardKey.Print, "Print the brief")
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
        self.sample_action = A("Open &Sample Brief", self.open_sample, None, "Open the bundled sample brief as a new, unsaved brief")
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
        self.recent_menu.aboutToShow.connect(self._fill_recent)
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
        self._fill_recent()

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
    def display_name(self) -> str:
        return self.session.path.name if self.session.path else "Untitled"

    @Slot()
    def _update_title(self) -> None:
        self.setWindowTitle(f"{self.display_name()}[*] \u2014 Briefing")
        self.setWindowModified(self.session.dirty)

    @Slot()
    def _brief_changed(self) -> None:
        self._changed_since_autosave = True
        items = self.session.brief.items
        flagged = sum(1 for entry in items if status_of(entry, self.session.library) is not Status.OK)
        text = f"{len(items)} item{'s' if len(items) != 1 else ''}"
        self.count_status.setText(text + (f", {flagged} flagged" if flagged else ""))
        self.count_status.setStyleSheet("color:#b45309" if flagged else "")

    @Slot()
    def _preview_updated(self) -> None:
        result = self.preview.result
        if result is not None:
            self.budget_status.setText(result.budget_text())
            self.budget_status.setStyleSheet("color:#b91c1c;font-weight:bold" if result.fits is False else "")

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

    # -- files ---------------------------------------------------------------------------------------------------
    def maybe_save(self) -> bool:
        """Ask to save unsaved changes; False means the officer cancelled."""
        if not self.session.dirty:
            return True
        answer = self.dialogs.ask_save_changes(self, self.display_name())
        if answer == "save":
            return bool(self.save())
        return answer == "discard"

    def new_brief(self) -> None:
        if self.maybe_save():
            self.session.load(self.new_brief_data(), None)
            self.recovery.clear()
            self.statusBar().showMessage("New brief", 3000)

    def open_brief(self, path: Path | None = None) -> None:
        if not self.maybe_save():
            return
        if path is None:
            folder = self.session.path.parent if self.session.path else paths.user_documents_dir()
            path = self.dialogs.open_path(self, folder)
            if path is None:
                return
        self.open_file(path)

    @guarded("Cannot open the brief")
    def open_file(self, path: Path, as_untitled: bool = False) -> bool:
        """Load a brief file (no unsaved-changes check: callers do that)."""
        path = Path(path)
        try:
            brief = load_brief(path)
        except BriefTooNew as exc:
            self.dialogs.warning(
                self,
                "Brief from a newer Briefing",
                f"{exc}\n\nThis version of Briefing cannot open it safely, so it was not opened. The file is unchanged.",
            )
            return False
        self.session.load(brief, None if as_untitled else path.resolve())
        if not as_untitled:
            self.settings.add_recent(path)
        self.recovery.clear()
        flagged = [status_of(e, self.session.library) for e in brief.items]
        problems = sum(1 for s in flagged if s is not Status.OK)
        note = f"; {problems} item(s) flagged as changed or missing" if problems else ""
        self.statusBar().showMessage(f"Opened {path.name}{note}", 6000)
        return True

    def open_sample(self) -> None:
        sample = paths.samples_dir() / "sample.brief"
        if not sample.is_file():
            self.dialogs.information(self, "No sample brief", f"The sample brief is not installed ({sample}).")
            return
        if self.maybe_save():
            self.open_file(sample, as_untitled=True)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        recent = self.settings.recent_files
        for number, path in enumerate(recent, 1):
            action = self.recent_menu.addAction(f"&{number} {path.name}")
            action.setToolTip(str(path))
            action.setStatusTip(str(path))
            action.triggered.connect(lambda checked=False, p=path: self.open_brief(p))
        if recent:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction("Clear Recent Files", self.settings.clear_recent)
        else:
            self.recent_menu.addAction("No recent briefs").setEnabled(False)

    @guarded("Cannot save the brief")
    def save(self) -> bool:
        if self.session.path is None:
            return bool(self.save_as())
        return self._save_to(self.session.path)

    @guarded("Cannot save the brief")
    def save_as(self) -> bool:
        suggested = self.session.path or paths.user_documents_dir() / (slug(self.session.brief.meta.title) + SUFFIX)
        path = self.dialogs.save_path(self, "Save Brief As", suggested)
        if path is None:
            return False
        if path.suffix != SUFFIX:
            path = path.with_name(path.name + SUFFIX)
        return self._save_to(path)

    def _save_to(self, path: Path) -> bool:
        save_brief(self.session.brief, path)
        self.session.stack.setClean()
        self.session.set_path(path)
        self.settings.add_recent(path)
        self.recovery.clear()
        self.statusBar().showMessage(f"Saved {path}", 5000)
        return True

    # -- autosave and recovery ---------------------------------------------------------------------------------------
    @Slot()
    def autosave(self) -> None:
        """Copy unsaved work to the recovery file (nothing to do when the brief is saved)."""
        if not self.session.dirty:
            return
        if not self._changed_since_autosave and self.recovery.exists():
            return
        try:
            self.recovery.write(self.session.brief, self.session.path)
        except BriefingError as exc:
            log.warning("autosave failed: %s", exc)
            self.statusBar().showMessage(f"Autosave failed: {exc}", 10000)
            return
        self._changed_since_autosave = False

    def check_recovery(self) -> bool:
        """Offer to restore an autosaved brief left by a crash; True if it was restored."""
        if not self.recovery.exists():
            return False
        try:
            recovered = self.recovery.read()
        except BriefingError as exc:
            log.warning("recovery file unreadable: %s", exc)
            self.dialogs.warning(self, "Autosaved brief unreadable", f"An autosaved brief was found but cannot be read:\n{exc}")
            self.recovery.clear()
            return False
        where = str(recovered.original) if recovered.original else "a brief that was never saved"
        if not self.dialogs.offer_restore(self, f"\u201c{recovered.brief.meta.title}\u201d ({where})"):
            self.recovery.clear()
            return False
        self.session.load(recovered.brief, recovered.original, clean=False)
        self.statusBar().showMessage("Restored the autosaved brief: save it to keep it", 10000)
        return True

    def start(self, brief: Path | None = None) -> None:
        """After the window is shown: offer recovery, else open ``brief`` if given."""
        if self.check_recovery():
            return
        if brief is not None:
            self.open_file(brief)

    # -- export and print ---------------------------------------------------------------------------------------------
    def suggested_output(self, fmt: str) -> Path:
        suffix = FORMATS[fmt][1]
        if self.session.path is not None:
            return self.session.path.with_suffix(suffix)
        return paths.user_documents_dir() / (slug(self.session.brief.meta.title) + suffix)

    @guarded("Export failed")
    def export(self, fmt: str, path: Path | None = None) -> bool:
        """Export in the background as ``fmt`` to ``path`` (asking where when None); False if not started."""
        label, suffix = FORMATS[fmt]
        if self._exports:
            self.statusBar().showMessage("An export is already running", 4000)
            return False
        if path is None:
            path = self.dialogs.save_path(self, f"Export {label}", self.suggested_output(fmt), fmt)
            if path is None:
                return False
        path = Path(path)
        if path.suffix.lower() != suffix:
            path = path.with_name(path.name + suffix)
        self._export_ticket += 1
        self._exports[self._export_ticket] = path
        self.pool.start(
            export_job(self._export_ticket, self.export_signals, snapshot_copy(self.session.brief), self.session.library, fmt, path)
        )
        self.progress.show()
        self.export_pdf_action.setEnabled(False)
        self.export_docx_action.setEnabled(False)
        self.statusBar().showMessage(f"Exporting {label} to {path}\u2026")
        return True

    def _export_done(self, ticket: int) -> Path:
        path = self._exports.pop(ticket)
        self.progress.hide()
        self.export_pdf_action.setEnabled(True)
        self.export_docx_action.setEnabled(True)
        return path

    @Slot(int, object)
    def _export_finished(self, ticket: int, result: object) -> None:
        path = self._export_done(ticket)
        assert isinstance(result, BuildResult)
        summary = result.budget_text() + "".join(f"\n{w}" for w in result.warnings)
        self.statusBar().showMessage(f"Exported {path} ({result.budget_text()})", 10000)
        choice = self.dialogs.export_done(self, path, summary)
        if choice == "file":
            self.dialogs.open_url(QUrl.fromLocalFile(str(path)))
        elif choice == "folder":
            self.dialogs.open_url(QUrl.fromLocalFile(str(path.parent)))
        self.exportFinished.emit(result)

    @Slot(int, str)
    def _export_failed(self, ticket: int, message: str) -> None:
        self._export_done(ticket)
        self.statusBar().showMessage("Export failed", 10000)
        self.dialogs.error(self, "Export failed", message)
        self.exportFinished.emit(message)

    def current_pdf(self) -> bytes:
        """The PDF of the brief as it is now: the preview's if up to date, else built here."""
        if self.preview.is_current() and self.preview.pdf_bytes:
            return self.preview.pdf_bytes
        data, _ = preview_pdf(snapshot_copy(self.session.brief), self.session.library)
        return data

    @guarded("Print failed")
    def print_brief(self, printer: QPrinter | None = None) -> int:
        """Print the real PDF; with no ``printer`` the print dialog asks where. Returns the pages printed."""
        self.setCursor(Qt.CursorShape.WaitCursor)
        try:
            data = self.current_pdf()
        finally:
            self.unsetCursor()
        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            match_page(printer, data)
            if not self.dialogs.setup_printer(self, printer):
                return 0
        else:
            match_page(printer, data)
        pages = print_pdf(data, printer)
        if pages < 1:
            raise ExportError("nothing was printed")
        self.statusBar().showMessage(f"Printed {pages} page{'s' if pages != 1 else ''}", 5000)
        return pages

    # -- settings, library, help ---------------------------------------------------------------------------------------
    def open_settings(self) -> None:
        dialog = SettingsDialog(self.settings, self.markings, self)
        if self.dialogs.show_dialog(dialog) == QDialog.DialogCode.Accepted:
            folders = self.settings.content_folders
            dialog.apply()
            self.apply_settings(reload=folders != self.settings.content_folders)

    def apply_settings(self, reload: bool = False) -> None:
        """Take new settings into use (reloading the library if the folders changed)."""
        months = self.settings.stale_months
        self.library_panel.set_stale_months(months)
        self.brief_panel.set_stale_months(months)
        self.autosave_timer.start(self.settings.autosave_seconds * 1000)
        if reload:
            self.reload_library()

    def reload_library(self) -> None:
        """Read the content packs again; flags and the problems panel follow."""
        library = self._load_library()
        _, template_problems = list_templates()
        self.session.set_library(library)
        self.library_panel.set_library(library)
        self.set_problems([*library.problems, *template_problems, *self._marking_problems])
        self.statusBar().showMessage(f"Library reloaded: {len(library)} items", 4000)

    def show_guide(self) -> None:
        self.dialogs.show_dialog(TextDialog("User Guide", GUIDE, self, (640, 560)))

    def show_about(self) -> None:
        body = about_html(self.session.library.folders, logs.log_file(), len(self.problems))
        self.dialogs.show_dialog(TextDialog("About Briefing", body, self))

    # -- closing ---------------------------------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.maybe_save():
            event.ignore()
            return
        self.autosave_timer.stop()
        self.preview.timer.stop()
        self.pool.waitForDone()
        self.settings.set_window("geometry", self.saveGeometry())
        self.settings.set_window("state", self.saveState())
        self.settings.set_window("splitter", self.splitter.saveState())
        self.settings.sync()
        self.recovery.clear()
        event.accept()
