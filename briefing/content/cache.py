"""A memo of parsed packs, keyed by file identity, so reloading an unchanged library is cheap.

An entry is reused only while the file's size, modification time and inode are
unchanged; any edit invalidates it.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from ..errors import BriefingError
from .model import KINDS, Pack

_lock = threading.Lock()
_memo: dict[Path, tuple[tuple[int, int, int], tuple[Pack | None, dict[tuple[Any, ...], int], list[BriefingError]]]] = {}


def _stamp(path: Path) -> tuple[int, int, int]:
    st = path.stat()
    return (st.st_size, st.st_mtime_ns, st.st_ino)


def cached_read_pack(path: Path) -> tuple[Pack | None, dict[tuple[Any, ...], int], list[BriefingError]]:
    """Like :func:`library.read_pack`, plus the line of each item; memoised on file identity."""
    from .library import read_pack

    key = path.resolve()
    try:
        stamp = _stamp(key)
    except OSError:
        stamp = (-1, -1, -1)
    with _lock:
        hit = _memo.get(key)
        if hit and hit[0] == stamp:
            return hit[1]
    pack, doc, problems = read_pack(path)
    lines: dict[tuple[Any, ...], int] = {}
    if pack is not None and doc is not None:
        for plural in KINDS.values():
            for index in range(len(getattr(pack, plural))):
                lines[(plural, index)] = doc.location((plural, index)).line or 1
    result = (pack, lines, problems)
    with _lock:
        _memo[key] = (stamp, result)
    return result


def clear() -> None:
    """Forget every memoised pack."""
    with _lock:
        _memo.clear()
