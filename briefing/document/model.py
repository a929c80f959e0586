"""A small, closed document model: metadata, then blocks.

Templates produce it; every writer visits it node by node. Adding a node type
means adding it here *and* to every writer, or the writer raises
:class:`~briefing.errors.RenderError` for the unknown node.

All text here is plain Unicode: never markup. Writers escape it for their format.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal


@dataclass(frozen=True)
class Run:
    """A stretch of inline text with optional emphasis (italic) and strong (bold)."""

    text: str
    emphasis: bool = False
    strong: bool = False


Inline = tuple[Run, ...]


def plain(runs: Inline) -> str:
    """The text of some runs without their formatting."""
    return "".join(run.text for run in runs)


@dataclass(frozen=True)
class Heading:
    """A section heading, level 1 to 3. Level-1 and level-2 headings become PDF bookmarks."""

    level: int
    runs: Inline


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of runs. ``role`` picks a paragraph style: body, lead, small or title."""

    runs: Inline
    role: Literal["body", "lead", "small", "title", "subtitle"] = "body"
    lang: str = ""  # BCP 47 language tag; empty: the document's language


@dataclass(frozen=True)
class ListBlock:
    """A bullet or numbered list; each item is a sequence of runs."""

    ordered: bool
    items: tuple[Inline, ...]
    lang: str = ""


@dataclass(frozen=True)
class Quotation:
    """A statement by a named person.

    ``kind`` is ``direct`` (verbatim: rendered in quotation marks with attribution)
    or ``reported`` (rendered as reported speech, never in quotation marks:
    ``{attribution} {verb} {text}``). ``ref`` is the number of its entry in the
    sources list, if the document has one.
    """

    kind: Literal["direct", "reported"]
    text: str
    speaker: str
    attribution: str
    role: str = ""
    occasion: str = ""
    date: str = ""
    verb: str = "said that"
    ref: int | None = None
    note: str = ""
    portion: str = ""  # the portion mark, e.g. "(OS)", shown before the sentence
    lang: str = ""  # the language of ``text`` (the item's); empty: the document's


@dataclass(frozen=True)
class FigureRow:
    """One row of a figures table."""

    label: str
    display: str
    unit: str
    as_of: str = ""
    ref: int | None = None
    note: str = ""
    lang: str = ""


@dataclass(frozen=True)
class FiguresTable:
    """A table of key figures: label, value as the source words it, unit, as-of date, source ref."""

    rows: tuple[FigureRow, ...]
    show_dates: bool = True
    caption: str = ""


@dataclass(frozen=True)
class Note:
    """A callout box: an officer's note, a warning or a recommendation."""

    runs: Inline
    title: str = ""
    tone: Literal["note", "warning", "recommendation"] = "note"


@dataclass(frozen=True)
class PageBreak:
    """Start a new page."""


@dataclass(frozen=True)
class Contents:
    """A table of contents listing the level-1 and level-2 headings that follow."""

    title: str = "Contents"


@dataclass(frozen=True)
class SourceEntry:
    """One numbered source: what it supports and where it comes from."""

    number: int
    item: str
    citation: str


@dataclass(frozen=True)
class SourcesList:
    """The numbered list of sources referred to by ``ref`` numbers."""

    entries: tuple[SourceEntry, ...]
    title: str = "Sources"
    note: str = ""  # a line under the title, e.g. the one document every item comes from


Block = Heading | Paragraph | ListBlock | Quotation | FiguresTable | Note | PageBreak | Contents | SourcesList

BLOCK_TYPES: tuple[type, ...] = (
    Heading,
    Paragraph,
    ListBlock,
    Quotation,
    FiguresTable,
    Note,
    PageBreak,
    Contents,
    SourcesList,
)


