"""The cited words in place: re-read an item's source file and find the paragraph (or page) and span its citation names."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from ..errors import SourceError
from .model import SourceDocument
from .readers import read_source


@dataclass(frozen=True)
class Excerpt:
    """A paragraph's (or page's) text and the character span of the cited words in it."""

    text: str
    start: int
    end: int
    where: str  # "paragraph 7", "page 2"

    @property
    def words(self) -> str:
        return self.text[self.start : self.end]


def local_file(url: str | None) -> Path | None:
    """The file a ``file://`` URL names, if it exists."""
    if not url or not url.startswith("file:"):
        return None
    path = Path(unquote(urlparse(url).path))
    return path if path.is_file() else None


@lru_cache(maxsize=16)
def _read(path: Path, mtime_ns: int) -> SourceDocument:
    return read_source(path)


def excerpt(url: str | None, citation: dict[str, Any]) -> Excerpt | None:
    """The cited words of ``citation`` (``paragraph`` or ``page``, and ``span``) in the source at ``url``; None when unknown."""
    path, span = local_file(url), citation.get("span")
    if path is None or not span:
        return None
    try:
        doc = _read(path, path.stat().st_mtime_ns)
    except (SourceError, OSError):
        return None
    if citation.get("page"):
        text, where = doc.page_text(int(citation["page"])), f"page {citation['page']}"
    elif citation.get("paragraph") and 1 <= int(citation["paragraph"]) <= len(doc.paragraphs):
        text, where = doc.paragraph(int(citation["paragraph"])).text, f"paragraph {citation['paragraph']}"
    else:
        return None
    start, end = int(span[0]), int(span[1])
    return Excerpt(text, start, end, where) if 0 <= start <= end <= len(text) else None
