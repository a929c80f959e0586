"""What the bundle says about itself: version, names, the Windows version resource and the macOS Info.plist.

Plain Python with no PyInstaller import, so the spec's tests can read it on any
platform. ``packaging/briefing.spec`` is the only user.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAME = "briefing"
DISPLAY_NAME = "Briefing"
BUNDLE_ID = "org.briefing.Briefing"
MIME_TYPE = "application/x-briefing-brief"
DESCRIPTION = "Briefing notes for meetings, as Word and PDF, from trusted content"
RESOURCE_DIRS = ("templates", "assets", "content")
# Libraries that read their own data files at run time (pikepdf: its PDF/A tables and sRGB profile, for
# `briefing build --format pdf-tagged`).
DATA_PACKAGES = ("trafilatura", "justext", "tld", "pikepdf")
# The PySide6 modules the app imports (briefing/gui/); every other Qt module is excluded.
QT_MODULES = ("QtCore", "QtGui", "QtWidgets", "QtPdf", "QtPdfWidgets", "QtPrintSupport")
# Excluded even when not installed beside PySide6 (for example on 6.12, where some are separate wheels).
QT_UNUSED = (
    "QtWebEngineCore", "QtWebEngineWidgets", "QtWebEngineQuick", "QtWebChannel", "QtWebSockets", "QtWebView",
    "QtQml", "QtQuick", "QtQuickWidgets", "QtQuickControls2", "QtQuick3D",
    "Qt3DCore", "Qt3DRender", "Qt3DInput", "Qt3DLogic", "Qt3DAnimation", "Qt3DExtras",
    "QtMultimedia", "QtMultimediaWidgets", "QtSpatialAudio", "QtTextToSpeech",
    "QtCharts", "QtDataVisualization", "QtGraphs", "QtGraphsWidgets",
    "QtSvg", "QtSvgWidgets", "QtOpenGL", "QtOpenGLWidgets", "QtNetwork", "QtDBus", "QtSql", "QtTest", "QtDesigner", "QtUiTools",
)  # fmt: skip
# Python modules the app never imports but a library may name as optional. reportlab imports Pillow's core
# (for images in PDFs); Pillow's AVIF, WebP, font, colour-management and Tk parts are never used.
PYTHON_UNUSED = (
    "tkinter", "_tkinter", "pytest", "hypothesis", "IPython", "numpy", "PySide6.QtAsyncio",
    "PIL._avif", "PIL._webp", "PIL._imagingft", "PIL._imagingcms", "PIL._imagingtk", "PIL.ImageTk", "PIL.ImageQt",
    # pypdf's optional AES (14 MB): an encrypted PDF given to the import assistant is then one clear error
    "cryptography",
    # Build tools the app never imports. With setuptools in the bundle PyInstaller adds its run-time hook,
    # which imports setuptools (about 70 ms) at every start; pytz and babel name pkg_resources only as a
    # fallback they do not reach, babel's setuptools_frontend is for setup.py, distutils is setuptools'.
    "setuptools", "pkg_resources", "_distutils_hack", "distutils",
    # pydantic names rich only in its schema pretty-printer (a debugging aid), and rich and reportlab's
    # pygments2xpre (code listings) are the only ones to name pygments.
    "rich", "pygments",
    # lxml's hook takes every lxml module; the import assistant (trafilatura, justext, lxml_html_clean)
    # uses etree, html, html.clean and sax only. objectify alone is 2.9 MB.
    "lxml.objectify", "lxml.isoschematron", "lxml.html.diff", "lxml.html._difflib", "lxml.html._diffcommand",
    "lxml.doctestcompare", "lxml.usedoctest", "lxml.html.usedoctest",
    # Debugging and interactive tools: named by fontTools and pytz only under `if __name__ == "__main__"`,
    # and by site, code and pdb for an interactive prompt, which a frozen app never shows (readline also
    # brings libreadline and libtinfo).
    "doctest", "pdb", "unittest", "pydoc", "pydoc_data", "readline",
)  # fmt: skip
# babel (courlan's, through trafilatura) ships every locale (35 MB); the import assistant needs none beyond these.
BABEL_LOCALES_KEPT = ("root.dat", "en.dat", "en_GB.dat", "en_US.dat")


def version() -> str:
    """Briefing's version, read from ``briefing/__init__.py`` (without importing it)."""
    source = (ROOT / "briefing" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__ = "([^"]+)"', source, re.MULTILINE)
    if match is None:
        raise SystemExit("briefing/__init__.py has no __version__ line")
    return match.group(1)


