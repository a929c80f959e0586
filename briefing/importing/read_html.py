"""Web pages, read with trafilatura: the article's text without menus and footers, and its title, author and date."""

from __future__ import annotations

from pathlib import Path

import trafilatura

from .model import SourceDocument, SourceInfo
from .paragraphs import HEADER_RULE, decode_text, header_and_body, kind_from_words, number, parse_date, speaker_from_title

RULE = (
    "The main text as trafilatura extracts it (menus, navigation, footers and comments left out): each heading, "
    "paragraph, list item and quotation block is one paragraph, whitespace runs as one space; tables are left out. "
    f"A first heading that repeats the page title is the title. {HEADER_RULE}"
)


def _elements(body) -> list[tuple[str, int]]:
    out: list[tuple[str, int]] = []
    for element in body.iter("head", "p", "item", "quote"):
        if element.tag == "quote" and element.find("p") is not None:
            continue  # its paragraphs come on their own
        if element.tag == "p" and element.getparent() is not None and element.getparent().tag == "item":
            continue
        text = " ".join("".join(element.itertext()).split())
        if not text:
            continue
        level = 0
        if element.tag == "head":
            rend = element.get("rend") or "h2"
            level = int(rend[1:]) if rend[1:].isdigit() else 2
        out.append((text, level))
    return out


def read_html(path: Path, data: bytes) -> SourceDocument:
    html = decode_text(path, data)
    info = SourceInfo(paragraphing=RULE)
    extracted = trafilatura.bare_extraction(html, with_metadata=True, include_tables=False, include_comments=False)
    if extracted is None or extracted.body is None:
        return SourceDocument(path, "html", info, [])
    info.title = (extracted.title or "").strip() or None
    info.author = (extracted.author or "").strip() or None
    info.date = parse_date(extracted.date or "") if extracted.date else None
    info.url = extracted.url or None
    info.publication = (extracted.sitename or "").strip() or None
    items = _elements(extracted.body)
    if items and items[0][1] and (info.title is None or items[0][0] == info.title):
        info.title = items[0][0]
        items = items[1:]
    info.kind = kind_from_words(info.title or "") or "web-page"
    speaker_from_title(info)
    lead = 0
    while lead < len(items) and items[lead][1] == 0 and lead < 5:
        lead += 1
    body = header_and_body([t for t, _ in items[:lead]], info) + [t for t, _ in items[lead:]]
    levels = [lv for _, lv in items[len(items) - len(body) :]]
    return SourceDocument(path, "html", info, number(body, headings=levels))
