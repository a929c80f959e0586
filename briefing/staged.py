"""Several files written as one: each goes to a temp file first, then every target is replaced, or none is.

A multi-format export stages each format beside its target. Only when all are
written are the targets replaced; if a replacement fails part way, the targets
already replaced get their previous version back. So a Word failure leaves the
old PDF as it was.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from .atomic import _fsync_dir, _real_target
from .errors import BriefingError, ExportError


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
            for tmp, target in self._staged:
                previous = _keep_aside(target)
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
