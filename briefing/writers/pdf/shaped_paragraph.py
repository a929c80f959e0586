"""A reportlab flowable for shaped text: lines broken on shaped widths, each line in visual order.

reportlab's Paragraph breaks lines on character widths and shapes word by
word afterwards, and its right-to-left wrapping needs a library that is not
on PyPI. This flowable takes a :class:`~briefing.writers.pdf.shaping.ShapedText`,
breaks it where Unicode allows (after spaces, around ideographs) on the widths
HarfBuzz measured, reorders each line by UAX #9 rule L2, and draws every glyph
where HarfBuzz put it. A right-to-left paragraph is set flush right.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable

from .shaping import Piece, ShapedText

_CLOSING = frozenset("\u3001\u3002\uff0c\uff0e\uff1a\uff1b\uff01\uff1f\u300d\u300f\uff09\u3009\u300b")  # never start a line


def _space(char: str) -> bool:
    return char.isspace()


def _wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F") and unicodedata.category(char).startswith("L")


def break_points(shaped: ShapedText) -> list[int]:
    """Where a line may end: after a space, and between ideographs (never inside a cluster)."""
    text, points = shaped.text, []
    starts = {glyph.cluster for piece in shaped.pieces for glyph in piece.glyphs}
    for index in range(1, len(text)):
        if index not in starts or text[index] in _CLOSING:
            continue
        before, after = text[index - 1], text[index]
        if (_space(before) and not _space(after)) or ((_wide(before) or _wide(after)) and not _space(after)):
            points.append(index)
    return [*points, len(text)]


@dataclass(frozen=True)
class Line:
    """One line: characters ``start`` to ``end`` (trailing spaces excluded), its height and baseline depth."""

    start: int
    end: int
    ascent: float
    descent: float

    @property
    def height(self) -> float:
        return self.ascent + self.descent


def _trimmed(text: str, start: int, end: int) -> int:
    while end > start and _space(text[end - 1]):
        end -= 1
    return end


def break_lines(shaped: ShapedText, width: float) -> list[tuple[int, int]]:
    """Greedy line breaking on shaped widths: ``(start, end)`` of each line, trailing spaces left out."""
    text, points, lines = shaped.text, break_points(shaped), []
    starts = sorted({glyph.cluster for piece in shaped.pieces for glyph in piece.glyphs} | {len(text)})
    start = 0
    while start < len(text):
        fitting = [p for p in points if p > start and shaped.width(start, _trimmed(text, start, p)) <= width]
        end = fitting[-1] if fitting else None
        if end is None:  # a word longer than the line: break it between clusters
            inside = [s for s in starts if s > start and shaped.width(start, s) <= width]
            end = inside[-1] if inside else next(s for s in starts if s > start)
        lines.append((start, _trimmed(text, start, end)))
        start = end
        while start < len(text) and _space(text[start]):
            start += 1
    return lines or [(0, 0)]


def visual_order(pieces: list[tuple[Piece, int, int]]) -> list[tuple[Piece, int, int]]:
    """Rule L2: from the highest level to the lowest odd one, reverse every run at that level or higher."""
    if not pieces:
        return pieces
    levels = [piece.level for piece, _, _ in pieces]
    odd = [level for level in levels if level % 2]
    if not odd:
        return pieces
    order = list(range(len(pieces)))
    for level in range(max(levels), min(odd) - 1, -1):
        index = 0
        while index < len(order):
            if levels[order[index]] >= level:
                end = index
                while end < len(order) and levels[order[end]] >= level:
                    end += 1
                order[index:end] = reversed(order[index:end])
                index = end
            index += 1
    return [pieces[i] for i in order]


def first_ascent(flowable: Flowable, size: float) -> float:
    """How far below its top a paragraph's first baseline is: the size for reportlab's own, more for a taller face."""
    if isinstance(flowable, ShapedParagraph):
        return flowable.ascent()
    return size


class ShapedParagraph(Flowable):
    """A paragraph of shaped text in a paragraph style's size, leading, colour, indents and spacing."""

    def __init__(self, shaped: ShapedText, style: ParagraphStyle, lines: list[Line] | None = None, bullet: str = ""):
        super().__init__()
        self.shaped = shaped
        self.style = style
        self.bullet = bullet  # plain text hanging at the style's bullet indent on the first line, as reportlab's bulletText
        self.spaceBefore = style.spaceBefore
        self.spaceAfter = style.spaceAfter
        self.keepWithNext = getattr(style, "keepWithNext", 0)
        self._lines = lines
        self._fixed = lines is not None

    @property
    def rtl(self) -> bool:
        return bool(self.shaped.level % 2)

    def ascent(self) -> float:
        """The ascent of the paragraph's tallest face at its size (its first line's, unless the faces change down the paragraph)."""
        return self._lines[0].ascent if self._lines else self._line(0, len(self.shaped.text)).ascent

    def _line(self, start: int, end: int) -> Line:
        """A line's height: the style's leading, or more where a face stands taller (Nastaliq)."""
        size, style = self.shaped.size, self.style
        faces = {piece.face for piece in self.shaped.pieces if piece.start < max(end, start + 1) and piece.end > start}
        ascent = max([size] + [face.font.metrics.ascent * size for face in faces])
        descent = max([style.leading - size] + [face.font.metrics.descent * size for face in faces])
        return Line(start, end, ascent, descent)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        if not self._fixed:
            room = availWidth - self.style.leftIndent - self.style.rightIndent
            self._lines = [self._line(start, end) for start, end in break_lines(self.shaped, room)]
        self.height = sum(line.height for line in self._lines or [])
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self.wrap(availWidth, availHeight)
        lines = self._lines or []
        used, count = 0.0, 0
        while count < len(lines) and used + lines[count].height <= availHeight:
            used += lines[count].height
            count += 1
        if count == 0 or count == len(lines):
            return [] if count == 0 else [self]
        first = ShapedParagraph(self.shaped, self.style, lines[:count], self.bullet)
        second = ShapedParagraph(self.shaped, self.style, lines[count:])
        first.spaceAfter, second.spaceBefore = 0, 0
        first.entry = getattr(self, "entry", None)  # a heading's contents entry stays with its first part
        return [first, second]

    def draw(self) -> None:
        canvas, style = self.canv, self.style
        canvas.saveState()
        canvas.setFillColor(style.textColor)
        top = self.height
        for index, line in enumerate(self._lines or []):
            top -= line.ascent
            self._draw_line(line, top)
            if index == 0 and self.bullet:
                canvas.setFont(style.bulletFontName, style.bulletFontSize)
                canvas.drawString(style.bulletIndent, top, self.bullet)
            top -= line.descent
        canvas.restoreState()

    def _draw_line(self, line: Line, baseline: float) -> None:
        """Draw one line at its alignment: flush right when the paragraph runs right to left."""
        width = self.shaped.width(line.start, line.end)
        left, room = self.style.leftIndent, self.width - self.style.leftIndent - self.style.rightIndent
        alignment = TA_RIGHT if self.rtl else self.style.alignment
        pen = left + (room - width if alignment == TA_RIGHT else (room - width) / 2 if alignment == TA_CENTER else 0)
        draw_shaped_line(self.canv, self.shaped, pen, baseline, line.start, line.end)


