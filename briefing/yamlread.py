"""Strict, safe YAML reading with a location for every value.

Built on PyYAML's event parser (libyaml where available), never its object
constructor: nothing in a file can name a Python type. Anchors, aliases and
explicit tags are refused before anything is expanded, duplicate keys are an
error, and plain scalars follow the YAML 1.2 core schema. Scalars that other
YAML readers (YAML 1.1, as in PyYAML's own loader) would read differently,
such as ``NO``, ``012`` or ``12:30``, are refused: quote them to say what you mean.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from .errors import BriefingError, ContentError, Location
from .limits import MAX_DEPTH, MAX_NUMBER_CHARS, check_long_scalar
from .positions import check_yaml_characters, decode_utf8, mark_positions, position

MAX_FILE_BYTES = 20 * 1024 * 1024

try:  # libyaml is several times faster; the pure-Python parser gives the same events
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - wheels ship libyaml
    _Loader = yaml.SafeLoader

Path_ = tuple[Any, ...]

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL_TRUE = re.compile(r"^(?:true|True|TRUE)$")
_BOOL_FALSE = re.compile(r"^(?:false|False|FALSE)$")
_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_SPECIAL_FLOAT = re.compile(r"^(?:[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$")
# Plain scalars whose meaning differs between YAML readers (YAML 1.1 vs 1.2).
_AMBIGUOUS = [
    (re.compile(r"^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$"), "a boolean"),
    (re.compile(r"^[-+]?0[0-9_]+$"), "an octal number"),
    (re.compile(r"^[-+]?0[box][0-9a-fA-F_]+$"), "a number in another base"),
    (re.compile(r"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$"), "a base-60 number"),
    (re.compile(r"^[-+]?[0-9][0-9_]*_[0-9_]*(?:\.[0-9_]*)?$"), "a number"),
]


@dataclass
class YamlDoc:
    """A parsed YAML document: plain data plus where each value and key came from."""

    path: Path
    data: Any
    value_marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    raw: dict[Path_, str] = field(default_factory=dict)

    def location(self, at: Path_ = (), *, key: bool = False) -> Location:
        """The file:line:col of the value (or key) at ``at``, or of its nearest known parent."""
        marks = self.key_marks if key else self.value_marks
        probe = tuple(at)
        while True:
            if probe in marks:
                line, col = marks[probe]
                return Location(str(self.path), line, col)
            if probe in self.value_marks:
                line, col = self.value_marks[probe]
                return Location(str(self.path), line, col)
            if not probe:
                return Location(str(self.path), 1, 1)
            probe = probe[:-1]


def _error(
    path: Path, at: tuple[int, int] | None, message: str, hint: str | None = None, cls: type[BriefingError] = ContentError
) -> BriefingError:
    line, col = at if at is not None else (None, None)
    return cls(message, location=Location(str(path), line, col), hint=hint)


_MAY_BE_TYPED = frozenset("0123456789+-.~yYnNoOtTfF")  # first characters of numbers, booleans and nulls


def _plain_scalar(text: str) -> tuple[Any, str | None]:
    """The value of a plain (unquoted) scalar, and what an ambiguity would be read as."""
    if text and text[0] not in _MAY_BE_TYPED:
        return text, None  # the common case: plain text
    for pattern, meaning in _AMBIGUOUS:
        if pattern.match(text):
            return None, meaning
    if _NULL.match(text):
        return None, None
    if _BOOL_TRUE.match(text):
        return True, None
    if _BOOL_FALSE.match(text):
        return False, None
    if _INT.match(text):
        return int(text), None
    if _FLOAT.match(text):
        return float(text), None
    if _SPECIAL_FLOAT.match(text):
        return float(text.replace(".", "").lower().replace("nan", "nan")), None
    return text, None


_SKIPPED = (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent)
_ENDS = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


def parse_yaml(text: str, path: Path, cls: type[BriefingError] = ContentError, mark_depth: int | None = None) -> YamlDoc:
    """Parse one YAML document from ``text`` strictly. Raises ``cls`` with file:line:col.

    Every value's and key's position is recorded, or with ``mark_depth`` only
    those of values at most that deep (0 is the document itself): the library
    reads packs with the positions of their items only, and reads a pack again
    in full only when it has a problem to point at.

    One long function on purpose: its loop runs once per YAML event (about a
    million for a 10,000-item library, inside a 1 s budget), and every helper
    call or attribute lookup split out of it is paid per event.
    """
    check_yaml_characters(text, path, cls)
    at = mark_positions(text)
    doc = YamlDoc(path=path, data=None)
    value_marks, key_marks, raw = doc.value_marks, doc.key_marks, doc.raw
    limit = MAX_DEPTH if mark_depth is None else mark_depth
    stack: list[list[Any]] = []  # [container, its path (None when not recorded), keys seen (mappings), pending key]
    documents = 0
    loader = None
    try:
        loader = _Loader(text)  # inside the try: the pure-Python reader checks characters here
        next_event = loader.get_event  # the parser's own method, without yaml.parse's generator: the hot loop
        while True:
            event = next_event()
            etype = type(event)  # exact types: libyaml's events are never subclassed
            if etype is yaml.StreamEndEvent or event is None:
                break
            if etype in _SKIPPED:
                continue
            if etype is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise _error(path, at(event.start_mark), "more than one YAML document in the file", "remove the second '---'", cls)
                continue
            if etype is yaml.AliasEvent:
                raise _error(path, at(event.start_mark), f"alias *{event.anchor} is not allowed", "write the value out in full", cls)
            if etype in _ENDS:
                value = stack.pop()[0]
                _attach(doc, stack, value)
                continue
            if event.anchor:
                raise _error(
                    path,
                    at(event.start_mark),
                    f"anchor &{event.anchor} is not allowed",
                    "remove the anchor and write values out in full",
                    cls,
                )
            tag = event.tag
            if etype is yaml.ScalarEvent:
                if tag and not event.implicit[0] and not event.implicit[1]:
                    raise _error(path, at(event.start_mark), f"tag {tag} is not allowed", "remove the tag", cls)
                if tag and tag not in ("!",):
                    raise _error(path, at(event.start_mark), f"tag {tag} is not allowed", "remove the tag", cls)
            elif tag and not event.implicit:
                raise _error(path, at(event.start_mark), f"tag {tag} is not allowed", "remove the tag", cls)

            depth = len(stack)  # of this value, or of the key's mapping entry
            top = stack[-1] if stack else None
            record = depth <= limit
            if top is not None and top[2] is not None and top[3] is None:
                # this event is a key
                if etype is not yaml.ScalarEvent:
                    raise _error(path, at(event.start_mark), "a mapping key must be a plain name", "use a simple word as the key", cls)
                key = event.value
                if len(key) > MAX_NUMBER_CHARS:
                    check_long_scalar(event.value, not event.style, Location(str(path), *at(event.start_mark)), cls)
                if key in top[2]:
                    first = key_marks.get(top[1] + (key,)) if record else None
                    where = f" (first at line {first[0]})" if first else ""
                    raise _error(path, at(event.start_mark), f"duplicate key {key!r}{where}", "remove one of them", cls)
                top[2].add(key)
                top[3] = key
                if record:
                    key_marks[top[1] + (key,)] = at(event.start_mark)
                continue

            here = None
            if record:
                if top is None:
                    here = ()
                elif top[2] is not None:
                    here = top[1] + (top[3],)
                else:
                    here = top[1] + (len(top[0]),)
                value_marks[here] = at(event.start_mark)
            if depth >= MAX_DEPTH:
                raise _error(path, at(event.start_mark), "nesting is too deep", None, cls)
            if etype is yaml.MappingStartEvent:
                stack.append([{}, here, set(), None])
            elif etype is yaml.SequenceStartEvent:
                stack.append([[], here, None, None])
            else:
                if len(event.value) > MAX_NUMBER_CHARS:
                    check_long_scalar(event.value, not event.style, Location(str(path), *at(event.start_mark)), cls)
                if not event.style:  # plain
                    value, ambiguous = _plain_scalar(event.value)
                    if ambiguous:
                        raise _error(
                            path,
                            at(event.start_mark),
                            f"{event.value!r} is read as {ambiguous} by some YAML readers",
                            f'put it in quotes ("{event.value}") if you mean text',
                            cls,
                        )
                    if isinstance(value, float) and not math.isfinite(value):
                        raise _error(path, at(event.start_mark), f"{event.value!r} is not a finite number", None, cls)
                else:
                    value = event.value
                if record:
                    raw[here] = event.value
                _attach(doc, stack, value)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "syntax error"
        hint = "check the indentation and quoting on this line"
        if "end of stream" in problem and exc.context_mark is not None and exc.context:  # unclosed: point where it opens
            what = exc.context.removeprefix("while scanning ").removeprefix("while parsing ")
            mark, problem, hint = exc.context_mark, f"{what} opens here and is never closed", "close the quote or bracket that opens here"
        where = at(mark) if mark is not None else None
        raise _error(path, where, f"YAML syntax error: {problem}", hint, cls) from None
    except yaml.reader.ReaderError as exc:  # a character the reader refuses, at its own place
        raise cls(f"YAML error: {exc.reason}", location=Location(str(path), *position(text, exc.position))) from None
    except yaml.YAMLError as exc:
        raise cls(f"YAML error: {exc}", location=Location(str(path), 1, 1)) from None
    finally:
        if loader is not None:
            loader.dispose()
    return doc


def _attach(doc: YamlDoc, stack: list[list[Any]], value: Any) -> None:
    """Put a finished value into its parent container (or make it the document)."""
    if not stack:
        doc.data = value
        return
    top = stack[-1]
    if isinstance(top[0], dict):
        top[0][top[3]] = value
        top[3] = None
    else:
        top[0].append(value)


def load_yaml_file(
    path: Path, cls: type[BriefingError] = ContentError, max_bytes: int = MAX_FILE_BYTES, mark_depth: int | None = None
) -> YamlDoc:
    """Read and parse ``path`` strictly; refuse files over ``max_bytes`` before reading them."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise cls(
                f"file is too large ({size / 1048576:.1f} MB; the limit is {max_bytes // 1048576} MB)",
                location=Location(str(path), 1, 1),
                hint="split it into several packs",
            )
        data = path.read_bytes()
    except OSError as exc:
        raise cls(f"cannot read file: {exc.strerror or exc}", location=Location(str(path))) from None
    return parse_yaml(decode_utf8(path, data, cls), path, cls, mark_depth)


