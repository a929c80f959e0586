"""Writing packs: add, edit, duplicate and delete items, safely, with comments and layout kept.

Every save reads the file afresh under an OS lock, applies one change, checks
the result is a valid pack, and replaces the file atomically with a ``~``
backup. A file that changed since the caller read it is a :class:`PackChanged`
conflict the caller can ask about; a file another process is saving is a
:class:`PackBusy` error. A format-1 pack is written as format 2 on its first edit.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ..atomic import atomic_write_bytes
from ..errors import ContentError, Location
from ..yamlread import parse_yaml
from . import pack_yaml
from .digest import digest_of
from .model import KINDS, MAIN_SOURCE, MODELS, field_names
from .packfile import checked

LOCK_TIMEOUT = 5.0  # seconds to wait for another process's save before "pack is busy"
SCHEMA_LINE = "# yaml-language-server: $schema={schema}"
Change = Callable[[CommentedMap], None]


class PackChanged(ContentError):
    """The pack changed on disk since it was read: saving now would apply the change over someone else's."""


class PackBusy(ContentError):
    """Another process is saving the same pack."""


@dataclass(frozen=True)
class Saved:
    """The outcome of a save: the file and the digest of what it holds now."""

    path: Path
    digest: str


def save_change(path: Path, change: Change, *, expected: str | None = None, timeout: float = LOCK_TIMEOUT) -> Saved:
    """Apply ``change`` to the pack at ``path`` and write it. ``expected``: the digest the caller read.

    Raises :class:`PackChanged` when the file no longer has the ``expected``
    digest (pass ``expected=None`` to apply the change to whatever the file
    holds now), :class:`PackBusy` when another process holds the lock, and
    :class:`ContentError` when the result would not be a valid pack. The file
    is untouched by every failure.
    """
    from filelock import FileLock, Timeout

    lock = FileLock(str(path.with_name(f".{path.name}.lock")))
    try:
        lock.acquire(timeout=timeout)
    except Timeout:
        raise PackBusy(
            "pack is busy: another Briefing is saving it", location=Location(str(path)), hint="wait a moment, then save again"
        ) from None
    except OSError as exc:
        raise ContentError(
            f"cannot lock the pack for saving: {exc.strerror or exc}", location=Location(str(path)), hint="check the folder is writable"
        ) from None
    try:
        raw = path.read_bytes()
        if expected is not None and digest_of(raw) != expected:
            raise PackChanged(
                "the pack changed on disk since it was read", location=Location(str(path)), hint="reload it, or save your change over it"
            )
        text = raw.decode("utf-8-sig")
        data = pack_yaml.load(text, str(path))
        migrate(data)
        change(data)
        result = pack_yaml.dump(data, text)
        check_text(result, path)
        encoded = result.encode("utf-8")
        atomic_write_bytes(path, encoded, backup=True, error=ContentError)
        return Saved(path, digest_of(encoded))
    except OSError as exc:
        raise ContentError(f"cannot read the pack: {exc.strerror or exc}", location=Location(str(path))) from None
    finally:
        lock.release()


def check_text(text: str, path: Path) -> None:
    """Raise the first problem of pack ``text`` (read by the strict reader, as loading will)."""
    _pack, problems = checked(parse_yaml(text, path))
    if problems:
        first = problems[0]
        raise ContentError(f"not saved: the pack would not be valid: {first.message}", location=first.location, hint=first.hint)


def migrate(data: CommentedMap) -> None:
    """Format 1 to format 2 in place: ``source:`` becomes the one-entry ``sources:`` list with id ``main``."""
    if data.get("format") != 1:
        return
    data["format"] = 2
    if "source" not in data:
        return
    old = data["source"]
    entry = CommentedMap([("id", MAIN_SOURCE), *old.items()])
    entry.copy_attributes(old)
    position = list(data).index("source")
    comment = data.ca.items.pop("source", None)
    del data["source"]
    data.insert(position, "sources", CommentedSeq([entry]))
    if comment is not None:
        data.ca.items["sources"] = comment


# --- the changes ---------------------------------------------------------------------------


def item_fields(kind: str, values: dict[str, Any]) -> dict[str, Any]:
    """An item's fields in the model's order, validated; empty optional fields left out."""
    model = MODELS[kind].model_validate(values, strict=True)
    dumped = model.model_dump(mode="json")
    fields: dict[str, Any] = {}
    for name in field_names(kind):
        info = MODELS[kind].model_fields[name]
        value = dumped[name]
        if not info.is_required() and value in (None, []):
            continue
        fields[name] = {k: v for k, v in value.items() if v is not None} if isinstance(value, dict) else value
    return fields


