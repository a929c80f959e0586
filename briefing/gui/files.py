"""File handling for the main window: new, open, recent, save, save as, autosave and crash recovery."""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import TYPE_CHECKING

from .. import paths
from ..brief.model import SUFFIX, Status, status_of
from ..brief.store import load_brief, save_brief
from ..errors import BriefingError, BriefTooNew
from .guard import guarded

if TYPE_CHECKING:
    from .main_window import MainWindow

log = logging.getLogger("briefing.gui")


def slug(title: str) -> str:
    """A file-name stem from a brief title."""
    return re.sub(r"[^A-Za-z0-9]+", "-", title).strip("-").lower()[:60] or "brief"


class FileActions:
    """Mixed into MainWindow: every way a brief comes from or goes to a .brief file."""

    def maybe_save(self: MainWindow) -> bool:
        """Ask to save unsaved changes; False means the officer cancelled."""
        if not self.session.dirty:
            return True
        answer = self.dialogs.ask_save_changes(self, self.display_name())
        if answer == "save":
            return bool(self.save())
        return answer == "discard"

    def new_brief(self: MainWindow) -> None:
        if self.maybe_save():
            self.session.load(self.new_brief_data(), None)
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
        if self.session.path is None:
            return bool(self.save_as())
        return self._save_to(self.session.path)

    @guarded("Cannot save the brief")
    def save_as(self: MainWindow) -> bool:
        suggested = self.session.path or paths.user_documents_dir() / (slug(self.session.brief.meta.title) + SUFFIX)
        path = self.dialogs.save_path(self, "Save Brief As", suggested)
        if path is None:
            return False
        if path.suffix != SUFFIX:
            path = path.with_name(path.name + SUFFIX)
        return self._save_to(path)

    def _save_to(self: MainWindow, path: Path) -> bool:
        path = path.resolve()
        save_brief(self.session.brief, path)
        self.session.stack.setClean()
        self.session.set_path(path)
        self.settings.add_recent(path)
        self.recovery.clear()
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
            self.recovery.write(self.session.brief, self.session.path)
        except BriefingError as exc:
            log.warning("autosave failed: %s", exc)
            self.statusBar().showMessage(f"Autosave failed: {exc}", 10000)
            return
        self._changed_since_autosave = False

    def check_recovery(self: MainWindow) -> bool:
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

    def start(self: MainWindow, brief: Path | None = None) -> None:
        """After the window is shown: offer recovery, else open ``brief`` if given."""
        if self.check_recovery():
            return
        if brief is not None:
            self.open_file(brief)