M = TypeVar("M", bound=BaseModel)

_TYPE_NAMES = {bool: "a boolean", int: "a number", float: "a number", str: "text", type(None): "empty", list: "a list", dict: "a mapping"}


def _describe(value: Any) -> str:
    return _TYPE_NAMES.get(type(value), type(value).__name__)


def _allowed_fields(model: type[BaseModel], loc: Iterable[Any]) -> list[str]:
    """Field names allowed by the model at ``loc`` (the mapping that holds an unknown key)."""
    import typing

    current: Any = model
    for part in loc:
        if isinstance(current, type) and issubclass(current, BaseModel):
            info = current.model_fields.get(part) if isinstance(part, str) else None
            if info is None:
                return []
            current = info.annotation
            continue
        args = [a for a in typing.get_args(current) if a is not type(None)]
        origin = typing.get_origin(current)
        if origin in (list, tuple) and isinstance(part, int) and args:
            current = args[0]
        elif origin is dict and args:
            current = args[-1]
        elif args:
            current = next((a for a in args if isinstance(a, type) and issubclass(a, BaseModel)), args[0])
        else:
            return []
    while not (isinstance(current, type) and issubclass(current, BaseModel)):
        args = [a for a in typing.get_args(current) if a is not type(None)]
        if not args:
            return []
        current = args[0]
    return [info.alias or name for name, info in current.model_fields.items()]


