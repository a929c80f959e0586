"""Laying the PDF out: the paged canvas, heading bookmarks, contents page numbers and the document template."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any, BinaryIO

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable
from reportlab.platypus import Paragraph as ParagraphFlowable
from reportlab.platypus.doctemplate import BaseDocTemplate, LayoutError, PageTemplate

from ...document.model import Metadata
from ...errors import RenderError
from .archival import declare_pdfa
from .furniture import Furniture, Line

WHERE = "_briefing_where"  # attribute naming the block a top-level flowable came from


class PagedCanvas(Canvas):
    """A canvas that holds its pages until saved, so each can show "Page X of Y" and its furniture.

    Bookmarks are held with their page (reportlab binds a bookmark to the page it is
    writing, and held pages are only written at save); they also record the page each
    heading landed on, which the contents show through forms filled in at save.
    """

    def __init__(self, *args: Any, furniture: Furniture, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._furniture = furniture
        self._held: list[tuple[dict[str, Any], list[tuple[str, dict[str, Any]]]]] = []
        self._bookmarks: list[tuple[str, dict[str, Any]]] = []
        self._heading_pages: dict[str, int] = {}
        self._page_refs: dict[str, tuple[Line, float]] = {}
        self.page_count = 0

    def bookmarkPage(self, key: str, **kwargs: Any) -> None:
        """Hold a bookmark on the current page until the page is written."""
        self._bookmarks.append((key, kwargs))
        self._heading_pages[key] = self.getPageNumber()

    def page_ref(self, key: str, line: Line, width: float) -> None:
        """Show the page of bookmark ``key`` here, right-aligned in ``width``; the number is filled in at save."""
        self._page_refs[key] = (line, width)
        self.doForm(_page_ref_form(key))

    def showPage(self) -> None:
        """Hold the finished page and start the next."""
        self._held.append((dict(self.__dict__), self._bookmarks))
        self._bookmarks = []
        self._startPage()

    def save(self) -> None:
        """Write the contents page numbers, then every held page with its furniture and bookmarks, then the PDF/A file."""
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
        declare_pdfa(self._doc)
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


@dataclass(frozen=True)
class TocEntry:
    """A level-1 or level-2 heading as a bookmark, an outline entry and a contents line."""

    key: str
    level: int
    title: str  # plain text for the outline
    markup: str | None  # escaped markup for the contents; None when the heading is shaped


class HeadingParagraph(ParagraphFlowable):
    """A heading paragraph that tells the document template where it lands."""

    entry: TocEntry | None = None

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        """Split a (very long) heading; its first part keeps the contents entry."""
        parts = super().split(availWidth, availHeight)
        if parts:
            parts[0].entry = self.entry
        return parts


class PageNumber(Flowable):
    """The page a heading is on, right-aligned on the baseline of a one-line paragraph in ``line``'s look."""

    def __init__(self, key: str, line: Line):
        super().__init__()
        self._key = key
        self._line = line

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        """As wide as offered, one line tall."""
        self.width, self.height = availWidth, self._line.leading
        return self.width, self.height

    def draw(self) -> None:
        """Place the page-number form (see :meth:`PagedCanvas.page_ref`) where a paragraph puts its first baseline."""
        self.canv.saveState()
        self.canv.translate(0, self.height - self._line.size)
        self.canv.page_ref(self._key, self._line, self.width)
        self.canv.restoreState()


class BriefDocTemplate(BaseDocTemplate):
    """One frame per page; bookmarks and outline entries from headings; layout errors that name the block."""

    def __init__(
        self, stream: BinaryIO, meta: Metadata, furniture: Furniture, clean: Callable[[str], str], *, outline: bool, invariant: bool
    ):
        super().__init__(
            stream,
            pagesize=furniture.page_size,
            leftMargin=furniture.left,
            rightMargin=furniture.right,
            topMargin=furniture.top,
            bottomMargin=furniture.bottom,
            title=clean(meta.title),
            author=clean(meta.author),
            subject=clean(meta.subject),
            keywords=[clean(keyword) for keyword in meta.keywords],
            creator="Briefing",
            lang=clean(meta.language) or "en-GB",
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
            self._where = getattr(flowables[0], WHERE, self._where)
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
            self.build(story, canvasmaker=partial(PagedCanvas, furniture=self._furniture))
        except LayoutError:
            raise RenderError(f"{self._where} does not fit on a page", hint="shorten it or split it into smaller blocks") from None
        return self.canv.page_count
