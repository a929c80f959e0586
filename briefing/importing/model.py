"""What the import assistant reads and proposes: a source split into paragraphs, and candidates with spans."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PAGE_JOIN = "\n\n"  # a PDF page's text is its paragraphs joined by a blank line


@dataclass(frozen=True)
class Paragraph:
    """One numbered paragraph (from 1) of a source, with its page (PDF) and whether it is a heading."""

    number: int
    text: str
    page: int | None = None
    heading: int = 0  # heading level (1 = top); 0 for body text


@dataclass
class SourceInfo:
    """What the document says about itself; ``None`` where it does not say, left for the officer."""

    title: str | None = None
    author: str | None = None
    author_role: str | None = None
    publication: str | None = None
    date: str | None = None  # YYYY, YYYY-MM or YYYY-MM-DD
    url: str | None = None
    kind: str | None = None  # article | speech | statement | communique | report | web-page | interview
    paragraphing: str = ""

    def as_json(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in ("title", "author", "author_role", "publication", "date", "url", "kind", "paragraphing")}


@dataclass
class SourceDocument:
    """A source read by one of the readers: its file, its self-description and its numbered paragraphs."""

    path: Path
    format: str  # txt | md | docx | pdf | html
    info: SourceInfo
    paragraphs: list[Paragraph]

    def paragraph(self, number: int) -> Paragraph:
        return self.paragraphs[number - 1]

    def cites_pages(self) -> bool:
        """PDF sources are cited by page; the others by paragraph."""
        return self.format == "pdf"

    def page_text(self, page: int) -> str:
        """A page's text: its paragraphs joined by a blank line (the span base of a page citation)."""
        return PAGE_JOIN.join(p.text for p in self.paragraphs if p.page == page)

    def page_offset(self, number: int) -> int:
        """Where paragraph ``number`` starts in its page's text."""
        para = self.paragraph(number)
        before = [p for p in self.paragraphs if p.page == para.page and p.number < number]
        return sum(len(p.text) + len(PAGE_JOIN) for p in before)


@dataclass
class Candidate:
    """One proposal: its kind, the exact source words at ``span`` in paragraph ``paragraph``, and kind-specific fields.

    ``text`` always equals ``paragraph_text[span[0]:span[1]]``. Other spans in ``spans``
    (speaker, verb, unit, status ...) point into the same paragraph.
    """

    kind: str  # figure | quotation | event | project | pillar
    paragraph: int
    span: tuple[int, int]
    text: str
    fields: dict[str, Any] = field(default_factory=dict)
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)
    pillar: str | None = None
    id: str = ""
    note: str | None = None  # for the citation, e.g. "also paragraph 9" after a merge

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "paragraph": self.paragraph,
            "span": list(self.span),
            "text": self.text,
            "pillar": self.pillar,
            "fields": self.fields,
            "spans": {k: list(v) for k, v in self.spans.items()},
            "review": "pending",
        }


@dataclass
class ImportResult:
    """A read source and every candidate proposed from it."""

    document: SourceDocument
    candidates: list[Candidate]

    def of_kind(self, kind: str) -> list[Candidate]:
        return [c for c in self.candidates if c.kind == kind]

    def as_json(self) -> dict[str, Any]:
        doc = self.document
        return {
            "source": {"file": str(doc.path), "format": doc.format, **doc.info.as_json()},
            "paragraphs": [{"number": p.number, "page": p.page, "heading": p.heading, "text": p.text} for p in doc.paragraphs],
            "candidates": [c.as_json() for c in self.candidates],
        }
