"""Warm PDF export of the sample in this checkout against another checkout (say, main before a change).

    python benchmarks/against.py OTHER_CHECKOUT [--rounds 6] [--runs 20] [--brief FILE]

Each round starts one child process per checkout, in alternation (ours, theirs,
ours ...); a child warms up, then times ``runs`` warm ``export_brief`` calls to a
PDF file and prints their median: CPU time by default (on a shared machine,
waiting for a core is not counted, so the ratio moves less), or wall time with
``--clock wall`` (which includes writing and syncing the file, as row 1.pdf does). The ratio is between the medians of the
children's medians. This is how the PDF/A and script work was held to 1.1x of
the Latin sample's export before it (see benchmarks/README.md).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import PYTHON, ROOT, SAMPLE

_CHILD = """
import gc, statistics, sys, tempfile, time
from pathlib import Path
from briefing.brief.store import load_brief
from briefing.content.library import load_library
from briefing.export import export_brief, options_for
library, brief, options = load_library(), load_brief(sys.argv[1]), options_for()
clock = time.process_time if sys.argv[3] == "cpu" else time.perf_counter
out = Path(tempfile.mkdtemp()) / "brief.pdf"
for _ in range(3):
    export_brief(brief, library, ["pdf"], out, options=options)
times = []
for _ in range(int(sys.argv[2])):
    gc.collect()
    start = clock()
    export_brief(brief, library, ["pdf"], out, options=options)
    times.append(clock() - start)
print(statistics.median(times))
"""


def child_median(root: Path, brief: Path, runs: int, home: Path, clock: str) -> float:
    """One child process's median warm export time, with ``root`` as the checkout it imports."""
    env = dict(os.environ, PYTHONPATH=str(root), BRIEFING_HOME=str(home), QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [PYTHON, "-c", _CHILD, str(brief), str(runs), clock], env=env, capture_output=True, text=True, check=True, cwd=root
    )
    return float(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("other", type=Path, help="the other checkout (its briefing package is imported from there)")
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--brief", type=Path, default=SAMPLE)
    parser.add_argument("--clock", choices=("cpu", "wall"), default="cpu", help="process time (default) or wall time")
    args = parser.parse_args(argv)
    medians: dict[str, list[float]] = {"ours": [], "theirs": []}
    with tempfile.TemporaryDirectory(prefix="briefing-against-") as home:
        for _ in range(args.rounds):
            medians["ours"].append(child_median(ROOT, args.brief.resolve(), args.runs, Path(home), args.clock))
            medians["theirs"].append(child_median(args.other.resolve(), args.brief.resolve(), args.runs, Path(home), args.clock))
    ours, theirs = statistics.median(medians["ours"]), statistics.median(medians["theirs"])
    print(
        json.dumps(
            {
                "clock": args.clock,
                "ours_ms": round(ours * 1000, 1),
                "theirs_ms": round(theirs * 1000, 1),
                "ratio": round(ours / theirs, 3),
                "rounds": medians,
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
