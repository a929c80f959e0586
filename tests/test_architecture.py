"""Architecture rules: only briefing.gui imports Qt, and the CLI never loads it."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_import_linter_contract_holds():
    env = dict(os.environ, PYTHONPATH=str(REPO))
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint), "--no-cache"], cwd=REPO, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "KEPT" in result.stdout


def test_contract_covers_every_core_module():
    config = tomllib.loads((REPO / "pyproject.toml").read_text())
    [contract] = config["tool"]["importlinter"]["contracts"]
    covered = set(contract["source_modules"])
    package = REPO / "briefing"
    core = {
        f"briefing.{p.stem if p.is_file() else p.name}"
        for p in package.iterdir()
        if (p.suffix == ".py" and p.stem not in ("__init__", "__main__")) or (p.is_dir() and (p / "__init__.py").exists())
    } - {"briefing.gui"}
    assert core <= covered, f"add to the import-linter contract: {sorted(core - covered)}"


def test_cli_never_imports_qt(tmp_path):
    code = (
        "import sys, io, contextlib\n"
        "from briefing.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['content', 'list', '--json'])\n"
        "    main(['templates'])\n"
        "assert not [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))], 'Qt was imported'\n"
    )
    env = dict(os.environ, BRIEFING_HOME=str(tmp_path))
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=REPO)
    assert result.returncode == 0, result.stderr


def test_the_app_window_opens_without_the_export_machinery(tmp_path):
    """The template engine and writers load on the preview's pool thread, after the window is shown (issue 6, app start)."""
    code = (
        "import sys\n"
        "from briefing.gui.app import application\n"
        "from briefing.gui.main_window import MainWindow\n"
        "application()\n"
        "window = MainWindow()\n"
        "window.show()\n"
        "late = sorted(m for m in sys.modules if m.split('.')[0] in ('jinja2', 'reportlab', 'docx', 'lxml') or m == 'briefing.export')\n"
        "assert not late, late\n"
    )
    env = dict(os.environ, BRIEFING_HOME=str(tmp_path), QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=REPO)
    assert result.returncode == 0, result.stderr


IMPORTER_LIBS = ("trafilatura", "pdfplumber", "pypdf", "markdown_it", "pysbd", "briefing.importing")


def test_build_and_app_start_never_load_the_import_assistant(tmp_path):
    """`briefing build` and the app's start pay nothing for the importer's libraries (issue 15): they load on first import."""
    code = (
        "import sys, io, contextlib\n"
        "from briefing.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):\n"
        "    main(['build', 'assets/samples/sample.brief', '-o', sys.argv[1]])\n"
        "import briefing.gui.app\n"
        f"libs = {IMPORTER_LIBS!r}\n"
        "late = sorted(m for m in sys.modules if m.split('.')[0] in libs or m.startswith('briefing.importing'))\n"
        "assert not late, late\n"
    )
    env = dict(os.environ, BRIEFING_HOME=str(tmp_path), QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-c", code, str(tmp_path / "out.pdf")], capture_output=True, text=True, env=env, cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out.pdf").exists()
