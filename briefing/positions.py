"""Where a character is in a text: line and column counted as editors count them, and the characters YAML refuses.

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


# Characters YAML does not allow in a file (C0 and C1 controls but tab and line breaks, DEL, surrogates, U+FFFE, U+FFFF).
_NOT_ALLOWED = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
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
