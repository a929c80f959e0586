"""The PDF story: one visit method per document node, each returning platypus flowables."""

from __future__ import annotations

from typing import Any

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, ListFlowable, ListItem, Table, TableStyle
from reportlab.platypus import Image as ImageFlowable
from reportlab.platypus import PageBreak as PageBreakFlowable
from reportlab.platypus import Paragraph as ParagraphFlowable

from ...document.model import (
    Contents,
    Document,
    FigureRow,
    FiguresTable,
    Heading,
    Image,
    ListBlock,
    Note,
    PageBreak,
    Paragraph,
    Quotation,
    SourcesList,
    cited_sentence,
    plain,
    quotation_attribution,
    ref_mark,
    source_line,
)
from ..common import (
    FIGURE_COLUMNS,
    FIGURE_HEADINGS,
    TextGuard,
    contents_entries,
    describe,
    describe_list_item,
    describe_row,
    describe_source,
    figure_cells,
    heading_level,
)
from ..visitor import NodeVisitor
from .furniture import RULE_WIDTH, Line
from .kit import Kit
from .layout import WHERE, HeadingParagraph, PageNumber, TocEntry
from .markup import Markup, escape
from .scripts import ScriptSetter
from .shaped_paragraph import ShapedParagraph, first_ascent

# Geometry: structure, not looks (sizes are in points unless named _EM)
_ACCENT_WIDTH = 2.0  # the bar left of a quotation
_CELL_PADDING = 3.0  # figures table cells
_BOX_PADDING_EM = 0.7  # note boxes, in ems of the note text
_QUOTE_INDENT_EM = 1.0  # quotation text from its accent bar
_LIST_INDENT_EM = 1.6  # list text from the frame edge
_TOC_ROW_PADDING = 1.5  # above and below each contents line
_MIN_SPLIT_LINES = 3  # a box or table row splits across pages only into parts at least this many body lines tall
_HUGE = 1e9
_KEEP_WITH_NEXT_MAX = 0.25  # a heading taller than this share of the frame is not kept with what follows


def _toc_entries(document: Document, kit: Kit) -> dict[int, TocEntry]:
    """The level-1 and level-2 headings, by block index, with their bookmark keys.

    Their text is cleaned aside: each heading reports its own removals when it is visited.
    """
    markup = Markup(kit, TextGuard(), ScriptSetter((), document.meta.language))
    entries: dict[int, TocEntry] = {}
    for number, entry in enumerate(contents_entries(document.blocks), start=1):
        where, style = describe(document.blocks[entry.index]), f"toc{entry.level}"
        title = " ".join(markup.guard.clean(plain(entry.runs), where).split())
        plain_runs = all(markup.plain(markup.guard.clean(run.text, where), style, run.strong, run.emphasis) for run in entry.runs)
        entries[entry.index] = TocEntry(f"h{number}", entry.level, title, markup.runs(entry.runs, style, where) if plain_runs else None)
    return entries


