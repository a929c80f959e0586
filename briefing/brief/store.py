"""Reading, migrating and saving brief files (JSON with the ``.brief`` suffix)."""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..atomic import atomic_write_bytes, remove_stale_temps
from ..errors import BriefConflict, BriefError, BriefTooNew, Location
from ..limits import load_json
from .history import record_save
from .misspelt import refuse_misspelt_keys
from .model import FORMAT_NAME, FORMAT_VERSION, Brief
from .snapshots import check_snapshots

MAX_BRIEF_BYTES = 50 * 1024 * 1024


def _v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    """Version 1 kept metadata flat and called the selection ``selection`` with ``id`` keys."""
    meta_keys = ("title", "occasion", "recipient", "drafter", "date", "reference", "marking", "caveat")
    section_keys = ("purpose", "background", "recommendation")
    out: dict[str, Any] = {k: v for k, v in data.items() if k not in meta_keys + section_keys + ("selection", "version")}
    out["format"] = FORMAT_NAME
    out["version"] = 2
    out["meta"] = {k: data[k] for k in meta_keys if k in data}
    out["sections"] = {k: {"text": data[k]} for k in section_keys if k in data}
    out["items"] = [
        {"ref": e.get("id", ""), "note": e.get("note", ""), "snapshot": e.get("snapshot", {}), "fingerprint": e.get("fingerprint", "")}
        | {k: v for k, v in e.items() if k not in ("id", "note", "snapshot", "fingerprint")}
        for e in data.get("selection", [])
    ]
    return out


MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _v1_to_v2}


def migrate(data: dict[str, Any], path: Path) -> dict[str, Any]:
    """Bring brief data from any older version up to the current one."""
    version = data.get("version")
    if not isinstance(version, int) or version < 1:
        raise BriefError("the brief has no valid format version", location=Location(str(path)), hint="is this a Briefing .brief file?")
    if version > FORMAT_VERSION:
        raise BriefTooNew(
            f"the brief was written by a newer Briefing (format {version}; this one reads up to {FORMAT_VERSION})",
            location=Location(str(path)),
            hint="open it with a newer Briefing; it will not be overwritten",
        )
    while version < FORMAT_VERSION:
        try:
            data = MIGRATIONS[version](data)
        except (AttributeError, TypeError, KeyError):  # not the shape that version wrote
            raise BriefError(f"the brief does not have the shape of format {version}", location=Location(str(path))) from None
        version = data["version"]
    return data


def _repair_hint(path: Path) -> str:
    """What to do about a damaged brief: restore its ``~`` backup when there is one."""
    backup = path.with_name(path.name + "~")
    if backup.is_file():
        return f"restore the backup {backup.name} (copy it over {path.name})"
    return "there is no backup beside it; open an earlier copy of the brief, or fix the JSON at that line"


def parse_brief(text: str | bytes, path: Path, *, allow_newer: bool = False) -> Brief:
    """Parse brief JSON (migrating older versions). Errors name the file and line.

    With ``allow_newer``, a brief from a newer Briefing is read as far as this
    version understands it (for read-only viewing); it must never be saved back.
    """
    data = load_json(text, str(path), BriefError, hint=_repair_hint(path))
    if not isinstance(data, dict):
        raise BriefError("a brief must be a JSON object", location=Location(str(path), 1, 1))
    try:
        data = migrate(data, path)
    except BriefTooNew:
        if not allow_newer:
            raise
    else:  # a newer Briefing's brief may name fields this one does not know: only a brief of this version is held to them
        refuse_misspelt_keys(data, text if isinstance(text, str) else text.decode("utf-8", "replace"), path)
    try:
        brief = Brief.model_validate(data)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = ".".join(str(p) for p in first["loc"])
        raise BriefError(f"{where}: {first['msg'].removeprefix('Value error, ')}", location=Location(str(path))) from None
    check_snapshots(brief, path)
    return brief


