"""Architecture rules: only briefing.gui imports Qt (the CLI never loads it), the layers hold, and no import cycles."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


CONTRACTS = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["importlinter"]["contracts"]


def _contract(kind: str) -> dict:
    [contract] = [c for c in CONTRACTS if c["type"] == kind and (kind != "forbidden" or "PySide6" in c["forbidden_modules"])]
    return contract


def _top_modules() -> set[str]:
    package = REPO / "briefing"
    return {
        f"briefing.{p.stem if p.is_file() else p.name}"
        for p in package.iterdir()
        if (p.suffix == ".py" and p.stem not in ("__init__", "__main__")) or (p.is_dir() and (p / "__init__.py").exists())
    }


def test_import_linter_contracts_hold():
    env = dict(os.environ, PYTHONPATH=str(REPO))
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint), "--no-cache"], cwd=REPO, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{len(CONTRACTS)} kept, 0 broken" in result.stdout, result.stdout


def test_contract_covers_every_core_module():
    covered = set(_contract("forbidden")["source_modules"])
    core = _top_modules() - {"briefing.gui"}
    assert core <= covered, f"add to the import-linter contract: {sorted(core - covered)}"


def test_every_module_has_its_layer():
    layered = {m.strip() for layer in _contract("layers")["layers"] for m in layer.split("|")}
    assert _top_modules() <= layered, f"add to the layers contract: {sorted(_top_modules() - layered)}"


def cycles(imports: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in imports.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(imports):
        if node not in index:
            visit(node)
    return found


def test_the_cycle_finder_sees_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_module_imports_itself_back():
    """No chain of imports leads from a module back to it, TYPE_CHECKING imports included."""
    import grimp

    graph = grimp.build_graph("briefing")
    imports = {m: graph.find_modules_directly_imported_by(m) for m in graph.modules}
    assert cycles(imports) == []


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


MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
LONG_FUNCTIONS = {("briefing/yamlread.py", "parse_yaml")}  # one function on purpose: its docstring says why


def test_modules_and_functions_are_small():
    import ast

    too_big = []
    for path in sorted((REPO / "briefing").rglob("*.py")):
        name = path.relative_to(REPO).as_posix()
        text = path.read_text(encoding="utf-8")
        if len(text.splitlines()) > MAX_MODULE_LINES:
            too_big.append(f"{name}: {len(text.splitlines())} lines")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and (name, node.name) not in LONG_FUNCTIONS:
                length = node.end_lineno - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    too_big.append(f"{name}:{node.lineno} {node.name}(): {length} lines")
    assert not too_big, too_big


def test_the_window_frame_needs_neither_pydantic_nor_the_pdf_viewer():
    """The app shows its window before the content models, QtPdf and QtPrintSupport load (they load on a pool thread)."""
    code = (
        "import sys\n"
        "import briefing.gui.main_window\n"
        "late = sorted(m for m in sys.modules if m.split('.')[0] == 'pydantic' or m.startswith(('PySide6.QtPdf', 'PySide6.QtPrint')))\n"
        "assert not late, late\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stderr


# markdown_it is not here: the officer's own sections are Markdown, so a build reads it (briefing/document/markdown.py)
IMPORTER_LIBS = ("trafilatura", "pdfplumber", "pypdf", "pysbd", "briefing.importing")


def test_build_and_app_start_never_load_the_import_assistant(tmp_path):
    """`briefing build` and the app's start pay nothing for the importer's libraries (issue 15): they load on first import."""
    code = (
        "import sys, io, contextlib\n"
        "from briefing.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):\n"
        "    main(['build', 'assets/samples/sample.brief', '-o', sys.argv[1]])\n"
        "from briefing.gui.app import application\n"
        "from briefing.gui.main_window import MainWindow\n"
        "application()\n"
        "window = MainWindow()\n"
        "window.show()\n"
        "assert window.files.import_source.action.text() == '&Import Source\u2026'\n"
        f"libs = {IMPORTER_LIBS!r}\n"
        "late = sorted(m for m in sys.modules if m.split('.')[0] in libs or m.startswith('briefing.importing'))\n"
        "assert not late, late\n"
    )
    env = dict(os.environ, BRIEFING_HOME=str(tmp_path), QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-c", code, str(tmp_path / "out.pdf")], capture_output=True, text=True, env=env, cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out.pdf").exists()
