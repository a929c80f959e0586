"""The built bundle, run as an officer's machine runs it: no Python, no venv, nothing on PATH.

Runs only when ``BRIEFING_BUNDLE`` names a built bundle folder (``.ci/run`` sets it
after ``python3 dev.py bundle``); otherwise every test here is skipped.
"""

from __future__ import annotations

import os
import re
import subprocess
import time
from pathlib import Path

import docx
import pytest

from briefing import system_libraries
from tests.conftest import SAMPLE_BRIEF, require_tool
from tests.outputs import normalise, pdf_text

BUNDLE = Path(os.environ["BRIEFING_BUNDLE"]).resolve() if os.environ.get("BRIEFING_BUNDLE") else None
pytestmark = pytest.mark.skipif(BUNDLE is None, reason="set BRIEFING_BUNDLE=dist/briefing to smoke-test a built bundle")
TITLE = "Call on the Chinese Ambassador"


@pytest.fixture
def clean_env(tmp_path) -> dict[str, str]:
    """Only what a desktop session gives: an empty PATH (so no python3 can be found), a home, a UTF-8 locale."""
    empty = tmp_path / "no-tools"
    empty.mkdir()
    return {"PATH": str(empty), "HOME": str(tmp_path / "user"), "BRIEFING_HOME": str(tmp_path / "home"), "LANG": "C.UTF-8"}