def load_brief(path: str | Path, *, allow_newer: bool = False) -> Brief:
    """Read a brief file (``allow_newer``: see :func:`parse_brief`)."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_BRIEF_BYTES:
            raise BriefError("file is too large to be a brief", location=Location(str(path)))
        raw = path.read_bytes()
    except OSError as exc:
        raise BriefError(f"cannot read brief: {exc.strerror or exc}", location=Location(str(path))) from None
    return parse_brief(raw, path, allow_newer=allow_newer)


def is_too_new(brief: Brief) -> bool:
    """Whether ``brief`` was written by a newer Briefing (so it is read-only here)."""
    return brief.version > FORMAT_VERSION


def dump_brief(brief: Brief) -> bytes:
    """The brief as pretty, stable JSON bytes (unknown keys included)."""
    data = brief.model_dump(mode="json")
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def save_brief(brief: Brief, path: str | Path, *, author: str | None = None) -> None:
    """Save atomically (temp file, then replace), keeping one backup as ``path~``. Never saves a newer-format brief.

    The saved content is added to the brief's own history (by ``author``, the
    login name by default): see :mod:`briefing.brief.history`.
    """
    if is_too_new(brief):
        raise BriefTooNew(
            "this brief was written by a newer Briefing and is read-only here",
            location=Location(str(path)),
            hint="use Export, or open it with a newer Briefing",
        )
    if brief.old_version is not None:
        raise BriefError(f"version {brief.old_version} is an old version of a brief, shown read-only", location=Location(str(path)))
    remove_stale_temps(path)  # left by a save that was killed
    record_save(brief, author)
    atomic_write_bytes(path, dump_brief(brief), backup=True, error=BriefError)


@dataclass(frozen=True)
class Stamp:
    """What a file looked like when it was read: size, modification time and content hash."""

    size: int
    mtime_ns: int
    digest: str


def file_stamp(path: str | Path) -> Stamp | None:
    """The stamp of ``path`` now, or None if it does not exist."""
    path = Path(path)
    try:
        st = path.stat()
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise BriefError(f"cannot read brief: {exc.strerror or exc}", location=Location(str(path))) from None
    return Stamp(st.st_size, st.st_mtime_ns, digest)


def save_brief_checked(brief: Brief, path: str | Path, expected: Stamp | None, *, force: bool = False) -> Stamp:
    """Save unless the file changed on disk since ``expected`` was taken (then BriefConflict); return the new stamp.

    ``expected=None`` means the file was new when opened: an existing file is then a conflict too.
    """
    path = Path(path)
    if not force:
        current = file_stamp(path)
        if current is not None and (expected is None or current.digest != expected.digest):
            raise BriefConflict(
                "the brief was changed on disk since you opened it",
                location=Location(str(path)),
                hint="save under another name, or overwrite to keep your version",
            )
    save_brief(brief, path)
    stamp = file_stamp(path)
    assert stamp is not None
    return stamp


class BriefLock:
    """An advisory lock beside a brief, held while one window has it open for editing.

    The lock is an OS file lock (via filelock), so it is released if the holder
    crashes. A second window or instance gets ``acquired == False`` and should
    open the brief read-only with a warning.
    """

    def __init__(self, path: str | Path):
        from filelock import FileLock

        path = Path(path)
        self.lock_path = path.with_name(f".{path.name}.lock")
        self._lock = FileLock(str(self.lock_path), timeout=0, is_singleton=False)
        self.acquired = False

    def acquire(self) -> bool:
        """Try once, without waiting. Returns whether this instance now holds the lock."""
        from filelock import Timeout

        try:
            self._lock.acquire(timeout=0)
            self.acquired = True
        except Timeout:
            self.acquired = False
        except OSError:  # a read-only folder: no lock is possible, editing there fails on save anyway
            self.acquired = False
        return self.acquired

    def release(self) -> None:
        """Let go of the lock and remove its file, so a clean close leaves nothing beside the brief."""
        if self.acquired:
            with contextlib.suppress(OSError):  # removed while still held: no other instance can be holding it
                self.lock_path.unlink()
            self._lock.release()
            self.acquired = False
