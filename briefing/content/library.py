"""The loaded library: every pack from every content folder, items by id, and the problems found."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from .. import paths
from ..errors import BriefingError, ContentError, Location
from .cache import cached_read_pack
from .model import KINDS, ItemModel, Pack, Pillar, Source
from .packfile import pack_files
from .present import citation, item_title


@dataclass(frozen=True)
class Item:
    """One library item with its pack context. ``id`` is ``pack/item``."""

    id: str
    kind: str
    pack: str
    model: ItemModel
    source: Source
    path: Path
    line: int

    @cached_property
    def pillar(self) -> str | None:
        """The full id of the item's pillar (a pillar is its own)."""
        if isinstance(self.model, Pillar):
            return self.id
        return f"{self.pack}/{self.model.pillar}"

    @property
    def title(self) -> str:
        """A one-line name for lists."""
        return item_title(self.model.__dict__)

    def citation(self) -> str:
        """Where it comes from: source title, author, date and paragraph."""
        return citation(self.snapshot())

    def snapshot(self) -> dict[str, Any]:
        """The item as plain JSON data: what a brief stores when the item is chosen."""
        return {
            **self.model.model_dump(mode="json"),
            "item_kind": self.kind,
            "pack": self.pack,
            "origin": self.source.model_dump(mode="json"),
        }

    def fingerprint(self) -> str:
        """A short hash of the snapshot: tells whether an item changed since it was chosen."""
        return self._fingerprint

    @cached_property
    def _fingerprint(self) -> str:
        blob = json.dumps(self.snapshot(), sort_keys=True, ensure_ascii=False).encode()
        return hashlib.sha256(blob).hexdigest()[:16]

    def as_json(self) -> dict[str, Any]:
        """The item in the stable ``content list --json`` shape."""
        data: dict[str, Any] = self.model.model_dump(mode="json")
        if self.kind == "quotation":
            data["quote_kind"] = data.pop("kind")
        elif "kind" in data:
            data["subkind"] = data.pop("kind")
        data.update(id=self.id, kind=self.kind, pillar=self.pillar, title=self.title)
        data["source"] = {
            "pack": self.pack,
            "file": str(self.path),
            "line": self.line,
            "citation": self.citation(),
            **self.model.source.model_dump(mode="json"),
        }
        return data


@dataclass
class Library:
    """All loaded items, the packs they came from, and every problem met while loading."""

    items: dict[str, Item] = field(default_factory=dict)
    packs: dict[str, Pack] = field(default_factory=dict)
    problems: list[BriefingError] = field(default_factory=list)
    folders: list[Path] = field(default_factory=list)

    def __iter__(self) -> Iterator[Item]:
        return iter(self.items.values())

    def __len__(self) -> int:
        return len(self.items)

    def get(self, item_id: str) -> Item | None:
        return self.items.get(item_id)

    def pillars(self) -> list[Item]:
        return [item for item in self.items.values() if item.kind == "pillar"]


def default_folders(extra: Iterable[Path] = ()) -> list[Path]:
    """The bundled content folder, the user's own content folder, then any given."""
    return [paths.content_dir(), paths.user_content_dir(), *extra]


def load_library(folders: Iterable[Path] | None = None, extra: Iterable[Path] = ()) -> Library:
    """Load every pack in ``folders`` (default: bundled, user, then ``extra``).

    A broken pack is reported in ``problems`` and skipped; the others still load.
    The same id in two places is a problem naming both.
    """
    library = Library(folders=list(folders) if folders is not None else default_folders(extra))
    origin: dict[str, Item] = {}
    for folder in library.folders:
        for path in pack_files(folder):
            pack, lines, problems = cached_read_pack(path)
            library.problems.extend(problems)
            if pack is None:
                continue
            if pack.pack in library.packs:
                first = next(i for i in library.items.values() if i.pack == pack.pack)
                library.problems.append(
                    ContentError(
                        f"pack id {pack.pack!r} is also used by {first.path}",
                        location=Location(str(path), 1),
                        hint="give each pack its own id",
                    )
                )
                continue
            library.packs[pack.pack] = pack
            for kind, plural in KINDS.items():
                for index, model in enumerate(getattr(pack, plural)):
                    item_id = f"{pack.pack}/{model.id}"
                    item = Item(item_id, kind, pack.pack, model, pack.source, path, lines.get((plural, index), 1))
                    if item_id in origin:
                        other = origin[item_id]
                        library.problems.append(
                            ContentError(
                                f"id {item_id!r} is also defined at {other.path}:{other.line}",
                                location=Location(str(path), item.line),
                                hint="rename one of them",
                            )
                        )
                        continue
                    origin[item_id] = item
                    library.items[item_id] = item
    return library