def version_tuple(text: str) -> tuple[int, int, int, int]:
    """``0.1.0`` -> ``(0, 1, 0, 0)``; a suffix such as ``rc1`` is dropped."""
    numbers = [int(part) for part in re.findall(r"\d+", text.split("+")[0])[:4]]
    return tuple(numbers + [0] * (4 - len(numbers)))  # type: ignore[return-value]


def windows_version_text(text: str) -> str:
    """The version resource for the Windows executable, in PyInstaller's version-file format."""
    numbers = version_tuple(text)
    strings = {
        "CompanyName": "Briefing developers",
        "FileDescription": DISPLAY_NAME,
        "FileVersion": text,
        "InternalName": NAME,
        "LegalCopyright": "MIT licence",
        "OriginalFilename": f"{NAME}.exe",
        "ProductName": DISPLAY_NAME,
        "ProductVersion": text,
    }
    rows = ",\n".join(f"          StringStruct({key!r}, {value!r})" for key, value in strings.items())
    return f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers={numbers}, prodvers={numbers}, mask=0x3F, flags=0x0, OS=0x40004, fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([
      StringTable('040904B0', [
{rows}
      ])
    ]),
    VarFileInfo([VarStruct('Translation', [1033, 1200])])
  ]
)
"""


def macos_info_plist(text: str) -> dict:
    """Info.plist entries for ``Briefing.app``: version, and ``.brief`` files open in it."""
    return {
        "CFBundleName": DISPLAY_NAME,
        "CFBundleDisplayName": DISPLAY_NAME,
        "CFBundleIdentifier": BUNDLE_ID,
        "CFBundleShortVersionString": text,
        "CFBundleVersion": text,
        "NSHighResolutionCapable": True,
        "LSMinimumSystemVersion": "12.0",
        "CFBundleDocumentTypes": [
            {
                "CFBundleTypeName": "Briefing brief",
                "CFBundleTypeRole": "Editor",
                "LSHandlerRank": "Owner",
                "LSItemContentTypes": [f"{BUNDLE_ID}.brief"],
                "CFBundleTypeIconFile": "briefing.icns",
            }
        ],
        "UTExportedTypeDeclarations": [
            {
                "UTTypeIdentifier": f"{BUNDLE_ID}.brief",
                "UTTypeDescription": "Briefing brief",
                "UTTypeConformsTo": ["public.json"],
                "UTTypeTagSpecification": {"public.filename-extension": ["brief"], "public.mime-type": MIME_TYPE},
            }
        ],
    }


def unused_qt_modules(pyside_dirs: list[Path]) -> list[str]:
    """Every ``PySide6.Qt*`` module (installed in ``pyside_dirs`` or named above) that the app does not import."""
    files = [path for folder in pyside_dirs for path in folder.glob("Qt*.*")]
    found = {path.name.split(".")[0] for path in files if path.suffix in (".pyi", ".so", ".pyd")}
    return sorted(f"PySide6.{name}" for name in (found | set(QT_UNUSED)) - set(QT_MODULES))


# Qt libraries and plugins pulled in only by plugins the app never loads (the virtual keyboard needs QML
# and Quick; eglfs, linuxfb and vnc are for devices without a desktop), Qt's own translations (the app
# installs no QTranslator), and image-format plugins.
QT_UNUSED_FILES = (
    "Qt6Qml", "Qt6Quick", "Qt6VirtualKeyboard", "qtvirtualkeyboardplugin", "Qt6EglFS", "Qt6EglFs", "libqeglfs",
    "libqlinuxfb", "libqvnc", "libqvkkhrdisplay", "libqminimalegl", "egldeviceintegrations", "translations",
    # image formats the app never reads (it paints its icons; QtPdf renders pages itself)
    "libqtiff", "libqwebp", "libqjpeg", "libqgif", "libqicns", "libqtga", "libqwbmp", "imageformats/libqpdf",
    # evdev, libinput and TUIO input: for devices without a window system, loaded only when QT_QPA_GENERIC_PLUGINS
    # or -plugin names them (a desktop's keyboard, mouse and touch come through xcb or Wayland)
    "plugins/generic/",
)  # fmt: skip
# Linux desktop libraries taken from the system, as every desktop app does (the README lists them and
# `briefing selftest` checks them), rather than copies from the build machine that may not match its
# graphics drivers. Matched by the library's name before ".so"; a family also covers its "-suffix" members
# (libxcb covers libxcb-cursor, libglib libglib-2.0). These names occur on Linux only.
LINUX_SYSTEM_FAMILIES = (
    "libX11", "libXau", "libXdmcp", "libXext", "libXrender", "libxcb", "libxkbcommon", "libwayland", "libEGL", "libGL",
    "libGLX", "libGLdispatch", "libOpenGL", "libdrm", "libgbm", "libfontconfig", "libfreetype", "libharfbuzz",
    "libpng16", "libbrotlicommon", "libbrotlidec", "libdbus", "libglib", "libgio", "libgobject", "libgmodule",
    "libgthread", "libcairo", "libpango", "libpangocairo", "libpangoft2", "libatk", "libgdk", "libgdk_pixbuf", "libgtk",
    "libpixman", "libthai", "libdatrie", "libfribidi", "libgraphite2", "libcups", "libavahi", "libgnutls", "libkrb5",
    "libkrb5support", "libk5crypto", "libgssapi_krb5", "libcom_err", "libkeyutils", "libp11", "libtasn1", "libidn2",
    "libunistring", "libnettle", "libhogweed", "libgmp", "libsystemd", "libgcrypt", "libgpg", "liblz4", "libcap",
    "libselinux", "libmount", "libblkid", "libpcre2", "libbsd", "libmd", "libzstd", "libstdc++", "libgcc_s",
)  # fmt: skip


def keep_data(dest: str) -> bool:
    """Whether a data file PyInstaller found goes into the bundle.

    All but babel's unused locales, type stubs (``.pyi``, ``py.typed``: for type checkers, never read at run
    time) and a library's own test data (``tld/tests/``).
    """
    parts = dest.replace("\\", "/").split("/")
    if parts[-1].endswith(".pyi") or parts[-1] == "py.typed" or "tests" in parts[1:-1]:
        return False
    return not (parts[:2] == ["babel", "locale-data"] and parts[-1] not in BABEL_LOCALES_KEPT)


def keep_binary(dest: str) -> bool:
    """Whether a binary PyInstaller found goes into the bundle (``dest`` is its path inside it)."""
    if any(part in dest.replace("\\", "/") for part in QT_UNUSED_FILES):
        return False
    # PyInstaller puts the system's libraries at the top of the bundle; a folder means a package's own file.
    match = re.fullmatch(r"(lib.+?)(-[0-9a-f]{8})?\.so(\.[0-9.]+)?", dest)
    if match is None or match.group(2):  # not a top-level library, or a wheel's own copy (auditwheel's lib-<hash>)
        return True
    stem = match.group(1)
    return not any(stem == family or stem.startswith(family + "-") for family in LINUX_SYSTEM_FAMILIES)


def has_debug_info(path: str, readelf: str) -> bool:
    """Whether an ELF file carries DWARF debug information (a ``.debug_info`` section), as ``readelf -S`` lists it."""
    done = subprocess.run([readelf, "-S", "-W", path], capture_output=True, text=True, check=False)
    return done.returncode == 0 and " .debug_info " in done.stdout


def without_debug_info(binaries: list[tuple], folder: Path) -> list[tuple]:
    """The binaries (PyInstaller's ``(dest, source, kind)``), each that carries debug information taken from a copy
    in ``folder`` without it (``strip --strip-debug``). Linux only.

    Debug information is read by debuggers alone, never at run time; a Python built with ``-g`` (pyenv's, for
    example) gives a 23 MB libpython that is 5 MB without it, and some wheels' extensions carry it too. Only the
    DWARF sections go: the symbol tables stay, so a crash's backtrace still names functions. Files without debug
    information (every Qt library, for one) are used exactly as they are.
    """
    strip, readelf = shutil.which("strip"), shutil.which("readelf")
    if strip is None or readelf is None:
        print("warning: no strip or readelf (binutils): the bundle keeps its libraries' debug information")
        return binaries
    kept = []
    for dest, source, kind in binaries:
        if kind in ("BINARY", "EXTENSION") and Path(source).is_file() and has_debug_info(source, readelf):
            copy = folder / dest
            copy.parent.mkdir(parents=True, exist_ok=True)
            subprocess.run([strip, "--strip-debug", "-o", str(copy), source], check=True)
            source = str(copy)
        kept.append((dest, source, kind))
    return kept
