"""Limits on what a file may hold (nesting depth, number size, text length) and the strict JSON reader that applies them.

A value past a limit is an error at its own line and column, raised before
the file is parsed: Python's own limits (recursion, the 4,300-digit integer
cap) would otherwise surface as internal errors far from the file.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from .errors import BriefingError, Location
from .positions import position

MAX_DEPTH = 64
MAX_NUMBER_CHARS = 100
MAX_TEXT_CHARS = 100_000

_JSON_TOKEN = re.compile(
    r'"(?P<string>[^"\\]*(?:\\.[^"\\]*)*)"?|(?P<open>[\[{])|(?P<close>[\]}])|(?P<number>-?[0-9][-+.eE0-9]*)|(?P<word>NaN|-?Infinity)', re.S
)


def number_too_long(text: str, location: Location, cls: type[BriefingError]) -> BriefingError:
    return cls(
        f"number is too long ({len(text):,} characters; the limit is {MAX_NUMBER_CHARS})",
        location=location,
        hint="write the number with fewer digits",
    )


def text_too_long(length: int, location: Location, cls: type[BriefingError]) -> BriefingError:
    return cls(
        f"text is too long ({length:,} characters; the limit is {MAX_TEXT_CHARS:,})",
        location=location,
        hint="shorten it, or split it into several items",
    )


def too_deep(location: Location, cls: type[BriefingError]) -> BriefingError:
    return cls(f"nesting is too deep (more than {MAX_DEPTH} levels)", location=location, hint="is this the right file?")


_NUMBER = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")


def check_long_scalar(value: str, plain: bool, where: Location, cls: type[BriefingError]) -> None:
    """Refuse a YAML scalar past a limit: a text that is too long, or a plain number with too many digits."""
    if len(value) > MAX_TEXT_CHARS:
        raise text_too_long(len(value), where, cls)
    if plain and len(value) > MAX_NUMBER_CHARS and _NUMBER.fullmatch(value):
        raise number_too_long(value, where, cls)


def check_json_limits(text: str, path: str, cls: type[BriefingError]) -> None:
    """Refuse JSON nested more than MAX_DEPTH deep, numbers that are too long or not finite, and texts that are too long."""
    depth = 0
    for match in _JSON_TOKEN.finditer(text):
        kind = match.lastgroup
        if kind == "open":
            depth += 1
            if depth > MAX_DEPTH:
                raise too_deep(Location(path, *position(text, match.start())), cls)
        elif kind == "close":
            depth -= 1
        elif kind == "string":
            if match.end("string") - match.start("string") > MAX_TEXT_CHARS:
                raise text_too_long(match.end("string") - match.start("string"), Location(path, *position(text, match.start())), cls)
        elif kind == "number":
            token = match.group()
            if len(token) > MAX_NUMBER_CHARS:
                raise number_too_long(token, Location(path, *position(text, match.start())), cls)
            if not _finite(token):
                raise cls(f"{token} is not a finite number", location=Location(path, *position(text, match.start())))
        else:
            raise cls(
                f"{match.group()} is not a number JSON allows",
                location=Location(path, *position(text, match.start())),
                hint="write a number",
            )


def _finite(token: str) -> bool:
    try:
        return math.isfinite(float(token))
    except ValueError:
        return True  # not a number at all: the JSON parser reports it at its place


def load_json(data: str | bytes, path: str, cls: type[BriefingError], hint: str | None = None) -> Any:
    """Parse JSON strictly: every failure, and every value past a limit, is ``cls`` with line and column."""
    if isinstance(data, bytes):
        try:
            text = data.decode(json.detect_encoding(data))
        except (UnicodeDecodeError, LookupError):
            raise cls("not UTF-8 text", location=Location(path), hint=hint) from None
    else:
        text = data
    text = text.removeprefix("\ufeff")
    check_json_limits(text, path, cls)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        line, column = position(exc.doc, exc.pos)
        raise cls(f"not valid JSON: {exc.msg}", location=Location(path, line, column), hint=hint) from None
    except (ValueError, RecursionError) as exc:  # past a limit of Python's own that the check above did not foresee
        raise cls(f"not valid JSON: {exc}", location=Location(path), hint=hint) from None
