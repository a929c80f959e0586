"""The PDF writer: a :class:`~briefing.document.model.Document` laid out with reportlab's platypus.

Every look (page size, margins, fonts, sizes, colours, spacing, header and
footer) comes from the house style; this module only knows the structure of a
brief. All document text is plain Unicode: it is cleaned of control characters,
checked against the embedded fonts *before* anything is laid out, and escaped
before it reaches reportlab's paragraph markup, so content can never become markup.
"""

from __future__ import annotations

import html
import io
import threading
import unicodedata
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, ListFlowable, ListItem, Spacer, Table, TableStyle
from reportlab.platypus import PageBreak as PageBreakFlowable
from reportlab.platypus import Paragraph as ParagraphFlowable
from reportlab.platypus.doctemplate import BaseDocTemplate, LayoutError, PageTemplate
from reportlab.platypus.frames import Frame

from ..document.model import (
    Contents,
    Document,
    FigureRow,
    FiguresTable,
    Heading,
    Inline,
    ListBlock,
    Metadata,
    Note,
    PageBreak,
    Paragraph,
    Quotation,
    Run,
    SourcesList,
    banner_text,
    plain,
    quotation_attribution,
    quotation_sentence,
    ref_mark,
)
from ..document.text import clean_text
from ..errors import RenderError, StyleError
from ..style import HouseStyle, TextStyle, fill_slot, font_file
from . import RenderOptions, WriteResult, register, unknown_node

# --- Geometry: structure, not looks (sizes are in points unless named _EM) -----------------

_RULE_WIDTH = 0.5  # header and footer rules, table row rules
_RULE_BELOW_HEADER = 0.45  # the header rule's distance below the header baseline, in header leadings
_ACCENT_WIDTH = 2.0  # the bar left of a quotation
_CELL_PADDING = 3.0  # figures table cells
_BOX_PADDING_EM = 0.7  # note boxes, in ems of the note text
_QUOTE_INDENT_EM = 1.0  # quotation text from its accent bar
_LIST_INDENT_EM = 1.6  # list text from the frame edge
_TOC_INDENT_EM = 1.5  # level-2 contents entries
_TOC_ROW_PADDING = 1.5  # above and below each contents line
_SOURCE_HANG_EM = 2.8  # the "[n]" column of the sources list
_MIN_SPLIT_LINES = 3  # a box or table row splits across pages only into parts at least this many body lines tall
_FIGURE_COLUMNS = {  # relative widths of the figures table columns
    True: (0.40, 0.20, 0.16, 0.14, 0.10),
    False: (0.48, 0.22, 0.18, 0.12),
}
_FIGURE_HEADINGS = {True: ("Figure", "Value", "Unit", "As of", "Src"), False: ("Figure", "Value", "Unit", "Src")}
_PAGE_SIZES = {"A4": A4, "Letter": LETTER}
_ELLIPSIS = "\u2026"
_HUGE = 1e9
_KEEP_WITH_NEXT_MAX = 0.25  # a heading taller than this share of the frame is not kept with what follows
_WHERE = "_briefing_where"  # attribute naming the block a top-level flowable came from

# --- Text: clean, check, escape ------------------------------------------------------------


def _escape(text: str) -> str:
    """``&``, ``<`` and ``>`` as entities: paragraph markup then holds the text as text.

    (html.escape without quotes does what xml.sax.saxutils.escape does, without
    importing urllib, http and ssl on the way.)
    """
    return html.escape(text, quote=False)


def _clean(text: str) -> str:
    """Text by the writers' shared rule: whitespace controls as spaces, other controls and lone surrogates dropped."""
    return clean_text(text)[0]


def _snippet(text: str, length: int = 40) -> str:
    """The start of some text, for an error message."""
    text = " ".join(_clean(text).split()).encode("utf-8", "backslashreplace").decode("utf-8")
    return text if len(text) <= length else text[:length].rstrip() + _ELLIPSIS


def _char_name(char: str) -> str:
    """``U+1F600 GRINNING FACE``: a character as a person can look it up."""
    name = unicodedata.name(char, "") or f"(unnamed, category {unicodedata.category(char)})"
    return f"U+{ord(char):04X} {name}"


# --- Fonts -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Face:
    """One registered TrueType face: its reportlab name, its character map and its file name."""

    name: str
    cmap: Mapping[int, int]
    file: str


_FaceKey = tuple[str, bool, bool]  # (font family in the house style, bold, italic)

_FONT_LOCK = threading.RLock()
_FACES: dict[Path, _Face] = {}
_FAMILIES: dict[str, tuple[str, str, str, str]] = {}  # regular face name -> (regular, bold, italic, bold italic)


