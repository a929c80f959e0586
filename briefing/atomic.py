"""Writes that never leave a half-written file: temp file in the same folder, fsync, then replace.

Several files written as one (:class:`StagedFiles`, for a multi-format export)
are each staged to a temp file first; only when all are written are the
targets replaced, and if a replacement fails part way, the targets already
replaced get their previous version back.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import stat
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from .errors import BriefingError, ExportError


def _real_target(path: Path) -> Path:
    """Write through a symlink to the file it names, so the link survives."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


@contextlib.contextmanager
def atomic_open(
    path: str | os.PathLike[str], *, backup: bool = False, error: type[BriefingError] = ExportError, durable: bool = True
) -> Iterator[BinaryIO]:
    """Open a temp file beside ``path`` for binary writing; on success it replaces ``path``.

    On any exception the temp file is removed and ``path`` is untouched. The
    target keeps its permission bits. With ``backup``, the previous version is
    kept as ``path~`` (one generation). ``durable=False`` skips the fsyncs, for
    caches: after a power cut such a file may be lost or empty, never half of
    a new version over the old one.
    """
    target = _real_target(Path(path))
    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise error(f"cannot write to {folder}: {exc.strerror or exc}", hint="choose a folder you can write to") from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        if target.exists():
            with contextlib.suppress(OSError):
                os.chmod(tmp, stat.S_IMODE(target.stat().st_mode))
            if backup:
                backup_path = target.with_name(target.name + "~")
                with contextlib.suppress(OSError):
                    shutil.copy2(target, backup_path)
        else:
            with contextlib.suppress(OSError):
                umask = os.umask(0)
                os.umask(umask)
                os.chmod(tmp, 0o666 & ~umask)
        try:
            os.replace(tmp, target)
        except OSError as exc:
            raise error(
                f"cannot replace {target}: {exc.strerror or exc}",
                hint="close the file if another program has it open, then try again",
            ) from None
        if durable:
            _fsync_dir(folder)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(exc, OSError):
            raise error(
                f"cannot write {target}: {exc.strerror or exc}", hint="check the disk has space and the folder is writable"
            ) from None
        raise


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


STALE_AFTER_S = 60  # a temp file this old belongs to no save still running: saves take well under a second


def remove_stale_temps(path: str | os.PathLike[str], older_than: float = STALE_AFTER_S) -> list[Path]:
    """Remove the temp files a killed write of ``path`` left (``.NAME.xxxxxxxx.tmp``), and only those; return them."""
    target = _real_target(Path(path))
    own = re.compile(rf"\.{re.escape(target.name)}\.[a-z0-9_]{{8}}\.tmp")
    removed = []
    now = time.time()
    with contextlib.suppress(OSError):
        for entry in os.scandir(target.parent):
            if own.fullmatch(entry.name) and entry.is_file(follow_symlinks=False):
                with contextlib.suppress(OSError):
                    if now - entry.stat(follow_symlinks=False).st_mtime >= older_than:
                        os.unlink(entry.path)
                        removed.append(Path(entry.path))
    return removed


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes, **kwargs) -> None:
    """Write ``data`` to ``path`` atomically."""
    with atomic_open(path, **kwargs) as handle:
        handle.write(data)


def atomic_write_with(path: str | os.PathLike[str], produce: Callable[[BinaryIO], None], **kwargs) -> None:
    """Let ``produce`` write into a temp file, then move it over ``path``."""
    with atomic_open(path, **kwargs) as handle:
        produce(handle)


class StagedFiles:
    """Temp files waiting to replace their targets together. Use :meth:`stage` for each, then :meth:`commit`."""

    def __init__(self, error: type[BriefingError] = ExportError):
        self.error = error
        self._staged: list[tuple[Path, Path]] = []  # (temp file, target)

    @property
    def targets(self) -> list[Path]:
        return [target for _, target in self._staged]

    @contextlib.contextmanager
    def stage(self, path: str | os.PathLike[str]) -> Iterator[BinaryIO]:
        """A temp file beside ``path``, synced when the block ends; removed if the block fails."""
        target = _real_target(Path(path))
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        except OSError as exc:
            raise self.error(f"cannot write to {target.parent}: {exc.strerror or exc}", hint="choose a folder you can write to") from None
        tmp = Path(name)
        try:
            with os.fdopen(fd, "wb") as handle:
                yield handle
                handle.flush()
                os.fsync(handle.fileno())
            _copy_mode(target, tmp)
        except BaseException as exc:
            with contextlib.suppress(OSError):
                tmp.unlink()
            if isinstance(exc, OSError):
                raise self.error(f"cannot write {target}: {exc.strerror or exc}", hint="check the disk has space") from None
            raise
        self._staged.append((tmp, target))

    def commit(self) -> None:
        """Replace every target with its temp file; on a failure, put back the ones already replaced."""
        folders = list(dict.fromkeys(target.parent for target in self.targets))
        kept: list[Path] = []  # previous versions kept aside until every target is replaced
        replaced: list[tuple[Path, Path | None]] = []  # (target, its previous version, or None if it was new)
        try:
            last = len(self._staged) - 1
            for index, (tmp, target) in enumerate(self._staged):
                # what is replaced before the last target may have to be put back; after the last, nothing can fail
                previous = _keep_aside(target) if index < last else None
                if previous is not None:
                    kept.append(previous)
                os.replace(tmp, target)
                replaced.append((target, previous))
        except OSError as exc:
            for target, previous in reversed(replaced):
                _put_back(target, previous)
            raise self.error(
                f"cannot replace {target}: {exc.strerror or exc}; no file was replaced",
                hint="close the file if another program has it open, then try again",
            ) from None
        finally:
            for previous in kept:
                with contextlib.suppress(OSError):
                    previous.unlink()
            self.discard()
        for folder in folders:
            _fsync_dir(folder)

    def discard(self) -> None:
        """Remove every temp file not yet moved over its target."""
        for tmp, _ in self._staged:
            with contextlib.suppress(OSError):
                tmp.unlink()
        self._staged.clear()


def _copy_mode(target: Path, tmp: Path) -> None:
    """Give the temp file the target's permission bits (or the umask's, for a new file)."""
    with contextlib.suppress(OSError):
        if target.exists():
            os.chmod(tmp, stat.S_IMODE(target.stat().st_mode))
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)


def _put_back(target: Path, previous: Path | None) -> None:
    with contextlib.suppress(OSError):
        if previous is None:
            target.unlink()
        else:
            os.replace(previous, target)


def _keep_aside(target: Path) -> Path | None:
    """A hidden copy of ``target``'s current version (a hard link where possible), or None if there is none."""
    if not target.exists():
        return None
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".old.tmp", dir=target.parent)
    os.close(fd)
    aside = Path(name)
    try:
        os.unlink(aside)
        os.link(target, aside)
    except OSError:
        shutil.copy2(target, aside)
    return aside