def draw_shaped_line(canvas, shaped: ShapedText, left: float, baseline: float, start: int = 0, end: int | None = None) -> None:
    """Draw characters ``start`` to ``end`` of ``shaped`` as one line in visual order, from ``left`` on ``baseline``."""
    end = len(shaped.text) if end is None else end
    clipped = [(piece, max(piece.start, start), min(piece.end, end)) for piece in shaped.pieces]
    text = canvas.beginText()
    pen = left
    for piece, first, stop in visual_order([(piece, a, b) for piece, a, b in clipped if a < b]):
        text.setFont(piece.face.name, shaped.size)
        pen = _draw_piece(text, shaped, piece, first, stop, pen, baseline)
    canvas.drawText(text)


def _draw_piece(text, shaped: ShapedText, piece: Piece, start: int, end: int, pen: float, baseline: float) -> float:
    """Glyphs of ``piece`` with clusters in ``start..end``; runs of unadjusted glyphs go out as one string."""
    size, widths = shaped.size, piece.face.font.face.getCharWidth
    pending, origin, natural_end, rise = "", (0.0, 0.0), 0.0, 0.0
    clusters: dict[int, list[float]] = {}  # cluster -> [left, right] along the baseline
    for glyph in piece.glyphs:
        if not start <= glyph.cluster < end:
            continue
        extent = clusters.setdefault(glyph.cluster, [pen, pen])
        extent[1] = pen + glyph.advance
        x = pen + glyph.dx
        if pending and glyph.dy == rise and abs(x - natural_end) < 1e-3:
            pending += glyph.code
        else:
            if pending:
                text.setTextOrigin(*origin)
                text.textOut(pending)
            pending, origin, rise, natural_end = glyph.code, (x, baseline + glyph.dy), glyph.dy, x
        natural_end += widths(ord(glyph.code)) * size / 1000  # where the PDF's own advance puts the next glyph
        pen += glyph.advance
    if pending:
        text.setTextOrigin(*origin)
        text.textOut(pending)
    if piece.text_layer:
        _text_layer(text, shaped, piece, clusters, end, baseline)
    return pen


def _text_layer(text, shaped: ShapedText, piece: Piece, clusters: dict[int, list[float]], end: int, baseline: float) -> None:
    """The characters of a right-to-left piece, invisible, each in its share of its cluster's place.

    A cluster that takes no room (the alef of a lam-alef ligature) shares the place of the one before it.
    """
    font, chars = piece.face.font, shaped.text
    starts = [*sorted(clusters), end]
    places: list[list[float]] = []  # [first character, end, left, right]
    for index, cluster in enumerate(starts[:-1]):
        left, right = clusters[cluster]
        if places and right - left < 1e-6:
            places[-1][1] = starts[index + 1]
        else:
            places.append([cluster, starts[index + 1], left, right])
    text.setTextRenderMode(3)
    for first, stop, left, right in places:
        meaning = chars[int(first) : int(stop)]
        share = (right - left) / len(meaning)
        for offset, char in enumerate(meaning):  # the first character is the rightmost
            glyph = font.face.charToGlyph.get(ord(char)) or piece.face.box
            code = font.code_for(glyph, char, piece.face.hb.get_glyph_h_advance(glyph))
            natural = font.face.getCharWidth(ord(code)) * shaped.size / 1000
            text.setHorizScale(100 * share / natural if natural and share else 100)  # each character fills its share
            text.setTextOrigin(right - (offset + 1) * share, baseline)
            text.textOut(code)
    text.setHorizScale(100)
    text.setTextRenderMode(0)
