"""One pack file read and checked: its YAML parsed, validated against the content model, its references checked."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..errors import BriefingError, ContentError
from ..yamlread import YamlDoc, load_yaml_file, validation_problems
from .model import KINDS, Pack


def pack_files(folder: Path) -> list[Path]:
    """The pack files in a folder, in a stable order."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file() and not p.name.startswith("."))


ITEM_DEPTH = 2  # pack -> kind list -> item: the deepest position a valid pack needs (each item's line)


def read_pack(path: Path) -> tuple[Pack | None, YamlDoc | None, list[BriefingError]]:
    """Parse and validate one pack file. Returns the pack (or None) and its problems.

    A pack is first read recording only its items' positions, which is all a
    valid pack needs; one with any problem is read again with the position of
    every value and key, so each problem points at its own line and column.
    """
    try:
        doc = load_yaml_file(path, mark_depth=ITEM_DEPTH)
        pack = Pack.model_validate(doc.data, strict=True)
    except (BriefingError, ValidationError):
        pass
    else:
        if not _check_references(pack, doc):
            return pack, doc, []
    try:
        doc = load_yaml_file(path)
    except BriefingError as exc:
        return None, None, [exc]
    try:
        pack = Pack.model_validate(doc.data, strict=True)
    except ValidationError as exc:
        return None, doc, validation_problems(doc, exc, Pack, ContentError)
    problems = _check_references(pack, doc)
    return (pack if not problems else None), doc, problems


def _check_references(pack: Pack, doc: YamlDoc) -> list[BriefingError]:
    problems: list[BriefingError] = []
    seen: dict[str, tuple[Any, ...]] = {}
    pillar_ids = {p.id for p in pack.pillars}
    for kind, plural in KINDS.items():
        for index, model in enumerate(getattr(pack, plural)):
            at = (plural, index, "id")
            if model.id in seen:
                first = doc.location(seen[model.id])
                problems.append(
                    ContentError(
                        f"duplicate id {model.id!r} (first at line {first.line})",
                        location=doc.location(at),
                        hint="give each item its own id",
                    )
                )
            else:
                seen[model.id] = at
            if kind != "pillar" and model.pillar not in pillar_ids:
                problems.append(
                    ContentError(
                        f"unknown pillar {model.pillar!r}",
                        location=doc.location((plural, index, "pillar")),
                        hint="use one of: " + ", ".join(sorted(pillar_ids)) if pillar_ids else "add the pillar to pillars:",
                    )
                )
            if kind == "quotation" and model.kind == "reported" and not model.verb:
                problems.append(
                    ContentError(
                        "a reported statement needs its reporting verb",
                        location=doc.location((plural, index)),
                        hint="add verb: stated that",
                    )
                )
    return problems
