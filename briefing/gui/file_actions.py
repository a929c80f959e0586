"""File actions of the main window: new, open, recent, save, save as, conflicts, autosave and crash recovery."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMainWindow, QMenu

from .. import paths
from ..brief.model import SUFFIX, Brief, Status, status_of
from ..brief.open_file import slug, with_suffix
from ..brief.recovery import RecoveryStore
from ..brief.store import is_too_new
from ..errors import BriefConflict, BriefingError
from .dialogs import Dialogs
from .guard import guarded
from .import_actions import ImportSource
from .session import BriefSession
from .settings import Settings

log = logging.getLogger("briefing.gui")


class FileActions(QObject):
    """Every way a brief comes from or goes to a .brief file, asking the officer through ``dialogs``.

    The session owns the brief and its :class:`~briefing.brief.open_file.OpenFile`; this object
    holds only the recovery store and whether the brief changed since the last autosave.
    """

    def __init__(
        self,
        window: QMainWindow,
        session: BriefSession,
        dialogs: Dialogs,
        settings: Settings,
        new_brief_data: Callable[[], Brief],
    ):
        super().__init__(window)
        self.window = window
        self.session = session
        self.dialogs = dialogs
        self.settings = settings
        self.new_brief_data = new_brief_data
        self.recovery = RecoveryStore()
        self.import_source = ImportSource(window, dialogs)  # File > Import Source (its own object; listed in the File menu)
        self._changed_since_autosave = False
        session.changed.connect(self._note_change)

    def _note_change(self) -> None:
        self._changed_since_autosave = True

    def _status(self, message: str, timeout: int = 0) -> None:
        self.window.statusBar().showMessage(message, timeout)

    def display_name(self) -> str:
        return self.session.path.name if self.session.path else "Untitled"

    def maybe_save(self) -> bool:
        """Ask to save unsaved changes; False means the officer cancelled."""
        if not self.session.dirty:
            return True
        answer = self.dialogs.ask_save_changes(self.window, self.display_name())
        if answer == "save":
            return bool(self.save())
        return answer == "discard"

    def read_only_reason(self) -> str:
        """Why the brief cannot be saved to its file ("" when it can)."""
        return self.session.file.read_only_reason(self.session.brief)

    def too_new(self) -> bool:
        """Whether the brief is from a newer Briefing (so it cannot be saved at all)."""
        return is_too_new(self.session.brief)

    def release_brief(self) -> None:
        """Let go of the open brief's lock (on close)."""
        self.session.file.release()

    def _refuse_too_new(self) -> bool:
        """Warn and return True if the brief is from a newer Briefing (so it must not be saved)."""
        if not is_too_new(self.session.brief):
            return False
        self.dialogs.warning(self.window, "Read-only brief", self.read_only_reason())
        return True

    # -- new and open ----------------------------------------------------------------------------------------
    def new_brief(self) -> None:
        if self.maybe_save():
            self.session.file.set(None, None, None)
            self.session.load(self.new_brief_data())
            self.recovery.clear()
            self._status("New brief", 3000)

    def open_brief(self, path: Path | None = None) -> None:
        if not self.maybe_save():
            return
        if path is None:
            folder = self.session.path.parent if self.session.path else paths.user_documents_dir()
            path = self.dialogs.open_path(self.window, folder)
            if path is None:
                return
        self.open_file(path)

    @guarded("Cannot open the brief")
    def open_file(self, path: Path, as_untitled: bool = False) -> bool:
        """Load a brief file (no unsaved-changes check: callers do that).

        The file is locked for this window; if another has it, or it is from a newer Briefing, it opens read-only.
        """
        brief = self.session.file.open(Path(path), as_untitled)
        self.session.load(brief)
        if not as_untitled:
            self.settings.add_recent(self.session.file.path)
        self.recovery.clear()
        flagged = [status_of(e, self.session.library) for e in brief.items]
        problems = sum(1 for s in flagged if s is not Status.OK)
        note = f"; {problems} item(s) flagged as changed or missing" if problems else ""
        if self.read_only_reason():
            note += "; read-only"
        self._status(f"Opened {Path(path).name}{note}", 6000)
        return True

    def open_sample(self) -> None:
        sample = paths.samples_dir() / "sample.brief"
        if not sample.is_file():
            self.dialogs.information(self.window, "No sample brief", f"The sample brief is not installed ({sample}).")
            return
        if self.maybe_save():
            self.open_file(sample, as_untitled=True)

    def fill_recent(self, menu: QMenu) -> None:
        menu.clear()
        recent = self.settings.recent_files
        for number, path in enumerate(recent, 1):
            action = menu.addAction(f"&{number} {path.name}  \u2014  {shown_folder(path)}")
            action.setToolTip(str(path))
            action.setStatusTip(str(path))
            action.triggered.connect(lambda checked=False, p=path: self.open_brief(p))
        if recent:
            menu.addSeparator()
            menu.addAction("Clear Recent Files", self.settings.clear_recent)
        else:
            menu.addAction("No recent briefs").setEnabled(False)

    @guarded("Cannot save the brief")
    def save(self) -> bool:
        if self._refuse_too_new():
            return False
        if self.session.path is None or not self.session.file.holds_lock():
            return bool(self.save_as())  # untitled, or open read-only because another window has the file
        return self._save_to(self.session.path)

    @guarded("Cannot save the brief")
    def save_as(self) -> bool:
        if self._refuse_too_new():
            return False
        suggested = self.session.path or paths.user_documents_dir() / (slug(self.session.brief.meta.title) + SUFFIX)
        path = self.dialogs.save_path(self.window, "Save Brief As", suggested)
        if path is None:
            return False
        path = with_suffix(path)
        if path == self.session.path and self.session.file.holds_lock():
            return self._save_to(path)  # the same file: an ordinary save, checked for changes on disk
        # the save dialog has asked about replacing it
        if not self.session.file.save_as(self.session.brief, path, force=True):
            self.dialogs.warning(
                self.window,
                "Brief in use",
                f"\u201c{path.name}\u201d is open in another Briefing window or instance, so it was not overwritten. Choose another name.",
            )
            return False
        self._saved(path)
        return True

    def _save_to(self, path: Path) -> bool:
        """Write the brief to its file, asking first if the file changed on disk since it was read."""
        try:
            self.session.file.save(self.session.brief, path)
        except BriefConflict:
            answer = self.dialogs.ask_conflict(self.window, path.name)
            if answer == "overwrite":
                self.session.file.save(self.session.brief, path, force=True)
            elif answer == "save_as":
                return bool(self.save_as())
            else:
                self._status(f"Not saved: {path.name} was changed on disk", 8000)
                return False
        self._saved(path)
        return True

    def _saved(self, path: Path) -> None:
        self.session.saved()
        self.settings.add_recent(path)
        self.recovery.clear()
        self._status(f"Saved {path}", 5000)

    # -- autosave and recovery ---------------------------------------------------------------------------------------
    def autosave(self) -> None:
        """Copy unsaved work to the recovery file (nothing to do when the brief is saved)."""
        if not self.session.dirty:
            return
        if not self._changed_since_autosave and self.recovery.exists():
            return
        try:
            self.recovery.write(self.session.brief, self.session.path, self.session.file.stamp)
        except BriefingError as exc:
            log.warning("autosave failed: %s", exc)
            self._status(f"Autosave failed: {exc}", 10000)
            return
        self._changed_since_autosave = False

    def check_recovery(self) -> bool:
        """Offer to restore autosaves left by instances that crashed (newest first); True if one was restored."""
        restored = False
        for orphan in self.recovery.orphans():
            if restored:
                orphan.release()  # offered at the next start
                continue
            try:
                recovered = orphan.read()
            except BriefingError as exc:
                log.warning("recovery file unreadable: %s", exc)
                self.dialogs.warning(self.window, "Autosaved brief unreadable", f"An autosaved brief was found but cannot be read:\n{exc}")
                orphan.remove()
                continue
            where = str(recovered.original) if recovered.original else "a brief that was never saved"
            if not self.dialogs.offer_restore(self.window, f"\u201c{recovered.brief.meta.title}\u201d ({where})"):
                orphan.remove()
                continue
            self.session.file.restore(recovered.brief, recovered.original, recovered.stamp)
            self.session.load(recovered.brief, clean=False)
            try:
                self.recovery.adopt(orphan, recovered)
            except BriefingError as exc:
                log.warning("cannot keep the restored autosave: %s", exc)
            self._status("Restored the autosaved brief: save it to keep it", 10000)
            restored = True
        return restored

    def start(self, brief: Path | None = None) -> None:
        """After the window is shown: offer recovery, else open ``brief`` if given."""
        if self.check_recovery():
            return
        if brief is not None:
            self.open_file(brief)


def shown_folder(path: Path) -> str:
    """The folder of a recent brief as Open Recent shows it: under the home folder as ``~/...``."""
    folder = path.parent
    try:
        return str(Path("~") / folder.relative_to(Path.home()))
    except ValueError:
        return str(folder)