def _map_families() -> None:
    """Tell reportlab again which faces <b> and <i> use in every family seen so far.

    Registering a TrueType face maps that face's own bold and italic to itself,
    which undoes a family mapping for any family whose regular face it is.
    """
    with _FONT_LOCK:
        for regular, bold, italic, bold_italic in _FAMILIES.values():
            pdfmetrics.registerFontFamily(regular, normal=regular, bold=bold, italic=italic, boldItalic=bold_italic)


def _face(path: Path) -> _Face:
    """The face in ``path``, registered with reportlab once per process."""
    with _FONT_LOCK:
        face = _FACES.get(path)
        if face is None:
            try:
                font = TTFont(path.stem, str(path))
            except (OSError, TTFError) as error:
                raise StyleError(f"cannot read the font {path.name}: {error}", hint="check the fonts: section of the house style") from None
            pdfmetrics.registerFont(font)
            _map_families()
            face = _FACES[path] = _Face(font.fontName, font.face.charToGlyph, path.name)
    return face


class _Faces(Mapping[_FaceKey, _Face]):
    """The faces of a house style's families, each read and registered on first use.

    Reading a TrueType file costs about 10 ms, and a document seldom uses all
    eight faces of two families: only those its styles and runs ask for are read.
    """

    def __init__(self) -> None:
        self._files: dict[_FaceKey, Path] = {}
        self._loaded: dict[_FaceKey, _Face] = {}

    def add_family(self, house: HouseStyle, family: str) -> None:
        """The four faces of a house-style font family, registered as one reportlab family (by name only)."""
        try:
            fonts = house.fonts[family]
        except KeyError:
            raise StyleError(f"unknown font family {family!r}", hint="use one of: " + ", ".join(house.fonts)) from None
        files = {(family, bold, italic): font_file(fonts, bold, italic) for bold in (False, True) for italic in (False, True)}
        for path in files.values():
            if not path.is_file():
                raise StyleError(f"cannot read the font {path.name}: no such file", hint="check the fonts: section of the house style")
        self._files.update(files)
        self._map_family(family)

    def _map_family(self, family: str) -> None:
        """Tell reportlab which faces <b> and <i> use in ``family`` (a face's reportlab name is its file's stem, see _face)."""
        names = tuple(
            self._files[family, bold, italic].stem for bold, italic in ((False, False), (True, False), (False, True), (True, True))
        )
        with _FONT_LOCK:
            _FAMILIES[names[0]] = names  # type: ignore[assignment]
        _map_families()

    def __getitem__(self, key: _FaceKey) -> _Face:
        face = self._loaded.get(key)
        if face is None:
            face = self._loaded[key] = _face(self._files[key])
        return face

    def __iter__(self) -> Iterator[_FaceKey]:
        return iter(self._files)

    def __len__(self) -> int:
        return len(self._files)


# --- The kit: everything derived from one house style, built once ---------------------------


def _colour(house: HouseStyle, name_or_hex: str) -> Color:
    """A reportlab colour from a palette name or ``#rrggbb``."""
    value = house.colour(name_or_hex)
    try:
        return HexColor(value)
    except ValueError:
        raise StyleError(f"{value!r} is not a #rrggbb colour", hint="fix colours: in the house style") from None


@dataclass(frozen=True)
class _Kit:
    """A house style made ready for reportlab: faces, paragraph styles and colours."""

    house: HouseStyle
    faces: Mapping[_FaceKey, _Face]
    styles: Mapping[str, ParagraphStyle]
    fonts: Mapping[str, _FaceKey]  # paragraph style name -> the face its plain text is set in

    def style(self, name: str) -> ParagraphStyle:
        """The paragraph style ``name`` (a house-style text style or one derived from them)."""
        try:
            return self.styles[name]
        except KeyError:
            raise StyleError(f"house style has no text style {name!r}", hint=f"add text: {name}: to the house style") from None

    def colour(self, name: str) -> Color:
        """A palette colour."""
        return _colour(self.house, name)

    def face(self, style: str, bold: bool = False, italic: bool = False) -> _Face:
        """The face text in paragraph style ``style`` is set in, with extra bold or italic."""
        self.style(style)  # a StyleError if there is no such style
        family, style_bold, style_italic = self.fonts[style]
        return self.faces[family, style_bold or bold, style_italic or italic]


def _paragraph_style(name: str, text: TextStyle, house: HouseStyle, face: _Face) -> ParagraphStyle:
    """A reportlab paragraph style from a house-style text style."""
    return ParagraphStyle(
        name,
        fontName=face.name,
        fontSize=text.size,
        leading=text.leading or text.size * 1.2,
        spaceBefore=text.space_before,
        spaceAfter=text.space_after,
        textColor=_colour(house, text.colour),
        bulletFontName=face.name,
        bulletFontSize=text.size,
        keepWithNext=int(name.startswith("heading")),
        splitLongWords=1,
    )


