"""Shared helpers for the benchmarks: paths, timing, statistics, subprocesses and machine facts.

Only the standard library is imported here, so the cold-start scripts can use it
without paying for anything they do not measure.
"""

from __future__ import annotations

import datetime as _dt
import gc
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from _paths import BENCH, FONTS, MULTISCRIPT, ROOT, SAMPLE  # noqa: F401  (re-exported)

PYTHON = sys.executable


@dataclass(frozen=True)
class Stats:
    """A sample of durations in seconds, summarised (medians are what the report compares)."""

    median: float
    min: float
    max: float
    n: int

    @classmethod
    def of(cls, samples: Sequence[float]) -> Stats:
        return cls(statistics.median(samples), min(samples), max(samples), len(samples))

    def as_json(self) -> dict:
        return asdict(self)


def ms(seconds: float | None) -> str:
    """Seconds as a short millisecond string for the table."""
    return "n/a" if seconds is None else f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def time_calls(fn: Callable[[], object], runs: int, warmup: int = 2) -> list[float]:
    """Call ``fn`` ``warmup`` times untimed, then ``runs`` times; the durations in seconds.

    The garbage collector runs before each timed call so one call does not pay for the last one's garbage.
    """
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(runs):
        gc.collect()
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return samples


def time_interleaved(fns: dict[str, Callable[[], object]], runs: int, warmup: int = 2) -> dict[str, list[float]]:
    """Time several functions in alternation (a, b, a, b ...) so drift on a shared machine hits all alike."""
    for fn in fns.values():
        for _ in range(warmup):
            fn()

    def timed(fn: Callable[[], object]) -> Callable[[], float]:
        def call() -> float:
            gc.collect()
            start = time.perf_counter()
            fn()
            return time.perf_counter() - start

        return call

    return alternate({name: timed(fn) for name, fn in fns.items()}, runs, warmup=0)


def bench_env(home: Path, **extra: str) -> dict[str, str]:
    """The environment for a measured subprocess: a private BRIEFING_HOME, offscreen Qt, the checkout importable."""
    env = dict(os.environ)
    env.update(BRIEFING_HOME=str(home), QT_QPA_PLATFORM="offscreen")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    env.pop("PYTHONPROFILEIMPORTTIME", None)
    env.update(extra)
    return env


def run_checked(
    cmd: Sequence[str], env: dict[str, str] | None = None, timeout: float = 300, cwd: Path | None = None
) -> subprocess.CompletedProcess:
    """Run a command, raising with its stderr if it fails."""
    done = subprocess.run(list(cmd), env=env, capture_output=True, text=True, timeout=timeout, cwd=cwd, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, cmd))} exited {done.returncode}: {done.stderr.strip()[-2000:]}")
    return done


def time_process(cmd: Sequence[str], env: dict[str, str] | None = None, timeout: float = 300, cwd: Path | None = None) -> float:
    """Wall time of one run of a command, from spawn to exit."""
    start = time.perf_counter()
    run_checked(cmd, env, timeout, cwd)
    return time.perf_counter() - start


def child_cpu_seconds() -> float:
    """User + system CPU time of every finished child process so far (Linux and macOS; 0 elsewhere).

    The difference around one run is that run's CPU time: on a shared machine it
    moves far less than wall time, because waiting for a core is not counted.
    """
    try:
        import resource
    except ImportError:
        return 0.0
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_process_cpu(cmd: Sequence[str], env: dict[str, str] | None = None, timeout: float = 300) -> tuple[float, float]:
    """Wall time and CPU time of one run of a command."""
    cpu = child_cpu_seconds()
    wall = time_process(cmd, env, timeout)
    return wall, child_cpu_seconds() - cpu


def split_wall_cpu(samples: dict[str, list[tuple[float, float]]]) -> dict[str, Stats]:
    """``{name: [(wall, cpu), ...]}`` -> ``{name: Stats(wall), name_cpu: Stats(cpu)}``."""
    out: dict[str, Stats] = {}
    for name, pairs in samples.items():
        out[name] = Stats.of([wall for wall, _cpu in pairs])
        out[f"{name}_cpu"] = Stats.of([cpu for _wall, cpu in pairs])
    return out


def alternate(cmds: dict[str, Callable[[], Any]], rounds: int, warmup: int = 1) -> dict[str, list[Any]]:
    """Run measurements in alternation, round by round (each callable returns one sample): subprocess runs, or timed calls."""
    for measure in cmds.values():
        for _ in range(warmup):
            measure()
    samples: dict[str, list[Any]] = {name: [] for name in cmds}
    for _ in range(rounds):
        for name, measure in cmds.items():
            samples[name].append(measure())
    return samples


def probe_json(cmd: Sequence[str], env: dict[str, str], timeout: float = 600) -> dict:
    """Run a probe script that prints one JSON object as its last stdout line."""
    out = run_checked(cmd, env, timeout).stdout.strip().splitlines()
    return json.loads(out[-1])


def temp_home(prefix: str = "briefing-bench-") -> Path:
    """A fresh folder for BRIEFING_HOME."""
    return Path(tempfile.mkdtemp(prefix=prefix))


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _version(dist: str) -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(dist)
    except PackageNotFoundError:
        return None


def _tool_version(cmd: Sequence[str]) -> str | None:
    try:
        done = subprocess.run(list(cmd), capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    lines = (done.stdout or done.stderr).strip().splitlines()
    return lines[0] if lines else None


def machine_facts() -> dict:
    """CPU, cores, memory, OS, Python and library versions, and the date: printed with every report."""
    try:
        pages, size = os.sysconf("SC_PHYS_PAGES"), os.sysconf("SC_PAGE_SIZE")
        memory = f"{pages * size / 2**30:.1f} GiB"
    except (ValueError, OSError, AttributeError):
        memory = "unknown"
    libs = ("reportlab", "rl_accel", "python-docx", "Jinja2", "PyYAML", "pydantic", "PySide6", "lxml")
    return {
        "date": _dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "memory": memory,
        "os": platform.platform(),
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "libraries": {name: _version(name) for name in libs},
        "tools": {
            "pandoc": _tool_version(["pandoc", "--version"]),
            "soffice": _tool_version(["soffice", "--version"]),
        },
        "load_average": os.getloadavg() if hasattr(os, "getloadavg") else None,
    }
