"""The desktop bundle's recipe, checked without building: the spec's inputs, icons, desktop files and install scripts."""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
import tarfile
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PIL import Image

from briefing import __version__, system_libraries
from tests.conftest import REPO, SAMPLE_BRIEF

PACKAGING = REPO / "packaging"
ICONS = REPO / "assets" / "icons"
sys.path.insert(0, str(PACKAGING))
import build_bundle  # noqa: E402
import bundle_meta  # noqa: E402
import launcher  # noqa: E402


class Recorder:
    """Stands in for one of PyInstaller's spec classes: keeps its arguments."""

    made: list[Recorder]

    def __init__(self, *args, **kwargs):
        self.args, self.kwargs = args, kwargs
        self.made.append(self)


FOUND_BINARIES = [
    ("libQt6Core.so.6", "/x/libQt6Core.so.6", "BINARY"),
    ("PySide6/Qt/lib/libQt6Quick.so.6", "/x/libQt6Quick.so.6", "BINARY"),
    ("PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so", "/x/vk.so", "BINARY"),
    ("PySide6/Qt/plugins/printsupport/libcupsprintersupport.so", "/x/cups.so", "BINARY"),
    ("PySide6/Qt/plugins/generic/libqevdevmouseplugin.so", "/x/evdev.so", "BINARY"),
    ("libxcb-cursor.so.0", "/x/libxcb-cursor.so.0", "BINARY"),
    ("libstdc++.so.6", "/x/libstdc++.so.6", "BINARY"),
    ("pillow.libs/libxcb-9065bb12.so.1.1.0", "/x/libxcb-9065bb12.so.1.1.0", "BINARY"),
    ("libpython3.11.so.1.0", "/x/libpython3.11.so.1.0", "BINARY"),
]


def run_spec(monkeypatch, tmp_path, platform: str | None = None) -> dict[str, list[Recorder]]:
    """Execute packaging/briefing.spec as PyInstaller does, with recorders for its classes."""
    monkeypatch.setattr(sys, "path", list(sys.path))
    kinds = {name: type(name, (Recorder,), {"made": []}) for name in ("Analysis", "PYZ", "EXE", "COLLECT", "BUNDLE")}

    class Analysis(kinds["Analysis"]):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.binaries, self.datas, self.scripts, self.pure = list(FOUND_BINARIES), [], [], []

    kinds["Analysis"] = Analysis
    namespace = {**kinds, "SPECPATH": str(PACKAGING), "workpath": str(tmp_path / "work"), "__name__": "__main__"}
    spec = PACKAGING / "briefing.spec"
    code = compile(spec.read_text(encoding="utf-8"), str(spec), "exec")
    if platform:
        monkeypatch.setattr(sys, "platform", platform)
    exec(code, namespace)
    monkeypatch.undo()
    return {name: kind.made for name, kind in kinds.items()}


@pytest.fixture(scope="module")
def linux_spec(tmp_path_factory):
    with pytest.MonkeyPatch.context() as monkeypatch:
        return run_spec(monkeypatch, tmp_path_factory.mktemp("spec"), "linux")


def qt_modules_the_app_imports() -> set[str]:
    source = "\n".join(path.read_text(encoding="utf-8") for path in (REPO / "briefing").rglob("*.py"))
    imported = {
        name.split(" as ")[0].strip() for names in re.findall(r"from PySide6 import ([\w, ]+)", source) for name in names.split(",")
    }
    return set(re.findall(r"PySide6\.(Qt\w+)", source)) | {name for name in imported if name.startswith("Qt")}


def test_the_spec_collects_templates_assets_and_content(linux_spec):
    [analysis] = linux_spec["Analysis"]
    datas = dict(analysis.kwargs["datas"])
    for name in ("templates", "assets", "content"):
        assert datas[str(REPO / name)] == f"briefing/_resources/{name}"
    targets = set(datas.values())
    assert "trafilatura" in targets and "justext/stoplists" in targets, "the import assistant's data files (settings.cfg, stoplists)"
    assert "pikepdf/pdfa/data" in targets, "pikepdf's PDF/A tables (xmp_properties.json), read by --format pdf-tagged"


