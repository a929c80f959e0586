"""Word sources, read with python-docx: each non-empty body paragraph is one paragraph, headings kept with their level."""

from __future__ import annotations

import io
import re
from pathlib import Path

import docx

from .model import SourceDocument, SourceInfo
from .paragraphs import HEADER_RULE, header_and_body, kind_from_words, number, speaker_from_title

RULE = (
    "Each non-empty paragraph of the Word document's body is one paragraph (line breaks as spaces); "
    "headings (styles Heading 1-9) are numbered too and keep their level; tables, headers and footers are left out. "
    f"A paragraph in the Title style is the title. {HEADER_RULE}"
)


def _level(style_name: str) -> int:
    m = re.match(r"Heading (\d)", style_name or "")
    return int(m.group(1)) if m else 0


def read_docx(path: Path, data: bytes) -> SourceDocument:
    document = docx.Document(io.BytesIO(data))
    info = SourceInfo(paragraphing=RULE)
    texts: list[str] = []
    levels: list[int] = []
    for para in document.paragraphs:
        text = " ".join(para.text.replace("\t", " ").split("\n")).strip()
        if not text:
            continue
        style = para.style.name if para.style is not None else ""
        if style == "Title" and info.title is None and not texts:
            info.title = text
            continue
        texts.append(text)
        levels.append(_level(style))
    info.title = info.title or (document.core_properties.title or "").strip() or None
    if info.title:
        info.kind = kind_from_words(info.title)
        speaker_from_title(info)
    lead = 0
    while lead < len(levels) and levels[lead] == 0 and lead < 5:
        lead += 1
    body = header_and_body(texts[:lead], info) + texts[lead:]
    return SourceDocument(path, "docx", info, number(body, headings=levels[len(levels) - len(body) :]))
