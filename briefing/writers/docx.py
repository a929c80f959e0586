"""The Word writer: a :class:`~briefing.document.model.Document` becomes a .docx file.

The file is built on the reference document (``assets/reference.docx``, made by
``scripts/make_reference_docx.py``). Its named styles are restyled from the house
style at build time, so Word and PDF output of the same brief look alike: the look
lives in data, not here. Every piece of text passes through :class:`TextGuard`
before it reaches python-docx, and the finished package may not point at anything
outside itself.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any, BinaryIO

import docx
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section, _Footer, _Header
from docx.shared import Length, Mm, Pt, RGBColor
from docx.styles import BabelFish
from docx.styles.style import StyleFactory
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph as WordParagraph
from lxml import etree

from .. import paths
from ..document.model import (
    Block,
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
    SourcesList,
    banner_text,
    block_text,
    plain,
    quotation_attribution,
    quotation_sentence,
    ref_mark,
)
from ..document.text import clean_text, describe_removed
from ..errors import ExportError, StyleError
from ..style import HouseStyle, PageStyle, Slots, TextStyle, fill_slot
from . import RenderOptions, WriteResult, register, unknown_node

# --------------------------------------------------------------------------- styles as data

PARAGRAPH_STYLES: dict[str, str] = {
    "Normal": "body",
    "Lead": "lead",
    "Small": "small",
    "Title": "title",
    "Subtitle": "subtitle",
    "Heading 1": "heading1",
    "Heading 2": "heading2",
    "Heading 3": "heading3",
    "TOC Heading": "heading1",
    "toc 1": "body",
    "toc 2": "body",
    "List Bullet": "list",
    "List Number": "list",
    "Quote": "quote",
    "Attribution": "attribution",
    "Caption": "small",
    "Note": "note",
    "Table Text": "table",
    "Table Heading": "table_header",
    "Header": "header",
    "Footer": "footer",
    "Banner": "banner",
}
"""Each Word paragraph style the writer uses, and the house text style it takes its look from."""

FIGURES_TABLE_STYLE = "Briefing Table"
NOTE_TABLE_STYLE = "Briefing Note"
TABLE_STYLES = (FIGURES_TABLE_STYLE, NOTE_TABLE_STYLE)

ROLE_STYLES: dict[str, str] = {
    "body": "Normal",
    "lead": "Lead",
    "small": "Small",
    "title": "Title",
    "subtitle": "Subtitle",
}
"""Paragraph role in the document model to Word paragraph style."""

PAGE_SIZES_MM: dict[str, tuple[float, float]] = {"A4": (210, 297), "Letter": (215.9, 279.4)}

TOC_INSTRUCTION = 'TOC \\o "1-2" \\h \\z \\u'
INVARIANT_DATE = datetime(2000, 1, 1)
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
_R_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
DOCUMENT_DETAILS = "the document details"
_REGENERATE = "regenerate it with scripts/make_reference_docx.py"
_CORE_TEXT_LIMIT = 255  # python-docx refuses longer core-property strings

# Schema order of the rPr children this module inserts itself (CT_RPr, ECMA-376 §17.3.2).
_AFTER_SZ_CS = (
    "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign",
    "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath",
)  # fmt: skip
_AFTER_LANG = ("w:eastAsianLayout", "w:specVanish", "w:oMath")

# --------------------------------------------------------------------------- text safety


def _removal_warning(where: str, removed: list[str]) -> str:
    """The user-facing warning for characters removed from one item."""
    return f"removed {describe_removed(removed)} from {where}"


class TextGuard:
    """Makes text safe for XML 1.0 and remembers, per item, what it had to remove."""

    def __init__(self) -> None:
        self._removed: dict[str, list[str]] = {}
        self._seen: set[tuple[str, str]] = set()

    def clean(self, text: str, where: str) -> str:
        """``text`` without characters XML cannot hold, and with tabs and line breaks as spaces.

        Removals are counted against ``where``; the same text cleaned twice for the
        same item (a title in the footer and the file properties) counts once.
        """
        cleaned, removed = clean_text(text)
        if removed and (where, text) not in self._seen:
            self._seen.add((where, text))
            self._removed.setdefault(where, []).extend(removed)
        return cleaned

    def warnings(self) -> tuple[str, ...]:
        """One warning per item that lost characters, in the order the items were met."""
        return tuple(_removal_warning(where, removed) for where, removed in self._removed.items())


def _snippet(text: str, limit: int = 40) -> str:
    """A short, XML-safe excerpt of ``text`` for naming an item in a warning."""
    text = " ".join(clean_text(text)[0].split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


_BLOCK_KINDS: dict[type, str] = {
    Heading: "heading",
    Paragraph: "paragraph",
    ListBlock: "list",
    FiguresTable: "figures table",
    Note: "note",
    Contents: "contents",
    SourcesList: "sources list",
    PageBreak: "page break",
}


def _describe(block: Block) -> str:
    """How a warning names a block: ``quotation by X`` or ``paragraph "The minister…"``."""
    if isinstance(block, Quotation):
        return f"quotation by {_snippet(block.speaker)}"
    lines = block_text(block)
    kind = _BLOCK_KINDS[type(block)]
    return f'{kind} "{_snippet(lines[0])}"' if lines and lines[0].strip() else kind


# --------------------------------------------------------------------------- reference document


@lru_cache(maxsize=4)
def _cached_bytes(path: str, mtime_ns: int, size: int) -> bytes:
    """The bytes of a reference document, read once per version of the file."""
    return Path(path).read_bytes()


def _reference_bytes(path: Path) -> bytes:
    """The bytes of the reference document at ``path``, or a StyleError saying what is wrong."""
    try:
        stat = path.stat()
        return _cached_bytes(str(path.resolve()), stat.st_mtime_ns, stat.st_size)
    except OSError as exc:
        raise StyleError(
            f"cannot read the reference .docx {path}: {exc.strerror}", hint="check the path, or leave it empty to use the bundled one"
        ) from None


_MACRO_TYPES = ("macroEnabled", "vbaProject")


def _reference_problem(path: Path, data: bytes) -> StyleError | None:
    """A clear error for a reference that is a template, carries macros, or is no Word file at all."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            names = package.namelist()
            types = package.read("[Content_Types].xml").decode("utf-8", "replace")
    except Exception:  # noqa: BLE001 - a damaged package can fail in zipfile, zlib or elsewhere: it is no Word file
        return StyleError(f"{path} is not a Word document", hint="choose a .docx file saved by Word or LibreOffice")
    if any(marker in types for marker in _MACRO_TYPES) or any(n.lower().endswith("vbaproject.bin") for n in names):
        return StyleError(f"{path} contains macros (a .docm)", hint="save it as a plain Word document (.docx) without macros")
    if "wordprocessingml.template" in types:
        return StyleError(f"{path} is a Word template (.dotx)", hint="open it in Word and save it as a Word document (.docx)")
    return None


