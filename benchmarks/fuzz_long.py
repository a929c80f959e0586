"""The long fuzzing run: the test suite's fuzz tests with many more examples (about 8 minutes on the 2-core machine).

    python benchmarks/fuzz_long.py [pytest options, e.g. -k packs -x]

Runs ``tests/test_fuzz.py`` with ``BRIEFING_FUZZ=long``: hundreds of briefs and
packs from the JSON Schemas and thousands of mutants of the sample brief and
the seed pack. Any exception other than a BriefingError fails, with the
smallest input Hypothesis finds.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str]) -> int:
    env = {**os.environ, "BRIEFING_FUZZ": "long", "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(ROOT / "tests" / "test_fuzz.py"), *argv]
    return subprocess.call(command, cwd=ROOT, env=env)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
