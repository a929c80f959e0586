"""``briefing selftest`` from the development environment: one line per check, exit 0 or 1, and no Qt in the CLI."""

from __future__ import annotations

import io
import os
import subprocess
import sys

from briefing import selftest, system_libraries
from tests.conftest import REPO


def test_selftest_passes_and_prints_one_line_per_check(tmp_path):
    env = dict(os.environ, BRIEFING_HOME=str(tmp_path / "home"))
    env.pop("DISPLAY", None)
    done = subprocess.run([sys.executable, "-m", "briefing", "selftest"], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    names = [name for name, _ in selftest.checks(tmp_path)]
    assert [line.split(":")[0] for line in lines[:-1]] == [f"ok    {name}" for name in names]
    assert lines[-1] == f"selftest passed: {len(names)} of {len(names)} checks passed"
    assert {"resources found", "fonts load", "sample brief builds", "Qt platform plugin loads"} <= set(names)
    assert not (tmp_path / "home").exists(), "the self-test must not touch the officer's own folders"


def test_a_missing_system_library_fails_naming_its_package(monkeypatch):
    monkeypatch.setattr(system_libraries, "loads", lambda soname: soname not in ("libxcb-cursor.so.0", "libgtk-3.so.0"))
    monkeypatch.setattr(sys, "platform", "linux")
    out = io.StringIO()
    monkeypatch.setattr(selftest, "checks", lambda folder: [("Linux system libraries present", selftest._libraries)])
    assert selftest.run(out) == 1
    first, summary = out.getvalue().splitlines()
    assert first.startswith("FAIL  Linux system libraries present: missing libxcb-cursor.so.0 (package libxcb-cursor0)")
    assert first.endswith("sudo apt install libxcb-cursor0") and summary == "selftest FAILED: 0 of 1 checks passed"


def test_an_optional_library_is_only_noted(monkeypatch):
    monkeypatch.setattr(system_libraries, "loads", lambda soname: soname != "libgtk-3.so.0")
    line = selftest._libraries()
    assert "optional, missing: libgtk-3.so.0 (package libgtk-3-0, for the GTK look" in line


def test_a_check_that_breaks_is_a_failed_line_not_a_traceback(monkeypatch):
    def broken() -> str:
        raise ValueError("no such thing")

    monkeypatch.setattr(selftest, "checks", lambda folder: [("fonts load", broken), ("resources found", lambda: "fine")])
    out = io.StringIO()
    assert selftest.run(out) == 1
    assert out.getvalue().splitlines() == [
        "FAIL  fonts load: ValueError: no such thing",
        "ok    resources found: fine",
        "selftest FAILED: 1 of 2 checks passed",
    ]


def test_the_selftest_itself_never_imports_qt(tmp_path):
    code = (
        "import sys, io\n"
        "from briefing import selftest\n"
        "assert selftest.run(io.StringIO()) == 0\n"
        "assert not [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))], 'Qt was imported'\n"
    )
    env = dict(os.environ, BRIEFING_HOME=str(tmp_path))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=REPO)
    assert done.returncode == 0, done.stderr


def test_the_probe_is_started_as_this_same_briefing():
    assert selftest.probe_command() == [sys.executable, "-m", "briefing", "selftest", "--qt-probe"]