def open_reference(path: Path) -> tuple[WordDocument, list[str]]:
    """A fresh document from the reference file, its body and outside links removed, and a warning per link removed."""
    data = _reference_bytes(path)
    problem = _reference_problem(path, data)
    if problem is not None:
        raise problem
    try:
        word = docx.Document(io.BytesIO(data))
        _touch_parts(word)
        _clear_body(word)
        removed = strip_external_relationships(word)
    except StyleError:
        raise
    except Exception as exc:  # noqa: BLE001 - any damage in the colleague's package (zip, XML, parts) is this one error
        raise StyleError(f"{path} is not a usable Word document: {exc}", hint="make one with scripts/make_reference_docx.py") from None
    warnings = [f"the reference document {path.name} linked to an outside resource ({target}); the link was removed" for target in removed]
    return word, warnings


def _touch_parts(word: WordDocument) -> None:
    """Load every part the writer uses, so a damaged one fails here, as the reference's error."""
    word.settings.odd_and_even_pages_header_footer  # noqa: B018
    word.core_properties.title  # noqa: B018
    named_styles(word)
    for section in word.sections:
        section.header.is_linked_to_previous  # noqa: B018
        section.footer.is_linked_to_previous  # noqa: B018
    word.part.numbering_part.numbering_definitions  # noqa: B018


def _clear_body(word: WordDocument) -> None:
    """Remove everything from the body but the final section properties."""
    body = word.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def _relationship_sources(word: WordDocument) -> list[Any]:
    """The package and every part in it: everything that can hold relationships."""
    package = word.part.package
    return [package, *package.iter_parts()]


def strip_external_relationships(word: WordDocument) -> list[str]:
    """Drop every relationship that points outside the package, and the elements that use it; return their targets."""
    removed = []
    for source in _relationship_sources(word):
        for rid, rel in list(source.rels.items()):
            if rel.is_external:
                removed.append(str(rel.target_ref))
                _remove_references(source, rid)
                del source.rels[rid]
    return removed


