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


QT_X11_LIBRARIES = {  # library name -> the Debian/Ubuntu package with it: what Qt's xcb platform plugin loads
    "xcb-cursor": "libxcb-cursor0",
    "xcb-icccm": "libxcb-icccm4",
    "xcb-keysyms": "libxcb-keysyms1",
    "xcb-shape": "libxcb-shape0",
    "xcb-render-util": "libxcb-render-util0",
    "xcb-image": "libxcb-image0",
    "xcb-randr": "libxcb-randr0",
    "xcb-xkb": "libxcb-xkb1",
    "xkbcommon-x11": "libxkbcommon-x11-0",
    "EGL": "libegl1",
    "fontconfig": "libfontconfig1",
    "dbus-1": "libdbus-1-3",
}


def missing_qt_x11_packages(find=None, platform: str = sys.platform, environ=os.environ) -> list[str]:
    """The Debian packages of Qt's X11 libraries this Linux desktop lacks (none elsewhere, or off X11)."""
    if not platform.startswith("linux") or environ.get("QT_QPA_PLATFORM", "xcb").split(":")[0] not in ("", "xcb"):
        return []
    if find is None:
        import ctypes.util

        find = ctypes.util.find_library
    return sorted({package for library, package in QT_X11_LIBRARIES.items() if find(library) is None})


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


QT_RUNTIME_LIBRARIES = {  # what PySide6 loads even offscreen (the GUI tests): library name -> Debian package
    "EGL": "libegl1",
    "GL": "libgl1",
    "xkbcommon": "libxkbcommon0",
    "fontconfig": "libfontconfig1",
    "dbus-1": "libdbus-1-3",
    "glib-2.0": "libglib2.0-0",
}


def can_apt() -> bool:
    """Debian or Ubuntu, as root: dev.py may install system packages itself."""
    return bool(shutil.which("apt-get")) and hasattr(os, "geteuid") and os.geteuid() == 0


def apt_install(packages: list[str]) -> None:
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    run("apt-get", "update", "-qq", env=env)
    run("apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages, env=env)


def ensure_debian_tools() -> None:
    """Install qpdf, poppler-utils, LibreOffice and Qt's runtime libraries on Debian/Ubuntu when running as root."""
    import ctypes.util

    missing = {pkg for tool, pkg in DEBIAN_TOOLS.items() if shutil.which(tool) is None}
    if sys.platform.startswith("linux"):
        missing |= {pkg for library, pkg in QT_RUNTIME_LIBRARIES.items() if ctypes.util.find_library(library) is None}
    if not missing:
        return
    if can_apt():
        apt_install(sorted(missing))
    else:
        print(f"note: install {', '.join(sorted(missing))} for the tests that check output with real tools", file=sys.stderr)


def ensure_pyinstaller(python: Path) -> None:
    """PyInstaller (the `bundle` extra) in .venv: installed from the lock, kept to its pins if the lock lacks it."""
    if subprocess.call([str(python), "-c", "import PyInstaller"], stderr=subprocess.DEVNULL) != 0:
        run(python, "-m", "pip", "install", "--quiet", "-c", LOCK, "pyinstaller")


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("app", "test", "bundle"):
        print(__doc__)
        return 2
    if argv[0] == "app":
        missing = missing_qt_x11_packages()
        if missing and can_apt():
            apt_install(missing)
            missing = missing_qt_x11_packages()
        if missing:
            print(
                "dev.py: the app needs Qt's X11 libraries, and these are missing. Install them with:\n"
                f"    sudo apt-get install {' '.join(missing)}",
                file=sys.stderr,
            )
            return 1
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
