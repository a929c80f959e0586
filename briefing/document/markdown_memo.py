"""Officer text markdown-it has read before, kept between command-line runs, so a cold build need not load markdown-it.

Importing markdown-it is about a twentieth of a cold ``briefing build``
(benchmarks/README.md), and an officer builds the same brief again and again
with the same notes. The command line opens the memo before a build and saves
it after: the blocks of each text markdown-it reads are kept under a digest of
the text, in one file of the user cache folder. The file's name hashes all
that decides an entry (see :func:`_file`), so an upgrade or a change of the
rules starts a new file and the old one is deleted; a property test holds a
remembered text to markdown-it's own result. At most :data:`MAX_ENTRIES` texts
are kept, the most recently used. Best effort, as the other caches: a file that
cannot be read is ignored, and one that cannot be written is left unwritten.
The app does not open it (markdown-it loads once a session), and it is not
made for threads: one command, one memo.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import json
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .. import __version__, paths
from ..atomic import atomic_write_bytes
from ..errors import BriefingError
from .model import ListBlock, Paragraph, Run

MAX_ENTRIES = 2000
FORMAT = 1  # of the entries (see _encoded)
Blocks = tuple[Paragraph | ListBlock, ...]

_entries: dict[str, Any] | None = None  # None: no memo open (the app, the tests, a library caller)
_changed = False
_target: Path | None = None  # the open memo's file


def _code(path: str | Path) -> bytes:
    """A module's source, or in a frozen bundle (no sources on disk) the executable's size and time: it changes with the code."""
    try:
        return Path(path).read_bytes()
    except OSError:
        stat = Path(sys.executable).stat()  # not the path: a bundle moved elsewhere keeps its memo
        return f"{Path(path).name}\0{stat.st_size}\0{stat.st_mtime_ns}".encode("utf-8", "surrogatepass")


def _file() -> Path:
    """The memo's file: named for everything that decides its entries.

    Briefing's version, this module and the modules that read and model the text,
    markdown-it's own version, and the Unicode data that decides what is a letter
    or punctuation around an emphasis marker.
    """
    here = Path(__file__).parent
    parts = [__version__.encode(), str(FORMAT).encode(), unicodedata.unidata_version.encode()]
    parts += [_code(here / name) for name in ("markdown_memo.py", "markdown.py", "model.py")]
    spec = importlib.util.find_spec("markdown_it")
    if spec is not None and spec.origin:
        parts.append(_code(spec.origin))  # markdown-it's __init__: its version
    digest = hashlib.sha256(b"\0".join(parts)).hexdigest()[:16]
    return paths.user_cache_dir() / f"markdown-{digest}.json"


def _key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def open_memo() -> None:
    """Read the memo (or start an empty one) for this process's parses."""
    global _entries, _changed, _target
    _changed, _target = False, None
    try:
        _target = _file()
        raw = json.loads(_target.read_bytes())
        _entries = raw if isinstance(raw, dict) else {}
    except (OSError, ValueError):
        _entries = {}


def save_memo() -> None:
    """Write the memo back if this run added to it or used it in a new order, keeping the most recently used texts."""
    global _changed
    if _entries is None or _target is None or not _changed:
        return
    kept = dict(list(_entries.items())[-MAX_ENTRIES:])
    with contextlib.suppress(BriefingError, OSError):
        # a cache: no fsync (a lost or empty file after a power cut is just parsed again)
        atomic_write_bytes(_target, json.dumps(kept, ensure_ascii=False).encode("utf-8"), durable=False)
        for older in _target.parent.glob("markdown-*.json"):  # made by other code: never read again
            if older != _target:
                older.unlink(missing_ok=True)
    _changed = False


def close_memo() -> None:
    """Stop remembering (what was not saved is dropped)."""
    global _entries, _changed, _target
    _entries, _changed, _target = None, False, None


@contextlib.contextmanager
def kept_between_runs() -> Iterator[None]:
    """Open the memo for what runs inside, then save it (whether or not that succeeded) and close it."""
    open_memo()
    try:
        yield
    finally:
        save_memo()
        close_memo()


def remembered(text: str) -> Blocks | None:
    """The blocks kept for ``text``, or None (no memo open, not kept, or an entry that does not read)."""
    global _changed
    if _entries is None:
        return None
    key = _key(text)
    was_newest = next(reversed(_entries), None) == key
    entry = _entries.pop(key, None)
    if entry is None:
        return None
    try:
        blocks = _decoded(entry)
    except (TypeError, ValueError, KeyError, IndexError):
        _changed = True
        return None  # a damaged entry: dropped, and parsed again
    _entries[key] = entry  # now the most recently used: a run that only reads still keeps that order
    _changed = _changed or not was_newest
    return blocks


def remember(text: str, blocks: Blocks) -> None:
    """Keep what markdown-it made of ``text`` (when a memo is open)."""
    global _changed
    if _entries is not None:
        _entries[_key(text)] = _encoded(blocks)
        _changed = True


def _runs_out(runs: tuple[Run, ...]) -> list[list[Any]]:
    return [[run.text, run.emphasis, run.strong] for run in runs]


def _runs_in(data: list[Any]) -> tuple[Run, ...]:
    runs = []
    for text, emphasis, strong in data:
        if not (isinstance(text, str) and isinstance(emphasis, bool) and isinstance(strong, bool)):
            raise TypeError("not a run")
        runs.append(Run(text, emphasis, strong))
    return tuple(runs)


def _encoded(blocks: Blocks) -> list[list[Any]]:
    """``["p", runs]`` for a paragraph, ``["ol" | "ul", [runs, ...]]`` for a list."""
    out: list[list[Any]] = []
    for block in blocks:
        if isinstance(block, ListBlock):
            out.append(["ol" if block.ordered else "ul", [_runs_out(item) for item in block.items]])
        else:
            out.append(["p", _runs_out(block.runs)])
    return out


def _decoded(data: list[Any]) -> Blocks:
    blocks: list[Paragraph | ListBlock] = []
    for kind, body in data:
        if kind == "p":
            blocks.append(Paragraph(runs=_runs_in(body)))
        elif kind in ("ol", "ul"):
            blocks.append(ListBlock(ordered=kind == "ol", items=tuple(_runs_in(item) for item in body)))
        else:
            raise ValueError(f"unknown block {kind!r}")
    return tuple(blocks)
