"""Small WordprocessingML helpers: elements, colours, lengths, fields, table geometry and looks."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from docx.document import Document as WordDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section, _Footer, _Header
from docx.shared import Length, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph as WordParagraph


def rgb(hex_colour: str) -> RGBColor:
    """A python-docx colour from ``#rrggbb`` (the house style checked its colours at load)."""
    return RGBColor.from_string(hex_colour.lstrip("#").upper())


def hex_value(hex_colour: str) -> str:
    """``RRGGBB`` as WordprocessingML attributes want it."""
    return str(rgb(hex_colour))


def new_element(tag: str, **attributes: str) -> Any:
    """A new WordprocessingML element with ``w:`` attributes."""
    node = OxmlElement(tag)
    for name, value in attributes.items():
        node.set(qn(f"w:{name}"), value)
    return node


def text_width(section: Section) -> Length:
    """The width between the left and right margins."""
    return Length(section.page_width - section.left_margin - section.right_margin)


def twips(length: int) -> str:
    """A length in EMU as the twentieths of a point WordprocessingML measures in."""
    return str(round(length / 635))


def field_start(paragraph: WordParagraph, instruction: str) -> None:
    """Open a complex field: begin marker, instruction, separator."""
    paragraph.add_run()._r.append(new_element("w:fldChar", fldCharType="begin"))
    instr = new_element("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    paragraph.add_run()._r.append(instr)
    paragraph.add_run()._r.append(new_element("w:fldChar", fldCharType="separate"))


def field_end(paragraph: WordParagraph) -> None:
    """Close a complex field."""
    paragraph.add_run()._r.append(new_element("w:fldChar", fldCharType="end"))


def add_field(paragraph: WordParagraph, instruction: str, cached: str) -> None:
    """Append a real Word field (PAGE, NUMPAGES ...) that shows ``cached`` until Word updates it."""
    field_start(paragraph, instruction)
    paragraph.add_run(cached)
    field_end(paragraph)


def shade(cell: _Cell, hex_colour: str) -> None:
    """Fill a table cell with a colour."""
    cell._tc.get_or_add_tcPr().append(new_element("w:shd", val="clear", color="auto", fill=hex_value(hex_colour)))


def fix_table_width(table: Table, width: Length, fractions: Iterable[float]) -> None:
    """Give a table a fixed layout spanning ``width``, split into columns by ``fractions``."""
    table.autofit = False
    tbl = table._tbl
    tblw = tbl.tblPr.find(qn("w:tblW"))
    tblw.set(qn("w:type"), "dxa")
    tblw.set(qn("w:w"), twips(width))
    widths = [Length(int(width * fraction)) for fraction in fractions]
    for grid_column, column_width in zip(tbl.tblGrid.gridCol_lst, widths, strict=False):
        grid_column.w = column_width
    for tr in tbl.tr_lst:
        for tc, column_width in zip(tr.tc_lst, widths, strict=False):
            tc.width = column_width


_TABLE_LOOK_BITS = {"firstRow": 0x20, "lastRow": 0x40, "firstColumn": 0x80, "lastColumn": 0x100, "noHBand": 0x200, "noVBand": 0x400}


def table_look(table: Table, header_row: bool, banded_rows: bool) -> None:
    """Say which conditional parts of the table style apply: at most the header row and stripes."""
    look = table._tbl.tblPr.find(qn("w:tblLook"))
    flags = dict.fromkeys(("lastRow", "firstColumn", "lastColumn"), False)
    flags.update(firstRow=header_row, noHBand=not banded_rows, noVBand=True)
    for name, on in flags.items():
        look.set(qn(f"w:{name}"), "1" if on else "0")
    look.set(qn("w:val"), f"{sum(_TABLE_LOOK_BITS[name] for name, on in flags.items() if on):04X}")  # what Word 2007 reads


def row_properties(table: Table, header_rows: int) -> None:
    """Keep every row on one page, and repeat the first ``header_rows`` rows on every page."""
    for index, tr in enumerate(table._tbl.tr_lst):
        trpr = tr.get_or_add_trPr()
        trpr.append(new_element("w:cantSplit"))
        if index < header_rows:
            trpr.append(new_element("w:tblHeader"))


def clear(container: _Header | _Footer) -> None:
    """Remove everything from a header or footer."""
    root = container._element
    for child in list(root):
        root.remove(child)


_AFTER_BORDER = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct",
                 "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
                 "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
                 "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")  # fmt: skip


def side_rule(paragraph: WordParagraph, hex_colour: str, width_pt: float, space_pt: float, side: str = "left") -> None:
    """A vertical rule on the ``side`` (left or right) of the paragraph; neighbours with the same rule join into one bar, as in the PDF."""
    ppr = paragraph._p.get_or_add_pPr()
    border = new_element("w:pBdr")
    border.append(
        new_element(f"w:{side}", val="single", sz=str(round(width_pt * 8)), space=str(round(space_pt)), color=hex_value(hex_colour))
    )
    ppr.insert_element_before(border, *_AFTER_BORDER)


def is_bidi(paragraph: WordParagraph) -> bool:
    """Whether the paragraph is marked right to left (``w:bidi``)."""
    ppr = paragraph._p.pPr
    return ppr is not None and ppr.find(qn("w:bidi")) is not None


def update_fields_on_open(word: WordDocument) -> None:
    """Ask Word to update every field when the file opens, so the contents gets its page numbers."""
    settings = word.settings.element
    for old in settings.findall(qn("w:updateFields")):
        settings.remove(old)
    settings.append(new_element("w:updateFields", val="true"))