class StoryBuilder(NodeVisitor):
    """Visits a document's blocks in order and turns each into platypus flowables."""

    format = "pdf"

    def __init__(self, document: Document, kit: Kit, markup: Markup, width: float, frame_height: float):
        self._document = document
        self._kit = kit
        self._markup = markup
        self._width = width
        self._frame_height = frame_height
        self._entries = _toc_entries(document, kit)
        self._index = 0

    @property
    def has_outline(self) -> bool:
        """Whether the document has enough headings for a PDF outline."""
        return len(self._entries) >= 2

    def build(self) -> list[Flowable]:
        """All blocks as flowables; every text is checked and escaped on the way."""
        story: list[Flowable] = []
        for index, block in enumerate(self._document.blocks):
            self._index = index
            flowables = self.visit(block)
            if flowables:
                setattr(flowables[0], WHERE, describe(block))
            story.extend(flowables)
        return story

    def _para(self, markup: str, style: str, **kwargs: Any) -> ParagraphFlowable:
        """A paragraph of already-checked markup."""
        return ParagraphFlowable(markup, self._kit.style(style), **kwargs)

    def _text(self, text: str, style: str, where: str, lang: str = "") -> Flowable:
        """A paragraph of plain text: escaped markup, or shaped where the style's face cannot set it alone."""
        return self._markup.flowable(text, style, where, lang)

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

    def visit_heading(self, block: Heading) -> list[Flowable]:
        """A heading in style heading1..3; level-1 and level-2 headings carry their contents entry."""
        style = f"heading{heading_level(block)}"
        heading = self._markup.flowable(block.runs, style, describe(block), cls=HeadingParagraph)
        heading.entry = self._entries.get(self._index)
        if heading.wrap(self._width, _HUGE)[1] > _KEEP_WITH_NEXT_MAX * self._frame_height:
            # keeping a heading taller than a quarter page with what follows can make reportlab loop for ever
            heading.keepWithNext = 0
        return [heading]

    def visit_paragraph(self, block: Paragraph) -> list[Flowable]:
        """A paragraph in the style named by its role."""
        return [self._markup.flowable(block.runs, block.role, describe(block), block.lang)]

    def visit_list_block(self, block: ListBlock, style_name: str = "list") -> list[Flowable]:
        """A bullet or numbered list (in a note box, in the note's style): bullets on the right when it runs right to left.

        Each bullet sits on its item's first baseline, which a taller face (Nastaliq) puts lower than reportlab expects.
        """
        style = self._kit.style(style_name)
        texts = [self._markup.flowable(item, style_name, describe_list_item(item), block.lang) for item in block.items]
        items = [ListItem(text, bulletOffsetY=style.fontSize - first_ascent(text, style.fontSize)) for text in texts]
        indent = style.fontSize * _LIST_INDENT_EM
        rtl = bool(texts) and isinstance(texts[0], ShapedParagraph) and texts[0].rtl  # as its first item's text runs
        sides = {"bulletDir": "rtl", "bulletAlign": "right", "leftIndent": 0, "rightIndent": indent} if rtl else {"leftIndent": indent}
        return [
            ListFlowable(
                items,
                bulletType="1" if block.ordered else "bullet",
                bulletFormat="%s." if block.ordered else None,
                **sides,
                bulletFontName=style.fontName,
                bulletFontSize=style.fontSize,
                bulletColor=style.textColor,
                spaceAfter=self._kit.style("body").spaceAfter,
            )
        ]

    def visit_quotation(self, block: Quotation) -> list[Flowable]:
        """A quotation beside an accent bar (on the right when it runs right to left): reported speech plain, direct speech in quotes."""
        where = describe(block)
        attribution = quotation_attribution(block)
        last = "note" if block.note else "attribution" if attribution else "quote"
        cells: list[Flowable] = [self._text(cited_sentence(block), "quote" + ("_last" if last == "quote" else ""), where, block.lang)]
        if attribution:
            cells.append(self._text(attribution, "attribution" + ("_last" if last == "attribution" else ""), where, block.lang))
        if block.note:
            cells.append(self._markup.flowable(block.note, "small_last", where))
        quote = self._kit.style("quote")
        rtl = isinstance(cells[0], ShapedParagraph) and cells[0].rtl  # the bar on the side the quotation starts from
        for cell in cells[1:] if rtl else ():  # the attribution and note line up under the quotation, on its side
            cell.style = ParagraphStyle(f"{cell.style.name}-rtl", parent=cell.style, alignment=TA_RIGHT)
        near, far = ("RIGHTPADDING", "LEFTPADDING") if rtl else ("LEFTPADDING", "RIGHTPADDING")
        commands = [
            ("LINEAFTER" if rtl else "LINEBEFORE", (0, 0), (0, -1), _ACCENT_WIDTH, self._kit.colour("accent")),
            (near, (0, 0), (-1, -1), quote.fontSize * _QUOTE_INDENT_EM),
            (far, (0, 0), (-1, -1), 0),
        ]
        return [self._box(cells, commands, padding=_CELL_PADDING / 2)]

    def visit_figures_table(self, block: FiguresTable) -> list[Flowable]:
        """A striped table of figures with a repeating header row; long cells split across pages."""
        where = describe(block)
        flowables: list[Flowable] = []
        if block.caption:
            flowables.append(self._text(block.caption, "caption", where))
        header = [self._text(title, "table_header", where) for title in FIGURE_HEADINGS[block.show_dates]]
        rows = [header] + [self._figure_row(row, block.show_dates) for row in block.rows]
        widths = [self._width * share for share in FIGURE_COLUMNS[block.show_dates]]
        body = self._kit.style("body")
        flowables.append(self._table(rows, widths, self._figures_style(), repeatRows=1,
                                     splitInRow=_MIN_SPLIT_LINES * body.leading, spaceAfter=body.spaceAfter * 1.5))  # fmt: skip
        return flowables

    def _figure_row(self, row: FigureRow, show_dates: bool) -> list[Flowable | list[Flowable]]:
        """One figures-table row: label (and its note), value, unit, as-of date, source mark."""
        where = describe_row(row)
        label_text, *texts = figure_cells(row, show_dates)
        label: list[Flowable] = [self._text(label_text, "table", where, row.lang)]
        if row.note:
            label.append(self._markup.flowable(row.note, "cell_note", where))
        return [label] + [self._text(text, "table", where, row.lang) for text in texts]

    def _figures_style(self) -> list[tuple]:
        """Header fill, zebra stripes and thin row rules, from the house colours."""
        return [
            ("BACKGROUND", (0, 0), (-1, 0), self._kit.colour("table_header_fill")),
            ("ROWBACKGROUNDS", (0, 1), (-1, -1), [None, self._kit.colour("table_stripe_fill")]),
            ("LINEBELOW", (0, 1), (-1, -1), RULE_WIDTH, self._kit.colour("rule")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), _CELL_PADDING * 1.5),
            ("RIGHTPADDING", (0, 0), (-1, -1), _CELL_PADDING * 1.5),
            ("TOPPADDING", (0, 0), (-1, -1), _CELL_PADDING),
            ("BOTTOMPADDING", (0, 0), (-1, -1), _CELL_PADDING),
        ]

    def visit_note(self, block: Note) -> list[Flowable]:
        """A shaded box, its fill chosen by tone, with an optional bold title."""
        where = describe(block)
        cells: list[Flowable] = []
        if block.title:
            cells.append(self._text(block.title, "note_title", where))
        if block.runs or not block.body:
            cells.append(self._markup.flowable(block.runs, "note", where))
        for number, part in enumerate(block.body, start=1):
            if isinstance(part, ListBlock):
                cells.extend(self.visit_list_block(part, "note"))
            else:
                style = "note" if number == len(block.body) else "note_paragraph"  # no space below the box's last line
                cells.append(self._markup.flowable(part.runs, style, where))
        fill = self._kit.colour(f"{block.tone}_fill")
        padding = self._kit.style("note").fontSize * _BOX_PADDING_EM
        return [self._box(cells, [("BACKGROUND", (0, 0), (-1, -1), fill)], padding=padding)]

    def visit_image(self, block: Image) -> list[Flowable]:
        """The house style's picture of that name, centred at its set width; nothing when the style sets none."""
        path = self._kit.house.image_path(block.name)
        if path is None:
            return []
        width = self._kit.house.images[block.name].width_mm * mm
        picture = ImageFlowable(str(path), width=width, height=width, kind="proportional", hAlign="CENTER")
        picture.spaceAfter = self._kit.style("body").spaceAfter * 2
        return [picture]

    def visit_page_break(self, block: PageBreak) -> list[Flowable]:
        """Start a new page."""
        return [PageBreakFlowable()]

    def visit_contents(self, block: Contents) -> list[Flowable]:
        """A contents title and the level-1 and level-2 headings after it, with page numbers."""
        title = self._text(block.title, "heading1", describe(block))
        following = [(index, entry) for index, entry in self._entries.items() if index > self._index]
        if not following:
            return [title]
        number = Line.of(self._kit.style("body"))
        column = number.width("0000")
        rows = [[self._contents_line(index, entry), PageNumber(entry.key, number)] for index, entry in following]
        commands = [("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), _TOC_ROW_PADDING), ("BOTTOMPADDING", (0, 0), (-1, -1), _TOC_ROW_PADDING)]  # fmt: skip
        body = self._kit.style("body")
        table = self._table(rows, [self._width - column, column], commands, splitInRow=_MIN_SPLIT_LINES * body.leading,
                            spaceAfter=body.spaceAfter * 2)  # fmt: skip
        return [title, table]

    def visit_sources_list(self, block: SourcesList) -> list[Flowable]:
        """The sources under their title: ``[n] item — citation``, the number hanging."""
        flowables: list[Flowable] = []
        if block.title:
            flowables.append(self._text(block.title, "heading2", describe(block)))
        if block.note:
            flowables.append(self._text(block.note, "small", describe(block)))
        for entry in block.entries:
            where, line = describe_source(entry), source_line(entry)
            if self._markup.plain(self._markup.guard.clean(line, where), "source"):
                flowables.append(self._para(self._markup.text(line, "source", where), "source", bulletText=escape(ref_mark(entry.number))))
            else:
                shaped = self._markup.flowable(line, "source", where)
                shaped.bullet = ref_mark(entry.number)
                flowables.append(shaped)
        return flowables

    def _contents_line(self, index: int, entry: TocEntry) -> Flowable:
        """A contents line linked to its heading; a shaped line (a heading in another script) is not linked."""
        if entry.markup is not None:
            return self._para(f'<a href="#{entry.key}">{entry.markup}</a>', f"toc{entry.level}")
        block = self._document.blocks[index]
        return self._markup.flowable(block.runs, f"toc{entry.level}", describe(block))
