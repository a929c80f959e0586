#!/usr/bin/env python3
"""Set up a development environment and run Briefing or its tests, on Linux, macOS and Windows.

    python3 dev.py app     # set up .venv, then open the app on the bundled content
    python3 dev.py test    # set up .venv (and, on Debian as root, the external tools), then run every test
    python3 dev.py bundle [--archive]   # build the desktop bundle in dist/briefing/ (and its download archive)

Extra arguments after ``test`` go to pytest, after ``app`` to ``briefing``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
LOCK = ROOT / "requirements.lock"
STAMP = VENV / ".briefing-installed"
DEBIAN_TOOLS = {
    "qpdf": "qpdf",
    "pdftotext": "poppler-utils",
    "pdffonts": "poppler-utils",
    "soffice": "libreoffice-writer-nogui",
    "pandoc": "pandoc",
}


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def run(*cmd: str | os.PathLike[str], **kwargs) -> None:
    print("+", " ".join(str(c) for c in cmd), flush=True)
    subprocess.run([str(c) for c in cmd], check=True, **kwargs)


def ensure_venv() -> Path:
    """Create .venv and install the locked dependencies and Briefing itself (once per lock change).

    When the lock or pyproject.toml changed since the last install, .venv is made
    afresh: installing over it would keep packages the new lock no longer has
    (say, an add-on of a PySide6 version the lock moved away from).
    """
    wanted = f"{LOCK.stat().st_mtime_ns}:{(ROOT / 'pyproject.toml').stat().st_mtime_ns}"
    stale = STAMP.exists() and STAMP.read_text() != wanted
    if stale:
        print(f"+ the lock changed: making {VENV.name} afresh", flush=True)
        shutil.rmtree(VENV)
    if not venv_python().exists():
        venv.EnvBuilder(with_pip=True).create(VENV)
    python = venv_python()
    if not STAMP.exists() or STAMP.read_text() != wanted:
        run(python, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
        run(python, "-m", "pip", "install", "--quiet", "-r", LOCK)
        run(python, "-m", "pip", "install", "--quiet", "--no-deps", "-e", ROOT)
        STAMP.write_text(wanted)
    return python


def ensure_debian_tools() -> None:
    """Install qpdf, poppler-utils and LibreOffice on Debian/Ubuntu when running as root."""
    missing = sorted({pkg for tool, pkg in DEBIAN_TOOLS.items() if shutil.which(tool) is None})
    if not missing:
        return
    if shutil.which("apt-get") and hasattr(os, "geteuid") and os.geteuid() == 0:
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        run("apt-get", "update", "-qq", env=env)
        run("apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing, env=env)
    else:
        print(f"note: install {', '.join(missing)} for the tests that check output with real tools", file=sys.stderr)


def ensure_pyinstaller(python: Path) -> None:
    """PyInstaller (the `bundle` extra) in .venv: installed from the lock, kept to its pins if the lock lacks it."""
    if subprocess.call([str(python), "-c", "import PyInstaller"], stderr=subprocess.DEVNULL) != 0:
        run(python, "-m", "pip", "install", "--quiet", "-c", LOCK, "pyinstaller")


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("app", "test", "bundle"):
        print(__doc__)
        return 2
    python = ensure_venv()
    if argv[0] == "app":
        return subprocess.call([str(python), "-m", "briefing", *argv[1:]])
    if argv[0] == "bundle":
        ensure_pyinstaller(python)
        return subprocess.call([str(python), str(ROOT / "packaging" / "build_bundle.py"), *argv[1:]], cwd=ROOT)
    ensure_debian_tools()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.call([str(python), "-m", "pytest", *argv[1:]], cwd=ROOT, env=env)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
