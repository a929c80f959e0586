"""The paragraph rule shared by the readers, and what a source's first lines say about it (title, byline, date, kind).

The rule, for every reader: a paragraph is a block of text between blank lines
(or one paragraph/heading/list item of a structured document). Its lines are
stripped and joined by one space; nothing else in it is changed. Leading
*header* blocks are not numbered: the title, a byline ("By ..."), a dateline
and a document-kind line ("PRESS RELEASE"), each a single short line. The
first numbered block is paragraph 1. Headings are numbered like paragraphs and
flagged, so a pillar drawn from one can cite it.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import SourceError, located
from .model import Paragraph, SourceInfo

MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"]
_MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
_DATE_PATTERNS = [
    re.compile(rf"\b(?P<d>\d{{1,2}})\s+(?P<m>{_MONTH})\.?,?\s+(?P<y>(?:19|20)\d\d)\b", re.I),
    re.compile(rf"\b(?P<m>{_MONTH})\.?\s+(?P<d>\d{{1,2}}),?\s+(?P<y>(?:19|20)\d\d)\b", re.I),
    re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<mn>\d\d)-(?P<d>\d\d)\b"),
    re.compile(rf"\b(?P<m>{_MONTH})\.?\s+(?P<y>(?:19|20)\d\d)\b", re.I),
]
KIND_WORDS = [
    ("joint statement", "statement"),
    ("communiqué", "communique"),
    ("communique", "communique"),
    ("press release", "statement"),
    ("statement", "statement"),
    ("remarks by", "speech"),
    ("speech", "speech"),
    ("address by", "speech"),
    ("keynote", "speech"),
    ("interview", "interview"),
    ("report", "report"),
]
HONORIFICS = re.compile(r"^(?:(?:H\.\s?E\.|Dr\.?|Mr\.?|Mrs\.?|Ms\.?|Prof\.?|Professor|Sir|Dame|His Excellency|Her Excellency)\s+)+")
_KIND_LINE = re.compile(r"^(?:press release|for immediate release|joint statement|communiqu[ée]|statement|speech|transcript)\b", re.I)


def decode_text(path: Path, data: bytes) -> str:
    """UTF-8 text (a byte-order mark is dropped); anything else is a SourceError."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceError(
            f"not UTF-8 text (byte {exc.start})", location=located(path), hint="save the file as UTF-8 and import it again"
        ) from None
    if "\x00" in text:
        raise SourceError("the file holds binary data, not text", location=located(path), hint="import the document itself")
    return text


def blocks(text: str) -> list[str]:
    """Blocks between blank lines, each with its lines stripped and joined by one space."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    out = []
    for block in re.split(r"\n[ \t\f\v\u00a0]*\n", text):
        lines = [line.strip() for line in block.split("\n")]
        joined = " ".join(line for line in lines if line)
        if joined:
            out.append(joined)
    return out


def parse_date(text: str) -> str | None:
    """The first calendar date written in ``text``, as YYYY-MM-DD, YYYY-MM or None."""
    for pattern in _DATE_PATTERNS:
        m = pattern.search(text)
        if not m:
            continue
        parts = m.groupdict()
        year = int(parts["y"])
        month = int(parts["mn"]) if parts.get("mn") else _month_number(parts.get("m") or "")
        if not 1 <= month <= 12:
            continue
        if parts.get("d"):
            day = int(parts["d"])
            if not 1 <= day <= _days_in(year, month):
                continue
            return f"{year:04d}-{month:02d}-{day:02d}"
        return f"{year:04d}-{month:02d}"
    return None


def _month_number(name: str) -> int:
    name = name.lower().rstrip(".")[:3]
    return next((i + 1 for i, m in enumerate(MONTHS) if m.startswith(name)), 0) if name else 0


def _days_in(year: int, month: int) -> int:
    if month == 2:
        return 29 if (year % 4 == 0 and year % 100 != 0) or year % 400 == 0 else 28
    return 30 if month in (4, 6, 9, 11) else 31


def kind_from_words(text: str) -> str | None:
    """The source kind a title or kind line names ("Joint Statement", "Remarks by ..."), else None."""
    lower = text.lower()
    return next((kind for word, kind in KIND_WORDS if re.search(rf"\b{re.escape(word)}\b", lower)), None)


def is_short_line(block: str, limit: int = 200) -> bool:
    return len(block) <= limit and not block.rstrip().endswith((".", ";", ","))


def looks_like_heading(block: str) -> bool:
    """A plain-text heading: one short line (up to 12 words) without closing punctuation, starting with a capital or a number."""
    words = block.split()
    return (
        0 < len(words) <= 12 and not block.endswith((".", ",", ";", ":", "?", "!", "”", '"')) and (block[0].isupper() or block[0].isdigit())
    )


def read_byline(block: str, info: SourceInfo) -> bool:
    """Fill author and role from "By NAME, ROLE"; True when the block is a byline."""
    if not re.match(r"^By\s+\S", block) or len(block) > 200:
        return False
    rest = HONORIFICS.sub("", block[3:].strip())
    name, _, role = rest.partition(",")
    info.author = info.author or name.strip() or None
    info.author_role = info.author_role or role.strip() or None
    return True


def speaker_from_title(info: SourceInfo) -> None:
    """ "Remarks by Foreign Minister Sara Ahmed at ...": the speaker is the author, the title their role."""
    from .people import TITLED

    m = re.search(r"\b(?:Remarks|Speech|Address|Statement|Keynote)\s+(?:\w+\s+)?by\s+", info.title or "")
    found = TITLED.match(info.title or "", m.end()) if m else None
    if found and info.author is None:
        info.author, info.author_role = found.group("name"), " ".join(found.group("title").split())


def header_and_body(raw_blocks: list[str], info: SourceInfo) -> list[str]:
    """Take the header blocks (title, byline, dateline, kind line) into ``info``; return the body blocks."""
    index = 0
    while index < len(raw_blocks) and index < 5:
        block = raw_blocks[index]
        if read_byline(block, info):
            pass
        elif _KIND_LINE.match(block) and len(block) <= 60:
            info.kind = info.kind or kind_from_words(block)
        elif len(block) <= 80 and parse_date(block) and len(block.split()) <= 8:
            info.date = info.date or parse_date(block)
        elif info.title is None and is_short_line(block):
            info.title = block.lstrip("—–-•* ").strip() or None
            info.kind = info.kind or kind_from_words(block)
            speaker_from_title(info)
        else:
            break
        index += 1
    return raw_blocks[index:]


def number(body: list[str], *, headings: list[int] | None = None, page: int | None = None, start: int = 1) -> list[Paragraph]:
    """Number body blocks from ``start``; ``headings`` gives each block's heading level (0 for body)."""
    levels = headings or [1 if looks_like_heading(b) else 0 for b in body]
    return [Paragraph(start + i, text, page, level) for i, (text, level) in enumerate(zip(body, levels, strict=True))]


HEADER_RULE = (
    "The title, a byline (By ...), a dateline and a document-kind line at the top are not numbered; "
    "paragraph 1 is the first block after them."
)
