"""Where a character is in a text: line and column counted as editors count them; bytes that are no UTF-8 and characters YAML refuses.

Only CR, LF and CRLF end a line. PyYAML also ends lines at U+0085, U+2028 and
U+2029, which would shift every later line number away from what the
officer's editor shows; marks are recounted from their character index.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .errors import BriefingError, Location

_EDITOR_BREAK = re.compile(r"\r\n|\r|\n")


def position(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of ``text[index]``, counting lines as editors do."""
    line = 1
    start = 0
    for match in _EDITOR_BREAK.finditer(text, 0, index):
        line += 1
        start = match.end()
    return line, index - start + 1


def decode_utf8(path: Path, data: bytes, cls: type[BriefingError]) -> str:
    """``data`` as UTF-8 text (a byte-order mark dropped); UTF-16 or an invalid byte is ``cls`` at its line and column."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or (len(data) > 1 and (data[0] == 0 or data[1] == 0)):
        raise cls("file is UTF-16, not UTF-8", location=Location(str(path), 1, 1), hint="save it as UTF-8")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]  # a UTF-8 byte-order mark, as Notepad writes: harmless, dropped
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        raise cls(
            f"invalid UTF-8 byte 0x{data[exc.start]:02x}",
            location=Location(str(path), line, col),
            hint="save the file as UTF-8",
        ) from None


# Characters YAML does not allow in a file (C0 and C1 controls but tab and line breaks, DEL, surrogates, U+FFFE, U+FFFF),
# listed rather than as the complement of what it allows: the complement's set of a million code points costs 3 ms to compile.
_NOT_ALLOWED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
_UNUSUAL_BREAKS = ("\x85", "\u2028", "\u2029")  # line breaks to PyYAML, characters within a line to editors


def check_yaml_characters(text: str, path: Path, cls: type[BriefingError]) -> None:
    """Refuse a character YAML does not allow, at its own line and column."""
    bad = _NOT_ALLOWED.search(text)
    if bad is None:
        return
    code = ord(bad.group())
    what = "a noncharacter" if code >= 0xFFFE else "a lone surrogate" if code >= 0xD800 else "a control character"
    raise cls(
        f"character U+{code:04X} ({what}) is not allowed in YAML",
        location=Location(str(path), *position(text, bad.start())),
        hint="remove it" if code >= 0xD800 else f'remove it, or write it as "\\x{code:02x}" inside double quotes',
    )


def mark_positions(text: str) -> Callable[[Any], tuple[int, int]]:
    """Turn a parser mark into a 1-based (line, column), counting lines as editors do."""
    if not any(char in text for char in _UNUSUAL_BREAKS):
        return lambda mark: (mark.line + 1, mark.column + 1)
    starts = [0] + [match.end() for match in _EDITOR_BREAK.finditer(text)]

    def at(mark) -> tuple[int, int]:
        line = bisect.bisect_right(starts, mark.index)
        return line, mark.index - starts[line - 1] + 1

    return at
