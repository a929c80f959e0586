"""Reading, migrating and saving brief files (JSON with the ``.brief`` suffix)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..atomic import atomic_write_bytes
from ..errors import BriefError, BriefTooNew, Location
from .model import FORMAT_NAME, FORMAT_VERSION, Brief

MAX_BRIEF_BYTES = 50 * 1024 * 1024


def _v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    """Version 1 kept metadata flat and called the selection ``selection`` with ``id`` keys."""
    meta_keys = ("title", "occasion", "recipient", "drafter", "date", "reference", "marking", "caveat")
    section_keys = ("purpose", "background", "recommendation")
    out: dict[str, Any] = {k: v for k, v in data.items() if k not in meta_keys + section_keys + ("selection", "version")}
    out["format"] = FORMAT_NAME
    out["version"] = 2
    out["meta"] = {k: data[k] for k in meta_keys if k in data}
    out["sections"] = {k: {"text": data[k]} for k in section_keys if k in data}
    out["items"] = [
        {"ref": e.get("id", ""), "note": e.get("note", ""), "snapshot": e.get("snapshot", {}), "fingerprint": e.get("fingerprint", "")}
        | {k: v for k, v in e.items() if k not in ("id", "note", "snapshot", "fingerprint")}
        for e in data.get("selection", [])
    ]
    return out


MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _v1_to_v2}


def migrate(data: dict[str, Any], path: Path) -> dict[str, Any]:
    """Bring brief data from any older version up to the current one."""
    version = data.get("version")
    if not isinstance(version, int) or version < 1:
        raise BriefError("the brief has no valid format version", location=Location(str(path)), hint="is this a Briefing .brief file?")
    if version > FORMAT_VERSION:
        raise BriefTooNew(
            f"the brief was written by a newer Briefing (format {version}; this one reads up to {FORMAT_VERSION})",
            location=Location(str(path)),
            hint="open it with a newer Briefing; it will not be overwritten",
        )
    while version < FORMAT_VERSION:
        data = MIGRATIONS[version](data)
        version = data["version"]
    return data


def parse_brief(text: str | bytes, path: Path) -> Brief:
    """Parse brief JSON (migrating older versions). Errors name the file and line."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BriefError(f"not valid JSON: {exc.msg}", location=Location(str(path), exc.lineno, exc.colno), hint="restore the backup file (name ending in ~)") from None
    except UnicodeDecodeError:
        raise BriefError("not UTF-8 text", location=Location(str(path)), hint="is this a Briefing .brief file?") from None
    if not isinstance(data, dict):
        raise BriefError("a brief must be a JSON object", location=Location(str(path), 1, 1))
    data = migrate(data, path)
    try:
        return Brief.model_validate(data)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = ".".join(str(p) for p in first["loc"])
        raise BriefError(f"{where}: {first['msg']}", location=Location(str(path))) from None


def load_brief(path: str | Path) -> Brief:
    """Read a brief file."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_BRIEF_BYTES:
            raise BriefError("file is too large to be a brief", location=Location(str(path)))
        raw = path.read_bytes()
    except OSError as exc:
        raise BriefError(f"cannot read brief: {exc.strerror or exc}", location=Location(str(path))) from None
    return parse_brief(raw, path)


def dump_brief(brief: Brief) -> bytes:
    """The brief as pretty, stable JSON bytes (unknown keys included)."""
    data = brief.model_dump(mode="json")
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def save_brief(brief: Brief, path: str | Path) -> None:
    """Save atomically (temp file, then replace), keeping one backup as ``path~``."""
    atomic_write_bytes(path, dump_brief(brief), backup=True, error=BriefError)
