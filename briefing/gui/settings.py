"""The officer's settings, kept by QSettings in an INI file in the user config folder."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

from .. import paths
from ..content.folders import TeamFolder
from ..content.present import STALE_MONTHS, STALE_MONTHS_RANGE

MAX_RECENT = 8
DEFAULTS: dict[str, Any] = {"drafter": "", "default_marking": "", "stale_months": STALE_MONTHS, "autosave_seconds": 30}


class Settings:
    """Typed access to ``briefing.ini``; lists are stored as JSON so one-element lists survive."""

    def __init__(self, path: Path | None = None):
        self.path = path or paths.user_config_dir() / "briefing.ini"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.store = QSettings(str(self.path), QSettings.Format.IniFormat)

    def _list(self, key: str) -> list[str]:
        raw = self.store.value(key, "[]")
        try:
            value = json.loads(str(raw))
        except ValueError:
            return []
        return [str(v) for v in value] if isinstance(value, list) else []

    def _set_list(self, key: str, values: list[str]) -> None:
        self.store.setValue(key, json.dumps(list(values)))

    def _int(self, key: str, low: int, high: int) -> int:
        try:
            value = int(self.store.value(key, DEFAULTS[key]))
        except (TypeError, ValueError):
            value = DEFAULTS[key]
        return min(max(value, low), high)

    @property
    def recent_files(self) -> list[Path]:
        return [Path(p) for p in self._list("recent_files")]

    def add_recent(self, path: Path) -> None:
        """Put ``path`` first in the recent files (at most MAX_RECENT)."""
        text = str(Path(path).resolve())
        files = [text] + [p for p in self._list("recent_files") if p != text]
        self._set_list("recent_files", files[:MAX_RECENT])

    def clear_recent(self) -> None:
        self._set_list("recent_files", [])

    @property
    def drafter(self) -> str:
        return str(self.store.value("drafter", ""))

    @drafter.setter
    def drafter(self, value: str) -> None:
        self.store.setValue("drafter", value)

    @property
    def default_marking(self) -> str:
        return str(self.store.value("default_marking", ""))

    @default_marking.setter
    def default_marking(self, value: str) -> None:
        self.store.setValue("default_marking", value)

    @property
    def content_folders(self) -> list[Path]:
        return [Path(p) for p in self._list("content_folders")]

    @content_folders.setter
    def content_folders(self, folders: list[Path]) -> None:
        self._set_list("content_folders", [str(f) for f in folders])

    @property
    def team_folders(self) -> list[TeamFolder]:
        """The extra content folders, each marked writable or not (packs there can then be edited in the app)."""
        writable = set(self._list("writable_folders"))
        return [TeamFolder(folder, str(folder) in writable) for folder in self.content_folders]

    @team_folders.setter
    def team_folders(self, folders: list[TeamFolder]) -> None:
        self.content_folders = [f.path for f in folders]
        self._set_list("writable_folders", [str(f.path) for f in folders if f.writable])

    @property
    def stale_months(self) -> int:
        return self._int("stale_months", *STALE_MONTHS_RANGE)

    @stale_months.setter
    def stale_months(self, value: int) -> None:
        self.store.setValue("stale_months", int(value))

    @property
    def autosave_seconds(self) -> int:
        return self._int("autosave_seconds", 5, 3600)

    @autosave_seconds.setter
    def autosave_seconds(self, value: int) -> None:
        self.store.setValue("autosave_seconds", int(value))

    def window(self, key: str) -> QByteArray | None:
        """Saved window geometry or state (``geometry``, ``state``, ``splitter``...)."""
        value = self.store.value(f"window/{key}")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_window(self, key: str, value: QByteArray) -> None:
        self.store.setValue(f"window/{key}", value)

    def sync(self) -> None:
        self.store.sync()
