#!/usr/bin/env python3
"""Save ``docs/import-review.png``: the import review view offscreen on the seed article, a few candidates decided."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seeds" / "000_67544dfc3bc98209.txt"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", default="1600x900", help="window size WIDTHxHEIGHT")
    parser.add_argument("--source", type=Path, default=SEED, help="the source to import (default: the seed article)")
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "docs" / "import-review.png")
    args = parser.parse_args(argv)
    width, height = (int(v) for v in args.size.lower().split("x"))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("BRIEFING_HOME", tempfile.mkdtemp(prefix="briefing-shot-"))
    sys.path.insert(0, str(ROOT))

    from briefing import paths
    from briefing.gui.app import application
    from briefing.gui.import_review import ImportReviewDialog
    from briefing.importing.extract import import_file
    from briefing.importing.review import Review

    app = application()
    review = Review(import_file(args.source))
    dialog = ImportReviewDialog(review, paths.user_content_dir())
    dialog.resize(width, height)
    dialog.show()
    for _ in range(3):
        dialog.accept_current()
    dialog.reject_current()
    target = next(i for i in range(len(review)) if review.candidate(i).text.startswith("over 250 million"))
    dialog.go_to(target)
    app.processEvents()
    args.output.parent.mkdir(parents=True, exist_ok=True)
    ok = dialog.grab().save(str(args.output))
    print(f"{args.output} ({width}x{height}): {dialog.counts.text()}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
