"""The loaded library: every pack from every content folder, items by id, and the problems and warnings found."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from .. import paths
from ..errors import BriefingError, ContentError, Location
from .cache import cached_read_pack
from .checks import pack_warnings
from .digest import digest
from .fingerprint import fingerprint
from .model import KINDS, ItemModel, Pack, Pillar, Source
from .packfile import pack_files
from .present import citation, item_title, locator


@dataclass(frozen=True)
class Item:
    """One library item with its pack context. ``id`` is ``pack/item``; ``source`` is the document it cites, if any."""

    id: str
    kind: str
    pack: str
    model: ItemModel
    source: Source | None
    path: Path
    line: int

    @cached_property
    def pillar(self) -> str | None:
        """The full id of the item's pillar (a pillar is its own; people and lines may have none)."""
        if isinstance(self.model, Pillar):
            return self.id
        pillar = self.model.pillar
        return f"{self.pack}/{pillar}" if pillar else None

    @property
    def title(self) -> str:
        """A one-line name for lists."""
        return item_title({**self.model.__dict__, "item_kind": self.kind})

    def citation(self) -> str:
        """Where it comes from: source title, author, date and place (a line is our own)."""
        return citation(self.snapshot())

    def snapshot(self) -> dict[str, Any]:
        """The item as plain JSON data: what a brief stores when the item is chosen."""
        data = self.model.model_dump(mode="json")
        if isinstance(data.get("source"), dict) and self.source is not None:
            data["source"]["doc"] = self.source.id
        return {
            **data,
            "item_kind": self.kind,
            "pack": self.pack,
            "origin": self.source.model_dump(mode="json") if self.source is not None else None,
        }

    def fingerprint(self) -> str:
        """A short hash of the snapshot: tells whether an item changed since it was chosen."""
        return self._fingerprint

    @cached_property
    def _fingerprint(self) -> str:
        return fingerprint(self.snapshot())

    def as_json(self) -> dict[str, Any]:
        """The item in the stable ``content list --json`` shape."""
        snap = self.snapshot()
        data: dict[str, Any] = {k: v for k, v in snap.items() if k not in ("item_kind", "pack", "origin")}
        if self.kind == "quotation":
            data["quote_kind"] = data.pop("kind")
        elif "kind" in data:
            data["subkind"] = data.pop("kind")
        data.update(id=self.id, kind=self.kind, pillar=self.pillar, title=self.title)
        data["source"] = {
            "pack": self.pack,
            "file": str(self.path),
            "line": self.line,
            "citation": citation(snap),
            "doc": None,
            "place": locator(snap),
            **(snap.get("source") or {}),
        }
        return data


@dataclass
class Library:
    """All loaded items, the packs they came from, and every problem met while loading."""

    items: dict[str, Item] = field(default_factory=dict)
    packs: dict[str, Pack] = field(default_factory=dict)
    problems: list[BriefingError] = field(default_factory=list)
    folders: list[Path] = field(default_factory=list)
    warnings: list[BriefingError] = field(default_factory=list)
    files: dict[str, Path] = field(default_factory=dict)  # pack id -> its file
    versions: dict[str, str] = field(default_factory=dict)  # pack id -> digest of the file as loaded (see pack_writer)

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
    The same id in two places is a problem naming both. ``warnings`` holds what
    loads but deserves a look (a pending review, a display that repeats its unit).
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
            library.files[pack.pack] = path
            library.versions[pack.pack] = digest(path)
            library.warnings.extend(pack_warnings(pack, path, lines))
            documents = {source.id: source for source in pack.sources}
            for kind, plural in KINDS.items():
                for index, model in enumerate(getattr(pack, plural)):
                    item_id = f"{pack.pack}/{model.id}"
                    cited = getattr(model, "source", None)
                    document = None if cited is None else documents.get(cited.doc or pack.sources[0].id)
                    item = Item(item_id, kind, pack.pack, model, document, path, lines.get((plural, index), 1))
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
