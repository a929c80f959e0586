"""One pack file read and checked: its YAML parsed, validated by its format (1 or 2) against the content model, its rules checked."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..errors import BriefingError, ContentError
from ..yamlread import YamlDoc, load_yaml_file, validation_problems
from .checks import pack_problems
from .model import PACK_MODELS, Pack, PackV1, upgraded


def pack_files(folder: Path) -> list[Path]:
    """The pack files in a folder, in a stable order."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file() and not p.name.startswith("."))


ITEM_DEPTH = 2  # pack -> kind list -> item: the deepest position a valid pack needs (each item's line)


def validate_pack(data: Any) -> Pack:
    """Validate plain pack data by its ``format``; a format-1 pack comes back as format 2. Raises ValidationError."""
    model = pack_model_for(data)
    pack = model.model_validate(data, strict=True)
    return upgraded(pack) if isinstance(pack, PackV1) else pack


def pack_model_for(data: Any) -> type[Pack] | type[PackV1]:
    return PACK_MODELS.get(data.get("format") if isinstance(data, dict) else None, Pack)


def read_pack(path: Path) -> tuple[Pack | None, YamlDoc | None, list[BriefingError]]:
    """Parse and validate one pack file. Returns the pack (format 2, or upgraded from format 1) or None, and its problems.

    A pack is first read recording only its items' positions, which is all a
    valid pack needs; one with any problem is read again with the position of
    every value and key, so each problem points at its own line and column.
    """
    try:
        doc = load_yaml_file(path, mark_depth=ITEM_DEPTH)
        pack = validate_pack(doc.data)
    except (BriefingError, ValidationError):
        pass
    else:
        if not _check(pack, doc):
            return pack, doc, []
    try:
        doc = load_yaml_file(path)
    except BriefingError as exc:
        return None, None, [exc]
    pack, problems = checked(doc)
    return pack, doc, problems


def checked(doc: YamlDoc) -> tuple[Pack | None, list[BriefingError]]:
    """A parsed pack validated and its rules checked, every problem located: the pack (None if any) and the problems."""
    try:
        pack = validate_pack(doc.data)
    except ValidationError as exc:
        return None, validation_problems(doc, exc, pack_model_for(doc.data), ContentError)
    problems = _check(pack, doc)
    return (pack if not problems else None), problems


def _check(pack: Pack, doc: YamlDoc) -> list[BriefingError]:
    source_key = "sources" if isinstance(doc.data, dict) and "sources" in doc.data else "source"
    return pack_problems(pack, doc.location, source_key)
