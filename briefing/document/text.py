"""The one rule for characters no document can hold, shared by every writer so PDF and Word agree.

Whitespace controls (tab, newline, vertical tab, form feed, the information
separators, NEL, line and paragraph separators) become a space. Every other
control character, lone surrogates and the noncharacters U+FFFE/U+FFFF are
removed and reported. A valid surrogate pair is first joined into the one
character it encodes.
"""

from __future__ import annotations

import re

from ..wording import counted

_SPACE_LIKE = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\u2028\u2029"
_TO_SPACE = re.compile("\r\n|[" + re.escape(_SPACE_LIKE) + "]")
_REMOVED = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


_SURROGATE = re.compile("[\ud800-\udfff]")


def join_surrogate_pairs(text: str) -> str:
    """Turn each valid pair of surrogate code points into the character it encodes; lone ones stay."""
    if _SURROGATE.search(text) is None:  # a regular expression, not a loop: every text of every export passes here
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")


def clean_text(text: str) -> tuple[str, list[str]]:
    """``text`` safe for every writer, and the characters that had to be removed (in order)."""
    if text.isascii() and text.isprintable():  # most text of every export: nothing to change, found at C speed
        return text, []
    text = join_surrogate_pairs(text)
    removed = _REMOVED.findall(text)
    if removed:
        text = _REMOVED.sub("", text)
    return _TO_SPACE.sub(" ", text), removed


def describe_removed(removed: list[str]) -> str:
    """``1 control character (U+000B)`` or ``2 invalid characters (U+0001, U+D800)``."""
    count = len(removed)
    noun = "control character" if all(ord(char) < 0x20 or 0x7F <= ord(char) <= 0x9F for char in removed) else "invalid character"
    codes = ", ".join(dict.fromkeys(f"U+{ord(char):04X}" for char in removed))
    return f"{counted(count, noun)} ({codes})"
