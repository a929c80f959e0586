"""File handling for the main window: new, open, recent, save, save as, locks, conflicts, autosave and crash recovery."""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

from .. import paths
from ..brief.model import SUFFIX, Brief, Status, status_of
from ..brief.store import BriefLock, Stamp, file_stamp, is_too_new, load_brief, save_brief_checked
from ..errors import BriefConflict, BriefingError
from .guard import guarded

if TYPE_CHECKING:
    from .main_window import MainWindow

log = logging.getLogger("briefing.gui")


def slug(title: str) -> str:
    """A file-name stem from a brief title."""
    return re.sub(r"[^A-Za-z0-9]+", "-", title).strip("-").lower()[:60] or "brief"


def folder_writable(path: Path) -> bool:
    """Whether a lock could be made beside ``path`` (so failing to take it means someone else holds it)."""
    return path.parent.is_dir() and os.access(path.parent, os.W_OK)


class FileActions:
    """Mixed into MainWindow: every way a brief comes from or goes to a .brief file.

    While a brief file is open for editing the window holds its :class:`BriefLock` and the
    :class:`Stamp` it had when read or last saved. Without the lock (another window or instance has
    it) or for a brief from a newer Briefing, the brief is read-only: see :meth:`read_only_reason`.
    """

    brief_lock: BriefLock | None = None
    disk_stamp: Stamp | None = None

    def maybe_save(self: MainWindow) -> bool:
        """Ask to save unsaved changes; False means the officer cancelled."""
        if not self.session.dirty:
            return True
        answer = self.dialogs.ask_save_changes(self, self.display_name())
        if answer == "save":
            return bool(self.save())
        return answer == "discard"

    # -- which file, locked or read-only -----------------------------------------------------------------
    def read_only_reason(self: MainWindow) -> str:
        """Why the brief cannot be saved to its file ("" when it can)."""
        if is_too_new(self.session.brief):
            return (
                f"This brief was written by a newer Briefing (format {self.session.brief.version}), so it is read-only here: "
                "it cannot be saved by this version. Export and Print still work."
            )
        if self.session.path is not None and not self.holds_lock():
            if not folder_writable(self.session.path):
                return "This brief's folder cannot be written, so it is read-only here. Use Save As to keep your changes in another folder."
            return (
                "This brief is open in another Briefing window or instance, so it is read-only here. "
                "Use Save As to keep your changes in another file."
            )
        return ""

    def holds_lock(self: MainWindow) -> bool:
        return self.brief_lock is not None and self.brief_lock.acquired

    def _lock_for(self: MainWindow, path: Path) -> BriefLock:
        """The lock of ``path``: the one this window holds already, or a new attempt (check ``acquired``)."""
        if self.holds_lock() and self.session.path == path:
            assert self.brief_lock is not None
            return self.brief_lock
        lock = BriefLock(path)
        lock.acquire()
        return lock

    def release_brief(self: MainWindow) -> None:
        """Let go of the open brief's lock (on close, or when another brief replaces it)."""
        if self.brief_lock is not None:
            self.brief_lock.release()
        self.brief_lock = None

    def _set_file(
        self: MainWindow, brief: Brief, path: Path | None, stamp: Stamp | None, lock: BriefLock | None, clean: bool = True
    ) -> None:
        """Show ``brief`` from ``path`` (None: untitled), holding ``lock`` instead of the previous one."""
        if self.brief_lock is not lock:
            self.release_brief()
        self.brief_lock = lock if lock is not None and lock.acquired else None
        self.disk_stamp = stamp
        self.session.load(brief, path, clean=clean)
        self._update_title()

    def _refuse_too_new(self: MainWindow) -> bool:
        """Warn and return True if the brief is from a newer Briefing (so it must not be saved)."""
        if not is_too_new(self.session.brief):
            return False
        self.dialogs.warning(self, "Read-only brief", self.read_only_reason())
        return True

    # -- new and open ----------------------------------------------------------------------------------------
    def new_brief(self: MainWindow) -> None:
        if self.maybe_save():
            self._set_file(self.new_brief_data(), None, None, None)
            self.recovery.clear()
            self.statusBar().showMessage("New brief", 3000)

    def open_brief(self: MainWindow, path: Path | None = None) -> None:
        if not self.maybe_save():
            return
        if path is None:
            folder = self.session.path.parent if self.session.path else paths.user_documents_dir()
            path = self.dialogs.open_path(self, folder)
            if path is None:
                return
        self.open_file(path)

    @guarded("Cannot open the brief")
    def open_file(self: MainWindow, path: Path, as_untitled: bool = False) -> bool:
        """Load a brief file (no unsaved-changes check: callers do that).

        The file is locked for this window; if another has it, or it is from a newer Briefing, it opens read-only.
        """
        path = Path(path)
        stamp = None if as_untitled else file_stamp(path)  # before reading: a change in between shows as a conflict
        brief = load_brief(path, allow_newer=True)
        if as_untitled:
            self._set_file(brief, None, None, None)
        else:
            path = path.resolve()
            lock = None if is_too_new(brief) else self._lock_for(path)
            self._set_file(brief, path, stamp, lock)
            self.settings.add_recent(path)
        self.recovery.clear()
        flagged = [status_of(e, self.session.library) for e in brief.items]
        problems = sum(1 for s in flagged if s is not Status.OK)
        note = f"; {problems} item(s) flagged as changed or missing" if problems else ""
        if self.read_only_reason():
            note += "; read-only"
        self.statusBar().showMessage(f"Opened {path.name}{note}", 6000)
        return True

    def open_sample(self: MainWindow) -> None:
        sample = paths.samples_dir() / "sample.brief"
        if not sample.is_file():
            self.dialogs.information(self, "No sample brief", f"The sample brief is not installed ({sample}).")
            return
        if self.maybe_save():
            self.open_file(sample, as_untitled=True)

    def _fill_recent(self: MainWindow) -> None:
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
    def save(self: MainWindow) -> bool:
        if self._refuse_too_new():
            return False
        if self.session.path is None or not self.holds_lock():
            return bool(self.save_as())  # untitled, or open read-only because another window has the file
        return self._save_to(self.session.path)

    @guarded("Cannot save the brief")
    def save_as(self: MainWindow) -> bool:
        if self._refuse_too_new():
            return False
        suggested = self.session.path or paths.user_documents_dir() / (slug(self.session.brief.meta.title) + SUFFIX)
        path = self.dialogs.save_path(self, "Save Brief As", suggested)
        if path is None:
            return False
        if path.suffix != SUFFIX:
            path = path.with_name(path.name + SUFFIX)
        path = path.resolve()
        if path == self.session.path and self.holds_lock():
            return self._save_to(path)  # the same file: an ordinary save, checked for changes on disk
        lock = self._lock_for(path)
        if not lock.acquired and folder_writable(path):
            self.dialogs.warning(
                self,
                "Brief in use",
                f"\u201c{path.name}\u201d is open in another Briefing window or instance, so it was not overwritten. Choose another name.",
            )
            return False
        try:
            # the save dialog has asked about replacing it; without a lock (unwritable folder) the save reports why it fails
            saved = self._save_to(path, lock=lock, force=True)
        finally:
            if lock is not self.brief_lock:
                lock.release()
        return saved

    def _save_to(self: MainWindow, path: Path, lock: BriefLock | None = None, force: bool = False) -> bool:
        """Write the brief to ``path``; unless ``force``, ask first if the file changed on disk since it was read."""
        expected = self.disk_stamp if path == self.session.path else None
        try:
            stamp = save_brief_checked(self.session.brief, path, expected, force=force)
        except BriefConflict:
            answer = self.dialogs.ask_conflict(self, path.name)
            if answer == "overwrite":
                stamp = save_brief_checked(self.session.brief, path, expected, force=True)
            elif answer == "save_as":
                return bool(self.save_as())
            else:
                self.statusBar().showMessage(f"Not saved: {path.name} was changed on disk", 8000)
                return False
        if lock is not None and lock is not self.brief_lock:
            self.release_brief()
            self.brief_lock = lock
        self.disk_stamp = stamp
        self.session.stack.setClean()
        self.session.set_path(path)
        self.settings.add_recent(path)
        self.recovery.clear()
        self._update_title()
        self.statusBar().showMessage(f"Saved {path}", 5000)
        return True

    # -- autosave and recovery ---------------------------------------------------------------------------------------
    def autosave(self: MainWindow) -> None:
        """Copy unsaved work to the recovery file (nothing to do when the brief is saved)."""
        if not self.session.dirty:
            return
        if not self._changed_since_autosave and self.recovery.exists():
            return
        try:
            self.recovery.write(self.session.brief, self.session.path, self.disk_stamp)
        except BriefingError as exc:
            log.warning("autosave failed: %s", exc)
            self.statusBar().showMessage(f"Autosave failed: {exc}", 10000)
            return
        self._changed_since_autosave = False

    def check_recovery(self: MainWindow) -> bool:
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
                self.dialogs.warning(self, "Autosaved brief unreadable", f"An autosaved brief was found but cannot be read:\n{exc}")
                orphan.remove()
                continue
            where = str(recovered.original) if recovered.original else "a brief that was never saved"
            if not self.dialogs.offer_restore(self, f"\u201c{recovered.brief.meta.title}\u201d ({where})"):
                orphan.remove()
                continue
            original = recovered.original
            lock = self._lock_for(original) if original is not None and not is_too_new(recovered.brief) else None
            self._set_file(recovered.brief, original, recovered.stamp, lock, clean=False)
            try:
                self.recovery.adopt(orphan, recovered)
            except BriefingError as exc:
                log.warning("cannot keep the restored autosave: %s", exc)
            self.statusBar().showMessage("Restored the autosaved brief: save it to keep it", 10000)
            restored = True
        return restored

    def start(self: MainWindow, brief: Path | None = None) -> None:
        """After the window is shown: offer recovery, else open ``brief`` if given."""
        if self.check_recovery():
            return
        if brief is not None:
            self.open_file(brief)