def _remove_references(source: Any, rid: str) -> None:
    """Remove the elements of an XML part that use relationship ``rid`` (e.g. w:attachedTemplate)."""
    root = getattr(source, "element", None)
    if root is None:
        return
    users = [node for node in root.iter(etree.Element) if any(key.startswith(_R_NS) and value == rid for key, value in node.attrib.items())]
    for node in users:
        node.getparent().remove(node)


def check_no_external_relationships(word: WordDocument) -> None:
    """Raise ExportError if any part of the package still points at an outside resource."""
    for source in _relationship_sources(word):
        for rel in source.rels.values():
            if rel.is_external:
                raise ExportError(
                    f"the Word file would link to an outside resource ({rel.target_ref})",
                    hint="use a reference .docx without linked templates, images or hyperlinks",
                )


# --------------------------------------------------------------------------- house style


def _rgb(hex_colour: str) -> RGBColor:
    """A python-docx colour from ``#rrggbb``."""
    try:
        return RGBColor.from_string(hex_colour.lstrip("#").upper())
    except ValueError:
        raise StyleError(f"{hex_colour!r} is not a colour", hint="write colours as #rrggbb") from None


def _hex(hex_colour: str) -> str:
    """``RRGGBB`` as WordprocessingML attributes want it."""
    return str(_rgb(hex_colour))


def _element(tag: str, **attributes: str) -> Any:
    """A new WordprocessingML element with ``w:`` attributes."""
    element = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(qn(f"w:{name}"), value)
    return element


def _set_fonts(rpr: Any, name: str) -> None:
    """Use font ``name`` for Latin and complex scripts, dropping theme fonts that would override it.

    East Asian text keeps the reference document's East Asian font: a Latin
    house font has no glyphs for it.
    """
    fonts = rpr.get_or_add_rFonts()
    for script in ("ascii", "hAnsi", "cs"):
        fonts.attrib.pop(qn(f"w:{script}Theme" if script != "cs" else "w:cstheme"), None)
        fonts.set(qn(f"w:{script}"), name)


def _set_complex_script(rpr: Any, ts: TextStyle) -> None:
    """Give right-to-left and complex scripts the same size, weight and slant."""
    rpr.get_or_add_bCs().val = ts.bold
    rpr.get_or_add_iCs().val = ts.italic
    size = rpr.find(qn("w:szCs"))
    if size is None:
        size = _element("w:szCs")
        rpr.insert_element_before(size, *_AFTER_SZ_CS)
    size.set(qn("w:val"), str(round(ts.size * 2)))


def _font_name(house: HouseStyle, ts: TextStyle) -> str:
    """The Word font name of a text style's family."""
    try:
        return house.fonts[ts.font].docx_name
    except KeyError:
        raise StyleError(f"unknown font family {ts.font!r}", hint="add it under fonts: in the house style") from None


def restyle_paragraph_style(style: Any, ts: TextStyle, house: HouseStyle) -> None:
    """Set one Word paragraph style's font, size, weight, colour and spacing from a house text style."""
    rpr = style.element.get_or_add_rPr()
    _set_fonts(rpr, _font_name(house, ts))
    style.font.size = Pt(ts.size)
    style.font.bold = ts.bold
    style.font.italic = ts.italic
    style.font.color.rgb = _rgb(house.colour(ts.colour))
    _set_complex_script(rpr, ts)
    fmt = style.paragraph_format
    fmt.space_before = Pt(ts.space_before)
    fmt.space_after = Pt(ts.space_after)
    fmt.line_spacing = Pt(ts.leading) if ts.leading else 1.0


def named_styles(word: WordDocument) -> dict[str, Any]:
    """The styles the writer uses, by name, found in one pass; a StyleError if one is missing."""
    wanted = {BabelFish.ui2internal(name): name for name in (*PARAGRAPH_STYLES, *TABLE_STYLES)}
    found: dict[str, Any] = {}
    for element in word.styles.element.iterchildren(qn("w:style")):
        name = element.find(qn("w:name"))
        ui_name = wanted.get(name.get(qn("w:val"), "") if name is not None else "")
        if ui_name is not None and ui_name not in found:
            found[ui_name] = StyleFactory(element)
    missing = [name for name in wanted.values() if name not in found]
    if missing:
        raise StyleError(f"the reference .docx has no style {missing[0]!r}", hint=_REGENERATE)
    return found


