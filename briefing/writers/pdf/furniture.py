"""Page furniture of the PDF: the marking banners, the header and footer slots and their rules."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus.frames import Frame

from ...document.model import Metadata, banner_text
from ...errors import RenderError
from ...style import fill_slot
from ..common import DOCUMENT_DETAILS, ELLIPSIS, HOUSE_SLOTS, marking_colour, slot_values, snippet
from ..coverage import is_plain
from .fonts import Face
from .kit import Kit
from .markup import Markup
from .scripts import ScriptSetter
from .watermark import Watermark

RULE_WIDTH = 0.5  # header and footer rules, table row rules
_RULE_BELOW_HEADER = 0.45  # the header rule's distance below the header baseline, in header leadings
_PAGE_SIZES = {"A4": A4, "Letter": LETTER}


@dataclass(frozen=True)
class Line:
    """How one line of page furniture is set: face, size, leading and colour."""

    font: str
    size: float
    leading: float
    colour: Color
    face: Face | None = None  # the face ``font`` names: what text it cannot set alone is shaped
    scripts: ScriptSetter | None = None

    @classmethod
    def of(cls, style: ParagraphStyle, colour: Color | None = None, face: Face | None = None, scripts: ScriptSetter | None = None) -> Line:
        """The line look of a paragraph style, optionally in another colour, shaping with ``scripts`` what ``face`` cannot set."""
        return cls(style.fontName, style.fontSize, style.leading, colour or style.textColor, face, scripts)

    def _shaped(self, text: str) -> bool:
        return self.face is not None and self.scripts is not None and not is_plain(text, self.face.cmap)

    def width(self, text: str) -> float:
        """How wide ``text`` is in this look."""
        if self._shaped(text):
            shaped = self.scripts.shape([(text, False, False)], self.size, lambda bold, italic: self.face.path, DOCUMENT_DETAILS)  # type: ignore[union-attr]
            return shaped.width(0, len(shaped.text))
        return pdfmetrics.stringWidth(text, self.font, self.size)

    def draw(self, canvas: Canvas, x: float, y: float, text: str, align: str = "left") -> None:
        """Draw ``text`` with its left, centre or right at ``x`` (the canvas's font and colour already set)."""
        if self._shaped(text):
            self.scripts.draw(canvas, text, self.face.path, self.size, x, y, align, DOCUMENT_DETAILS)  # type: ignore[union-attr]
            return
        {"left": canvas.drawString, "centre": canvas.drawCentredString, "right": canvas.drawRightString}[align](x, y, text)

    def fit(self, text: str, width: float) -> str:
        """``text``, cut short with an ellipsis so it is no wider than ``width``."""
        if self.width(text) <= width:
            return text
        fits, too_long = 0, len(text)  # binary search for the longest start that fits with the ellipsis
        while too_long - fits > 1:
            middle = (fits + too_long) // 2
            fits, too_long = (middle, too_long) if self.width(text[:middle] + ELLIPSIS) <= width else (fits, middle)
        return text[:fits].rstrip() + ELLIPSIS if fits else ""


def _share(widths: Sequence[float], total: float) -> list[float]:
    """Split ``total`` between two slots: each gets half, unless the other needs less."""
    half = total / 2
    first, second = widths
    if first <= half:
        return [first, total - first]
    if second <= half:
        return [total - second, second]
    return [half, half]


def _cleaned_slots(markup: Markup, kit: Kit) -> dict[str, tuple[str, str, str]]:
    """The header and footer slot templates, cleaned by the shared rule."""
    house, guard = kit.house, markup.guard
    return {
        name: tuple(guard.clean(slot, HOUSE_SLOTS) for slot in (source.left, source.centre, source.right))  # type: ignore[misc]
        for name, source in (("header", house.header), ("footer", house.footer))
    }


@dataclass(frozen=True)
class Furniture:
    """What every page shows outside the text frame, and where the text frame is."""

    page_size: tuple[float, float]
    left: float
    right: float
    top: float
    bottom: float
    header_edge: float
    footer_edge: float
    banner: str
    banner_line: Line
    header: tuple[str, str, str]
    footer: tuple[str, str, str]
    header_line: Line
    footer_line: Line
    values: Mapping[str, str]
    rule: Color
    body: Line  # the canvas's initial font, so no unembedded standard font is ever declared
    watermark: Watermark | None = None

    @classmethod
    def create(cls, meta: Metadata, kit: Kit, markup: Markup) -> Furniture:
        """The furniture for a document; every text it shows is cleaned and checked against its font here."""
        house = kit.house
        margins = house.page.margins_mm
        values = slot_values(meta, lambda text: markup.guard.clean(text, DOCUMENT_DETAILS))
        banner = markup.guard.clean(banner_text(meta), DOCUMENT_DETAILS)
        slots = _cleaned_slots(markup, kit)
        scripts = markup.scripts

        def line(style: str, colour: Color | None = None, bold: bool = False) -> Line:
            return Line.of(kit.style(style), colour, kit.face(style, bold=bold), scripts)

        furniture = cls(
            page_size=_PAGE_SIZES[house.page.size],
            left=margins.left * mm,
            right=margins.right * mm,
            top=margins.top * mm,
            bottom=margins.bottom * mm,
            header_edge=house.page.header_mm * mm,
            footer_edge=house.page.footer_mm * mm,
            banner=banner,
            banner_line=line("banner", HexColor(marking_colour(meta, house)), bold=True),
            header=slots["header"],
            footer=slots["footer"],
            header_line=line("header"),
            footer_line=line("footer"),
            values=values,
            rule=kit.colour("rule"),
            body=Line.of(kit.style("body")),
            watermark=Watermark.create(meta, kit, markup),
        )
        if furniture.banner_line.width(furniture.banner) > furniture.frame_width:
            raise RenderError(f"the marking {snippet(furniture.banner)!r} is too long for one line", hint="shorten the caveat")
        return furniture

    @property
    def frame_width(self) -> float:
        """The width of the text frame."""
        return self.page_size[0] - self.left - self.right

    def frame(self) -> Frame:
        """The one text frame of every page."""
        _width, height = self.page_size
        return Frame(
            self.left, self.bottom, self.frame_width, height - self.top - self.bottom,
            leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="text",
        )  # fmt: skip

    def draw(self, canvas: Canvas, page: int, pages: int) -> None:
        """Draw banners, slots and rules on the current page of ``canvas``."""
        values = {**self.values, "page": str(page), "pages": str(pages)}
        top_banner = self.page_size[1] - self.header_edge
        bottom_banner = self.footer_edge
        header_base = top_banner - self.banner_line.leading
        footer_base = bottom_banner + self.banner_line.leading
        canvas.saveState()
        self._banner(canvas, top_banner)
        self._banner(canvas, bottom_banner)
        self._slots(canvas, self.header, self.header_line, header_base, values)
        self._slots(canvas, self.footer, self.footer_line, footer_base, values)
        self._rule(canvas, header_base - self.header_line.leading * _RULE_BELOW_HEADER)
        self._rule(canvas, footer_base + self.footer_line.leading)
        if self.watermark is not None:
            self.watermark.draw(canvas, self.page_size)
        canvas.restoreState()

    def _banner(self, canvas: Canvas, y: float) -> None:
        """The classification marking, centred."""
        line = self.banner_line
        canvas.setFont(line.font, line.size)
        canvas.setFillColor(line.colour)
        line.draw(canvas, self.page_size[0] / 2, y, self.banner, "centre")

    def _slots(self, canvas: Canvas, slots: tuple[str, str, str], line: Line, y: float, values: Mapping[str, str]) -> None:
        """Left, centre and right slots (cleaned already), each cut short rather than overlapping the others."""
        left, centre, right = (fill_slot(slot, dict(values)).strip() for slot in slots)
        gap = line.size * 2
        centre = line.fit(centre, self.frame_width / 3 if (left or right) else self.frame_width)
        if centre:
            side = (self.frame_width - line.width(centre)) / 2 - gap
            left_room, right_room = side, side
        else:
            left_room, right_room = _share([line.width(left), line.width(right)], self.frame_width - gap)
        canvas.setFont(line.font, line.size)
        canvas.setFillColor(line.colour)
        line.draw(canvas, self.left, y, line.fit(left, left_room))
        line.draw(canvas, self.page_size[0] / 2, y, centre, "centre")
        line.draw(canvas, self.page_size[0] - self.right, y, line.fit(right, right_room), "right")

    def _rule(self, canvas: Canvas, y: float) -> None:
        """A thin rule across the text width."""
        canvas.setStrokeColor(self.rule)
        canvas.setLineWidth(RULE_WIDTH)
        canvas.line(self.left, y, self.page_size[0] - self.right, y)
