"""The versions of a brief, kept inside the brief file: each save adds one, up to a bound.

Why in the file: a brief travels (sent for clearance by mail, returned
edited), and its versions must travel with it; one file is also what the lock,
the atomic save and the backup already protect. Items and their snapshots, the bulk
of a brief, are stored once each and shared by the versions, so a version
costs about its details and sections and what changed in its items. The last version is the one saved last.
"""

from __future__ import annotations

import copy
import getpass
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from ..errors import BriefError
from .clearance import content_digest, content_of, now_utc, record_edit, state_for
from .model import Brief
from .records import History, State, Version

MAX_VERSIONS = 20


@dataclass(frozen=True)
class VersionInfo:
    """What a versions list shows: its number (1 is the oldest kept), date, state, author and note."""

    number: int
    saved_at: str
    state: State
    author: str
    note: str
    digest: str


def default_author() -> str:
    """Who saves, when the caller does not say: the login name."""
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):  # no login name (some containers): the version is still kept
        return ""


def _key(data: dict[str, Any]) -> str:
    blob = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:24]


def _pool_items(content: dict[str, Any], entries: dict[str, Any], snapshots: dict[str, Any]) -> None:
    """Replace each item of ``content`` by its key in ``entries``, and each entry's snapshot by its key in ``snapshots``."""
    keys = []
    for item in content.get("items", []):
        snapshot_key = _key(item["snapshot"])
        snapshots.setdefault(snapshot_key, item["snapshot"])
        entry = {**item, "snapshot": snapshot_key}
        entry_key = _key(entry)
        entries.setdefault(entry_key, entry)
        keys.append(entry_key)
    content["items"] = keys


def _item_keys(content: dict[str, Any]) -> list[str]:
    """The entry keys a version's content lists (a hand-edited file may hold anything there)."""
    items = content.get("items")
    return [key for key in items if isinstance(key, str)] if isinstance(items, list) else []


def record_save(brief: Brief, author: str | None = None, at: str | None = None, limit: int = MAX_VERSIONS) -> Version | None:
    """Add the brief as it is now to its own history (called by every save). None when nothing changed.

    An edit after clearance is first recorded as a step back to draft, and the
    version carries that note. Only the newest ``limit`` versions are kept.
    """
    at = at or now_utc()
    author = default_author() if author is None else author
    content = content_of(brief)  # dumped and digested once: a save of a large brief stays cheap
    digest = content_digest(content)
    note = record_edit(brief, author, at, digest) or ""
    state = state_for(brief, digest)
    versions = brief.history.versions
    if versions and versions[-1].digest == digest and versions[-1].state == state:
        return None
    if not note and brief.clearance and brief.clearance[-1].digest == digest and state != "draft":
        step = brief.clearance[-1]
        note = f"{step.state} by {step.by}"
    entries, snapshots = dict(brief.history.entries), dict(brief.history.snapshots)
    _pool_items(content, entries, snapshots)
    version = Version(saved_at=at, author=author, state=state, note=note, digest=digest, steps=len(brief.clearance), content=content)
    kept = [*versions, version][-limit:]
    used = {key for v in kept for key in _item_keys(v.content)}
    entries = {k: v for k, v in entries.items() if k in used}
    used_snapshots = {key for entry in entries.values() if isinstance(key := entry.get("snapshot"), str)}
    brief.history = History(versions=kept, entries=entries, snapshots={k: v for k, v in snapshots.items() if k in used_snapshots})
    return version


def list_versions(brief: Brief) -> list[VersionInfo]:
    """The kept versions, oldest first."""
    return [VersionInfo(n, v.saved_at, v.state, v.author, v.note, v.digest) for n, v in enumerate(brief.history.versions, 1)]


def load_version(brief: Brief, number: int) -> Brief:
    """Version ``number`` (from :func:`list_versions`) as a brief that can be built and compared, never saved."""
    versions = brief.history.versions
    if not 1 <= number <= len(versions):
        raise BriefError(
            f"the brief has no version {number}", hint=f"it keeps versions 1 to {len(versions)}" if versions else "save it first"
        )
    content = copy.deepcopy(versions[number - 1].content)
    pools = brief.history
    try:
        content["items"] = [
            {**pools.entries[key], "snapshot": pools.snapshots[pools.entries[key]["snapshot"]]} for key in content.get("items", [])
        ]
    except (KeyError, TypeError):
        raise BriefError(f"version {number} refers to an item the history lacks", hint="the brief file was edited by hand") from None
    content = copy.deepcopy(content)
    try:
        old = Brief.model_validate({**content, "format": brief.format, "version": brief.version})
    except ValidationError as exc:
        where = ".".join(str(p) for p in exc.errors(include_url=False)[0]["loc"])
        raise BriefError(f"version {number} is damaged at {where}", hint="the brief file was edited by hand") from None
    old.clearance = brief.clearance[: versions[number - 1].steps]
    old.mark_old_version(number)
    return old
