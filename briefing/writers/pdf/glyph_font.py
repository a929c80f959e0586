"""TrueType faces that can draw shaped glyphs: a reportlab TTFont whose text layer still says what the glyphs mean.

reportlab draws characters, not glyphs: a face's character map picks each glyph.
Shaped text holds glyphs no character maps to (an Arabic letter's initial form,
a Devanagari conjunct, a ligature) or glyphs that stand for several characters.
:class:`GlyphFont` gives each such glyph a private code point of its own
(Supplementary Private Use Area A, which no bundled face maps) and writes a
ToUnicode map that turns that code back into the characters the glyph shows, so
copying, searching and ``pdftotext`` return the text as written. It also writes
correct UTF-16 for characters beyond the Basic Multilingual Plane (emoji),
which reportlab's own ToUnicode map writes as five hex digits.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import cached_property

from reportlab.pdfbase.ttfonts import SUBSETN, TTFont

_PRIVATE_FIRST = 0xF0000  # Supplementary Private Use Area A
_PRIVATE_LAST = 0xFFFFD
_LOCK = threading.Lock()


@dataclass(frozen=True)
class Metrics:
    """A face's vertical extent and units, from its hhea table."""

    units_per_em: int
    ascent: float  # in ems, positive
    descent: float  # in ems, positive


class GlyphFont(TTFont):
    """A TrueType face that reportlab embeds as usual, plus codes for glyphs that stand for other text."""

    def __init__(self, name: str, filename: str) -> None:
        super().__init__(name, filename)
        self._meaning: dict[int, str] = {}  # private code -> the text it stands for
        self._codes: dict[tuple[int, str], int] = {}  # (glyph, text) -> private code
        self._next = _PRIVATE_FIRST

    @cached_property
    def data(self) -> bytes:
        """The font file's bytes, as HarfBuzz reads them."""
        return bytes(self.face._ttf_data)

    @cached_property
    def metrics(self) -> Metrics:
        """Units per em, ascent and descent in ems."""
        import uharfbuzz

        face = uharfbuzz.Face(uharfbuzz.Blob(self.data))
        extents = uharfbuzz.Font(face).get_font_extents("ltr")
        upem = face.upem
        return Metrics(upem, extents.ascender / upem, -extents.descender / upem)

    def code_for(self, glyph: int, text: str, advance: int) -> str:
        """The one-character string that draws ``glyph`` and reads as ``text``.

        ``advance`` is the glyph's width in font units. A glyph that its own
        character maps to, standing for just that character, is drawn by that
        character; any other gets a private code.
        """
        if len(text) == 1 and self.face.charToGlyph.get(ord(text)) == glyph:
            return text
        key = (glyph, text)
        with _LOCK:
            code = self._codes.get(key)
            if code is None:
                if self._next > _PRIVATE_LAST:
                    raise OverflowError(f"{self.fontName}: more shaped glyphs than private codes")
                code = self._codes[key] = self._next
                self._next += 1
                self._meaning[code] = text
                self.face.charToGlyph[code] = glyph
                self.face.charWidths[code] = round(advance * 1000 / self.metrics.units_per_em)
        return chr(code)

    def addObjects(self, doc) -> None:
        """Embed the subsets as reportlab does, then write ToUnicode maps that know the private codes."""
        state = self.state.get(doc)
        subsets = [list(subset) for subset in state.subsets] if state is not None else []
        super().addObjects(doc)
        for number, subset in enumerate(subsets):
            if all(code < 0x10000 and code not in self._meaning for code in subset):
                continue  # reportlab's own map is right for plain characters of the Basic Multilingual Plane
            base = (b"".join((SUBSETN(number), b"+", self.face.name, self.face.subfontNameX))).decode("pdfdoc")
            stream = doc.idToObject.get("toUnicodeCMap:" + base)
            if stream is not None:
                stream.content = to_unicode_cmap(base, [self._meaning.get(code, chr(code)) if code else "" for code in subset])


def _utf16_hex(text: str) -> str:
    """``text`` as big-endian UTF-16 in hex, as a ToUnicode map wants it."""
    return text.encode("utf-16-be").hex().upper()


def to_unicode_cmap(name: str, texts: list[str]) -> str:
    """A ToUnicode CMap for a one-byte subset: code ``i`` reads as ``texts[i]``.

    A glyph that is one of several drawing one character (the second part of a
    split vowel) reads as nothing: it maps to no text at all.
    """
    entries = [f"<{code:02X}> <{_utf16_hex(text)}>" for code, text in enumerate(texts)]
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        f"/CIDSystemInfo << /Registry ({name}) /Ordering ({name}) /Supplement 0 >> def",
        f"/CMapName /{name} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{max(len(texts) - 1, 0):02X}>",
        "endcodespacerange",
    ]
    for start in range(0, len(entries), 100):  # a bfchar block holds at most 100 entries
        chunk = entries[start : start + 100]
        lines += [f"{len(chunk)} beginbfchar", *chunk, "endbfchar"]
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines)