def _derive(kit_styles: dict[str, ParagraphStyle], fonts: dict[str, _FaceKey], faces: Mapping[_FaceKey, _Face], house: HouseStyle) -> None:
    """Add the styles the writer needs beyond the house style's own, each derived from one of those."""

    def add(name: str, parent: str, bold: bool = False, **overrides: Any) -> None:
        family, parent_bold, italic = fonts[parent]
        fonts[name] = (family, parent_bold or bold, italic)
        kit_styles[name] = ParagraphStyle(name, parent=kit_styles[parent], fontName=faces[fonts[name]].name, **overrides)

    for parent in ("body", "small", "note"):
        house.style(parent)  # a StyleError naming a missing parent
    body, small = house.style("body"), house.style("small")
    add("cell_note", "small", spaceBefore=0, spaceAfter=0)
    add("caption", "small", bold=True, keepWithNext=1)
    add("note_title", "note", bold=True, spaceAfter=small.space_after)
    add("toc1", "body", bold=True, spaceBefore=0, spaceAfter=0)
    add("toc2", "body", spaceBefore=0, spaceAfter=0, leftIndent=body.size * _TOC_INDENT_EM)
    add("source", "small", leftIndent=small.size * _SOURCE_HANG_EM, bulletIndent=0)


def _build_kit(house: HouseStyle) -> _Kit:
    """Register the fonts a house style uses and build its paragraph styles."""
    faces = _Faces()
    for family in sorted({text.font for text in house.text.values()}):
        faces.add_family(house, family)
    styles: dict[str, ParagraphStyle] = {}
    fonts: dict[str, _FaceKey] = {}
    for name, text in house.text.items():
        fonts[name] = (text.font, text.bold, text.italic)
        styles[name] = _paragraph_style(name, text, house, faces[fonts[name]])
    _derive(styles, fonts, faces, house)
    return _Kit(house, faces, styles, fonts)


_KIT_LOCK = threading.Lock()
_KITS: dict[int, tuple[HouseStyle, _Kit]] = {}  # keyed by id(); the style is kept so the id stays unique
_KITS_KEPT = 8


def _kit(house: HouseStyle) -> _Kit:
    """The kit for a house style, built on first use and cached (house styles are frozen)."""
    with _KIT_LOCK:
        cached = _KITS.get(id(house))
        if cached is not None and cached[0] is house:
            return cached[1]
    kit = _build_kit(house)
    with _KIT_LOCK:
        if len(_KITS) >= _KITS_KEPT:
            del _KITS[next(iter(_KITS))]
        _KITS[id(house)] = (house, kit)
    return kit


# --- Markup: the only way document text reaches a reportlab paragraph -----------------------


class _Markup:
    """Turns document text into checked, escaped paragraph markup for one kit."""

    def __init__(self, kit: _Kit):
        self._kit = kit

    def check(self, text: str, face: _Face, where: str) -> None:
        """Raise a RenderError naming the first character of ``text`` that ``face`` cannot show."""
        missing = {ord(char) for char in set(text)}.difference(face.cmap)
        if missing:
            char = next(char for char in text if ord(char) in missing)
            raise RenderError(
                f"the PDF font cannot show {_char_name(char)} in {where}",
                hint=f"remove or replace the character; the font {face.file} has no glyph for it",
            )

    def checked(self, text: str, style: str, where: str, bold: bool = False, italic: bool = False) -> str:
        """``text`` cleaned of control characters and checked against its face; not escaped."""
        text = _clean(text)
        self.check(text, self._kit.face(style, bold, italic), where)
        return text

    def text(self, text: str, style: str, where: str) -> str:
        """Markup for plain text in paragraph style ``style``."""
        return _escape(self.checked(text, style, where))

    def runs(self, runs: Inline, style: str, where: str) -> str:
        """Markup for runs: emphasis becomes <i>, strong becomes <b>, everything else is escaped."""
        return "".join(self._run(run, style, where) for run in runs)

    def _run(self, run: Run, style: str, where: str) -> str:
        """Markup for one run."""
        markup = _escape(self.checked(run.text, style, where, bold=run.strong, italic=run.emphasis))
        if run.emphasis:
            markup = f"<i>{markup}</i>"
        if run.strong:
            markup = f"<b>{markup}</b>"
        return markup


# --- Page furniture: marking banners, header and footer --------------------------------------


@dataclass(frozen=True)
class _Line:
    """How one line of page furniture is set: face, size, leading and colour."""

    font: str
    size: float
    leading: float
    colour: Color

    @classmethod
    def of(cls, style: ParagraphStyle, colour: Color | None = None) -> _Line:
        """The line look of a paragraph style, optionally in another colour."""
        return cls(style.fontName, style.fontSize, style.leading, colour or style.textColor)

    def width(self, text: str) -> float:
        """How wide ``text`` is in this look."""
        return pdfmetrics.stringWidth(text, self.font, self.size)

    def fit(self, text: str, width: float) -> str:
        """``text``, cut short with an ellipsis so it is no wider than ``width``."""
        if self.width(text) <= width:
            return text
        fits, too_long = 0, len(text)  # binary search for the longest start that fits with the ellipsis
        while too_long - fits > 1:
            middle = (fits + too_long) // 2
            fits, too_long = (middle, too_long) if self.width(text[:middle] + _ELLIPSIS) <= width else (fits, middle)
        return text[:fits].rstrip() + _ELLIPSIS if fits else ""


