"""The officer's own text as a small Markdown subset: paragraphs, bulleted and numbered lists, bold and italic.

markdown-it-py reads the text with every rule off except emphasis and lists, so
anything else (headings, links, images, HTML, code, quotes) stays literal text:
content is data, never markup. The result is the document model's own nodes.

Most of an officer's text is one plain line (a note, a figure's remark): with
no emphasis marker, no line break and no list marker, markdown-it would give
one paragraph of that text with its spaces collapsed, so :func:`blocks` gives
that at once and imports markdown-it only for text that needs it. A property
test holds the two ways to the same result. On the command line, what
markdown-it made of a text is remembered between runs
(:mod:`briefing.document.markdown_memo`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING

from . import markdown_memo
from .model import Inline, ListBlock, Paragraph, Run

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

# What makes markdown-it's "zero" preset with emphasis and lists do more than one paragraph of plain text:
# an emphasis marker, a line break or NUL (which it normalises), or a first character that may open a list.
_NEEDS_PARSER = re.compile(r"[*_\n\r\0]|^\s*[-+0-9]")


@cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt("zero").enable(["emphasis", "list"])


def _runs(inline: Token) -> list[Run]:
    """The runs of one inline token: text, with bold and italic from ``**`` and ``*``."""
    runs: list[Run] = []
    strong = emphasis = 0
    for child in inline.children or ():
        if child.type == "strong_open":
            strong += 1
        elif child.type == "strong_close":
            strong -= 1
        elif child.type == "em_open":
            emphasis += 1
        elif child.type == "em_close":
            emphasis -= 1
        elif child.type in ("softbreak", "hardbreak"):
            runs.append(Run(" ", emphasis > 0, strong > 0))
        elif child.content:
            runs.append(Run(child.content, emphasis > 0, strong > 0))
    return runs


def _merged(runs: list[Run]) -> Inline:
    """Neighbouring runs with the same look joined, spaces collapsed, the ends trimmed."""
    merged: list[Run] = []
    for run in runs:
        text = " ".join(run.text.split()) if run.text.strip() else " "
        if run.text[:1].isspace() and text != " ":
            text = " " + text
        if run.text[-1:].isspace() and text != " ":
            text += " "
        if merged and (merged[-1].emphasis, merged[-1].strong) == (run.emphasis, run.strong):
            merged[-1] = Run((merged[-1].text + text).replace("  ", " "), run.emphasis, run.strong)
        else:
            merged.append(Run(text, run.emphasis, run.strong))
    if merged:
        merged[0] = Run(merged[0].text.lstrip(), merged[0].emphasis, merged[0].strong)
        merged[-1] = Run(merged[-1].text.rstrip(), merged[-1].emphasis, merged[-1].strong)
    return tuple(run for run in merged if run.text)


def _list_items(tokens: list[Token], start: int) -> tuple[list[Inline], int]:
    """The items of the list opening at ``tokens[start]``; nested lists add their items after their parent's."""
    items: list[Inline] = []
    current: list[Run] | None = None
    depth = 0
    index = start
    while index < len(tokens):
        token = tokens[index]
        if token.type in ("bullet_list_open", "ordered_list_open"):
            depth += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
            if depth == 0:
                break
        elif token.type == "list_item_open":
            if current:
                items.append(_merged(current))
            current = []
        elif token.type == "list_item_close":
            if current:
                items.append(_merged(current))
            current = None
        elif token.type == "inline" and current is not None:
            if current:
                current.append(Run(" "))
            current.extend(_runs(token))
        index += 1
    return [item for item in items if item], index


def blocks(text: str) -> tuple[Paragraph | ListBlock, ...]:
    """Paragraphs and lists from the officer's Markdown text; an empty text gives none."""
    if not text or _NEEDS_PARSER.search(text) is None:
        plain = " ".join((text or "").split())
        return (Paragraph(runs=(Run(plain),)),) if plain else ()
    kept = markdown_memo.remembered(text)  # a command-line run: what markdown-it made of it last time
    if kept is not None:
        return kept
    parsed = parsed_blocks(text)
    markdown_memo.remember(text, parsed)
    return parsed


def parsed_blocks(text: str) -> tuple[Paragraph | ListBlock, ...]:
    """:func:`blocks` through markdown-it whatever the text (the property test compares the two)."""
    tokens = _parser().parse(text)
    out: list[Paragraph | ListBlock] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type in ("bullet_list_open", "ordered_list_open"):
            items, index = _list_items(tokens, index)
            if items:
                out.append(ListBlock(ordered=token.type == "ordered_list_open", items=tuple(items)))
        elif token.type == "inline":
            runs = _merged(_runs(token))
            if runs:
                out.append(Paragraph(runs=runs))
        index += 1
    return tuple(out)


def inline(text: str) -> Inline:
    """One line of runs from Markdown text: bold and italic kept, paragraphs and list items joined by spaces."""
    runs: list[Run] = []
    for block in blocks(text):
        parts: Iterator[Inline] = iter(block.items) if isinstance(block, ListBlock) else iter((block.runs,))
        for part in parts:
            if runs:
                runs.append(Run(" "))
            runs.extend(part)
    return _merged(runs)
