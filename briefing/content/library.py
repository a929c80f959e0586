"""The loaded library: every pack from every content folder, items by id, and the problems and warnings found."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .. import paths
from ..errors import BriefingError, ContentError, Location
from ..yamlread import YamlDoc, load_yaml_file, validation_problems
from .checks import pack_problems, pack_warnings
from .citations import citation, fingerprint, locator, origin_citation
from .digest import digest
from .model import KINDS, PACK_MODELS, ItemModel, Pack, PackV1, Pillar, Source, upgraded

__all__ = ["Item", "Library", "citation", "load_library", "locator", "origin_citation", "read_pack", "validate_pack"]


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
        fields = self.model.__dict__
        if self.kind == "person":
            return " ".join(p for p in (fields["title"], fields["name"]) if p)
        if self.kind == "line":
            return fields["question"] or fields["text"]
        for attr in ("title", "label", "name"):
            if attr in fields:
                return fields[attr]
        return f"{fields.get('speaker_title') or ''} {fields['speaker']}: {fields['text']}".strip()

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
    try:
        pack = validate_pack(doc.data)
    except ValidationError as exc:
        return None, doc, validation_problems(doc, exc, pack_model_for(doc.data), ContentError)
    problems = _check(pack, doc)
    return (pack if not problems else None), doc, problems


def _check(pack: Pack, doc: YamlDoc) -> list[BriefingError]:
    source_key = "sources" if isinstance(doc.data, dict) and "sources" in doc.data else "source"
    return pack_problems(pack, doc.location, source_key)


def load_library(folders: Iterable[Path] | None = None, extra: Iterable[Path] = ()) -> Library:
    """Load every pack in ``folders`` (default: bundled, user, then ``extra``).

    A broken pack is reported in ``problems`` and skipped; the others still load.
    The same id in two places is a problem naming both. ``warnings`` holds what
    loads but deserves a look (a pending review, a display that repeats its unit).
    """
    from .cache import cached_read_pack

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
