"""Typed snapshots: a brief's copy of each chosen item, checked per item kind with the library's own models.

A snapshot is the item's fields (as in its pack) plus ``item_kind``, ``pack``
and ``origin`` (the source document). Each kind's snapshot model extends the
library's model for that kind, so the same rules hold in a pack and a brief;
unknown keys are kept, as everywhere in a brief. A new item kind is one line in
:data:`SNAPSHOT_KINDS`.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from ..content import model as content
from ..errors import BriefError, Location
from .model import Brief, Entry

SNAPSHOT_KINDS: dict[str, type[BaseModel]] = {
    "pillar": content.Pillar,
    "figure": content.Figure,
    "quotation": content.Quotation,
    "event": content.Event,
    "project": content.Project,
    "person": content.Person,
    "line": content.Line,
}
ORIGIN_MODEL: Any = content.Source | content.SourceV1 | None  # a format-2 source, a format-1 one (briefs made before), or none (a line)


@cache
def snapshot_model(kind: str) -> type[BaseModel]:
    """The snapshot model of one item kind: the library's model plus ``item_kind``, ``pack`` and ``origin``."""
    base = SNAPSHOT_KINDS[kind]
    namespace: dict[str, Any] = {
        "__annotations__": {"item_kind": Literal[kind], "pack": content.ItemId, "origin": ORIGIN_MODEL},
        "model_config": ConfigDict(extra="allow", frozen=True, strict=True, title=f"{base.__name__}Snapshot"),
        "__doc__": f"A brief's snapshot of a {kind}: its fields in the pack, plus its kind, its pack and its source document.",
        "__module__": __name__,
    }
    return type(f"{base.__name__}Snapshot", (base,), namespace)


def _describe(entry: Entry, index: int) -> str:
    return f"item {index + 1} ({entry.ref})"


def typed_snapshot(entry: Entry, index: int = 0, path: str | Path | None = None) -> BaseModel:
    """``entry``'s snapshot as its kind's model, or a BriefError naming the brief and the item."""
    where = Location(str(path)) if path is not None else None
    snap = entry.snapshot
    kind = snap.get("item_kind")
    if kind not in SNAPSHOT_KINDS:
        found = "has no item_kind" if kind is None else f"has an unknown item_kind {kind!r}"
        raise BriefError(
            f"{_describe(entry, index)}: the snapshot {found}",
            location=where,
            hint="expected one of: " + ", ".join(SNAPSHOT_KINDS) + "; remove the item and add it again from the library",
        )
    try:
        return snapshot_model(kind).model_validate(snap, strict=True)
    except ValidationError as exc:
        raise BriefError(
            f"{_describe(entry, index)}: the {kind} snapshot {_problem(exc)}",
            location=where,
            hint="remove the item and add it again from the library",
        ) from None


def _problem(exc: ValidationError) -> str:
    first = exc.errors(include_url=False)[0]
    field = ".".join(str(part) for part in first["loc"])
    if first["type"] == "missing":
        return f"lacks {field!r}"
    message = first["msg"].removeprefix("Value error, ")
    return f"has a bad {field!r}: {message[:1].lower()}{message[1:]}"


def check_snapshots(brief: Brief, path: str | Path | None = None) -> None:
    """Check every snapshot of ``brief``; the first bad one is a BriefError naming the brief and the item."""
    for index, entry in enumerate(brief.items):
        typed_snapshot(entry, index, path)


def snapshot_schema(definitions: dict[str, Any]) -> dict[str, Any]:
    """The JSON Schema of a snapshot (one of the kinds, by ``item_kind``); the kinds' models go into ``definitions``."""
    from pydantic.json_schema import models_json_schema

    models = [(snapshot_model(kind), "validation") for kind in SNAPSHOT_KINDS]
    _, schema = models_json_schema(models, ref_template="#/$defs/{model}")
    definitions.update(schema.get("$defs", {}))
    return {
        "oneOf": [{"$ref": f"#/$defs/{snapshot_model(kind).__name__}"} for kind in SNAPSHOT_KINDS],
        "description": "The item as it was when chosen: its kind's fields, plus item_kind, pack and origin",
    }
