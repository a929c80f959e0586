"""The Word body: one visit method per document node, writing real Word paragraphs, lists, tables and fields."""

from __future__ import annotations

from typing import Any

from docx.document import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.shared import Mm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph as WordParagraph

from ...document import model as dm
from ...errors import StyleError
from ...style import HouseStyle
from .. import common
from ..common import TextGuard
from ..visitor import NodeVisitor
from .ooxml import field_end, field_start, fix_table_width, is_bidi, row_properties, shade, side_rule, table_look, text_width
from .scripts import WordScripts
from .styling import FIGURES_TABLE_STYLE, NOTE_TABLE_STYLE, REGENERATE, ROLE_STYLES

TOC_INSTRUCTION = 'TOC \\o "1-2" \\h \\z \\u'
QUOTE_RULE_PT = 2.0  # the accent bar left of a quotation, as wide as the PDF's
QUOTE_RULE_SPACE_PT = 8  # from the bar to the text


class Body(NodeVisitor):
    """Writes one document's blocks, in order, into a python-docx document."""

    format = "docx"

    def __init__(self, word: WordDocument, document: dm.Document, house: HouseStyle, guard: TextGuard, styles: dict[str, Any],
                 scripts: WordScripts):  # fmt: skip
        self.word = word
        self.scripts = scripts
        self.document = document
        self.house = house
        self.guard = guard
        self.where = ""
        self.index = 0
        self.break_pending = False
        self.text_width = text_width(word.sections[-1])
        self.styles = styles
        self.style_ids = {name: style.style_id for name, style in styles.items()}
        self.quote_indent = styles["Quote"].paragraph_format.left_indent

    # ----- driving

    def build(self) -> None:
        """Every block in order; an unknown node stops the export."""
        for index, block in enumerate(self.document.blocks):
            self.index, self.where = index, common.describe(block)
            self.visit(block)
        if self.break_pending:
            self.word.add_page_break()

    def text(self, text: str) -> str:
        """``text`` made XML-safe, with any removal reported against the current item."""
        return self.guard.clean(text, self.where)

    def styled(self, paragraph: WordParagraph, style: str) -> WordParagraph:
        """Give a paragraph one of the named styles (by id: python-docx's name lookup is slow)."""
        paragraph._p.style = self.style_ids[style]
        return paragraph

    def new_paragraph(self, style: str, text: str = "", lang: str = "") -> WordParagraph:
        """A body paragraph in a named style; it starts a new page if a page break is pending."""
        paragraph = self.styled(self.word.add_paragraph(), style)
        self.add_text(paragraph, text, lang)
        if self.break_pending:
            paragraph.paragraph_format.page_break_before = True
            self.break_pending = False
        return paragraph

    def add_text(self, paragraph: WordParagraph, text: str, lang: str = "", bold: bool = False) -> None:
        """Append plain text, cleaned, in runs by script; a right-to-left paragraph is marked so."""
        self.scripts.add(paragraph, self.text(text), self.where, bold=bold, lang=lang)
        self.scripts.direction(paragraph, lang)

    def new_table(self, rows: int, style: str, fractions: tuple[float, ...]) -> Table:
        """A full-width table in a named table style, after a pending page break if there is one."""
        if self.break_pending:
            self.word.add_page_break()
            self.break_pending = False
        table = self.word.add_table(rows=rows, cols=len(fractions))
        table._tbl.tblPr.style = self.style_ids[style]
        fix_table_width(table, self.text_width, fractions)
        return table

    def add_runs(self, paragraph: WordParagraph, runs: dm.Inline, lang: str = "") -> None:
        """Append runs to a paragraph, italic for emphasis and bold for strong, split by script."""
        for run in runs:
            self.scripts.add(paragraph, self.text(run.text), self.where, bold=run.strong, italic=run.emphasis, lang=lang)
        self.scripts.direction(paragraph, lang)

    def gap_after_table(self) -> None:
        """An empty line as tall as the body's paragraph spacing, so text does not touch a table."""
        gap = self.new_paragraph("Normal").paragraph_format
        gap.space_after = Pt(0)
        gap.line_spacing = Pt(max(self.house.style("body").space_after, 1))

    # ----- blocks

    def visit_heading(self, block: dm.Heading) -> None:
        """A heading in the Word style of its level (1 to 3)."""
        self.add_runs(self.new_paragraph(f"Heading {common.heading_level(block)}"), block.runs)

    def visit_paragraph(self, block: dm.Paragraph) -> None:
        """A paragraph in the style of its role."""
        self.add_runs(self.new_paragraph(ROLE_STYLES[block.role]), block.runs, block.lang)

    def visit_list_block(self, block: dm.ListBlock, cell: Any = None) -> None:
        """Bullets, or numbers that start again at 1 for every list (in a note box's ``cell`` when given)."""
        style = "List Number" if block.ordered else "List Bullet"
        num_id = self.restarted_numbering(style) if block.ordered else None
        for item in block.items:
            self.where = common.describe_list_item(item)
            paragraph = self.new_paragraph(style) if cell is None else self.styled(cell.add_paragraph(), style)
            if num_id is not None:
                numpr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
                numpr.get_or_add_ilvl().val = 0
                numpr.get_or_add_numId().val = num_id
            self.add_runs(paragraph, item, block.lang)

    def restarted_numbering(self, style: str) -> int:
        """The numId of a new instance of the style's list numbering, overridden to start at 1."""
        numbering = self.word.part.numbering_part.element
        ppr = self.styles[style].element.pPr
        if ppr is None or ppr.numPr is None or ppr.numPr.numId is None:
            raise StyleError(f"the reference .docx style {style!r} has no list numbering", hint=REGENERATE)
        abstract_id = numbering.num_having_numId(ppr.numPr.numId.val).abstractNumId.val
        num = numbering.add_num(abstract_id)
        num.add_lvlOverride(ilvl=0).add_startOverride(1)
        return num.numId

    def visit_quotation(self, block: dm.Quotation) -> None:
        """The quotation sentence (reported speech never in quotation marks), attribution, note, beside an accent bar."""
        paragraphs = [self.new_paragraph("Quote", dm.cited_sentence(block), block.lang)]
        attribution = dm.quotation_attribution(block)
        if attribution:
            paragraphs.append(self.new_paragraph("Attribution", attribution, block.lang))
        if block.note:
            paragraphs.append(self.new_paragraph("Small"))
            self.add_runs(paragraphs[-1], block.note)
        accent = self.house.colour("accent")
        rtl = is_bidi(paragraphs[0])  # the bar on the side the quotation starts from, its attribution and note under it there
        for paragraph in paragraphs:
            side_rule(paragraph, accent, QUOTE_RULE_PT, QUOTE_RULE_SPACE_PT, "right" if rtl else "left")
            if rtl and not is_bidi(paragraph):
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            paragraph.paragraph_format.left_indent = paragraph.paragraph_format.right_indent = self.quote_indent  # alike: one bar
        for paragraph in paragraphs[:-1]:
            paragraph.paragraph_format.keep_with_next = True
        paragraphs[-1].paragraph_format.space_after = Pt(self.house.style("attribution").space_after)

    def visit_figures_table(self, block: dm.FiguresTable) -> None:
        """A real Word table in the figures table style, its header row repeated on every page."""
        if block.caption:
            self.new_paragraph("Caption", block.caption).paragraph_format.keep_with_next = True
        table = self.new_table(1 + len(block.rows), FIGURES_TABLE_STYLE, common.FIGURE_COLUMNS[block.show_dates])
        table_look(table, header_row=True, banded_rows=True)
        row_properties(table, header_rows=1)
        for cell, header in zip(table.rows[0].cells, common.FIGURE_HEADINGS[block.show_dates], strict=False):
            self.styled(cell.paragraphs[0], "Table Heading").add_run(header)
        for word_row, row in zip(table.rows[1:], block.rows, strict=False):
            self.where = common.describe_row(row)
            cells = word_row.cells
            for cell, value in zip(cells, common.figure_cells(row, block.show_dates), strict=False):
                self.add_text(self.styled(cell.paragraphs[0], "Table Text"), value, row.lang)
            if row.note:
                self.add_runs(self.styled(cells[0].add_paragraph(), "Small"), row.note)
        self.gap_after_table()

    def visit_note(self, block: dm.Note) -> None:
        """A one-cell shaded box with a bold title: officer's note, warning or recommendation."""
        table = self.new_table(1, NOTE_TABLE_STYLE, (1.0,))
        table_look(table, header_row=False, banded_rows=False)
        row_properties(table, header_rows=0)
        cell = table.cell(0, 0)
        shade(cell, self.house.colour(f"{block.tone}_fill"))
        paragraph = self.styled(cell.paragraphs[0], "Note")
        if block.title:
            self.add_text(paragraph, block.title, bold=True)
            paragraph = self.styled(cell.add_paragraph(), "Note")
        if block.runs or not block.body:
            self.add_runs(paragraph, block.runs)
            paragraph = None
        for part in block.body:
            if isinstance(part, dm.ListBlock):
                self.visit_list_block(part, cell)
                self.where = common.describe(block)
            else:
                target = paragraph if paragraph is not None else self.styled(cell.add_paragraph(), "Note")
                self.add_runs(target, part.runs)
                target.paragraph_format.space_after = Pt(self.house.style("small").space_after)
            paragraph = None
        self.gap_after_table()

    def visit_image(self, block: dm.Image) -> None:
        """The house style's picture of that name, centred at its set width; nothing when the style sets none."""
        path = self.house.image_path(block.name)
        if path is None:
            return
        paragraph = self.new_paragraph("Normal")
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE  # the body's exact leading would clip the picture
        paragraph.paragraph_format.space_after = Pt(self.house.style("body").space_after * 2)
        picture = paragraph.add_run().add_picture(str(path), width=Mm(self.house.images[block.name].width_mm))
        if block.description:
            picture._inline.docPr.set("descr", self.text(block.description))

    def visit_page_break(self, block: dm.PageBreak) -> None:
        """Start the next paragraph on a new page (a second break in a row gives an empty page)."""
        if self.break_pending:
            self.word.add_page_break()
        self.break_pending = True

    def visit_contents(self, block: dm.Contents) -> None:
        """A real Word table-of-contents field; until Word updates it, it lists the headings that follow."""
        self.new_paragraph("TOC Heading", block.title)
        following = [
            (entry.level, dm.plain(entry.runs)) for entry in common.contents_entries(self.document.blocks) if entry.index > self.index
        ]
        entries = following or [(1, "")]
        for position, (level, text) in enumerate(entries):
            paragraph = self.new_paragraph(f"toc {level}")
            if position == 0:
                field_start(paragraph, TOC_INSTRUCTION)
            self.scripts.add(paragraph, TextGuard().clean(text, ""), "", warn=False)  # the heading itself reports removals and gaps
            if position == len(entries) - 1:
                field_end(paragraph)

    def visit_sources_list(self, block: dm.SourcesList) -> None:
        """A level-2 heading (if titled), the note, then one line per source: ``[n] item — citation``."""
        if block.title:
            self.new_paragraph("Heading 2", block.title)
        if block.note:
            self.new_paragraph("Small", block.note)
        for entry in block.entries:
            self.where = common.describe_source(entry)
            self.new_paragraph("Small", f"{dm.ref_mark(entry.number)} {dm.source_line(entry)}")
