#!/usr/bin/env python3
"""Save ``docs/screenshot.png``: the app offscreen on the sample brief, once its preview has rendered."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEARCH = "Orange Line"
FIGURE = "cpec-action-plan-2025/orange-line-passenger-trips"
FALLBACK_ITEMS = [
    "cpec-action-plan-2025/people-centred",
    FIGURE,
    "cpec-action-plan-2025/lahore-orange-line",
    "cpec-action-plan-2025/jiang-past-is-prologue",
]


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__,
        epilog="examples: scripts/screenshot.py  (1366x768 to docs/screenshot.png);  scripts/screenshot.py --size 1920x1080 -o /tmp/big.png",
    )
    parser.add_argument("--size", default="1366x768", help="window size WIDTHxHEIGHT (1366x768 or 1920x1080)")
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "docs" / "screenshot.png")
    parser.add_argument("--brief", type=Path, help="brief to show (default: the bundled sample)")
    parser.add_argument("--timeout", type=int, default=30, help="seconds to wait for the preview")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    width, height = (int(v) for v in args.size.lower().split("x"))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("BRIEFING_HOME", tempfile.mkdtemp(prefix="briefing-shot-"))  # no user settings or recovery files
    sys.path.insert(0, str(ROOT))

    from PySide6.QtCore import QEventLoop, QTimer

    from briefing import paths
    from briefing.gui.app import application
    from briefing.gui.dialogs import UnattendedDialogs
    from briefing.gui.main_window import MainWindow

    app = application()
    window = MainWindow(dialogs=UnattendedDialogs())
    window.resize(width, height)
    window.default_splitter_sizes()
    window.show()
    brief = args.brief or paths.samples_dir() / "sample.brief"
    if brief.is_file():
        window.files.open_file(brief)
    else:
        window.add_items(FALLBACK_ITEMS)
        window.session.set_field("meta.title", "Call on the Chinese Ambassador")
        window.session.set_field("meta.marking", "RESTRICTED")
        window.session.stack.setClean()
    library = window.library_panel
    library.search_box.setText(SEARCH)
    library.tree.setCurrentIndex(library.model.find(FIGURE))
    items = window.brief_panel.items
    if items.model.rowCount():
        items.select_row(min(1, items.model.rowCount() - 1))

    loop = QEventLoop()
    window.preview.updated.connect(loop.quit)
    window.preview.failed.connect(loop.quit)
    QTimer.singleShot(args.timeout * 1000, loop.quit)
    window.preview.render_now()
    loop.exec()
    QTimer.singleShot(300, loop.quit)  # let the PDF view paint
    loop.exec()
    args.output.parent.mkdir(parents=True, exist_ok=True)
    ok = window.grab().save(str(args.output))
    print(f"{args.output} ({width}x{height}): {window.preview.budget.text()}; {window.preview.status.text()}")
    window.session.stack.setClean()
    window.close()
    app.processEvents()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
