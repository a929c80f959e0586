"""``briefing selftest``: what IT runs after installing, one line per check, exit 0 when all pass.

It checks the installation, never the officer's own files: the checks run with
``BRIEFING_HOME`` in a temporary folder. Qt is loaded only in a child process
(``briefing selftest --qt-probe``, see ``briefing/gui/probe.py``), so the
command line itself stays Qt-free and a Qt that aborts cannot take the report
with it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

from . import paths


class CheckFailed(Exception):
    """A check found a problem; the message says what and what to do."""


def _resources() -> str:
    from .content.library import load_library
    from .templating.registry import list_templates

    root = paths.resource_root()
    templates, problems = list_templates()
    if problems:
        raise CheckFailed(f"{problems[0]}")
    if not templates:
        raise CheckFailed(f"no templates in {paths.templates_dir()}")
    library = load_library(extra=[])
    if library.problems:
        raise CheckFailed(f"{library.problems[0]}")
    if not (paths.samples_dir() / "sample.brief").is_file():
        raise CheckFailed(f"the sample brief is missing from {paths.samples_dir()}")
    packs = f"{len(library.packs)} content pack{'s' if len(library.packs) != 1 else ''}"
    return f"{len(templates)} templates, {packs} ({len(library)} items) in {root}"


def _fonts() -> str:
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    from .style import font_file, load_house_style

    house = load_house_style()
    faces = 0
    for name, family in house.fonts.items():
        for bold in (False, True):
            for italic in (False, True):
                path = font_file(family, bold, italic)
                try:
                    TTFont(f"selftest-{path.stem}", str(path))
                except (OSError, TTFError) as exc:
                    raise CheckFailed(f"{path}: {exc} (font family {name!r})") from None
                faces += 1
    return f"{faces} faces of {', '.join(house.fonts)} read from {paths.asset('fonts')}"


def _sample(folder: Path) -> Path:
    sample = folder / "sample.brief"
    if not sample.exists():
        shutil.copyfile(paths.samples_dir() / "sample.brief", sample)
    return sample


def _build(folder: Path) -> str:
    from .brief.store import load_brief
    from .content.library import load_library
    from .export import export_brief

    brief = load_brief(_sample(folder))
    result = export_brief(brief, load_library(extra=[]), ["pdf", "docx"], folder / "sample.pdf", count_pages=True)
    pdf, docx = result.outputs
    if not pdf.read_bytes().startswith(b"%PDF-"):
        raise CheckFailed(f"{pdf} is not a PDF")
    with zipfile.ZipFile(docx) as package:
        if "word/document.xml" not in package.namelist():
            raise CheckFailed(f"{docx} is not a Word document")
    return f"PDF ({result.budget_text()}) and Word in {folder}"


_URDU = "\u0686\u06cc\u0646 \u067e\u0627\u06a9\u0633\u062a\u0627\u0646"  # "China Pakistan" in Urdu: Nastaliq, right to left


def _scripts() -> str:
    """Urdu shaped right to left: python-bidi, HarfBuzz and the Nastaliq face, which a Latin sample never touches."""
    from .document import model as dm
    from .export import options_for, render_bytes

    document = dm.Document(meta=dm.Metadata(title="Self-test"), blocks=(dm.Paragraph((dm.Run(_URDU),), lang="ur"),))
    data, written = render_bytes(document, "pdf", options_for())
    if not data.startswith(b"%PDF-") or written.warnings:
        raise CheckFailed("; ".join(written.warnings) or "the Urdu test page is not a PDF")
    return "Urdu is shaped right to left in its Nastaliq face"


def _own_template(folder: Path) -> str:
    from .brief.store import load_brief
    from .content.library import load_library
    from .templating.build import build_document
    from .templating.registry import get_template

    brief = load_brief(_sample(folder))
    own = paths.user_templates_dir()
    own.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(get_template(brief.template).path, own / "selftest-own.xml.j2")
    document = build_document(brief, load_library(extra=[]), "selftest-own")
    if not document.meta.title:
        raise CheckFailed("the template rendered in a child process gave a document without a title")
    return "a template of the officer's own renders in a separate, limited process"


def probe_command() -> list[str]:
    """How to start this same Briefing as ``briefing selftest --qt-probe``: the bundle itself, or this Python."""
    prefix = [sys.executable] if paths.frozen_root() else [sys.executable, "-m", "briefing"]
    return [*prefix, "selftest", "--qt-probe"]


def _qt() -> str:
    env = dict(os.environ)
    note = ""
    if sys.platform.startswith("linux") and not (env.get("QT_QPA_PLATFORM") or env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")):
        env["QT_QPA_PLATFORM"] = "offscreen"
        note = " (no display here)"
    try:
        child = subprocess.run(probe_command(), capture_output=True, text=True, env=env, timeout=60)
    except subprocess.TimeoutExpired:
        raise CheckFailed("Qt did not start within 60 s") from None
    if child.returncode != 0 or not child.stdout.strip():
        lines = [line for line in child.stderr.splitlines() if line.strip()]
        told = next((line for line in lines if "platform plugin" in line), lines[-1] if lines else f"exit code {child.returncode}")
        raise CheckFailed(f"Qt could not open a window: {told.strip()}")
    report = json.loads(child.stdout.strip().splitlines()[-1])
    plugins = report.get("plugins", {})
    if plugins.get("xcb"):
        raise CheckFailed(f"Qt's X11 platform plugin (xcb) does not load: {plugins['xcb']}")
    loaded = [name for name, error in plugins.items() if not error]
    extra = f"; the {' and '.join(loaded)} plugin{'s' if len(loaded) > 1 else ''} load{'' if len(loaded) > 1 else 's'}" if loaded else ""
    return f"{report['platform']} opens a window{note}{extra}"


def _libraries() -> str:
    from . import system_libraries

    missing = system_libraries.missing()
    required = [lib for lib in missing if not lib.needed_for]
    if required:
        names = ", ".join(f"{lib.soname} (package {lib.package})" for lib in required)
        packages = " ".join(dict.fromkeys(lib.package for lib in required))
        raise CheckFailed(f"missing {names}; install them with: sudo apt install {packages}")
    found = len(system_libraries.LIBRARIES) - len(missing)
    optional = "".join(f"; optional, missing: {lib.soname} (package {lib.package}, for {lib.needed_for})" for lib in missing)
    return f"{found} of {len(system_libraries.LIBRARIES)} found{optional}"


def checks(folder: Path) -> list[tuple[str, Callable[[], str]]]:
    """The checks in order, as (name, function returning what it found)."""
    found = [
        ("resources found", _resources),
        ("fonts load", _fonts),
        ("sample brief builds", lambda: _build(folder)),
        ("right-to-left scripts shape", _scripts),
        ("own templates render", lambda: _own_template(folder)),
        ("Qt platform plugin loads", _qt),
    ]
    if sys.platform.startswith("linux"):
        found.append(("Linux system libraries present", _libraries))
    return found


def run(out=None) -> int:
    """Run every check, print one line each and a summary; 0 when all pass, else 1."""
    out = out or sys.stdout
    failures = 0
    saved_home = os.environ.get("BRIEFING_HOME")
    with tempfile.TemporaryDirectory(prefix="briefing-selftest-") as tmp:
        os.environ["BRIEFING_HOME"] = str(Path(tmp) / "home")
        found = checks(Path(tmp))
        try:
            for name, check in found:
                try:
                    print(f"ok    {name}: {check()}", file=out, flush=True)
                except CheckFailed as exc:
                    failures += 1
                    print(f"FAIL  {name}: {exc}", file=out, flush=True)
                except Exception as exc:  # noqa: BLE001 - any other error is a failed check too, reported on its line
                    failures += 1
                    print(f"FAIL  {name}: {type(exc).__name__}: {exc}", file=out, flush=True)
        finally:
            if saved_home is None:
                os.environ.pop("BRIEFING_HOME", None)
            else:
                os.environ["BRIEFING_HOME"] = saved_home
    print(f"selftest {'passed' if not failures else 'FAILED'}: {len(found) - failures} of {len(found)} checks passed", file=out)
    return 1 if failures else 0