@dataclass(frozen=True)
class Metadata:
    """Document-level facts: what the header, footer and file properties show."""

    title: str
    subject: str = ""
    author: str = ""
    keywords: tuple[str, ...] = ()
    language: str = "en-GB"
    reference: str = ""
    date: str = ""
    recipient: str = ""
    marking: str = "UNCLASSIFIED"
    marking_colour: str = "#000000"
    caveat: str = ""
    template_id: str = ""
    page_budget: int | None = None
    watermark: str = ""  # set diagonally across every page ("DRAFT" until the brief is cleared); none when empty


def banner_text(meta: Metadata) -> str:
    """The classification banner printed at the top and bottom of every page: marking, then caveat."""
    return " ".join(part for part in (meta.marking, meta.caveat) if part)


@dataclass(frozen=True)
class Document:
    """The whole document: metadata and an ordered tuple of blocks."""

    meta: Metadata
    blocks: tuple[Block, ...] = field(default_factory=tuple)
    warnings: tuple[str, ...] = ()  # what was changed on the way in, e.g. control characters removed


def quotation_sentence(quote: Quotation) -> str:
    """The sentence a writer shows for a quotation.

    Reported speech is never put in quotation marks:
    ``President Xi Jinping stated that China ...``. Direct speech is quoted
    verbatim in typographic marks; the attribution goes on its own line
    (see :func:`quotation_attribution`).
    """
    mark = f"{quote.portion} " if quote.portion else ""
    if quote.kind == "reported":
        text = quote.text.rstrip()
        if text and text[-1] not in ".!?":
            text += "."
        return f"{mark}{quote.attribution} {quote.verb} {text}"
    return f"{mark}\u201c{quote.text}\u201d"


def quotation_attribution(quote: Quotation) -> str:
    """The attribution line under a direct quotation (empty for reported speech)."""
    if quote.kind == "reported":
        return ""
    parts = [quote.attribution]
    if quote.occasion:
        parts.append(quote.occasion)
    if quote.date:
        parts.append(quote.date)
    return "\u2014 " + ", ".join(p for p in parts if p)


def ref_mark(ref: int | None) -> str:
    """How a source reference number is shown after an item: ``[3]``, or nothing."""
    return f"[{ref}]" if ref is not None else ""


def cited_sentence(quote: Quotation) -> str:
    """The quotation sentence with its source mark after it: what every writer shows on the quotation's first line."""
    sentence = quotation_sentence(quote)
    return f"{sentence} {ref_mark(quote.ref)}" if quote.ref is not None else sentence


def source_line(entry: SourceEntry) -> str:
    """``item — citation``: what a numbered source shows after its ``[n]`` mark."""
    return " \u2014 ".join(part for part in (entry.item, entry.citation) if part)


def block_text(block: Block) -> list[str]:
    """The text lines a block shows, in reading order: what parity tests compare."""
    if isinstance(block, Heading):
        return [plain(block.runs)]
    if isinstance(block, Paragraph):
        return [plain(block.runs)]
    if isinstance(block, ListBlock):
        return [plain(item) for item in block.items]
    if isinstance(block, Quotation):
        lines = [cited_sentence(block)]
        if block.kind == "direct":
            lines.append(quotation_attribution(block))
        if block.note:
            lines.append(block.note)
        return lines
    if isinstance(block, FiguresTable):
        lines = []
        for row in block.rows:
            lines.extend([row.label, row.display, row.unit])
            if block.show_dates and row.as_of:
                lines.append(row.as_of)
            if row.ref is not None:
                lines.append(ref_mark(row.ref))
            if row.note:
                lines.append(row.note)
        return lines
    if isinstance(block, Note):
        return ([block.title] if block.title else []) + [plain(block.runs)]
    if isinstance(block, PageBreak):
        return []
    if isinstance(block, Contents):
        return [block.title]
    if isinstance(block, SourcesList):
        head = [line for line in (block.title, block.note) if line]
        return head + [f"{ref_mark(entry.number)} {source_line(entry)}" for entry in block.entries]
    raise TypeError(f"unknown document node {type(block).__name__}")
