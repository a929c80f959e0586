"""What every writer says the same way: names for messages, table columns, slot values, sources, contents, odd cases."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..document.model import (
    Block,
    Contents,
    FigureRow,
    FiguresTable,
    Heading,
    Inline,
    ListBlock,
    Metadata,
    Note,
    PageBreak,
    Paragraph,
    Quotation,
    SourceEntry,
    SourcesList,
    plain,
    ref_mark,
)
from ..document.text import clean_text, describe_removed
from ..errors import RenderError, StyleError
from ..style import HouseStyle

DOCUMENT_DETAILS = "the document details"  # where metadata text is, in messages
HOUSE_SLOTS = "the house style's header and footer"
ELLIPSIS = "\u2026"
HEADING_LEVELS = (1, 2, 3)
CONTENTS_LEVELS = (1, 2)  # the headings a contents list, an outline and a Word TOC field show

# --- Text safety: the shared cleaning rule, with what it removed reported per item ----------


class TextGuard:
    """Cleans text by the shared rule (:func:`~briefing.document.text.clean_text`) and remembers, per item, what it removed."""

    def __init__(self) -> None:
        self._removed: dict[str, list[str]] = {}
        self._seen: set[tuple[str, str]] = set()

    def clean(self, text: str, where: str) -> str:
        """``text`` without characters no document can hold, and with tabs and line breaks as spaces.

        Removals are counted against ``where``; the same text cleaned twice for the
        same item (a title in the footer and the file properties) counts once.
        """
        cleaned, removed = clean_text(text)
        if removed and (where, text) not in self._seen:
            self._seen.add((where, text))
            self._removed.setdefault(where, []).extend(removed)
        return cleaned

    def warnings(self) -> tuple[str, ...]:
        """One warning per item that lost characters, in the order the items were met."""
        return tuple(f"removed {describe_removed(removed)} from {where}" for where, removed in self._removed.items())


# --- Naming blocks in messages ----------------------------------------------------------------


def snippet(text: str, length: int = 40) -> str:
    """The start of some text, cleaned and on one line, for naming an item in a message."""
    text = " ".join(clean_text(text)[0].split())
    return text if len(text) <= length else text[:length].rstrip() + ELLIPSIS


_KINDS: dict[type, str] = {
    Heading: "heading",
    Paragraph: "paragraph",
    ListBlock: "list",
    Quotation: "quotation",
    FiguresTable: "figures table",
    Note: "note",
    PageBreak: "page break",
    Contents: "contents",
    SourcesList: "sources list",
}


def _naming_text(block: Block) -> str:
    """The text a block is named by: its words, its first item, or its title or caption."""
    if isinstance(block, (Heading, Paragraph, Note)):
        return plain(block.runs)
    if isinstance(block, ListBlock):
        return plain(block.items[0]) if block.items else ""
    if isinstance(block, FiguresTable):
        return block.caption
    if isinstance(block, (Contents, SourcesList)):
        return block.title
    return ""


def describe(block: Block) -> str:
    """Where a block is, for messages: ``quotation by X``, ``paragraph "The minister…"`` or ``page break``."""
    if isinstance(block, Quotation):
        return f"quotation by {snippet(block.speaker)}"
    kind = _KINDS.get(type(block), type(block).__name__.lower())
    text = snippet(_naming_text(block))
    return f'{kind} "{text}"' if text else kind


def describe_list_item(item: Inline) -> str:
    """``list item "…"``: one item of a list, for messages."""
    return f'list item "{snippet(plain(item))}"'


def describe_row(row: FigureRow) -> str:
    """``figures table row "…"``: one row of a figures table, for messages."""
    return f'figures table row "{snippet(row.label)}"'


def describe_source(entry: SourceEntry) -> str:
    """``source [3]``: one entry of a sources list, for messages."""
    return f"source {ref_mark(entry.number)}"


# --- Figures tables --------------------------------------------------------------------------

FIGURE_HEADINGS: dict[bool, tuple[str, ...]] = {
    True: ("Figure", "Value", "Unit", "As of", "Src"),
    False: ("Figure", "Value", "Unit", "Src"),
}
FIGURE_COLUMNS: dict[bool, tuple[float, ...]] = {True: (0.40, 0.20, 0.16, 0.14, 0.10), False: (0.48, 0.22, 0.18, 0.12)}
"""Relative widths of the figures table columns, with and without the as-of column."""


def figure_cells(row: FigureRow, show_dates: bool) -> list[str]:
    """The cell texts of one figures-table row: label, value, unit, as-of date (if shown), source mark."""
    return [row.label, row.display, row.unit] + ([row.as_of] if show_dates else []) + [ref_mark(row.ref)]


# --- Page furniture, sources and contents ------------------------------------------------------


def slot_values(meta: Metadata, clean: Callable[[str], str]) -> dict[str, str]:
    """What the header and footer placeholders stand for (``{page}`` and ``{pages}`` are each writer's own)."""
    raw = {"marking": meta.marking, "caveat": meta.caveat, "reference": meta.reference, "title": meta.title, "date": meta.date}
    return {name: clean(value) for name, value in raw.items()}


@dataclass(frozen=True)
class ContentsEntry:
    """A heading a contents list shows: its block index, level and runs."""

    index: int
    level: int
    runs: Inline


def contents_entries(blocks: tuple[Block, ...]) -> list[ContentsEntry]:
    """Every level-1 and level-2 heading of a document, in order."""
    return [
        ContentsEntry(index, block.level, block.runs)
        for index, block in enumerate(blocks)
        if isinstance(block, Heading) and block.level in CONTENTS_LEVELS
    ]


# --- Odd cases, treated alike ---------------------------------------------------------------------


def heading_level(block: Heading) -> int:
    """The heading's level, or a RenderError naming the heading when it is not 1, 2 or 3."""
    if block.level not in HEADING_LEVELS:
        raise RenderError(
            f"heading level {block.level} is not 1, 2 or 3, in {describe(block)}",
            hint="give the heading a level from 1 to 3 in the template",
        )
    return block.level


def marking_colour(meta: Metadata, house: HouseStyle) -> str:
    """The marking's colour as ``#rrggbb``: a literal hex value or a house-style palette name."""
    try:
        return house.colour(meta.marking_colour)
    except StyleError:
        raise RenderError(
            f"the marking colour {meta.marking_colour!r} is not a #rrggbb colour or a palette name",
            hint="fix the level's colour in the marking schemes, or add the name under colours: in the house style",
        ) from None
