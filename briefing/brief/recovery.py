"""Autosave to a per-instance recovery file in the user state folder, and finding it again after a crash.

Each running window autosaves to its own ``recovery-<pid>-<token>.brief`` (plus ``.json``: which file it
was and what that file looked like), and holds an OS lock beside it while the autosave exists. The OS drops
the lock when the process ends, however it ends; so at start-up a recovery file whose lock can be taken was
left by an instance that is gone, and is offered, while a running instance's autosave is never touched.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
from dataclasses import asdict, dataclass
from pathlib import Path

from .. import paths
from ..atomic import atomic_write_bytes
from ..errors import BriefError
from .model import Brief
from .store import BriefLock, Stamp, dump_brief, load_brief

PATTERN = "recovery*.brief"  # also matches the single ``recovery.brief`` of earlier versions


@dataclass
class Recovered:
    """An autosaved brief, the file it belonged to (None when never saved) and that file's stamp when loaded."""

    brief: Brief
    original: Path | None
    stamp: Stamp | None = None


class RecoveryFile:
    """One autosave: the brief, its ``.json`` info, and the lock its owning instance holds."""

    def __init__(self, brief_path: Path):
        self.brief_path = brief_path
        self.info_path = brief_path.with_suffix(".json")
        self.lock = BriefLock(brief_path)

    def exists(self) -> bool:
        return self.brief_path.is_file()

    def read(self) -> Recovered:
        """The autosaved brief; a BriefError if it cannot be read."""
        brief = load_brief(self.brief_path, allow_newer=True)
        original, stamp = None, None
        try:
            info = json.loads(self.info_path.read_text(encoding="utf-8"))
            original = Path(info["original"]) if info.get("original") else None
            if info.get("stamp"):
                stamp = Stamp(**info["stamp"])
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            pass
        return Recovered(brief, original, stamp)

    def remove(self) -> None:
        """Delete the autosave (while still holding the lock), then drop the lock and its file."""
        for path in (self.brief_path, self.info_path):
            with contextlib.suppress(OSError):
                path.unlink(missing_ok=True)
        self.release()
        with contextlib.suppress(OSError):
            self.lock.lock_path.unlink(missing_ok=True)

    def release(self) -> None:
        self.lock.release()


class RecoveryStore:
    """This instance's autosave, and the autosaves that crashed instances left behind."""

    def __init__(self, folder: Path | None = None):
        self.folder = folder or paths.user_state_dir()
        self.own = RecoveryFile(self.folder / f"recovery-{os.getpid()}-{secrets.token_hex(4)}.brief")

    @property
    def brief_path(self) -> Path:
        return self.own.brief_path

    @property
    def info_path(self) -> Path:
        return self.own.info_path

    def exists(self) -> bool:
        return self.own.exists()

    def write(self, brief: Brief, original: Path | None, stamp: Stamp | None = None) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        if not self.own.lock.acquired:
            self.own.lock.acquire()  # before the file exists, so no other instance takes it for an orphan
        atomic_write_bytes(self.own.brief_path, dump_brief(brief), error=BriefError)
        info = {"original": str(original) if original else None, "stamp": asdict(stamp) if stamp else None}
        atomic_write_bytes(self.own.info_path, json.dumps(info).encode("utf-8"), error=BriefError)

    def read(self) -> Recovered:
        return self.own.read()

    def clear(self) -> None:
        self.own.remove()

    def orphans(self) -> list[RecoveryFile]:
        """Autosaves whose instance is gone, newest first. Each is locked for this instance: ``adopt``, ``remove`` or ``release`` it."""
        try:
            candidates = [p for p in self.folder.glob(PATTERN) if p != self.own.brief_path]
            candidates.sort(key=lambda p: p.stat().st_mtime_ns, reverse=True)
        except OSError:
            return []
        found = []
        for path in candidates:
            orphan = RecoveryFile(path)
            if not orphan.lock.acquire():
                continue  # its instance is still running (or another one is offering it right now)
            if orphan.exists():
                found.append(orphan)
            else:
                orphan.release()  # cleared by its owner while we looked
        return found

    def adopt(self, orphan: RecoveryFile, recovered: Recovered) -> None:
        """Make a restored autosave this instance's own (kept until saved), and remove the orphan."""
        try:
            self.write(recovered.brief, recovered.original, recovered.stamp)
        except BriefError:
            orphan.release()  # keep it for the next start rather than lose it
            raise
        orphan.remove()
