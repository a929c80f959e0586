"""The PDF's watermark: its text large, diagonal and faint across the middle of every page, styled by the house style."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.colors import Color
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from ...document.model import Metadata
from ...errors import RenderError
from ..common import DOCUMENT_DETAILS
from ..coverage import is_plain
from .kit import Kit
from .markup import Markup


@dataclass(frozen=True)
class Watermark:
    """One document's watermark: text, face, size, colour, opacity and angle."""

    text: str
    font: str
    size: float
    colour: Color
    opacity: float
    angle: float

    @classmethod
    def create(cls, meta: Metadata, kit: Kit, markup: Markup) -> Watermark | None:
        """The watermark ``meta`` asks for (its text checked against the face), or None."""
        text = markup.guard.clean(meta.watermark, DOCUMENT_DETAILS).strip()
        if not text:
            return None
        look = kit.house.watermark
        face = kit.faces[look.font, look.bold, False]
        if not is_plain(text, face.cmap):
            raise RenderError(
                f"the watermark font {face.file} cannot show {text!r}", hint="choose another watermark: font in the house style"
            )
        return cls(text, face.name, look.size, kit.colour(look.colour), look.opacity, look.angle)

    def draw(self, canvas: Canvas, page_size: tuple[float, float]) -> None:
        """Set the text centred on the page, turned by the angle, in the faint colour."""
        width, height = page_size
        canvas.saveState()
        canvas.setFillColor(self.colour)
        canvas.setFillAlpha(self.opacity)
        canvas.translate(width / 2, height / 2)
        canvas.rotate(self.angle)
        canvas.setFont(self.font, self.size)
        ascent = pdfmetrics.getAscent(self.font, self.size)
        canvas.drawCentredString(0, -ascent * 0.35, self.text)
        canvas.restoreState()
