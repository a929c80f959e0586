"""PDF sources, read with pypdf: paragraphs found from the vertical gaps between lines, each with its page number."""

from __future__ import annotations

import io
import itertools
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pypdf

from ..errors import SourceError, located
from .model import Paragraph, SourceDocument, SourceInfo
from .paragraphs import HEADER_RULE, header_and_body, kind_from_words, speaker_from_title

RULE = (
    "The text of each page as pypdf extracts it, in lines. A new paragraph starts where the gap above a line is "
    "more than 1.3 times the usual line spacing, or the font size changes; lines are joined by one space (a word "
    "hyphenated at a line end is joined without one). A paragraph never runs across pages. Lines that are only a "
    "page number are left out. Lines in a larger font are headings. Citations give the page, with the span "
    f"counted in the page's paragraphs joined by a blank line. {HEADER_RULE}"
)
_PAGE_NUMBER = re.compile(r"^(?:page\s+)?[-–\s]*\d{1,4}(?:\s+(?:of|/)\s+\d{1,4})?[-–\s]*$", re.I)


@dataclass
class _Line:
    y: float
    size: float
    text: str


def _page_lines(page) -> list[_Line]:
    """The page's lines in pypdf's order, each with the height and font size of its first text."""
    lines: list[_Line] = []
    current: list[str] = []
    where: list[tuple[float, float]] = []

    def visit(text, cm, tm, _font, size):
        chunks = text.split("\n")
        for i, chunk in enumerate(chunks):
            if chunk.strip() and not where:
                scale = abs(tm[3] * cm[3]) or 1.0
                where.append((tm[4] * cm[1] + tm[5] * cm[3] + cm[5], size * scale))
            current.append(chunk)
            if i < len(chunks) - 1:
                _end_line()

    def _end_line():
        text = "".join(current).strip()
        if text and where:
            lines.append(_Line(where[0][0], where[0][1], text))
        current.clear()
        where.clear()

    page.extract_text(visitor_text=visit)
    _end_line()
    return [line for line in lines if not _PAGE_NUMBER.match(line.text)]


def _join(lines: list[str]) -> str:
    text = ""
    for line in lines:
        if text.endswith("-") and len(text) > 1 and text[-2].isalpha() and line[:1].islower():
            text += line
        else:
            text = f"{text} {line}" if text else line
    return text


def _paragraphs(lines: list[_Line], body_size: float, spacing: float) -> list[tuple[str, int]]:
    out: list[tuple[str, int]] = []
    group: list[_Line] = []
    for line in lines:
        if group:
            gap = group[-1].y - line.y
            if gap > spacing * 1.3 or gap < 0 or abs(line.size - group[-1].size) > 0.5:
                out.append(_close(group, body_size))
                group = []
        group.append(line)
    if group:
        out.append(_close(group, body_size))
    return out


def _close(group: list[_Line], body_size: float) -> tuple[str, int]:
    size = group[0].size
    level = 0 if size <= body_size + 0.5 else (1 if size >= body_size + 4 else 2)
    return _join([line.text for line in group]), level


def _open(path: Path, data: bytes) -> pypdf.PdfReader:
    reader = pypdf.PdfReader(io.BytesIO(data))
    if reader.is_encrypted and not reader.decrypt(""):
        raise SourceError("the PDF is password-protected", location=located(path), hint="save an unprotected copy and import that")
    return reader


def read_pdf(path: Path, data: bytes) -> SourceDocument:
    reader = _open(path, data)
    pages = [_page_lines(page) for page in reader.pages]
    sizes = Counter(round(line.size, 1) for lines in pages for line in lines)
    body_size = sizes.most_common(1)[0][0] if sizes else 10.0
    gaps = Counter(round(a.y - b.y, 1) for lines in pages for a, b in itertools.pairwise(lines) if a.y > b.y and abs(a.size - b.size) < 0.5)
    spacing = gaps.most_common(1)[0][0] if gaps else body_size * 1.2
    info = SourceInfo(paragraphing=RULE)
    meta = reader.metadata or {}
    paragraphs: list[Paragraph] = []
    for page_number, lines in enumerate(pages, start=1):
        found = _paragraphs(lines, body_size, spacing)
        if page_number == 1 or not paragraphs:
            found = _take_header(found, info)
        for text, level in found:
            paragraphs.append(Paragraph(len(paragraphs) + 1, text, page_number, level))
    info.title = info.title or _meta(meta, "/Title")
    info.author = info.author or _meta(meta, "/Author")
    return SourceDocument(path, "pdf", info, paragraphs)


def _take_header(found: list[tuple[str, int]], info: SourceInfo) -> list[tuple[str, int]]:
    if found and found[0][1] and info.title is None:
        info.title = found[0][0]
        info.kind = kind_from_words(info.title)
        speaker_from_title(info)
        found = found[1:]
    lead = 0
    while lead < len(found) and found[lead][1] == 0 and lead < 5:
        lead += 1
    body = header_and_body([t for t, _ in found[:lead]], info)
    return found[lead - len(body) :]


def _meta(meta, key: str) -> str | None:
    value = meta.get(key) if hasattr(meta, "get") else None
    text = str(value).strip() if value else ""
    return None if text.lower() in ("", "(anonymous)", "anonymous", "unknown", "untitled") else text