def _recolour_table_style(style: Any, house: HouseStyle) -> None:
    """Colour a table style's borders, header row and stripes from the house palette."""
    element = style.element
    for border in element.xpath("./w:tblPr/w:tblBorders/*[@w:val!='nil' and @w:val!='none']"):
        border.set(qn("w:color"), _hex(house.colour("rule")))
    fills = {"firstRow": "table_header_fill", "band1Horz": "table_stripe_fill"}
    for kind, colour in fills.items():
        for shading in element.xpath(f"./w:tblStylePr[@w:type='{kind}']/w:tcPr/w:shd"):
            shading.set(qn("w:fill"), _hex(house.colour(colour)))
    for colour in element.xpath("./w:tblStylePr[@w:type='firstRow']/w:rPr/w:color"):
        colour.set(qn("w:val"), _hex(house.colour("table_header_text")))


def _default_properties(word: WordDocument, kind: str) -> Any:
    """The ``w:rPr`` or ``w:pPr`` under ``w:docDefaults``, created if the reference lacks it."""
    styles = word.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = _element("w:docDefaults")
        styles.insert(0, defaults)
    holder = defaults.find(qn(f"w:{kind}Default"))
    if holder is None:
        holder = _element(f"w:{kind}Default")
        defaults.insert(0 if kind == "rPr" else len(defaults), holder)
    properties = holder.find(qn(f"w:{kind}"))
    if properties is None:
        properties = _element(f"w:{kind}")
        holder.append(properties)
    return properties


def _set_document_defaults(word: WordDocument, house: HouseStyle) -> None:
    """Make the defaults under every style the body font, so unstyled text matches too."""
    body = house.style("body")
    rpr = _default_properties(word, "rPr")
    _set_fonts(rpr, _font_name(house, body))
    rpr.get_or_add_sz().val = Pt(body.size)
    _set_complex_script(rpr, body)
    spacing = _default_properties(word, "pPr").get_or_add_spacing()
    spacing.attrib.clear()
    spacing.set(qn("w:after"), "0")


def set_language(word: WordDocument, language: str) -> None:
    """Mark all text as being in ``language`` (spelling and hyphenation in Word)."""
    rpr = _default_properties(word, "rPr")
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = _element("w:lang")
        rpr.insert_element_before(lang, *_AFTER_LANG)
    lang.set(qn("w:val"), language)


def apply_house_style(word: WordDocument, house: HouseStyle) -> None:
    """Restyle the reference document's named styles from the house style."""
    _set_document_defaults(word, house)
    styles = named_styles(word)
    for name, text_style in PARAGRAPH_STYLES.items():
        restyle_paragraph_style(styles[name], house.style(text_style), house)
    for name in TABLE_STYLES:
        _recolour_table_style(styles[name], house)


def set_up_page(section: Section, page: PageStyle) -> None:
    """Page size, margins and header/footer distances from the house style."""
    width, height = PAGE_SIZES_MM[page.size]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(width), Mm(height)
    section.top_margin, section.bottom_margin = Mm(page.margins_mm.top), Mm(page.margins_mm.bottom)
    section.left_margin, section.right_margin = Mm(page.margins_mm.left), Mm(page.margins_mm.right)
    section.header_distance, section.footer_distance = Mm(page.header_mm), Mm(page.footer_mm)
    section.gutter = Mm(0)


def _text_width(section: Section) -> Length:
    """The width between the left and right margins."""
    return Length(section.page_width - section.left_margin - section.right_margin)


def _twips(length: int) -> str:
    """A length in EMU as the twentieths of a point WordprocessingML measures in."""
    return str(round(length / 635))


# --------------------------------------------------------------------------- low-level building


