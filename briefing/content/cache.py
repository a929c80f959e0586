"""Parsed packs cached in memory and on disk, so reloading an unchanged library is cheap.

An entry is used only while the file's size and modification time are those it
was made from; any edit invalidates it. Only valid packs are cached: a broken
pack is parsed again each time, so its problems are always current.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import threading
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .. import paths
from ..atomic import atomic_write_bytes
from ..errors import BriefingError
from .model import KINDS, Pack
from .packfile import read_pack, validate_pack

CACHE_VERSION = 3
Lines = dict[tuple[Any, ...], int]
Result = tuple[Pack | None, Lines, list[BriefingError]]

_lock = threading.Lock()
_memo: dict[Path, tuple[tuple[int, int], Result]] = {}


def _stamp(path: Path) -> tuple[int, int]:
    st = path.stat()
    return (st.st_size, st.st_mtime_ns)


def _disk_entry(path: Path) -> Path:
    digest = hashlib.sha256(str(path).encode("utf-8", "surrogatepass")).hexdigest()[:32]
    return paths.user_cache_dir() / "packs" / f"{digest}.json"


def _read_disk(path: Path, stamp: tuple[int, int]) -> Result | None:
    entry = _disk_entry(path)
    try:
        raw = json.loads(entry.read_bytes())
        if raw.get("v") != CACHE_VERSION or tuple(raw.get("stamp", ())) != stamp or raw.get("path") != str(path):
            return None
        pack = validate_pack(raw["pack"])
        lines = {(plural, index): line for plural, index, line in raw["lines"]}
        return pack, lines, []
    except (OSError, ValueError, KeyError, TypeError, ValidationError):
        return None


def _write_disk(path: Path, stamp: tuple[int, int], data: Any, lines: Lines) -> None:
    """Cache the pack's plain data as read from YAML (it validated, so it will again)."""
    payload = {
        "v": CACHE_VERSION,
        "path": str(path),
        "stamp": list(stamp),
        "pack": data,
        "lines": [[k[0], k[1], v] for k, v in lines.items()],
    }
    with contextlib.suppress(BriefingError, OSError):
        # a cache: no fsync (a lost or empty entry after a power cut is just parsed again)
        atomic_write_bytes(_disk_entry(path), json.dumps(payload, ensure_ascii=False).encode("utf-8"), durable=False)


def cached_read_pack(path: Path) -> Result:
    """Like :func:`packfile.read_pack`, plus the line of each item; cached on file identity."""
    key = path.resolve()
    try:
        stamp = _stamp(key)
    except OSError:
        stamp = (-1, -1)
    with _lock:
        hit = _memo.get(key)
    if hit and hit[0] == stamp:
        return hit[1]
    result = _read_disk(key, stamp) if stamp[0] >= 0 else None
    if result is None:
        pack, doc, problems = read_pack(path)
        lines: Lines = {}
        if pack is not None and doc is not None:
            for plural in KINDS.values():
                for index in range(len(getattr(pack, plural))):
                    lines[(plural, index)] = doc.location((plural, index)).line or 1
            _write_disk(key, stamp, doc.data, lines)
        result = (pack, lines, problems)
    with _lock:
        _memo[key] = (stamp, result)
    return result


def clear() -> None:
    """Forget every memoised pack (the disk cache is checked against file stamps anyway)."""
    with _lock:
        _memo.clear()
