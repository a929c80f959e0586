"""Everything the command line prints: one function makes text safe for a terminal, and writes to a closed or full stream are errors.

:func:`safe` shows control characters, escape codes, line and paragraph
separators and bidirectional overrides as visible escapes (``\\x1b``,
``\\u2028``), so no title or message can split a line, recolour the terminal
or set its window title. ``--json`` output keeps the exact text
(:func:`out` with ``exact=True``): JSON escapes what it must itself.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
from typing import TextIO

from .errors import StreamError

_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff\ufeff]")


_LABEL = {"stdout": "standard output", "stderr": "standard error"}


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe(text: object) -> str:
    """``text`` as one terminal-safe line: every control, escape and separator character shown as an escape."""
    return _UNSAFE.sub(_escape, str(text))


def _stream(name: str) -> TextIO:
    stream = getattr(sys, name)
    if stream is None:
        raise StreamError(f"{_LABEL[name]} is closed", hint="run the command with its output going to a file or a terminal")
    return stream


def _write(name: str, text: str) -> None:
    stream = _stream(name)
    try:
        stream.write(text)
    except (OSError, ValueError) as exc:  # ValueError: the stream was closed
        _give_up(name)
        raise StreamError(f"cannot write to {_LABEL[name]}: {_reason(exc)}") from None


def out(text: object = "", *, exact: bool = False) -> None:
    """Print one line on standard output (made :func:`safe` unless ``exact``)."""
    _write("stdout", (str(text) if exact else safe(text)) + "\n")


def err(text: object) -> None:
    """Print one safe line on standard error."""
    _write("stderr", safe(text) + "\n")


def flush() -> None:
    """Flush standard output and error; a failure is a StreamError (and the stream is given up)."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is None:
            continue
        try:
            stream.flush()
        except (OSError, ValueError) as exc:
            _give_up(name)
            raise StreamError(f"cannot write to {_LABEL[name]}: {_reason(exc)}") from None


def report(text: str) -> None:
    """Print an error line on standard error if at all possible; a broken standard error is ignored."""
    with contextlib.suppress(StreamError):
        err(text)
        flush()


def tolerate_unencodable() -> None:
    """Characters the terminal's encoding lacks are written as escapes instead of failing."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, ValueError, OSError):
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]


def _reason(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__


def _give_up(name: str) -> None:
    """Point a broken standard stream at the null device, so nothing is written or fails at exit."""
    stream = getattr(sys, name)
    with contextlib.suppress(AttributeError, ValueError, OSError):
        fd = stream.fileno()
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, fd)
        os.close(null)
