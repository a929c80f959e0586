"""Build the desktop bundle and, with ``--archive``, the archive IT downloads. Run by ``python3 dev.py bundle``.

    python packaging/build_bundle.py [--archive]     (with the development environment's Python)

PyInstaller builds ``dist/briefing/`` from ``packaging/briefing.spec`` (on macOS
also ``dist/Briefing.app``). On Linux the menu entry, icons, the ``.brief`` MIME
type and ``install.sh``/``uninstall.sh`` are added beside the executable, and
``--archive`` packs it all as ``dist/briefing-VERSION-linux-x86_64.tar.gz``.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

import bundle_meta as meta

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
ICONS = ROOT / "assets" / "icons"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def build(dist: Path, work: Path) -> Path:
    """Run PyInstaller on the spec; return the bundle folder."""
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN"]
    command += ["--distpath", str(dist), "--workpath", str(work), str(HERE / "briefing.spec")]
    print("+", " ".join(command), flush=True)
    subprocess.run(command, check=True, cwd=ROOT)
    return dist / meta.NAME


def add_linux_integration(bundle: Path) -> None:
    """Put install.sh, uninstall.sh and the share/ tree (menu entry, MIME type, icons) beside the executable."""
    linux = HERE / "linux"
    for script in ("install.sh", "uninstall.sh"):
        shutil.copy2(linux / script, bundle / script)
        (bundle / script).chmod(0o755)
    share = bundle / "share"
    shutil.rmtree(share, ignore_errors=True)
    (share / "applications").mkdir(parents=True)
    shutil.copy2(linux / "briefing.desktop", share / "applications" / "briefing.desktop")
    (share / "mime" / "packages").mkdir(parents=True)
    shutil.copy2(linux / "briefing-mime.xml", share / "mime" / "packages" / "briefing.xml")
    for size in PNG_SIZES:
        folder = share / "icons" / "hicolor" / f"{size}x{size}" / "apps"
        folder.mkdir(parents=True)
        shutil.copy2(ICONS / f"briefing-{size}.png", folder / "briefing.png")
    (share / "icons" / "hicolor" / "scalable" / "apps").mkdir(parents=True)
    shutil.copy2(ICONS / "briefing.svg", share / "icons" / "hicolor" / "scalable" / "apps" / "briefing.svg")


def archive_name(version: str) -> str:
    system = {"linux": "linux", "win32": "windows", "darwin": "macos"}.get(sys.platform, sys.platform)
    return f"{meta.NAME}-{version}-{system}-{platform.machine().lower()}"


def make_archive(bundle: Path, dist: Path, version: str) -> Path:
    """Pack the bundle under a top folder named like the archive: .tar.gz on Linux, .zip elsewhere."""
    name = archive_name(version)
    if sys.platform.startswith("linux"):
        target = dist / f"{name}.tar.gz"
        partial = target.with_suffix(".partial")
        with tarfile.open(partial, "w:gz", compresslevel=6) as tar:
            tar.add(bundle, arcname=name)
        os.replace(partial, target)
        return target
    source = dist / f"{meta.DISPLAY_NAME}.app" if sys.platform == "darwin" else bundle
    return Path(shutil.make_archive(str(dist / name), "zip", root_dir=source.parent, base_dir=source.name))


def folder_size(folder: Path) -> int:
    return sum(path.lstat().st_size for path in folder.rglob("*") if path.is_file() and not path.is_symlink())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--archive", action="store_true", help="also pack the bundle for download")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "pyinstaller")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    bundle = build(args.dist, args.work)
    if sys.platform.startswith("linux"):
        add_linux_integration(bundle)
    print(f"bundle: {bundle} ({folder_size(bundle) / 1e6:.0f} MB unpacked), built in {time.perf_counter() - started:.0f} s")
    if args.archive:
        target = make_archive(bundle, args.dist, meta.version())
        print(f"archive: {target} ({target.stat().st_size / 1e6:.0f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
