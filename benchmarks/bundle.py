"""The desktop bundle against the development environment it was built from: app start, ``briefing build``, size.

The app start is timed from spawn until its main window ("... — Briefing")
exists on an X server (a private Xvfb, polled with ``xwininfo``): the bundle
cannot load the in-process probe the other start rows use, so both sides are
timed from outside, the same way. Qt creates the window's X window when the
window is shown.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import PYTHON, ROOT, SAMPLE, alternate, bench_env, ms, split_wall_cpu, time_process_cpu

sys.path.insert(0, str(ROOT / "packaging"))
import build_bundle
import bundle_meta


def start_xvfb() -> tuple[subprocess.Popen, str]:
    """A private X server on a free display; returns it and its DISPLAY.

    Other processes on the machine may run X servers whose lock files this one
    cannot see, so a display counts as ours only while our server still runs.
    """
    for number in random.sample(range(100, 1000), 20):
        server = subprocess.Popen(
            ["Xvfb", f":{number}", "-screen", "0", "1366x768x24", "-nolisten", "tcp", "-noreset"], stderr=subprocess.DEVNULL
        )
        deadline = time.monotonic() + 20
        while server.poll() is None and time.monotonic() < deadline:
            if subprocess.run(["xwininfo", "-root", "-display", f":{number}"], capture_output=True).returncode == 0:
                time.sleep(0.5)
                if server.poll() is None:
                    return server, f":{number}"
            time.sleep(0.05)
        server.kill()
        server.wait(10)
    raise RuntimeError("no free display for Xvfb")


def _window_exists(display: str) -> bool:
    tree = subprocess.run(["xwininfo", "-root", "-tree", "-display", display], capture_output=True, text=True).stdout
    return 'Briefing"' in tree


def time_to_window(cmd: list[str], env: dict[str, str], display: str, timeout: float = 60) -> tuple[float, float]:
    """Seconds from spawn until the main window exists, and the CPU time the app used until then."""
    start = time.monotonic()
    app = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        while time.monotonic() - start < timeout:
            if _window_exists(display):
                wall = time.monotonic() - start
                return wall, _cpu_of(app.pid)
            if app.poll() is not None:
                raise RuntimeError(f"{cmd[0]} exited with {app.returncode}: {app.stderr.read()[-2000:]}")
            time.sleep(0.005)
        raise RuntimeError(f"no window within {timeout:g} s")
    finally:
        app.terminate()
        app.communicate(timeout=30)


def _cpu_of(pid: int) -> float:
    """User + system CPU seconds of a running process so far (Linux /proc), 0 where unknown."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure(bundle: Path, home: Path, work: Path, start_rounds: int, cli_rounds: int) -> dict:
    """App start and ``briefing build`` for the bundle and the venv, alternating; the bundle's size and archive size."""
    exe = str(bundle / bundle_meta.NAME)
    server, display = start_xvfb()
    try:
        env = bench_env(home, DISPLAY=display)
        env.pop("QT_QPA_PLATFORM")  # the real X11 plugin, as on a desktop
        start = alternate({
            "bundle": lambda: time_to_window([exe], env, display),
            "venv": lambda: time_to_window([PYTHON, "-m", "briefing"], env, display),
        }, start_rounds)  # fmt: skip
    finally:
        server.terminate()
        server.wait(10)
    env = bench_env(home)
    build = ["build", str(SAMPLE), "--format", "pdf", "-o"]
    cli = alternate({
        "bundle": lambda: time_process_cpu([exe, *build, str(work / "bundle.pdf")], env),
        "venv": lambda: time_process_cpu([PYTHON, "-m", "briefing", *build, str(work / "venv.pdf")], env),
    }, cli_rounds)  # fmt: skip
    packed = Path(tempfile.mkdtemp(prefix="briefing-bench-archive-"))
    try:
        archive = build_bundle.make_archive(bundle, packed, bundle_meta.version())
        archive_bytes = archive.stat().st_size
    finally:
        shutil.rmtree(packed, ignore_errors=True)
    return {
        "start": split_wall_cpu(start),
        "cli": split_wall_cpu(cli),
        "unpacked_bytes": build_bundle.folder_size(bundle),
        "archive_bytes": archive_bytes,
        "files": sum(1 for path in bundle.rglob("*") if path.is_file()),
    }


def missing(bundle: Path) -> str:
    """Why section 8 cannot run here, or "" when it can."""
    if not (bundle / bundle_meta.NAME).is_file():
        return f"no {bundle}/{bundle_meta.NAME}: run python3 dev.py bundle"
    tools = [tool for tool in ("Xvfb", "xwininfo") if shutil.which(tool) is None]
    return f"needs {' and '.join(tools)}" if tools else ""


def rows(result: dict) -> list[dict]:
    """The report's rows (run.Row's fields) for a :func:`measure` result."""
    start, cli = result["start"], result["cli"]
    mb = result["unpacked_bytes"] / 1e6
    return [
        {"key": "8.start", "what": "Bundle app start -> main window on X11 (Xvfb)", "value": ms(start["bundle"].median),
             "baseline": ms(start["venv"].median), "ratio": start["bundle"].median / start["venv"].median, "target": "<= 1.2x venv",
             "ok": start["bundle"].median <= 1.2 * start["venv"].median,
             "note": f"n={start['bundle'].n} each, alternating; CPU {ms(start['bundle_cpu'].median)} vs {ms(start['venv_cpu'].median)}"},
        {"key": "8.cli", "what": "Bundle `briefing build --format pdf` (cold)", "value": ms(cli["bundle"].median),
             "baseline": ms(cli["venv"].median), "ratio": cli["bundle"].median / cli["venv"].median, "target": "<= 1.2x venv",
             "ok": cli["bundle"].median <= 1.2 * cli["venv"].median,
             "note": f"CPU {ms(cli['bundle_cpu'].median)} vs {ms(cli['venv_cpu'].median)}"},
        {"key": "8.size", "what": "Bundle size unpacked", "value": f"{mb:.0f} MB", "target": "<= 200 MB", "ok": mb <= 200, "note": f"{result['files']} files"},
        {"key": "8.archive", "what": "  as .tar.gz (gzip -6)", "value": f"{result['archive_bytes'] / 1e6:.0f} MB"},
    ]  # fmt: skip
