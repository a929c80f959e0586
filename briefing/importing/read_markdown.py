"""Markdown sources, parsed with markdown-it-py: headings, paragraphs and list items become numbered paragraphs."""

from __future__ import annotations

from pathlib import Path

from markdown_it import MarkdownIt

from .model import SourceDocument, SourceInfo
from .paragraphs import HEADER_RULE, decode_text, header_and_body, kind_from_words, number, speaker_from_title

RULE = (
    "Each heading, paragraph and list item of the Markdown (CommonMark) is one paragraph, as plain text "
    "(emphasis and link marks dropped, line breaks as spaces); code blocks, HTML and tables are left out. "
    f"A first-level heading at the top is the title. {HEADER_RULE}"
)


def _plain(inline) -> str:
    parts = []
    for child in inline.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(child.content)
    return " ".join("".join(parts).split(" ")).strip()


def md_blocks(text: str) -> list[tuple[str, int]]:
    """(plain text, heading level or 0) for each heading, paragraph and list item, in order."""
    tokens = MarkdownIt("commonmark").parse(text)
    out: list[tuple[str, int]] = []
    level = 0
    for token in tokens:
        if token.type == "heading_open":
            level = int(token.tag[1:])
        elif token.type == "heading_close":
            level = 0
        elif token.type == "inline":
            plain = _plain(token)
            if plain:
                out.append((plain, level))
    return out


def read_markdown(path: Path, data: bytes) -> SourceDocument:
    info = SourceInfo(paragraphing=RULE)
    items = md_blocks(decode_text(path, data))
    if items and items[0][1] == 1:
        info.title = items[0][0]
        info.kind = kind_from_words(info.title)
        speaker_from_title(info)
        items = items[1:]
    body = header_and_body([t for t, _ in items], info)
    levels = [lv for _, lv in items[len(items) - len(body) :]]
    return SourceDocument(path, "md", info, number(body, headings=levels))
