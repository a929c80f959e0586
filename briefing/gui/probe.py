"""``briefing selftest --qt-probe``: start Qt in this (child) process and print what loaded, as one JSON line."""

from __future__ import annotations

import ctypes
import json
import sys
from pathlib import Path

# Linux platform plugins checked by loading their library, so a missing system library is named even when
# the window opened on another platform (offscreen in CI, or Wayland on the desktop).
LINUX_PLUGINS = {"xcb": "libqxcb.so", "wayland": "libqwayland.so"}


def _plugin_errors() -> dict[str, str]:
    from PySide6.QtCore import QLibraryInfo

    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms"
    errors = {}
    for name, file in LINUX_PLUGINS.items():
        try:
            ctypes.CDLL(str(folder / file))
            errors[name] = ""
        except OSError as exc:
            errors[name] = str(exc)
    return errors


def main() -> int:
    """Open a QApplication (the app's Qt modules imported too), print {"platform": ..., "plugins": {...}}."""
    from PySide6 import QtPdf, QtPdfWidgets, QtPrintSupport  # noqa: F401 - the app's other Qt modules must load
    from PySide6.QtWidgets import QApplication, QWidget

    app = QApplication(sys.argv[:1])
    window = QWidget()
    window.show()
    app.processEvents()
    plugins = _plugin_errors() if sys.platform.startswith("linux") else {}
    print(json.dumps({"platform": app.platformName(), "plugins": plugins}))
    window.close()
    return 0
