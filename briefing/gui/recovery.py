"""Autosave to a recovery file in the user state folder, and finding it again after a crash."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .. import paths
from ..atomic import atomic_write_bytes
from ..brief.model import Brief
from ..brief.store import dump_brief, load_brief
from ..errors import BriefError


@dataclass
class Recovered:
    """An autosaved brief and the file it belonged to (None when it was never saved)."""

    brief: Brief
    original: Path | None


class RecoveryStore:
    """``recovery.brief`` plus ``recovery.json`` (which file it was) in the user state folder."""

    def __init__(self, folder: Path | None = None):
        self.folder = folder or paths.user_state_dir()
        self.brief_path = self.folder / "recovery.brief"
        self.info_path = self.folder / "recovery.json"

    def exists(self) -> bool:
        return self.brief_path.is_file()

    def write(self, brief: Brief, original: Path | None) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(self.brief_path, dump_brief(brief), error=BriefError)
        info = {"original": str(original) if original else None}
        atomic_write_bytes(self.info_path, json.dumps(info).encode("utf-8"), error=BriefError)

    def read(self) -> Recovered:
        """The autosaved brief; a BriefError if it cannot be read."""
        brief = load_brief(self.brief_path)
        original = None
        try:
            info = json.loads(self.info_path.read_text(encoding="utf-8"))
            original = Path(info["original"]) if info.get("original") else None
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            pass
        return Recovered(brief, original)

    def clear(self) -> None:
        for path in (self.brief_path, self.info_path):
            try:
                path.unlink(missing_ok=True)
            except OSError:
                pass