def validation_problems(doc: YamlDoc, error: ValidationError, model: type[BaseModel], cls: type[BriefingError]) -> list[BriefingError]:
    """Turn pydantic's errors into located, human problems, one per error."""
    problems: list[BriefingError] = []
    seen: set[str] = set()
    for item in error.errors(include_url=False):
        loc = _data_path(doc.data, item["loc"])
        kind = item["type"]
        name = loc[-1] if loc else ""
        raw = doc.raw.get(loc)
        value = item.get("input")
        if kind == "extra_forbidden":
            allowed = _allowed_fields(model, loc[:-1])
            hint = ("expected one of: " + ", ".join(allowed)) if allowed else "remove it"
            problems.append(cls(f"unknown field {name!r}", location=doc.location(loc, key=True), hint=hint))
        elif kind == "missing":
            problems.append(cls(f"missing required field {name!r}", location=doc.location(loc[:-1]), hint=f"add {name}:"))
        elif kind in ("string_type",):
            shown = raw if raw is not None else value
            problems.append(
                cls(
                    f"{name!r} must be text, but {shown!r} is read as {_describe(value)}",
                    location=doc.location(loc),
                    hint=f'put it in quotes: "{shown}"' if raw is not None else None,
                )
            )
        elif kind in ("int_type", "float_type", "int_parsing", "float_parsing", "int_from_float"):
            shown = raw if raw is not None else value
            problems.append(
                cls(f"{name!r} must be a number, not {shown!r}", location=doc.location(loc), hint="write digits, e.g. 250000000")
            )
        elif kind in ("bool_type", "bool_parsing"):
            problems.append(cls(f"{name!r} must be true or false, not {raw or value!r}", location=doc.location(loc)))
        elif kind in ("list_type",):
            problems.append(
                cls(
                    f"{name!r} must be a list, not {_describe(value)}",
                    location=doc.location(loc),
                    hint="write each entry on its own '- ' line",
                )
            )
        elif kind in ("dict_type", "model_type", "model_attributes_type"):
            problems.append(cls(f"{name or 'the file'!r} must be a mapping of fields, not {_describe(value)}", location=doc.location(loc)))
        else:
            message = item["msg"]
            message = message.removeprefix("Value error, ")
            label = f"{name!r}: " if isinstance(name, str) and name else ""
            problems.append(cls(f"{label}{message[0].lower() + message[1:] if message else message}", location=doc.location(loc)))
    unique = []
    for problem in problems:
        if str(problem) not in seen:
            seen.add(str(problem))
            unique.append(problem)
    return unique


def _data_path(data: Any, loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """The part of pydantic's ``loc`` that names real data; union member names it appends are dropped."""
    path: list[Any] = []
    current = data
    for index, part in enumerate(loc):
        if (isinstance(current, dict) and part in current) or (
            isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current)
        ):
            current = current[part]
        elif isinstance(current, dict) and index == len(loc) - 1:
            path.append(part)  # a missing or unknown key: keep its name
            break
        else:
            break
        path.append(part)
    return tuple(path)


def validate(doc: YamlDoc, model: type[M], cls: type[BriefingError] = ContentError) -> M:
    """Check ``doc`` against ``model``; raise the first problem (use validation_problems for all)."""
    try:
        return model.model_validate(doc.data, strict=True)
    except ValidationError as exc:
        raise validation_problems(doc, exc, model, cls)[0] from None
