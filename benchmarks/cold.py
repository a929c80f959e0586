"""Whole processes, cold: ``briefing build`` against bare_build.py, app start against a bare PySide6 window.

Every measurement alternates with its baseline, round by round, so drift on a
shared machine hits both sides alike. Each side gets one untimed warm-up run
(it fills the pack cache in the private BRIEFING_HOME and the OS file cache).
"""

from __future__ import annotations

import json
import re
import subprocess
import time
from pathlib import Path

from _common import BENCH, PYTHON, SAMPLE, alternate, bench_env, child_cpu_seconds, run_checked, split_wall_cpu, time_process_cpu

QT_MODULES = re.compile(r"^(PySide6|shiboken6|PyQt5|PyQt6)(\.|$)")


def briefing_build_cmd(out: Path, fmt: str = "pdf") -> list[str]:
    """``python -m briefing build SAMPLE --format FMT -o OUT``."""
    return [PYTHON, "-m", "briefing", "build", str(SAMPLE), "--format", fmt, "-o", str(out)]


def bare_build_cmd(out: Path) -> list[str]:
    return [PYTHON, str(BENCH / "bare_build.py"), str(SAMPLE), "-o", str(out)]


def measure_cli(home: Path, work: Path, rounds: int) -> dict:
    """``briefing build`` (PDF) against the bare script, alternating, fresh interpreter each run (wall and CPU time)."""
    env = bench_env(home)
    samples = alternate({
        "briefing": lambda: time_process_cpu(briefing_build_cmd(work / "cli.pdf"), env),
        "bare": lambda: time_process_cpu(bare_build_cmd(work / "bare.pdf"), env),
    }, rounds)  # fmt: skip
    return split_wall_cpu(samples)


_REPORT_QT = """
import atexit, json, runpy, sys
def _report():
    sys.stderr.write("QT-MODULES " + json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'PyQt5', 'PyQt6'))) + "\\n")
atexit.register(_report)
sys.argv = ["briefing", *sys.argv[1:]]
runpy.run_module("briefing", run_name="__main__", alter_sys=True)
"""


def check_cli_never_imports_qt(home: Path, work: Path) -> dict:
    """Run ``briefing build`` once under ``-X importtime`` with an exit hook listing sys.modules; neither may show Qt."""
    cmd = [PYTHON, "-X", "importtime", "-c", _REPORT_QT, *briefing_build_cmd(work / "qt-check.pdf")[3:]]
    done = run_checked(cmd, bench_env(home))
    at_exit = json.loads(next(line.split(" ", 1)[1] for line in done.stderr.splitlines() if line.startswith("QT-MODULES ")))
    imported = [line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines() if line.startswith("import time:")]
    by_importtime = sorted({name for name in imported if QT_MODULES.match(name)})
    return {
        "ok": not at_exit and not by_importtime,
        "qt_in_sys_modules_at_exit": at_exit,
        "qt_in_importtime": by_importtime,
        "modules_imported": len(imported),
    }


def _time_to_ready(mode: str, env: dict[str, str]) -> tuple[float, float]:
    """Launch ``app_probe.py MODE``; seconds from spawn to the child's first event-loop turn after show, and its CPU time."""
    cpu = child_cpu_seconds()
    start = time.monotonic()
    done = subprocess.run([PYTHON, str(BENCH / "app_probe.py"), mode], env=env, capture_output=True, text=True, timeout=120, check=False)
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        raise RuntimeError(f"app_probe {mode} failed ({done.returncode}): {done.stderr.strip()[-2000:]}")
    return json.loads(lines[-1])["ready"] - start, child_cpu_seconds() - cpu


def measure_app_start(home: Path, rounds: int) -> dict:
    """The app (briefing.gui.app.run, bundled library) against a bare PySide6 window, alternating."""
    env = bench_env(home)
    samples = alternate(
        {
            "app": lambda: _time_to_ready("start", env),
            "usable": lambda: _time_to_ready("start-usable", env),
            "bare": lambda: _time_to_ready("start-bare", env),
        },
        rounds,
    )
    return split_wall_cpu(samples)
