"""The reference document's named styles restyled from the house style, and the page set up: Word's look as data."""

from __future__ import annotations

from typing import Any

from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Mm, Pt
from docx.styles import BabelFish
from docx.styles.style import StyleFactory

from ...errors import StyleError
from ...style import HouseStyle, PageStyle, TextStyle
from .ooxml import hex_value, new_element, rgb

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

REGENERATE = "regenerate it with scripts/make_reference_docx.py"

# Schema order of the rPr children this module inserts itself (CT_RPr, ECMA-376 §17.3.2).
_AFTER_SZ_CS = (
    "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign",
    "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath",
)  # fmt: skip
_AFTER_LANG = ("w:eastAsianLayout", "w:specVanish", "w:oMath")


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
        size = new_element("w:szCs")
        rpr.insert_element_before(size, *_AFTER_SZ_CS)
    size.set(qn("w:val"), str(round(ts.size * 2)))


def _font_name(house: HouseStyle, ts: TextStyle) -> str:
    """The Word font name of a text style's family (the house style checked the family at load)."""
    return house.fonts[ts.font].docx_name


def restyle_paragraph_style(style: Any, ts: TextStyle, house: HouseStyle) -> None:
    """Set one Word paragraph style's font, size, weight, colour and spacing from a house text style."""
    rpr = style.element.get_or_add_rPr()
    _set_fonts(rpr, _font_name(house, ts))
    style.font.size = Pt(ts.size)
    style.font.bold = ts.bold
    style.font.italic = ts.italic
    style.font.color.rgb = rgb(house.colour(ts.colour))
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
        raise StyleError(f"the reference .docx has no style {missing[0]!r}", hint=REGENERATE)
    return found


def _recolour_table_style(style: Any, house: HouseStyle) -> None:
    """Colour a table style's borders, header row and stripes from the house palette."""
    element = style.element
    for border in element.xpath("./w:tblPr/w:tblBorders/*[@w:val!='nil' and @w:val!='none']"):
        border.set(qn("w:color"), hex_value(house.colour("rule")))
    fills = {"firstRow": "table_header_fill", "band1Horz": "table_stripe_fill"}
    for kind, colour in fills.items():
        for shading in element.xpath(f"./w:tblStylePr[@w:type='{kind}']/w:tcPr/w:shd"):
            shading.set(qn("w:fill"), hex_value(house.colour(colour)))
    for colour in element.xpath("./w:tblStylePr[@w:type='firstRow']/w:rPr/w:color"):
        colour.set(qn("w:val"), hex_value(house.colour("table_header_text")))


def _default_properties(word: WordDocument, kind: str) -> Any:
    """The ``w:rPr`` or ``w:pPr`` under ``w:docDefaults``, created if the reference lacks it."""
    styles = word.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = new_element("w:docDefaults")
        styles.insert(0, defaults)
    holder = defaults.find(qn(f"w:{kind}Default"))
    if holder is None:
        holder = new_element(f"w:{kind}Default")
        defaults.insert(0 if kind == "rPr" else len(defaults), holder)
    properties = holder.find(qn(f"w:{kind}"))
    if properties is None:
        properties = new_element(f"w:{kind}")
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
        lang = new_element("w:lang")
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
