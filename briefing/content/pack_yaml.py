"""Round-trip YAML for writing packs (ruamel.yaml): comments, key order, quoting and layout survive an edit."""

from __future__ import annotations

import io
import re
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, FoldedScalarString, LiteralScalarString

from ..errors import ContentError, Location

_PLAIN = re.compile(r"^[a-z][a-z0-9-]*$")
_PLAIN_TEXT = re.compile(r"^[A-Za-z][A-Za-z0-9 ,.'()/-]*[A-Za-z0-9.)]$")  # words and punctuation no YAML reader misreads
_NOT_PLAIN = {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "nan", "inf"}
_FLOW_LISTS = ("tags", "participants", "span")
_FIRST_ITEM = re.compile(r"^[A-Za-z_]\w*:\s*(#.*)?\n( *)- ", re.MULTILINE)


def _represent_none(representer, _data):
    return representer.represent_scalar("tag:yaml.org,2002:null", "null")


def _yaml(text: str = "") -> YAML:
    """A round-trip YAML that writes the pack's own list indentation (``  - id:`` or ``- id:``) and ``null``."""
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap a long line
    match = _FIRST_ITEM.search(text)
    offset = len(match.group(2)) if match else 2
    yaml.indent(mapping=2, sequence=offset + 2, offset=offset)
    yaml.representer.add_representer(type(None), _represent_none)
    return yaml


def load(text: str, where: str) -> CommentedMap:
    """The pack's text as an editable round-trip mapping."""
    try:
        data = _yaml(text).load(text)
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise ContentError(
            f"cannot read the pack to edit it: {exc}", location=Location(where, line), hint="fix the file, then try again"
        ) from None
    if not isinstance(data, CommentedMap):
        raise ContentError("the pack is not a mapping of fields", location=Location(where, 1), hint="start it with format: 2")
    return data


def dump(data: CommentedMap, original_text: str) -> str:
    """The edited mapping as text, laid out like the original."""
    out = io.StringIO()
    _yaml(original_text).dump(data, out)
    return out.getvalue()


def scalar(value: Any, like: Any = None) -> Any:
    """A value ready to write. Text is quoted unless it is a plain word, so no reader takes it for a number or boolean.

    Text replacing a folded (``>-``) or literal (``|``) block keeps that style,
    and plain text stays plain where that is safe.
    """
    if not isinstance(value, str):
        return value
    if type(like) is str and _PLAIN_TEXT.match(value) and value.lower() not in _NOT_PLAIN and "  " not in value:
        return value
    if isinstance(like, FoldedScalarString):
        return FoldedScalarString(value)
    if isinstance(like, LiteralScalarString):
        return LiteralScalarString(value)
    if _PLAIN.match(value) and value not in _NOT_PLAIN:
        return value
    return DoubleQuotedScalarString(value)


def node(key: str, value: Any, like: Any = None) -> Any:
    """A plain value (dict, list or scalar) as round-trip YAML: citations and short lists in flow style."""
    if isinstance(value, dict):
        mapping = CommentedMap()
        for k, v in value.items():
            mapping[k] = node(k, v, like.get(k) if isinstance(like, dict) else None)
        if key == "source" or (isinstance(like, CommentedMap) and like.fa.flow_style()):
            mapping.fa.set_flow_style()
        return mapping
    if isinstance(value, list):
        seq = CommentedSeq(node(key, v) for v in value)
        if key in _FLOW_LISTS or (isinstance(like, CommentedSeq) and like.fa.flow_style()):
            seq.fa.set_flow_style()
        return seq
    return scalar(value, like)


def plain(value: Any) -> Any:
    """Round-trip YAML back to plain dicts, lists and scalars (for comparing and validating)."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value


def update_mapping(target: CommentedMap, fields: dict[str, Any]) -> None:
    """Make ``target`` hold exactly ``fields``: changed values are replaced, untouched ones (and their comments) kept.

    Keys keep their place; new keys go where the field order puts them.
    """
    for key in [k for k in target if k not in fields]:
        del target[key]
    for index, (key, value) in enumerate(fields.items()):
        if key in target:
            if plain(target[key]) == value:
                continue
            old = target[key]
            if isinstance(old, CommentedMap) and isinstance(value, dict):
                update_mapping(old, value)
            else:
                target[key] = node(key, value, old)
        else:
            target.insert(min(index, len(target)), key, node(key, value))
