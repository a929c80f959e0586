"""Copying an item into another pack ("Duplicate to my pack"): it brings the source document and pillar it needs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from . import pack_yaml
from .folders import my_pack_file
from .library import Item, Library
from .model import KINDS, MAIN_SOURCE
from .pack_writer import Saved, free_id, ids_in, item_fields, save_change, write_new_pack

MY_PACK_ID = "my-content"


def _source_id(data: CommentedMap, document: dict[str, Any], pack: str) -> str:
    """The id of ``document`` in the target pack's sources, adding it when the pack does not have it yet."""
    sources = data.get("sources")
    if sources is None:
        sources = data["sources"] = CommentedSeq()
    same = {k: v for k, v in document.items() if k != "id" and v is not None}
    for entry in sources:
        if {k: v for k, v in pack_yaml.plain(entry).items() if k != "id" and v is not None} == same:
            return str(entry["id"])
    wanted = pack if document["id"] == MAIN_SOURCE else document["id"]  # "main" says nothing once beside other sources
    new_id = free_id({str(e.get("id")) for e in sources}, wanted)
    sources.append(pack_yaml.node("source", {"id": new_id, **same}))
    sources[-1].fa.set_block_style()
    return new_id


def _copy(data: CommentedMap, item: Item, library: Library) -> str:
    """Put a copy of ``item`` into ``data``; returns its id there."""
    values = item.model.model_dump(mode="json")
    if item.source is not None and isinstance(values.get("source"), dict):
        values["source"]["doc"] = _source_id(data, item.source.model_dump(mode="json"), item.pack)
    pillar = values.get("pillar") if item.kind != "pillar" else None
    if pillar:
        have = {str(p.get("id")) for p in data.get("pillars") or ()}
        original = library.get(f"{item.pack}/{pillar}")
        if pillar not in have and original is not None:
            values["pillar"] = _copy(data, original, library)
    values["id"] = free_id(ids_in(data), item.model.id)
    plural = KINDS[item.kind]
    if data.get(plural) is None:
        data[plural] = CommentedSeq()
    data[plural].append(pack_yaml.node(item.kind, item_fields(item.kind, values)))
    return values["id"]


def duplicate_to_pack(item: Item, library: Library, target: Path | None = None) -> tuple[Saved, str]:
    """Copy ``item`` (with its source document and pillar) into ``target``, by default the user's own pack.

    The target is created as an empty format-2 pack when it does not exist.
    Returns the save and the full id of the copy.
    """
    target = target or my_pack_file()
    if not target.exists():
        write_new_pack(target, MY_PACK_ID, "My content")
    made: list[str] = []

    def change(data: CommentedMap) -> None:
        made.append(_copy(data, item, library))

    saved = save_change(target, change)
    pack_id = str(pack_yaml.load(target.read_text(encoding="utf-8"), str(target)).get("pack"))
    return saved, f"{pack_id}/{made[-1]}"