def run_bundle(args: list[str], env: dict[str, str], cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([str(BUNDLE / "briefing"), *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout)


def test_the_bundle_has_no_python_beside_it():
    assert (BUNDLE / "briefing").is_file()
    assert not [p for p in BUNDLE.rglob("python3*") if p.is_file() and os.access(p, os.X_OK) and p.suffix != ".so"]


def test_selftest_passes(clean_env, tmp_path):
    done = run_bundle(["selftest"], clean_env, tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert all(line.startswith("ok    ") for line in lines[:-1]) and lines[-1].startswith("selftest passed")
    assert str(BUNDLE) in lines[0], "resources must come from inside the bundle"


def test_the_sample_builds_to_pdf_and_word_that_pass_the_checks(clean_env, tmp_path):
    done = run_bundle(["build", str(SAMPLE_BRIEF), "--format", "both", "-o", str(tmp_path / "sample.pdf")], clean_env, tmp_path)
    assert done.returncode == 0, done.stderr
    pdf, word = tmp_path / "sample.pdf", tmp_path / "sample.docx"
    assert done.stdout.splitlines() == [str(pdf), str(word), "1 page: within the 1-page budget"]
    check = subprocess.run([require_tool("qpdf"), "--check", str(pdf)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    fonts = subprocess.run([require_tool("pdffonts"), str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts
    assert normalise(TITLE) in normalise(pdf_text(pdf))
    document = docx.Document(str(word))
    assert any(paragraph.text == TITLE for paragraph in document.paragraphs)
    # the officer's markdown is remembered for the next build, from a bundle with no sources on disk
    [memo] = (Path(clean_env["BRIEFING_HOME"]) / "cache").glob("markdown-*.json")
    assert "2025-2029 Action Plan" in memo.read_text(encoding="utf-8")


def test_a_tagged_pdf_builds_in_the_bundle(clean_env, tmp_path):
    """pikepdf's PDF/A tables are data files the bundle must carry (packaging/bundle_meta.py, DATA_PACKAGES)."""
    soffice = require_tool("soffice")
    env = dict(clean_env, PATH=str(Path(soffice).parent))  # LibreOffice is the one program the tagged PDF needs
    target = tmp_path / "tagged.pdf"
    done = run_bundle(["build", str(SAMPLE_BRIEF), "--format", "pdf-tagged", "-o", str(target)], env, tmp_path, timeout=180)
    assert done.returncode == 0, done.stderr
    assert normalise(TITLE) in normalise(pdf_text(target))


def test_every_subcommand_works(clean_env, tmp_path):
    assert run_bundle(["--version"], clean_env, tmp_path).stdout.startswith("briefing ")
    assert run_bundle(["content", "check"], clean_env, tmp_path).returncode == 0
    listed = run_bundle(["content", "list", "--kind", "pillar"], clean_env, tmp_path)
    assert listed.returncode == 0 and len(listed.stdout.splitlines()) == 5
    assert "meeting-brief" in run_bundle(["templates"], clean_env, tmp_path).stdout
    new = run_bundle(
        ["new", "-t", "talking-points", "--item", "cpec-action-plan-2025/people-centred", "-o", "call.brief"], clean_env, tmp_path
    )
    assert new.returncode == 0, new.stderr
    assert run_bundle(["build", "call.brief", "--format", "docx"], clean_env, tmp_path).returncode == 0
    assert (tmp_path / "call.docx").is_file()
    bad = run_bundle(["build", "missing.brief"], clean_env, tmp_path)
    assert bad.returncode == 1 and bad.stderr.count("\n") == 1 and "Traceback" not in bad.stderr


def test_the_app_opens_offscreen_with_nothing_in_its_error_log(clean_env, tmp_path):
    brief = tmp_path / "sample.brief"
    brief.write_bytes(SAMPLE_BRIEF.read_bytes())
    env = dict(clean_env, QT_QPA_PLATFORM="offscreen")
    # A lone .brief, as Finder and Explorer pass it, opens in the app (packaging/launcher.py).
    app = subprocess.Popen([str(BUNDLE / "briefing"), str(brief)], env=env, cwd=tmp_path, stderr=subprocess.PIPE, text=True)
    try:
        time.sleep(6)
        assert app.poll() is None, f"the app exited with {app.returncode}: {app.stderr.read()}"
    finally:
        app.terminate()
        _, stderr = app.communicate(timeout=30)
    log = (tmp_path / "home" / "log" / "briefing.log").read_text(encoding="utf-8")
    assert "starting Briefing" in log
    assert not re.search(r" (WARNING|ERROR|CRITICAL) ", log), log
    assert not stderr.strip(), stderr


def test_the_bundle_never_starts_python(clean_env, tmp_path):
    """Every program the bundle starts (its own bootloader, the self-test's Qt probe, template children) is the bundle."""
    strace = require_tool("strace")
    trace = tmp_path / "exec.trace"
    command = [strace, "-f", "-qq", "-e", "trace=execve", "-o", str(trace), str(BUNDLE / "briefing"), "selftest"]
    done = subprocess.run(command, env=clean_env, cwd=tmp_path, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stdout + done.stderr
    started = set(re.findall(r'execve\("([^"]+)"', trace.read_text()))
    assert started == {str(BUNDLE / "briefing")}, started


def test_every_library_the_bundle_takes_from_the_system_is_checked_by_the_selftest():
    readelf = require_tool("readelf")
    inside = {path.name for path in BUNDLE.rglob("*.so*")}
    needed: set[str] = set()
    for path in [BUNDLE / "briefing", *BUNDLE.rglob("*.so*")]:
        if path.is_file() and not path.is_symlink():
            dynamic = subprocess.run([readelf, "-d", str(path)], capture_output=True, text=True).stdout
            needed |= set(re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", dynamic))
    checked = {library.soname for library in system_libraries.LIBRARIES}
    known = checked | set(system_libraries.C_LIBRARY) | set(system_libraries.GTK_DEPENDENCIES)
    assert needed - inside - known == set(), "add these to briefing/system_libraries.py (and the README)"


def test_the_command_line_never_loads_qt(clean_env, tmp_path):
    """As in the venv (tests/test_architecture.py): `briefing build` opens no Qt library, not even QtCore."""
    trace = tmp_path / "open.trace"
    command = [require_tool("strace"), "-f", "-qq", "-e", "trace=openat", "-o", str(trace), str(BUNDLE / "briefing")]
    done = subprocess.run(
        [*command, "build", str(SAMPLE_BRIEF), "-o", str(tmp_path / "s.pdf")], env=clean_env, cwd=tmp_path, capture_output=True
    )
    assert done.returncode == 0, done.stderr
    assert not re.findall(r'"[^"]*libQt6[^"]*"', trace.read_text())


@pytest.mark.parametrize("source", ["embassy-news.html", "speech.md", "joint-statement.txt"])
def test_the_import_assistant_reads_sources_in_the_bundle(clean_env, tmp_path, source):
    """trafilatura and justext read data files at run time: the bundle must carry them."""
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    gold = Path(__file__).resolve().parent / "importing" / "gold" / source
    done = run_bundle(["import", str(gold), "-o", str(drafts / "draft.yaml")], clean_env, tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    checked = run_bundle(["content", "check", "--content", str(drafts)], clean_env, tmp_path)
    assert checked.returncode == 0, checked.stdout + checked.stderr
