"""Text the PDF's own faces cannot set alone: shaped paragraphs and shaped lines, with one warning per missing character.

The PDF writer keeps reportlab's Paragraph for text its style's face shows in
full, left to right (the fast path, and every Latin brief). Anything else (a
Chinese name, an Urdu paragraph, an Arabic quotation, an emoji) becomes a
:class:`~briefing.writers.pdf.shaped_paragraph.ShapedParagraph`, or for page
furniture a shaped line drawn straight on the canvas.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.styles import ParagraphStyle

from ..coverage import Fallback, coverage, is_plain, missing_warning
from .shaped_paragraph import ShapedParagraph, draw_shaped_line
from .shaping import ShapedText, Span, shape

FacePath = Callable[[bool, bool], Path]  # (bold, italic) -> the face file of a text style


@dataclass
class ScriptSetter:
    """Shapes what the fast path cannot set, and remembers each character no face has, once per place."""

    fallbacks: Sequence[Fallback]
    language: str
    warnings: list[str] = field(default_factory=list)
    _seen: set[tuple[str, str]] = field(default_factory=set)

    def plain(self, texts: Sequence[str], face: Path) -> bool:
        """Whether every text can take the fast path in ``face``."""
        cmap = coverage(face)
        return all(is_plain(text, cmap) for text in texts)

    def shape(self, runs: Sequence[tuple[str, bool, bool]], size: float, face: FacePath, where: str, lang: str = "") -> ShapedText:
        """Shape ``(text, bold, italic)`` runs, warning once for each character no face has."""
        spans = [Span(text, face(bold, italic), bold) for text, bold, italic in runs if text]
        shaped = shape(spans or [Span("", face(False, False))], size, self.fallbacks, lang or self.language)
        for char in dict.fromkeys(shaped.missing):
            if (where, char) not in self._seen:
                self._seen.add((where, char))
                self.warnings.append(missing_warning(char, where))
        return shaped

    def paragraph(
        self, runs: Sequence[tuple[str, bool, bool]], style: ParagraphStyle, face: FacePath, where: str, lang: str = ""
    ) -> ShapedParagraph:
        """A shaped paragraph in ``style``."""
        return ShapedParagraph(self.shape(runs, style.fontSize, face, where, lang), style)

    def draw(self, canvas, text: str, face: Path, size: float, x: float, y: float, align: str, where: str) -> float:
        """Draw one line of furniture with its left, centre or right at ``x``; its width."""
        shaped = self.shape([(text, False, False)], size, lambda bold, italic: face, where)
        width = shaped.width(0, len(shaped.text))
        left = x - width if align == "right" else x - width / 2 if align == "centre" else x
        draw_shaped_line(canvas, shaped, left, y)
        return width