def _share(widths: Sequence[float], total: float) -> list[float]:
    """Split ``total`` between two slots: each gets half, unless the other needs less."""
    half = total / 2
    first, second = widths
    if first <= half:
        return [first, total - first]
    if second <= half:
        return [total - second, second]
    return [half, half]


@dataclass(frozen=True)
class _Furniture:
    """What every page shows outside the text frame, and where the text frame is."""

    page_size: tuple[float, float]
    left: float
    right: float
    top: float
    bottom: float
    header_edge: float
    footer_edge: float
    banner: str
    banner_line: _Line
    header: tuple[str, str, str]
    footer: tuple[str, str, str]
    header_line: _Line
    footer_line: _Line
    values: Mapping[str, str]
    rule: Color
    body: _Line  # the canvas's initial font, so no unembedded standard font is ever declared

    @classmethod
    def create(cls, meta: Metadata, kit: _Kit, markup: _Markup) -> _Furniture:
        """The furniture for a document; every text it shows is checked against its font here."""
        house = kit.house
        margins = house.page.margins_mm
        marking = markup.checked(meta.marking, "banner", "the marking")
        caveat = markup.checked(meta.caveat, "banner", "the caveat")
        try:
            banner_colour = HexColor(house.colour(meta.marking_colour))
        except (ValueError, StyleError):
            raise RenderError(f"the marking colour {meta.marking_colour!r} is not a #rrggbb colour or a palette name") from None
        values = {
            "marking": marking,
            "caveat": caveat,
            "reference": _clean(meta.reference),
            "title": _clean(meta.title),
            "date": _clean(meta.date),
        }
        header = (house.header.left, house.header.centre, house.header.right)
        footer = (house.footer.left, house.footer.centre, house.footer.right)
        for name, slots in (("header", header), ("footer", footer)):
            for slot in slots:
                markup.checked(fill_slot(slot, {**values, "page": "1", "pages": "1"}), name, f"the page {name}")
        furniture = cls(
            page_size=_PAGE_SIZES[house.page.size],
            left=margins.left * mm,
            right=margins.right * mm,
            top=margins.top * mm,
            bottom=margins.bottom * mm,
            header_edge=house.page.header_mm * mm,
            footer_edge=house.page.footer_mm * mm,
            banner=markup.checked(banner_text(meta), "banner", "the marking", bold=True),
            banner_line=_Line.of(kit.style("banner"), banner_colour),
            header=header,
            footer=footer,
            header_line=_Line.of(kit.style("header")),
            footer_line=_Line.of(kit.style("footer")),
            values=values,
            rule=kit.colour("rule"),
            body=_Line.of(kit.style("body")),
        )
        if furniture.banner_line.width(furniture.banner) > furniture.frame_width:
            raise RenderError(f"the marking {_snippet(furniture.banner)!r} is too long for one line", hint="shorten the caveat")
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
        canvas.restoreState()

    def _banner(self, canvas: Canvas, y: float) -> None:
        """The classification marking, centred."""
        line = self.banner_line
        canvas.setFont(line.font, line.size)
        canvas.setFillColor(line.colour)
        canvas.drawCentredString(self.page_size[0] / 2, y, self.banner)

    def _slots(self, canvas: Canvas, slots: tuple[str, str, str], line: _Line, y: float, values: Mapping[str, str]) -> None:
        """Left, centre and right slots, each cut short rather than overlapping the others."""
        left, centre, right = (_clean(fill_slot(slot, dict(values))).strip() for slot in slots)
        gap = line.size * 2
        centre = line.fit(centre, self.frame_width / 3 if (left or right) else self.frame_width)
        if centre:
            side = (self.frame_width - line.width(centre)) / 2 - gap
            left_room, right_room = side, side
        else:
            left_room, right_room = _share([line.width(left), line.width(right)], self.frame_width - gap)
        canvas.setFont(line.font, line.size)
        canvas.setFillColor(line.colour)
        canvas.drawString(self.left, y, line.fit(left, left_room))
        canvas.drawCentredString(self.page_size[0] / 2, y, centre)
        canvas.drawRightString(self.page_size[0] - self.right, y, line.fit(right, right_room))

    def _rule(self, canvas: Canvas, y: float) -> None:
        """A thin rule across the text width."""
        canvas.setStrokeColor(self.rule)
        canvas.setLineWidth(_RULE_WIDTH)
        canvas.line(self.left, y, self.page_size[0] - self.right, y)