def _field_start(paragraph: WordParagraph, instruction: str) -> None:
    """Open a complex field: begin marker, instruction, separator."""
    paragraph.add_run()._r.append(_element("w:fldChar", fldCharType="begin"))
    instr = _element("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    paragraph.add_run()._r.append(instr)
    paragraph.add_run()._r.append(_element("w:fldChar", fldCharType="separate"))


def _field_end(paragraph: WordParagraph) -> None:
    """Close a complex field."""
    paragraph.add_run()._r.append(_element("w:fldChar", fldCharType="end"))


def add_field(paragraph: WordParagraph, instruction: str, cached: str) -> None:
    """Append a real Word field (PAGE, NUMPAGES ...) that shows ``cached`` until Word updates it."""
    _field_start(paragraph, instruction)
    paragraph.add_run(cached)
    _field_end(paragraph)


def _shade(cell: _Cell, hex_colour: str) -> None:
    """Fill a table cell with a colour."""
    cell._tc.get_or_add_tcPr().append(_element("w:shd", val="clear", color="auto", fill=_hex(hex_colour)))


def _fix_table_width(table: Table, width: Length, fractions: Iterable[float]) -> None:
    """Give a table a fixed layout spanning ``width``, split into columns by ``fractions``."""
    table.autofit = False
    tbl = table._tbl
    tblw = tbl.tblPr.find(qn("w:tblW"))
    tblw.set(qn("w:type"), "dxa")
    tblw.set(qn("w:w"), _twips(width))
    widths = [Length(int(width * fraction)) for fraction in fractions]
    for grid_column, column_width in zip(tbl.tblGrid.gridCol_lst, widths, strict=False):
        grid_column.w = column_width
    for tr in tbl.tr_lst:
        for tc, column_width in zip(tr.tc_lst, widths, strict=False):
            tc.width = column_width


_TABLE_LOOK_BITS = {"firstRow": 0x20, "lastRow": 0x40, "firstColumn": 0x80, "lastColumn": 0x100, "noHBand": 0x200, "noVBand": 0x400}


def _table_look(table: Table, header_row: bool, banded_rows: bool) -> None:
    """Say which conditional parts of the table style apply: at most the header row and stripes."""
    look = table._tbl.tblPr.find(qn("w:tblLook"))
    flags = dict.fromkeys(("lastRow", "firstColumn", "lastColumn"), False)
    flags.update(firstRow=header_row, noHBand=not banded_rows, noVBand=True)
    for name, on in flags.items():
        look.set(qn(f"w:{name}"), "1" if on else "0")
    look.set(qn("w:val"), f"{sum(_TABLE_LOOK_BITS[name] for name, on in flags.items() if on):04X}")  # what Word 2007 reads


def _row_properties(table: Table, header_rows: int) -> None:
    """Keep every row on one page, and repeat the first ``header_rows`` rows on every page."""
    for index, tr in enumerate(table._tbl.tr_lst):
        trpr = tr.get_or_add_trPr()
        trpr.append(_element("w:cantSplit"))
        if index < header_rows:
            trpr.append(_element("w:tblHeader"))


def _clear(container: _Header | _Footer) -> None:
    """Remove everything from a header or footer."""
    element = container._element
    for child in list(element):
        element.remove(child)


def _contents_entries(blocks: tuple[Block, ...], after: int) -> list[tuple[int, str]]:
    """(level, text) of the level-1 and level-2 headings after block ``after``, as the PDF's contents lists them."""
    return [(block.level, plain(block.runs)) for block in blocks[after + 1 :] if isinstance(block, Heading) and block.level <= 2]


def _figures_columns(show_dates: bool) -> tuple[list[str], tuple[float, ...]]:
    """Header labels and relative widths of a figures table's columns."""
    if show_dates:
        return ["Figure", "Value", "Unit", "As of", "Src"], (0.40, 0.20, 0.16, 0.16, 0.08)
    return ["Figure", "Value", "Unit", "Src"], (0.48, 0.22, 0.20, 0.10)


def _figures_row(row: FigureRow, show_dates: bool) -> list[str]:
    """The cell texts of one figures-table row."""
    return [row.label, row.display, row.unit] + ([row.as_of] if show_dates else []) + [ref_mark(row.ref)]


_PAGE_TOKEN = re.compile(r"\{(page|pages)\}")
_PAGE_FIELDS = {"page": "PAGE", "pages": "NUMPAGES"}
_SLOT_TABS = (None, WD_TAB_ALIGNMENT.CENTER, WD_TAB_ALIGNMENT.RIGHT)


def _fill_slot(paragraph: WordParagraph, template: str, values: dict[str, str]) -> None:
    """Fill a header/footer slot; ``{page}`` and ``{pages}`` become real PAGE and NUMPAGES fields."""
    position = 0
    for match in _PAGE_TOKEN.finditer(template):
        _add_plain(paragraph, fill_slot(template[position : match.start()], values))
        add_field(paragraph, _PAGE_FIELDS[match.group(1)], "1")
        position = match.end()
    _add_plain(paragraph, fill_slot(template[position:], values))


def _add_plain(paragraph: WordParagraph, text: str) -> None:
    """Append a plain run unless ``text`` is empty."""
    if text:
        paragraph.add_run(text)


# --------------------------------------------------------------------------- the builder


class _Builder:
    """Writes one document's header, footer and blocks into a python-docx document."""

    def __init__(self, word: WordDocument, document: Document, house: HouseStyle, guard: TextGuard):
        self.word = word
        self.document = document
        self.house = house
        self.guard = guard
        self.where = DOCUMENT_DETAILS
        self.index = 0
        self.break_pending = False
        self.section = word.sections[-1]
        self.text_width = _text_width(self.section)
        self.styles = named_styles(word)
        self.style_ids = {name: style.style_id for name, style in self.styles.items()}
        self.quote_indent = self.styles["Quote"].paragraph_format.left_indent
        self.visitors: dict[type, Callable[[Any], None]] = {
            Heading: self.heading,
            Paragraph: self.paragraph,
            ListBlock: self.list_block,
            Quotation: self.quotation,
            FiguresTable: self.figures_table,
            Note: self.note,
            PageBreak: self.page_break,
            Contents: self.contents,
            SourcesList: self.sources_list,
        }

    # ----- driving

    def build(self) -> None:
        """Header, footer, then every block in order; an unknown node stops the export."""
        self.header_and_footer()
        for index, block in enumerate(self.document.blocks):
            visit = self.visitors.get(type(block))
            if visit is None:
                raise unknown_node(block, "docx")
            self.index, self.where = index, _describe(block)
            visit(block)
        if self.break_pending:
            self.word.add_page_break()

    def text(self, text: str) -> str:
        """``text`` made XML-safe, with any removal reported against the current item."""
        return self.guard.clean(text, self.where)

    def styled(self, paragraph: WordParagraph, style: str) -> WordParagraph:
        """Give a paragraph one of the named styles (by id: python-docx's name lookup is slow)."""
        paragraph._p.style = self.style_ids[style]
        return paragraph

    def new_paragraph(self, style: str, text: str = "") -> WordParagraph:
        """A body paragraph in a named style; it starts a new page if a page break is pending."""
        paragraph = self.styled(self.word.add_paragraph(self.text(text)), style)
        if self.break_pending:
            paragraph.paragraph_format.page_break_before = True
            self.break_pending = False
        return paragraph

    def new_table(self, rows: int, style: str, fractions: tuple[float, ...]) -> Table:
        """A full-width table in a named table style, after a pending page break if there is one."""
        if self.break_pending:
            self.word.add_page_break()
            self.break_pending = False
        table = self.word.add_table(rows=rows, cols=len(fractions))
        table._tbl.tblPr.style = self.style_ids[style]
        _fix_table_width(table, self.text_width, fractions)
        return table

    def add_runs(self, paragraph: WordParagraph, runs: Inline) -> None:
        """Append runs to a paragraph, italic for emphasis and bold for strong."""
        for run in runs:
            text = self.text(run.text)
            if not text:
                continue
            word_run = paragraph.add_run(text)
            if run.emphasis:
                word_run.italic = True
            if run.strong:
                word_run.bold = True

    def gap_after_table(self) -> None:
        """An empty line as tall as the body's paragraph spacing, so text does not touch a table."""
        gap = self.new_paragraph("Normal").paragraph_format
        gap.space_after = Pt(0)
        gap.line_spacing = Pt(max(self.house.style("body").space_after, 1))

    # ----- header and footer

    def header_and_footer(self) -> None:
        """The marking at the very top and bottom of every page, the house-style slots inside it."""
        self.section.different_first_page_header_footer = False
        self.word.settings.odd_and_even_pages_header_footer = False
        values = self.slot_values()
        header = self.section.header
        header.is_linked_to_previous = False
        _clear(header)
        self.marking(header.add_paragraph())
        self.slots(header, self.house.header, "Header", values)
        footer = self.section.footer
        footer.is_linked_to_previous = False
        _clear(footer)
        self.slots(footer, self.house.footer, "Footer", values)
        self.marking(footer.add_paragraph())

    def slot_values(self) -> dict[str, str]:
        """What the header and footer placeholders stand for."""
        meta = self.document.meta
        raw = {"marking": meta.marking, "caveat": meta.caveat, "reference": meta.reference, "title": meta.title, "date": meta.date}
        return {name: self.text(value) for name, value in raw.items()}

    def marking(self, paragraph: WordParagraph) -> None:
        """The classification banner: bold, in the marking's colour, centred, caveat after it."""
        meta = self.document.meta
        self.styled(paragraph, "Banner").alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(self.text(banner_text(meta)))
        run.bold = True
        run.font.color.rgb = _rgb(meta.marking_colour)

    def slots(self, container: _Header | _Footer, slots: Slots, style: str, values: dict[str, str]) -> None:
        """One line with the left, centre and right slots on tab stops (no line if all are empty)."""
        templates = [self.guard.clean(t, "the house style's header and footer") for t in (slots.left, slots.centre, slots.right)]
        if not any(templates):
            return
        paragraph = self.styled(container.add_paragraph(), style)
        stops = paragraph.paragraph_format.tab_stops
        for template, tab, position in zip(templates, _SLOT_TABS, (0, self.text_width // 2, self.text_width), strict=False):
            if template and tab is not None:
                stops.add_tab_stop(Length(position), tab)
                paragraph.add_run().add_tab()
            _fill_slot(paragraph, template, values)

    # ----- blocks

    def heading(self, block: Heading) -> None:
        """A heading in the Word style of its level (1 to 3)."""
        self.add_runs(self.new_paragraph(f"Heading {min(max(block.level, 1), 3)}"), block.runs)

    def paragraph(self, block: Paragraph) -> None:
        """A paragraph in the style of its role."""
        self.add_runs(self.new_paragraph(ROLE_STYLES[block.role]), block.runs)

    def list_block(self, block: ListBlock) -> None:
        """Bullets, or numbers that start again at 1 for every list."""
        style = "List Number" if block.ordered else "List Bullet"
        num_id = self.restarted_numbering(style) if block.ordered else None
        for item in block.items:
            paragraph = self.new_paragraph(style)
            if num_id is not None:
                numpr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
                numpr.get_or_add_ilvl().val = 0
                numpr.get_or_add_numId().val = num_id
            self.add_runs(paragraph, item)

    def restarted_numbering(self, style: str) -> int:
        """The numId of a new instance of the style's list numbering, overridden to start at 1."""
        numbering = self.word.part.numbering_part.element
        ppr = self.styles[style].element.pPr
        if ppr is None or ppr.numPr is None or ppr.numPr.numId is None:
            raise StyleError(f"the reference .docx style {style!r} has no list numbering", hint=_REGENERATE)
        abstract_id = numbering.num_having_numId(ppr.numPr.numId.val).abstractNumId.val
        num = numbering.add_num(abstract_id)
        num.add_lvlOverride(ilvl=0).add_startOverride(1)
        return num.numId

    def quotation(self, block: Quotation) -> None:
        """The quotation sentence (reported speech never in quotation marks), attribution, note."""
        sentence = quotation_sentence(block)
        if block.ref is not None:
            sentence += " " + ref_mark(block.ref)
        quote = self.new_paragraph("Quote", sentence)
        attribution = quotation_attribution(block)
        if attribution:
            quote.paragraph_format.keep_with_next = True
            self.new_paragraph("Attribution", attribution)
        if block.note:
            self.new_paragraph("Small", block.note).paragraph_format.left_indent = self.quote_indent

    def figures_table(self, block: FiguresTable) -> None:
        """A real Word table in the figures table style, its header row repeated on every page."""
        if block.caption:
            self.new_paragraph("Caption", block.caption).paragraph_format.keep_with_next = True
        headers, fractions = _figures_columns(block.show_dates)
        table = self.new_table(1 + len(block.rows), FIGURES_TABLE_STYLE, fractions)
        _table_look(table, header_row=True, banded_rows=True)
        _row_properties(table, header_rows=1)
        for cell, header in zip(table.rows[0].cells, headers, strict=False):
            self.styled(cell.paragraphs[0], "Table Heading").add_run(header)
        for word_row, row in zip(table.rows[1:], block.rows, strict=False):
            cells = word_row.cells
            for cell, value in zip(cells, _figures_row(row, block.show_dates), strict=False):
                self.styled(cell.paragraphs[0], "Table Text").add_run(self.text(value))
            if row.note:
                self.styled(cells[0].add_paragraph(self.text(row.note)), "Small")
        self.gap_after_table()

    def note(self, block: Note) -> None:
        """A one-cell shaded box with a bold title: officer's note, warning or recommendation."""
        table = self.new_table(1, NOTE_TABLE_STYLE, (1.0,))
        _table_look(table, header_row=False, banded_rows=False)
        _row_properties(table, header_rows=0)
        cell = table.cell(0, 0)
        _shade(cell, self.house.colour(f"{block.tone}_fill"))
        paragraph = self.styled(cell.paragraphs[0], "Note")
        if block.title:
            paragraph.add_run(self.text(block.title)).bold = True
            paragraph = self.styled(cell.add_paragraph(), "Note")
        self.add_runs(paragraph, block.runs)
        self.gap_after_table()

    def page_break(self, block: PageBreak) -> None:
        """Start the next paragraph on a new page (a second break in a row gives an empty page)."""
        if self.break_pending:
            self.word.add_page_break()
        self.break_pending = True

    def contents(self, block: Contents) -> None:
        """A real Word table-of-contents field; until Word updates it, it lists the headings that follow."""
        self.new_paragraph("TOC Heading", block.title)
        entries = _contents_entries(self.document.blocks, self.index) or [(1, "")]
        for position, (level, text) in enumerate(entries):
            paragraph = self.new_paragraph(f"toc {level}")
            if position == 0:
                _field_start(paragraph, TOC_INSTRUCTION)
            _add_plain(paragraph, TextGuard().clean(text, ""))  # the heading itself reports removals
            if position == len(entries) - 1:
                _field_end(paragraph)

    def sources_list(self, block: SourcesList) -> None:
        """A level-2 heading (if titled), the note, then one line per source: ``[n] item — citation``."""
        if block.title:
            self.new_paragraph("Heading 2", block.title)
        if block.note:
            self.new_paragraph("Small", block.note)
        for entry in block.entries:
            line = " \u2014 ".join(part for part in (entry.item, entry.citation) if part)
            self.new_paragraph("Small", f"{ref_mark(entry.number)} {line}")


# --------------------------------------------------------------------------- properties and saving


def _core_text(guard: TextGuard, text: str) -> str:
    """A core-property string: XML-safe and no longer than Word allows."""
    return guard.clean(text, DOCUMENT_DETAILS)[:_CORE_TEXT_LIMIT]


def set_properties(word: WordDocument, meta: Metadata, guard: TextGuard, invariant: bool) -> None:
    """Title, author, subject, keywords and language; fixed dates and revision 1 when invariant."""
    props = word.core_properties
    props.title = _core_text(guard, meta.title)
    props.author = props.last_modified_by = _core_text(guard, meta.author)
    props.subject = _core_text(guard, meta.subject)
    props.keywords = _core_text(guard, ", ".join(meta.keywords))
    props.language = _core_text(guard, meta.language)
    props.identifier = _core_text(guard, meta.reference)
    props.comments = props.category = props.content_status = props.version = ""
    props.created = props.modified = INVARIANT_DATE if invariant else datetime.now(UTC).replace(tzinfo=None, microsecond=0)
    props.revision = 1
    set_language(word, props.language)


def deterministic_zip(data: bytes) -> bytes:
    """The same package with fixed timestamps and permissions, so equal content gives equal bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_ZIP_EPOCH)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info))
    return out.getvalue()


def _package_bytes(word: WordDocument, invariant: bool) -> bytes:
    """The finished .docx as bytes."""
    buffer = io.BytesIO()
    word.save(buffer)
    data = buffer.getvalue()
    return deterministic_zip(data) if invariant else data


# --------------------------------------------------------------------------- the writer


class DocxWriter:
    """Writes a document as a Word .docx built on the reference document."""

    format = "docx"
    suffix = ".docx"

    def write(self, document: Document, stream: BinaryIO, options: RenderOptions) -> WriteResult:
        """Build the .docx for ``document`` and write its bytes to ``stream``."""
        guard = TextGuard()
        reference = Path(options.reference_docx) if options.reference_docx else paths.reference_docx()
        word, reference_warnings = open_reference(reference)
        apply_house_style(word, options.style)
        set_up_page(word.sections[-1], options.style.page)
        _Builder(word, document, options.style, guard).build()
        set_properties(word, document.meta, guard, options.invariant)
        check_no_external_relationships(word)
        stream.write(_package_bytes(word, options.invariant))
        return WriteResult(pages=None, warnings=(*reference_warnings, *guard.warnings()))


register(DocxWriter())
