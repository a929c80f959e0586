"""The .brief file a brief is edited from: its path, the lock held on it, its stamp, why it is read-only; open, save, save as.

While a brief file is open for editing its :class:`BriefLock` is held and the :class:`Stamp` it had when
read or last saved is kept. Without the lock (another window or instance has it) or for a brief from a
newer Briefing, the brief is read-only: see :meth:`OpenFile.read_only_reason`.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from .model import SUFFIX, Brief
from .store import BriefLock, Stamp, file_stamp, is_too_new, load_brief, save_brief_checked


def slug(title: str) -> str:
    """A file-name stem from a brief title."""
    return re.sub(r"[^A-Za-z0-9]+", "-", title).strip("-").lower()[:60] or "brief"


def folder_writable(path: Path) -> bool:
    """Whether a lock could be made beside ``path`` (so failing to take it means someone else holds it)."""
    return path.parent.is_dir() and os.access(path.parent, os.W_OK)


def with_suffix(path: Path) -> Path:
    """``path`` ending in ``.brief`` (added when missing), made absolute."""
    if path.suffix != SUFFIX:
        path = path.with_name(path.name + SUFFIX)
    return path.resolve()


class OpenFile:
    """Which file the brief belongs to (None: untitled), the lock on it and the stamp it had on disk."""

    def __init__(self) -> None:
        self.path: Path | None = None
        self.lock: BriefLock | None = None
        self.stamp: Stamp | None = None

    def holds_lock(self) -> bool:
        return self.lock is not None and self.lock.acquired

    def read_only_reason(self, brief: Brief) -> str:
        """Why ``brief`` cannot be saved to this file ("" when it can)."""
        if is_too_new(brief):
            return (
                f"This brief was written by a newer Briefing (format {brief.version}), so it is read-only here: "
                "it cannot be saved by this version. Export and Print still work."
            )
        if self.path is not None and not self.holds_lock():
            if not folder_writable(self.path):
                return "This brief's folder cannot be written, so it is read-only here. Use Save As to keep your changes in another folder."
            return (
                "This brief is open in another Briefing window or instance, so it is read-only here. "
                "Use Save As to keep your changes in another file."
            )
        return ""

    def lock_for(self, path: Path) -> BriefLock:
        """The lock of ``path``: the one held already, or a new attempt (check ``acquired``)."""
        if self.holds_lock() and self.path == path:
            assert self.lock is not None
            return self.lock
        lock = BriefLock(path)
        lock.acquire()
        return lock

    def release(self) -> None:
        """Let go of the lock (on close, or when another brief replaces this one)."""
        if self.lock is not None:
            self.lock.release()
        self.lock = None

    def set(self, path: Path | None, stamp: Stamp | None, lock: BriefLock | None) -> None:
        """Belong to ``path`` (None: untitled), holding ``lock`` instead of the previous one."""
        if self.lock is not lock:
            self.release()
        self.lock = lock if lock is not None and lock.acquired else None
        self.path = path
        self.stamp = stamp

    def open(self, path: Path, as_untitled: bool = False) -> Brief:
        """Read the brief at ``path`` and belong to it, locked unless another holds it or it is too new."""
        path = Path(path)
        stamp = None if as_untitled else file_stamp(path)  # before reading: a change in between shows as a conflict
        brief = load_brief(path, allow_newer=True)
        if as_untitled:
            self.set(None, None, None)
        else:
            path = path.resolve()
            self.set(path, stamp, None if is_too_new(brief) else self.lock_for(path))
        return brief

    def restore(self, brief: Brief, original: Path | None, stamp: Stamp | None) -> None:
        """Belong to the file an autosaved ``brief`` came from, locking it as :meth:`open` would."""
        lock = self.lock_for(original) if original is not None and not is_too_new(brief) else None
        self.set(original, stamp, lock)

    def save(self, brief: Brief, path: Path, lock: BriefLock | None = None, force: bool = False) -> None:
        """Write ``brief`` to ``path`` and belong to it; unless ``force``, a change on disk since reading raises BriefConflict."""
        expected = self.stamp if path == self.path else None
        stamp = save_brief_checked(brief, path, expected, force=force)
        if lock is not None and lock is not self.lock:
            self.release()
            self.lock = lock
        self.path = path
        self.stamp = stamp

    def save_as(self, brief: Brief, path: Path, force: bool = False) -> bool:
        """Save to another file, taking its lock; False (nothing written) when another instance holds it."""
        lock = self.lock_for(path)
        if not lock.acquired and folder_writable(path):
            return False
        try:
            # without a lock (unwritable folder) the save reports why it fails
            self.save(brief, path, lock=lock, force=force)
        finally:
            if lock is not self.lock:
                lock.release()
        return True