class _PagedCanvas(Canvas):
    """A canvas that holds its pages until saved, so each can show "Page X of Y" and its furniture.

    Bookmarks are held with their page (reportlab binds a bookmark to the page it is
    writing, and held pages are only written at save); they also record the page each
    heading landed on, which the contents show through forms filled in at save.
    """

    def __init__(self, *args: Any, furniture: _Furniture, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._furniture = furniture
        self._held: list[tuple[dict[str, Any], list[tuple[str, dict[str, Any]]]]] = []
        self._bookmarks: list[tuple[str, dict[str, Any]]] = []
        self._heading_pages: dict[str, int] = {}
        self._page_refs: dict[str, tuple[_Line, float]] = {}
        self.page_count = 0

    def bookmarkPage(self, key: str, **kwargs: Any) -> None:
        """Hold a bookmark on the current page until the page is written."""
        self._bookmarks.append((key, kwargs))
        self._heading_pages[key] = self.getPageNumber()

    def page_ref(self, key: str, line: _Line, width: float) -> None:
        """Show the page of bookmark ``key`` here, right-aligned in ``width``; the number is filled in at save."""
        self._page_refs[key] = (line, width)
        self.doForm(_page_ref_form(key))

    def showPage(self) -> None:
        """Hold the finished page and start the next."""
        self._held.append((dict(self.__dict__), self._bookmarks))
        self._bookmarks = []
        self._startPage()

    def save(self) -> None:
        """Write the contents page numbers, then every held page with its furniture and bookmarks, then the file."""
        if self._code:
            self.showPage()
        self._write_page_refs()
        held = self._held
        for number, (state, bookmarks) in enumerate(held, start=1):
            self.__dict__.update(state)
            for key, kwargs in bookmarks:
                Canvas.bookmarkPage(self, key, **kwargs)
            self._furniture.draw(self, number, len(held))
            Canvas.showPage(self)
        self.page_count = len(held)
        Canvas.save(self)

    def _write_page_refs(self) -> None:
        """Define one form per contents page number, now that every heading's page is known."""
        for key, (line, width) in self._page_refs.items():
            self.beginForm(_page_ref_form(key), lowerx=0, lowery=-line.size, upperx=width, uppery=line.size * 2)
            self.setFont(line.font, line.size)
            self.setFillColor(line.colour)
            self.drawRightString(width, 0, str(self._heading_pages.get(key, "")))
            self.endForm()


def _page_ref_form(key: str) -> str:
    """The name of the form showing the page of bookmark ``key``."""
    return f"page-of-{key}"


# --- Headings, contents and the document template ----------------------------------------


@dataclass(frozen=True)
class _TocEntry:
    """A level-1 or level-2 heading as a bookmark, an outline entry and a contents line."""

    key: str
    level: int
    title: str  # plain text for the outline
    markup: str  # checked markup for the contents


class _HeadingParagraph(ParagraphFlowable):
    """A heading paragraph that tells the document template where it lands."""

    entry: _TocEntry | None = None

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        """Split a (very long) heading; its first part keeps the contents entry."""
        parts = super().split(availWidth, availHeight)
        if parts:
            parts[0].entry = self.entry
        return parts


class _PageNumber(Flowable):
    """The page a heading is on, right-aligned on the baseline of a one-line paragraph in ``line``'s look."""

    def __init__(self, key: str, line: _Line):
        super().__init__()
        self._key = key
        self._line = line

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        """As wide as offered, one line tall."""
        self.width, self.height = availWidth, self._line.leading
        return self.width, self.height

    def draw(self) -> None:
        """Place the page-number form (see :meth:`_PagedCanvas.page_ref`) where a paragraph puts its first baseline."""
        self.canv.saveState()
        self.canv.translate(0, self.height - self._line.size)
        self.canv.page_ref(self._key, self._line, self.width)
        self.canv.restoreState()


class _BriefDocTemplate(BaseDocTemplate):
    """One frame per page; bookmarks and outline entries from headings; layout errors that name the block."""

    def __init__(self, stream: BinaryIO, meta: Metadata, furniture: _Furniture, *, outline: bool, invariant: bool):
        super().__init__(
            stream,
            pagesize=furniture.page_size,
            leftMargin=furniture.left,
            rightMargin=furniture.right,
            topMargin=furniture.top,
            bottomMargin=furniture.bottom,
            title=_clean(meta.title),
            author=_clean(meta.author),
            subject=_clean(meta.subject),
            keywords=[_clean(keyword) for keyword in meta.keywords],
            creator="Briefing",
            lang=_clean(meta.language) or None,
            displayDocTitle=True,
            invariant=int(invariant),
            initialFontName=furniture.body.font,
            initialFontSize=furniture.body.size,
            initialLeading=furniture.body.leading,
        )
        self.addPageTemplates([PageTemplate("page", [furniture.frame()])])
        self._furniture = furniture
        self._outline = outline
        self._outline_level = -1
        self._where = "the document"

    def beforeDocument(self) -> None:
        """Ask the viewer to show the outline, if there is one."""
        if self._outline:
            self.canv.showOutline()

    def handle_flowable(self, flowables: list[Flowable]) -> None:
        """Lay out the next flowable, remembering which block it belongs to for error messages."""
        if flowables:
            self._where = getattr(flowables[0], _WHERE, self._where)
        super().handle_flowable(flowables)

    def afterFlowable(self, flowable: Flowable) -> None:
        """Bookmark a heading where it landed and add it to the outline."""
        entry = getattr(flowable, "entry", None)
        if entry is None:
            return
        top = self.frame._y + flowable.getSpaceAfter() + flowable.height + flowable.style.leading
        self.canv.bookmarkPage(entry.key, fit="XYZ", left=0, top=top)
        if self._outline:
            self._outline_level = min(entry.level - 1, self._outline_level + 1)
            self.canv.addOutlineEntry(entry.title, entry.key, level=self._outline_level, closed=False)

    def render(self, story: list[Flowable]) -> int:
        """Build the PDF into the stream in one pass; the number of pages written."""
        try:
            self.build(story, canvasmaker=partial(_PagedCanvas, furniture=self._furniture))
        except LayoutError:
            raise RenderError(f"{self._where} does not fit on a page", hint="shorten it or split it into smaller blocks") from None
        return self.canv.page_count


# --- The story: one visit method per document node --------------------------------------------


def _toc_entries(document: Document, markup: _Markup) -> dict[int, _TocEntry]:
    """The level-1 and level-2 headings, by block index, with their bookmark keys."""
    entries: dict[int, _TocEntry] = {}
    for index, block in enumerate(document.blocks):
        if type(block) is Heading and block.level in (1, 2):
            title = " ".join(_clean(plain(block.runs)).split())
            toc_markup = markup.runs(block.runs, f"toc{block.level}", _describe(block))
            entries[index] = _TocEntry(f"h{len(entries) + 1}", block.level, title, toc_markup)
    return entries


class _StoryBuilder:
    """Visits a document's blocks in order and turns each into platypus flowables."""

    def __init__(self, document: Document, kit: _Kit, markup: _Markup, width: float, frame_height: float):
        self._document = document
        self._kit = kit
        self._markup = markup
        self._width = width
        self._frame_height = frame_height
        self._entries = _toc_entries(document, markup)
        self._index = 0
        self._visitors: dict[type, Callable[[Any], list[Flowable]]] = {
            Heading: self._heading,
            Paragraph: self._paragraph,
            ListBlock: self._list,
            Quotation: self._quotation,
            FiguresTable: self._figures,
            Note: self._note,
            PageBreak: self._page_break,
            Contents: self._contents,
            SourcesList: self._sources,
        }

    @property
    def has_outline(self) -> bool:
        """Whether the document has enough headings for a PDF outline."""
        return len(self._entries) >= 2

    def build(self) -> list[Flowable]:
        """All blocks as flowables; every text is checked and escaped on the way."""
        story: list[Flowable] = []
        for index, block in enumerate(self._document.blocks):
            self._index = index
            visit = self._visitors.get(type(block))
            if visit is None:
                raise unknown_node(block, "pdf")
            flowables = visit(block)
            if flowables:
                setattr(flowables[0], _WHERE, _describe(block))
            story.extend(flowables)
        return story

    def _para(self, markup: str, style: str, **kwargs: Any) -> ParagraphFlowable:
        """A paragraph of already-checked markup."""
        return ParagraphFlowable(markup, self._kit.style(style), **kwargs)

    def _table(self, rows: list[list[Any]], widths: list[float], commands: list[tuple], **kwargs: Any) -> Table:
        """A table of flowables; its FONT keeps reportlab's default, unembedded font out of the file."""
        body = self._kit.style("body")
        table = Table(rows, colWidths=widths, **kwargs)
        table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), body.fontName, body.fontSize, body.leading), *commands]))
        return table

    def _box(self, cells: list[Flowable], commands: list[tuple], padding: float) -> Table:
        """A one-cell table around some flowables, which may split across pages."""
        body = self._kit.style("body")
        paddings = [(side, (0, 0), (-1, -1), padding) for side in ("TOPPADDING", "BOTTOMPADDING", "LEFTPADDING", "RIGHTPADDING")]
        return self._table([[cells]], [self._width], paddings + commands, splitInRow=_MIN_SPLIT_LINES * body.leading,
                           spaceBefore=body.spaceAfter, spaceAfter=body.spaceAfter * 1.5)  # fmt: skip

    def _heading(self, block: Heading) -> list[Flowable]:
        """A heading in style heading1..3; level-1 and level-2 headings carry their contents entry."""
        if block.level not in (1, 2, 3):
            raise RenderError(f"heading level {block.level} is not 1, 2 or 3", hint=f'in heading "{_snippet(plain(block.runs))}"')
        style = f"heading{block.level}"
        heading = _HeadingParagraph(self._markup.runs(block.runs, style, _describe(block)), self._kit.style(style))
        heading.entry = self._entries.get(self._index)
        if heading.wrap(self._width, _HUGE)[1] > _KEEP_WITH_NEXT_MAX * self._frame_height:
            # keeping a heading taller than a quarter page with what follows can make reportlab loop for ever
            heading.keepWithNext = 0
        return [heading]

    def _paragraph(self, block: Paragraph) -> list[Flowable]:
        """A paragraph in the style named by its role."""
        return [self._para(self._markup.runs(block.runs, block.role, _describe(block)), block.role)]

    def _list(self, block: ListBlock) -> list[Flowable]:
        """A bullet or numbered list."""
        style = self._kit.style("list")
        items = [
            ListItem(self._para(self._markup.runs(item, "list", f'list item "{_snippet(plain(item))}"'), "list")) for item in block.items
        ]
        return [
            ListFlowable(
                items,
                bulletType="1" if block.ordered else "bullet",
                bulletFormat="%s." if block.ordered else None,
                leftIndent=style.fontSize * _LIST_INDENT_EM,
                bulletFontName=style.fontName,
                bulletFontSize=style.fontSize,
                bulletColor=style.textColor,
                spaceAfter=self._kit.style("body").spaceAfter,
            )
        ]

    def _quotation(self, block: Quotation) -> list[Flowable]:
        """A quotation beside an accent bar: reported speech plain, direct speech in quotes with its attribution."""
        where = _describe(block)
        sentence = self._markup.text(quotation_sentence(block), "quote", where)
        if block.ref is not None:
            sentence += " " + self._markup.text(ref_mark(block.ref), "quote", where)
        cells: list[Flowable] = [self._para(sentence, "quote")]
        if block.kind == "direct":
            cells.append(self._para(self._markup.text(quotation_attribution(block), "attribution", where), "attribution"))
        if block.note:
            cells.append(self._para(self._markup.text(block.note, "small", where), "small"))
        quote = self._kit.style("quote")
        commands = [
            ("LINEBEFORE", (0, 0), (0, -1), _ACCENT_WIDTH, self._kit.colour("accent")),
            ("LEFTPADDING", (0, 0), (-1, -1), quote.fontSize * _QUOTE_INDENT_EM),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ]
        return [self._box(cells, commands, padding=_CELL_PADDING / 2)]

    def _figures(self, block: FiguresTable) -> list[Flowable]:
        """A striped table of figures with a repeating header row; long cells split across pages."""
        where = _describe(block)
        flowables: list[Flowable] = []
        if block.caption:
            flowables.append(self._para(self._markup.text(block.caption, "caption", where), "caption"))
        titles = _FIGURE_HEADINGS[block.show_dates]
        header = [self._para(self._markup.text(title, "table_header", where), "table_header") for title in titles]
        rows = [header] + [self._figure_row(row, block.show_dates, f'figures table row "{_snippet(row.label)}"') for row in block.rows]
        widths = [self._width * share for share in _FIGURE_COLUMNS[block.show_dates]]
        body = self._kit.style("body")
        flowables.append(self._table(rows, widths, self._figures_style(), repeatRows=1,
                                     splitInRow=_MIN_SPLIT_LINES * body.leading, spaceAfter=body.spaceAfter * 1.5))  # fmt: skip
        return flowables

    def _figure_row(self, row: FigureRow, show_dates: bool, where: str) -> list[Flowable | list[Flowable]]:
        """One figures-table row: label (and its note), value, unit, as-of date, source mark."""
        label: list[Flowable] = [self._para(self._markup.text(row.label, "table", where), "table")]
        if row.note:
            label.append(self._para(self._markup.text(row.note, "cell_note", where), "cell_note"))
        texts = [row.display, row.unit] + ([row.as_of] if show_dates else []) + [ref_mark(row.ref)]
        return [label] + [self._para(self._markup.text(text, "table", where), "table") for text in texts]

    def _figures_style(self) -> list[tuple]:
        """Header fill, zebra stripes and thin row rules, from the house colours."""
        rule = self._kit.colour("rule")
        return [
            ("BACKGROUND", (0, 0), (-1, 0), self._kit.colour("table_header_fill")),
            ("ROWBACKGROUNDS", (0, 1), (-1, -1), [None, self._kit.colour("table_stripe_fill")]),
            ("LINEBELOW", (0, 1), (-1, -1), _RULE_WIDTH, rule),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), _CELL_PADDING * 1.5),
            ("RIGHTPADDING", (0, 0), (-1, -1), _CELL_PADDING * 1.5),
            ("TOPPADDING", (0, 0), (-1, -1), _CELL_PADDING),
            ("BOTTOMPADDING", (0, 0), (-1, -1), _CELL_PADDING),
        ]

    def _note(self, block: Note) -> list[Flowable]:
        """A shaded box, its fill chosen by tone, with an optional bold title."""
        where = _describe(block)
        cells: list[Flowable] = []
        if block.title:
            cells.append(self._para(self._markup.text(block.title, "note_title", where), "note_title"))
        cells.append(self._para(self._markup.runs(block.runs, "note", where), "note"))
        fill = self._kit.colour(f"{block.tone}_fill")
        padding = self._kit.style("note").fontSize * _BOX_PADDING_EM
        return [self._box(cells, [("BACKGROUND", (0, 0), (-1, -1), fill)], padding=padding)]

    def _page_break(self, block: PageBreak) -> list[Flowable]:
        """Start a new page."""
        return [PageBreakFlowable()]

    def _contents(self, block: Contents) -> list[Flowable]:
        """A contents title and the level-1 and level-2 headings after it, with page numbers."""
        title = self._para(self._markup.text(block.title, "heading1", _describe(block)), "heading1")
        following = [entry for index, entry in self._entries.items() if index > self._index]
        if not following:
            return [title]
        number = _Line.of(self._kit.style("body"))
        column = number.width("0000")
        rows = [
            [self._para(f'<a href="#{entry.key}">{entry.markup}</a>', f"toc{entry.level}"), _PageNumber(entry.key, number)]
            for entry in following
        ]
        commands = [("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), _TOC_ROW_PADDING), ("BOTTOMPADDING", (0, 0), (-1, -1), _TOC_ROW_PADDING)]  # fmt: skip
        body = self._kit.style("body")
        table = self._table(rows, [self._width - column, column], commands, splitInRow=_MIN_SPLIT_LINES * body.leading,
                            spaceAfter=body.spaceAfter * 2)  # fmt: skip
        return [title, table]

    def _sources(self, block: SourcesList) -> list[Flowable]:
        """The sources under their title: ``[n] item — citation``, the number hanging."""
        flowables: list[Flowable] = []
        if block.title:
            flowables.append(self._para(self._markup.text(block.title, "heading2", _describe(block)), "heading2"))
        if block.note:
            flowables.append(self._para(self._markup.text(block.note, "small", _describe(block)), "small"))
        for entry in block.entries:
            where = f"source {ref_mark(entry.number)}"
            text = self._markup.text(entry.item, "source", where)
            if entry.citation:
                text += " \u2014 " + self._markup.text(entry.citation, "source", where)
            flowables.append(self._para(text, "source", bulletText=_escape(ref_mark(entry.number))))
        return flowables


def _describe(block: Any) -> str:
    """Where a block is, for error messages: its kind and the start of its text."""
    if isinstance(block, Quotation):
        return f"quotation by {_snippet(block.speaker)}"
    if isinstance(block, FiguresTable):
        return f'figures table "{_snippet(block.caption)}"' if block.caption else "figures table"
    if isinstance(block, (Contents, SourcesList)):
        return f'{type(block).__name__.lower()} title "{_snippet(block.title)}"'
    if isinstance(block, (Heading, Paragraph, Note)):
        return f'{type(block).__name__.lower()} "{_snippet(plain(block.runs))}"'
    if isinstance(block, ListBlock):
        return f'list "{_snippet(plain(block.items[0]))}"' if block.items else "list"
    return type(block).__name__.lower()


# --- Public API -------------------------------------------------------------------------


def render_pdf_bytes(document: Document, options: RenderOptions) -> tuple[bytes, int]:
    """Render ``document`` as PDF; return the bytes and the page count (the live preview uses this)."""
    kit = _kit(options.style)
    markup = _Markup(kit)
    furniture = _Furniture.create(document.meta, kit, markup)
    builder = _StoryBuilder(document, kit, markup, furniture.frame_width, furniture.frame().height)
    story = builder.build() or [Spacer(0, 0)]  # an empty document is still one page with its markings
    buffer = io.BytesIO()
    template = _BriefDocTemplate(buffer, document.meta, furniture, outline=builder.has_outline, invariant=options.invariant)
    pages = template.render(story)
    return buffer.getvalue(), pages


class PdfWriter:
    """Writes a document as a PDF with embedded fonts, bookmarks and page furniture."""

    format = "pdf"
    suffix = ".pdf"

    def write(self, document: Document, stream: BinaryIO, options: RenderOptions) -> WriteResult:
        """Write the PDF to ``stream``; report its page count."""
        data, pages = render_pdf_bytes(document, options)
        stream.write(data)
        return WriteResult(pages=pages)  # the page budget is judged by export.BuildResult


register(PdfWriter())
