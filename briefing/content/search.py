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
_SEARCHED += ("organisation", "bio", "question", "owner")  # people and lines
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
    """Pre-folded text of every item, so a keystroke's search is a substring scan.

    Typing narrows a search: when the new text only extends the last one (every
    earlier word is inside a new word) and the filters are the same, only the
    last search's hits are scanned again.
    """

    def __init__(self, library: Library):
        self.library = library
        self._entries: list[tuple[Item, str]] = [(item, _haystack(item)) for item in library]
        self._last: tuple[Query, list[str], list[tuple[Item, str]]] | None = None

    def search(self, query: Query) -> list[Item]:
        """Items matching ``query``, in library order. Words in ``text`` must all appear."""
        words = fold(query.text).split()
        entries = self._entries
        last = self._last
        if last is not None and _narrows(last[0], last[1], query, words):
            entries = last[2]
        pillar = _pillar_key(query.pillar)
        speaker = fold(query.speaker) if query.speaker else None
        tag = fold(query.tag) if query.tag else None
        hits = entries
        if query.kind:
            hits = [e for e in hits if e[0].kind == query.kind]
        if pillar:
            hits = [e for e in hits if _pillar_matches(e[0], pillar)]
        if speaker:
            hits = [e for e in hits if speaker in fold(e[0].model.__dict__.get("speaker") or "")]
        if tag:
            hits = [e for e in hits if tag in (fold(t) for t in e[0].model.tags)]
        for word in words:  # one pass per word: a keystroke's scan stays in C
            hits = [e for e in hits if word in e[1]]
        self._last = (query, words, hits)
        return [item for item, _hay in hits]


def _narrows(old: Query, old_words: list[str], new: Query, new_words: list[str]) -> bool:
    """True when every match of ``new`` is a match of ``old``: same filters, and each old word inside a new one."""
    if (old.kind, old.pillar, old.speaker, old.tag) != (new.kind, new.pillar, new.speaker, new.tag):
        return False
    return all(any(word in longer for longer in new_words) for word in old_words)


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
