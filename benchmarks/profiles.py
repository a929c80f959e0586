#!/usr/bin/env python3
"""Profiles behind the report's missed targets: where the time goes, to check a fix against.

    python benchmarks/profiles.py imports cli      # -X importtime of `briefing build`, self time summed per package
    python benchmarks/profiles.py imports start    # the same for the app's start (app_probe.py start)
    python benchmarks/profiles.py cli              # cProfile of `briefing build sample --format pdf` (imports included)
    python benchmarks/profiles.py start            # cProfile of the app's start (MainWindow built and shown)
    python benchmarks/profiles.py export-docx      # cProfile of warm DOCX exports of the sample
    python benchmarks/profiles.py export-pdf       # cProfile of warm PDF exports of the sample
    python benchmarks/profiles.py load-cold        # cProfile of a cold load of the 10k library
    python benchmarks/profiles.py tree             # cProfile of the library panel's search + tree refill on 10k items

Each prints the top entries by cumulative time (``--top N``, ``--sort tottime``).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import BENCH, PYTHON, ROOT, SAMPLE, bench_env, temp_home

sys.path.insert(0, str(ROOT))
os.environ.setdefault("BRIEFING_HOME", str(temp_home("briefing-profile-")))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

IMPORT_COMMANDS = {
    "cli": ["-m", "briefing", "build", str(SAMPLE), "--format", "pdf", "-o"],
    "start": [str(BENCH / "app_probe.py"), "start"],
}


def import_times(which: str, top: int) -> str:
    """Self import time summed per top-level package, and the slowest single modules (cumulative)."""
    cmd = [PYTHON, "-X", "importtime", *IMPORT_COMMANDS[which]]
    if which == "cli":
        cmd.append(str(Path(tempfile.mkdtemp()) / "out.pdf"))
    env = bench_env(Path(os.environ["BRIEFING_HOME"]))
    subprocess.run(cmd, env=env, capture_output=True, check=False)  # warm the caches
    stderr = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False).stderr
    per_package: dict[str, int] = defaultdict(int)
    modules = []
    for line in stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        self_us, cumulative_us, name = line[len("import time:") :].split("|")
        per_package[name.strip().split(".")[0]] += int(self_us)
        modules.append((int(cumulative_us), name.rstrip()))
    total = sum(per_package.values())
    lines = [f"total import time {total / 1000:.0f} ms in {len(modules)} modules", "", "self time per top-level package:"]
    lines += [f"  {us / 1000:7.1f} ms  {name}" for name, us in sorted(per_package.items(), key=lambda kv: -kv[1])[:top]]
    lines += ["", "largest cumulative (nested names indented):"]
    lines += [f"  {us / 1000:7.1f} ms {name}" for us, name in sorted(modules, reverse=True)[:top]]
    return "\n".join(lines)


def _cli() -> None:
    from briefing.cli import main

    main(["build", str(SAMPLE), "--format", "pdf", "-o", str(Path(tempfile.mkdtemp()) / "out.pdf")])


def _start() -> None:
    import app_probe

    _app, window = app_probe.open_window()
    app_probe.spin(0.01)
    window.hide()


def _exports(fmt: str) -> None:
    import warm

    export = warm.briefing_exports(Path(tempfile.mkdtemp()))[fmt]
    export()
    _profiled(lambda: [export() for _ in range(10)])


def _library_10k() -> Path:
    from generate_library import generate

    folder = Path(tempfile.mkdtemp(prefix="briefing-profile-lib-"))
    generate(folder)
    return folder


def _load_cold() -> None:
    from briefing.content import cache
    from briefing.content.library import load_library

    folder = _library_10k()
    cache.clear()
    _profiled(lambda: load_library(extra=[folder]))


def _tree() -> None:
    import app_probe

    folder = _library_10k()
    _app, window = app_probe.open_window([folder])
    panel = window.library_panel
    panel.search_box.setText("rail")
    _profiled(lambda: [panel.search() for _ in range(3)])


_PROFILE: cProfile.Profile | None = None


def _profiled(fn) -> None:
    """Profile only ``fn`` (the set-up before it is left out)."""
    assert _PROFILE is not None
    _PROFILE.disable()
    _PROFILE.clear()
    _PROFILE.enable()
    fn()
    _PROFILE.disable()


TARGETS = {
    "cli": _cli,
    "start": _start,
    "export-docx": lambda: _exports("docx"),
    "export-pdf": lambda: _exports("pdf"),
    "load-cold": _load_cold,
    "tree": _tree,
}


def run_profile(which: str, top: int, sort: str) -> str:
    global _PROFILE
    _PROFILE = cProfile.Profile()
    _PROFILE.enable()
    TARGETS[which]()
    _PROFILE.disable()
    out = io.StringIO()
    pstats.Stats(_PROFILE, stream=out).strip_dirs().sort_stats(sort).print_stats(top)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["imports", *TARGETS])
    parser.add_argument("which", nargs="?", choices=sorted(IMPORT_COMMANDS), help="for imports: cli or start")
    parser.add_argument("--top", type=int, default=35)
    parser.add_argument("--sort", default="cumulative", choices=["cumulative", "tottime"])
    args = parser.parse_args(argv)
    if args.what == "imports":
        print(import_times(args.which or "cli", args.top))
    else:
        print(run_profile(args.what, args.top, args.sort))
    sys.stdout.flush()
    os._exit(0)  # skip Qt teardown


if __name__ == "__main__":
    main()
