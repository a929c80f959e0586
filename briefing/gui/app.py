"""Start the app (placeholder until the main window lands)."""

from __future__ import annotations

import sys
from pathlib import Path


def run(brief: Path | None = None, content: list[Path] | None = None) -> int:
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication.instance() or QApplication(sys.argv[:1])
    label = QLabel("Briefing")
    label.show()
    return app.exec()