def test_the_spec_collects_every_briefing_module_by_package(linux_spec):
    [analysis] = linux_spec["Analysis"]
    hidden = set(analysis.kwargs["hiddenimports"])
    modules = {
        ".".join(path.relative_to(REPO).with_suffix("").parts).removesuffix(".__init__") for path in (REPO / "briefing").rglob("*.py")
    }
    assert modules - {"briefing.__main__"} <= hidden
    assert {"briefing.gui.app", "briefing.gui.probe", "briefing.selftest"} <= hidden
    assert 'collect_submodules("briefing")' in (PACKAGING / "briefing.spec").read_text(encoding="utf-8")


def test_the_spec_keeps_only_the_qt_the_app_imports(linux_spec):
    [analysis] = linux_spec["Analysis"]
    excludes = set(analysis.kwargs["excludes"])
    kept = set(bundle_meta.QT_MODULES)
    assert qt_modules_the_app_imports() == kept, "the app's Qt imports changed: update bundle_meta.QT_MODULES"
    assert not {f"PySide6.{name}" for name in kept} & excludes
    for unused in ("QtWebEngineCore", "QtWebEngineWidgets", "QtQml", "QtQuick", "QtQuick3D", "Qt3DCore", "QtMultimedia", "QtSvg"):
        assert f"PySide6.{unused}" in excludes, unused
    import PySide6

    installed = {p.name.split(".")[0] for p in Path(PySide6.__file__).parent.glob("Qt*.pyi")}
    assert {f"PySide6.{name}" for name in installed - kept} <= excludes


def test_pillow_keeps_only_its_core(linux_spec):
    [analysis] = linux_spec["Analysis"]
    excludes = set(analysis.kwargs["excludes"])
    assert "PIL" not in excludes, "reportlab imports PIL.Image whenever it loads"
    assert {"PIL._avif", "PIL._webp", "PIL._imagingft"} <= excludes


def test_build_tools_and_debugging_modules_are_left_out(linux_spec):
    [analysis] = linux_spec["Analysis"]
    excludes = set(analysis.kwargs["excludes"])
    # setuptools in the bundle brings PyInstaller's run-time hook, which imports it (about 70 ms) at every start
    assert {"setuptools", "pkg_resources", "_distutils_hack", "distutils"} <= excludes
    assert {"rich", "pygments", "doctest", "pdb", "unittest", "pydoc", "readline"} <= excludes
    assert {"lxml.objectify", "lxml.isoschematron", "lxml.html.diff"} <= excludes
    needed = {"lxml", "lxml.etree", "lxml.html", "lxml.html.clean", "lxml.sax", "multiprocessing", "inspect", "ssl"}
    assert not needed & excludes, "the import assistant and the template sandbox use these"


def test_data_files_leave_out_type_stubs_tests_and_unused_locales():
    assert bundle_meta.keep_data("pikepdf/pdfa/data/xmp_properties.json") and bundle_meta.keep_data("tld/res/effective_tld_names.dat.txt")
    assert bundle_meta.keep_data("babel/locale-data/en_GB.dat") and not bundle_meta.keep_data("babel/locale-data/fr.dat")
    assert not bundle_meta.keep_data("pikepdf/_core/_page.pyi") and not bundle_meta.keep_data("trafilatura/py.typed")
    assert not bundle_meta.keep_data("tld/tests/res/effective_tld_names_custom.dat.txt")
    assert bundle_meta.keep_data("briefing/_resources/assets/fonts/LiberationSans-Regular.ttf")