def _items(data: CommentedMap, kind: str) -> CommentedSeq:
    plural = KINDS[kind]
    if data.get(plural) is None:
        data[plural] = CommentedSeq()
    return data[plural]


def _index(data: CommentedMap, kind: str, item_id: str) -> int:
    for index, entry in enumerate(data.get(KINDS[kind]) or ()):
        if isinstance(entry, dict) and entry.get("id") == item_id:
            return index
    raise ContentError(f"no {kind} {item_id!r} in the pack any more", hint="reload the library; someone may have deleted it")


def add_item(kind: str, values: dict[str, Any]) -> Change:
    """A change that appends a new item of ``kind``."""
    fields = item_fields(kind, values)

    def change(data: CommentedMap) -> None:
        _items(data, kind).append(pack_yaml.node(kind, fields))

    return change


def edit_item(kind: str, item_id: str, values: dict[str, Any]) -> Change:
    """A change that gives item ``item_id`` the fields ``values``; untouched fields keep their comments and quoting."""
    fields = item_fields(kind, values)

    def change(data: CommentedMap) -> None:
        entry = data[KINDS[kind]][_index(data, kind, item_id)]
        pack_yaml.update_mapping(entry, fields)

    return change


def duplicate_item(kind: str, item_id: str, values: dict[str, Any]) -> Change:
    """A change that puts the copy ``values`` (of item ``item_id``, with its own id) just after the original."""
    fields = item_fields(kind, values)

    def change(data: CommentedMap) -> None:
        data[KINDS[kind]].insert(_index(data, kind, item_id) + 1, pack_yaml.node(kind, fields))

    return change


def delete_item(kind: str, item_id: str) -> Change:
    """A change that removes item ``item_id``."""

    def change(data: CommentedMap) -> None:
        del data[KINDS[kind]][_index(data, kind, item_id)]

    return change


def free_id(taken: set[str], wanted: str) -> str:
    """``wanted``, or ``wanted-2``, ``wanted-3`` ... whichever is not taken."""
    if wanted not in taken:
        return wanted
    number = 2
    while f"{wanted}-{number}" in taken:
        number += 1
    return f"{wanted}-{number}"


def ids_in(data: CommentedMap) -> set[str]:
    """Every item id in a pack's data."""
    return {str(e.get("id")) for plural in KINDS.values() for e in (data.get(plural) or ()) if isinstance(e, dict)}


# --- new packs -----------------------------------------------------------------------------


def schema_reference(pack_file: Path) -> str:
    """How a pack at ``pack_file`` names the JSON Schema: a relative path where one exists, else a file URI."""
    from .. import paths

    schema = paths.asset("schemas/content-pack.schema.json").resolve()
    folder = pack_file.resolve().parent
    try:
        shared = os.path.commonpath([schema, folder])
    except ValueError:  # another drive on Windows
        return schema.as_uri()
    if Path(shared) == Path(shared).parent:  # nothing in common but the root: a relative path would say nothing
        return schema.as_uri()
    return Path(os.path.relpath(schema, folder)).as_posix()


def new_pack_text(pack_id: str, title: str, schema: str) -> str:
    """An empty, valid format-2 pack with the schema comment at the top and one source to fill in."""
    fields = CommentedMap(
        format=2,
        pack=pack_id,
        title=pack_yaml.scalar(title),
        sources=CommentedSeq([CommentedMap(id=MAIN_SOURCE, title=pack_yaml.scalar("Our own reporting"), kind="own-reporting")]),
    )
    body = pack_yaml.dump(fields, "")
    return SCHEMA_LINE.format(schema=schema) + "\n" + body


def write_new_pack(path: Path, pack_id: str, title: str, *, force: bool = False) -> None:
    """Write :func:`new_pack_text` to ``path`` atomically; an existing file is kept unless ``force``."""
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", pack_id) or len(pack_id) > 80:
        raise ContentError(f"pack id {pack_id!r} must be lower-case letters, digits and hyphens", hint="for example: pakistan-desk")
    if path.exists() and not force:
        raise ContentError(f"{path} already exists", location=Location(str(path)), hint="choose another file, or pass --force")
    text = new_pack_text(pack_id, title, schema_reference(path))
    check_text(text, path)
    atomic_write_bytes(path, text.encode("utf-8"), backup=True, error=ContentError)
