"""One search over the library, shared by the CLI and the app: free text, kind, pillar, speaker, tag."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from .library import Item, Library


def fold(text: str) -> str:
    """Case- and accent-insensitive form of ``text`` for matching ("Zardarī" matches "zardari")."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


_SEARCHED = ("title", "label", "name", "summary", "text", "display", "unit", "speaker", "speaker_title", "role", "occasion", "place")
_SEARCHED_LISTS = ("key_messages", "participants", "tags")


def _haystack(item: Item) -> str:
    fields = item.model.__dict__
    parts = [item.id, item.kind]
    parts.extend(value for name in _SEARCHED if isinstance(value := fields.get(name), str))
    for name in _SEARCHED_LISTS:
        parts.extend(fields.get(name) or ())
    return fold(" \u0000 ".join(parts))


@dataclass(frozen=True)
class Query:
    """A library search: every given criterion must match."""

    text: str = ""
    kind: str | None = None
    pillar: str | None = None
    speaker: str | None = None
    tag: str | None = None

    def is_empty(self) -> bool:
        return not (self.text.strip() or self.kind or self.pillar or self.speaker or self.tag)


class SearchIndex:
    """Pre-folded text of every item, so a keystroke's search is a substring scan."""

    def __init__(self, library: Library):
        self.library = library
        self._entries: list[tuple[Item, str]] = [(item, _haystack(item)) for item in library]

    def search(self, query: Query) -> list[Item]:
        """Items matching ``query``, in library order. Words in ``text`` must all appear."""
        words = fold(query.text).split()
        pillar = _pillar_key(query.pillar)
        speaker = fold(query.speaker) if query.speaker else None
        tag = fold(query.tag) if query.tag else None
        results = []
        for item, hay in self._entries:
            if query.kind and item.kind != query.kind:
                continue
            if pillar and not _pillar_matches(item, pillar):
                continue
            if speaker and speaker not in fold(item.model.__dict__.get("speaker") or ""):
                continue
            if tag and tag not in (fold(t) for t in item.model.tags):
                continue
            if words and not all(word in hay for word in words):
                continue
            results.append(item)
        return results


def _pillar_key(pillar: str | None) -> str | None:
    return fold(pillar) if pillar else None


def _pillar_matches(item: Item, pillar: str) -> bool:
    """A pillar matches by full id (``pack/id``) or by its short id."""
    full = fold(item.pillar or "")
    return full == pillar or full.rsplit("/", 1)[-1] == pillar


def search(library: Library, query: Query | None = None, **criteria) -> list[Item]:
    """Search ``library`` once (builds a throwaway index; keep a SearchIndex for repeated searches)."""
    return SearchIndex(library).search(query or Query(**criteria))


def kinds(items: Iterable[Item]) -> list[str]:
    return sorted({item.kind for item in items})