def test_debug_information_is_stripped_on_linux_only(monkeypatch, tmp_path):
    seen = []
    monkeypatch.setattr(bundle_meta, "without_debug_info", lambda binaries, folder: seen.append(folder) or binaries)
    run_spec(monkeypatch, tmp_path / "windows", "win32")
    run_spec(monkeypatch, tmp_path / "mac", "darwin")
    assert not seen
    monkeypatch.setattr(bundle_meta, "without_debug_info", lambda binaries, folder: seen.append(folder) or binaries)
    run_spec(monkeypatch, tmp_path / "linux", "linux")
    assert seen == [tmp_path / "linux" / "work" / "without-debug-info"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ELF libraries")
def test_debug_information_goes_from_a_copy_and_the_rest_is_untouched(tmp_path):
    tools = {name: shutil.which(name) for name in ("cc", "readelf", "strip")}
    if None in tools.values():
        pytest.skip("needs a C compiler and binutils")
    (tmp_path / "x.c").write_text("int briefing_answer(void) { return 42; }\n")
    debug, plain = tmp_path / "with-debug.so", tmp_path / "plain.so"
    subprocess.run([tools["cc"], "-g", "-shared", "-fPIC", "-o", str(debug), str(tmp_path / "x.c")], check=True)
    subprocess.run([tools["strip"], "--strip-debug", "-o", str(plain), str(debug)], check=True)
    assert bundle_meta.has_debug_info(str(debug), tools["readelf"]) and not bundle_meta.has_debug_info(str(plain), tools["readelf"])
    found = [("lib/x.so", str(debug), "EXTENSION"), ("plain.so", str(plain), "BINARY"), ("a/x.c", str(tmp_path / "x.c"), "DATA")]
    out = tmp_path / "out"
    kept = bundle_meta.without_debug_info(found, out)
    assert kept[1:] == found[1:], "files without debug information are used as they are"
    assert kept[0] == ("lib/x.so", str(out / "lib" / "x.so"), "EXTENSION") and debug.is_file()
    assert not bundle_meta.has_debug_info(kept[0][1], tools["readelf"])
    symbols = subprocess.run([tools["readelf"], "-W", "--dyn-syms", kept[0][1]], capture_output=True, text=True).stdout
    assert "briefing_answer" in symbols, "the dynamic symbols stay"


def test_the_spec_drops_qml_and_the_systems_desktop_libraries(linux_spec):
    [collect] = linux_spec["COLLECT"]
    kept = {entry[0] for entry in collect.args[1]}
    assert kept == {
        "libQt6Core.so.6",
        "PySide6/Qt/plugins/printsupport/libcupsprintersupport.so",
        "pillow.libs/libxcb-9065bb12.so.1.1.0",
        "libpython3.11.so.1.0",
    }


def test_every_library_left_to_the_system_is_checked_by_the_selftest():
    checked = {library.soname for library in system_libraries.LIBRARIES} | set(system_libraries.GTK_DEPENDENCIES)
    for soname in checked:
        assert not bundle_meta.keep_binary(soname), f"{soname} is checked on the system but would be bundled"


def test_the_linux_bundle_has_a_console_executable_and_no_app_bundle(linux_spec):
    [exe] = linux_spec["EXE"]
    assert exe.kwargs["name"] == "briefing" and exe.kwargs["console"] and exe.kwargs["icon"] is None
    assert not linux_spec["BUNDLE"]


def test_windows_gets_an_icon_and_the_version_in_the_executable(monkeypatch, tmp_path):
    made = run_spec(monkeypatch, tmp_path, "win32")
    [exe] = made["EXE"]
    assert exe.kwargs["icon"] == str(ICONS / "briefing.ico") and exe.kwargs["hide_console"] == "hide-early"
    text = Path(exe.kwargs["version"]).read_text(encoding="utf-8")
    ast.parse(text, mode="eval")  # PyInstaller evaluates the file as one expression
    numbers = bundle_meta.version_tuple(__version__)
    assert f"filevers={numbers}" in text and f"StringStruct('ProductVersion', '{__version__}')" in text
    assert not made["BUNDLE"]


def test_macos_gets_an_app_with_icon_version_and_brief_files(monkeypatch, tmp_path):
    made = run_spec(monkeypatch, tmp_path, "darwin")
    [app] = made["BUNDLE"]
    assert app.kwargs["name"] == "Briefing.app" and app.kwargs["icon"] == str(ICONS / "briefing.icns")
    assert made["EXE"][0].kwargs["argv_emulation"]
    plist = app.kwargs["info_plist"]
    assert plist["CFBundleShortVersionString"] == __version__ == app.kwargs["version"]
    [declared] = plist["UTExportedTypeDeclarations"]
    assert declared["UTTypeTagSpecification"]["public.filename-extension"] == ["brief"]


def test_the_spec_names_no_platform_folders():
    for path in (PACKAGING / "briefing.spec", PACKAGING / "bundle_meta.py"):
        text = path.read_text(encoding="utf-8")
        for linux_only in ("/usr/", "/lib/", "/opt/", "x86_64-linux-gnu", "site-packages"):
            assert linux_only not in text, f"{path.name} names {linux_only}"


def test_a_double_clicked_brief_opens_in_the_app(tmp_path):
    brief = tmp_path / "call.brief"
    brief.write_text("{}")
    assert launcher.command_line([str(brief)]) == ["gui", str(brief)]
    assert launcher.command_line(["build", str(brief)]) == ["build", str(brief)]
    assert launcher.command_line([str(tmp_path / "missing.brief")]) == [str(tmp_path / "missing.brief")]
    assert launcher.command_line([]) == []


def test_version_tuple():
    assert bundle_meta.version_tuple("0.1.0") == (0, 1, 0, 0)
    assert bundle_meta.version_tuple("2.10.3rc1") == (2, 10, 3, 1)
    assert bundle_meta.version() == __version__


def test_icons_are_made_from_the_svg_in_every_size():
    ET.parse(ICONS / "briefing.svg")
    for size in build_bundle.PNG_SIZES:
        with Image.open(ICONS / f"briefing-{size}.png") as image:
            assert image.size == (size, size) and image.mode == "RGBA"
    with Image.open(ICONS / "briefing.ico") as ico:
        assert {(256, 256), (48, 48), (16, 16)} <= set(ico.info["sizes"])
    with Image.open(ICONS / "briefing.icns") as icns:
        assert icns.size[0] >= 512


def test_desktop_entry_and_mime_type_agree():
    entry = dict(line.split("=", 1) for line in (PACKAGING / "linux" / "briefing.desktop").read_text().splitlines() if "=" in line)
    mime = ET.parse(PACKAGING / "linux" / "briefing-mime.xml").getroot()
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    [mime_type] = mime.findall("m:mime-type", ns)
    assert entry["MimeType"] == f"{mime_type.get('type')};" == f"{bundle_meta.MIME_TYPE};"
    assert entry["Exec"] == '"@BRIEFING@" gui %f' and entry["Icon"] == "briefing" and entry["Type"] == "Application"
    assert mime_type.find("m:glob", ns).get("pattern") == "*.brief"
    magic = mime_type.find("m:magic/m:match", ns).get("value")
    assert magic in SAMPLE_BRIEF.read_text(encoding="utf-8")[:64]


def fake_bundle(folder: Path) -> Path:
    """A bundle folder with a stand-in executable that records how it was called."""
    folder.mkdir(parents=True)
    exe = folder / "briefing"
    exe.write_text('#!/bin/sh\necho "called: $*" >> "$HOME/calls.txt"\necho "selftest passed"\n')
    exe.chmod(0o755)
    (folder / "_internal").mkdir()
    build_bundle.add_linux_integration(folder)
    return folder


def test_install_and_uninstall_use_the_users_folders_only(tmp_path):
    bundle = fake_bundle(tmp_path / "unpacked" / "briefing-0.1.0")
    home = tmp_path / "home"
    home.mkdir()
    env = {"HOME": str(home), "PATH": os.environ["PATH"]}
    done = subprocess.run(["sh", str(bundle / "install.sh")], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    dest = home / ".local" / "opt" / "briefing"
    share = home / ".local" / "share"
    assert (dest / "briefing").is_file() and (home / ".local" / "bin" / "briefing").resolve() == dest / "briefing"
    desktop = (share / "applications" / "briefing.desktop").read_text()
    assert f'Exec="{dest}/briefing" gui %f' in desktop and "@BRIEFING@" not in desktop
    assert (share / "mime" / "packages" / "briefing.xml").is_file()
    assert (share / "icons" / "hicolor" / "48x48" / "apps" / "briefing.png").is_file()
    assert (share / "icons" / "hicolor" / "scalable" / "apps" / "briefing.svg").is_file()
    assert (home / "calls.txt").read_text() == "called: selftest\n"
    if "update-mime-database" in done.stdout or (share / "mime" / "mime.cache").exists():
        assert "x-briefing-brief" in (share / "mime" / "globs2").read_text()

    done = subprocess.run(["sh", str(dest / "uninstall.sh")], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert not dest.exists() and not (home / ".local" / "bin" / "briefing").exists()
    assert not (share / "applications" / "briefing.desktop").exists()
    assert not list(share.glob("icons/hicolor/*/apps/briefing.*")) and not (share / "mime" / "packages" / "briefing.xml").exists()


def test_a_second_install_replaces_the_first(tmp_path):
    bundle = fake_bundle(tmp_path / "new")
    home = tmp_path / "home"
    old = home / ".local" / "opt" / "briefing"
    old.mkdir(parents=True)
    (old / "left-over").write_text("from the old version")
    env = {"HOME": str(home), "PATH": os.environ["PATH"]}
    done = subprocess.run(["sh", str(bundle / "install.sh"), "--no-selftest"], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert not (old / "left-over").exists() and (old / "briefing").is_file() and not (home / "calls.txt").exists()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the .tar.gz is the Linux archive")
def test_the_archive_has_one_versioned_folder_with_the_install_script(tmp_path):
    bundle = fake_bundle(tmp_path / "dist" / "briefing")
    target = build_bundle.make_archive(bundle, tmp_path / "dist", "9.8.7")
    assert re.fullmatch(r"briefing-9\.8\.7-linux-[a-z0-9_]+\.tar\.gz", target.name)
    with tarfile.open(target) as tar:
        names = tar.getnames()
        top = target.name.removesuffix(".tar.gz")
        assert {n.split("/")[0] for n in names} == {top}
        assert tar.getmember(f"{top}/install.sh").mode & 0o111 and tar.getmember(f"{top}/briefing").mode & 0o111
        assert f"{top}/share/applications/briefing.desktop" in names


def test_the_lock_pins_pyinstaller_for_the_bundle_extra():
    lock = (REPO / "requirements.lock").read_text(encoding="utf-8")
    assert re.search(r"^pyinstaller==", lock, re.MULTILINE), "regenerate the lock with --extra test --extra bundle"
    assert "--extra bundle" in lock.splitlines()[1]


def test_ci_installs_every_library_the_bundle_cannot_start_without():
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    for library in (library for library in system_libraries.LIBRARIES if not library.needed_for):
        assert re.search(rf"(?<![\w.+-]){re.escape(library.package)}(?![\w.+-])", ci), f".ci/run does not install {library.package}"


def test_the_readme_lists_every_system_package():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    install = readme.split("\n## ", 2)[1]
    assert install.startswith("Install"), "the README's first section is Install"
    for library in system_libraries.LIBRARIES:
        assert library.package in install, f"README's Install section does not name {library.package}"
