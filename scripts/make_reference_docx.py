"""Generate ``assets/reference.docx``, the Word document every .docx export is built on.

It starts from python-docx's default template, keeps the built-in styles Word
users know (Heading 1-3, List Bullet, List Number, Quote, Title, Subtitle,
Caption, Header, Footer, TOC Heading), adds the styles a brief needs (Lead,
Small, Attribution, Note, Banner, Table Text, Table Heading, toc 1-2, and the
table styles "Briefing Table" and "Briefing Note"), drops the template's
leftovers (thumbnail, bibliography, Word 2010 style copy, unused table styles)
and styles everything from the house style. The body is empty. Running it twice
gives byte-identical output.

Usage: python scripts/make_reference_docx.py [output.docx]
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import docx
from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, nsmap, qn
from docx.shared import Mm
from lxml import etree

from briefing.style import load_house_style
from briefing.writers.docx.package import INVARIANT_DATE, deterministic_zip
from briefing.writers.docx.styling import FIGURES_TABLE_STYLE, NOTE_TABLE_STYLE, apply_house_style, set_up_page

OUTPUT = ROOT / "assets" / "reference.docx"

NAMESPACES = {"w": nsmap["w"]}
KEEP_TABLE_STYLES = {"Normal Table", "Table Grid"}
DROP_RELATIONSHIPS = (
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail",
    "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml",
)

QUOTE_INDENT = Mm(5)
TOC_LEVEL_INDENT = Mm(4)

NEW_PARAGRAPH_STYLES = ("Lead", "Small", "Attribution", "Note", "Banner", "Table Text", "Table Heading")
TOC_STYLES = ("toc 1", "toc 2")

APP_XML = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    "<Application>Briefing</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>"
    "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
    "<HyperlinksChanged>false</HyperlinksChanged></Properties>"
)

# Structure only: borders, padding and which parts are shaded. Colours and fonts
# are set from the house style (here and again at every export).
FIGURES_TABLE_XML = f"""
<w:style {nsdecls("w")} w:type="table" w:customStyle="1" w:styleId="BriefingTable">
  <w:name w:val="{FIGURES_TABLE_STYLE}"/>
  <w:basedOn w:val="TableNormal"/>
  <w:uiPriority w:val="59"/>
  <w:qFormat/>
  <w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>
  <w:tblPr>
    <w:tblStyleRowBandSize w:val="1"/>
    <w:tblInd w:w="85" w:type="dxa"/>
    <w:tblBorders>
      <w:top w:val="single" w:sz="8" w:space="0" w:color="auto"/>
      <w:bottom w:val="single" w:sz="8" w:space="0" w:color="auto"/>
      <w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/>
    </w:tblBorders>
    <w:tblCellMar>
      <w:top w:w="45" w:type="dxa"/>
      <w:left w:w="85" w:type="dxa"/>
      <w:bottom w:w="45" w:type="dxa"/>
      <w:right w:w="85" w:type="dxa"/>
    </w:tblCellMar>
  </w:tblPr>
  <w:tblStylePr w:type="firstRow">
    <w:rPr><w:b/><w:bCs/><w:color w:val="auto"/></w:rPr>
    <w:tblPr/>
    <w:trPr><w:tblHeader/></w:trPr>
    <w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="auto"/></w:tcPr>
  </w:tblStylePr>
  <w:tblStylePr w:type="band1Horz">
    <w:tblPr/>
    <w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="auto"/></w:tcPr>
  </w:tblStylePr>
</w:style>
"""

NOTE_TABLE_XML = f"""
<w:style {nsdecls("w")} w:type="table" w:customStyle="1" w:styleId="BriefingNote">
  <w:name w:val="{NOTE_TABLE_STYLE}"/>
  <w:basedOn w:val="TableNormal"/>
  <w:uiPriority w:val="59"/>
  <w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>
  <w:tblPr>
    <w:tblInd w:w="142" w:type="dxa"/>
    <w:tblBorders>
      <w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/><w:right w:val="nil"/>
      <w:insideH w:val="nil"/><w:insideV w:val="nil"/>
    </w:tblBorders>
    <w:tblCellMar>
      <w:top w:w="113" w:type="dxa"/>
      <w:left w:w="142" w:type="dxa"/>
      <w:bottom w:w="113" w:type="dxa"/>
      <w:right w:w="142" w:type="dxa"/>
    </w:tblCellMar>
  </w:tblPr>
</w:style>
"""


def drop_leftovers(word: WordDocument) -> None:
    """Remove the template's thumbnail, bibliography store and Word 2010 copy of the styles."""
    for source in (word.part.package, word.part):
        for rid, rel in list(source.rels.items()):
            if rel.reltype in DROP_RELATIONSHIPS:
                del source.rels[rid]


def prune_table_styles(word: WordDocument) -> None:
    """Keep only the plain table styles; Word recreates its other built-ins on demand."""
    for style in list(word.styles):
        if style.type == WD_STYLE_TYPE.TABLE and style.name not in KEEP_TABLE_STYLES:
            style.element.getparent().remove(style.element)


def _remove(element, *paths: str) -> None:
    """Remove the children of ``element`` found at these XPath paths."""
    for path in paths:
        for child in etree.XPath(path, namespaces=NAMESPACES)(element):
            child.getparent().remove(child)


def tidy_builtin_styles(word: WordDocument) -> None:
    """Strip the template's decoration that the house style does not describe."""
    styles = word.styles
    _remove(styles["Title"].element, "./w:pPr/w:pBdr", "./w:pPr/w:contextualSpacing", "./w:rPr/w:spacing", "./w:rPr/w:kern")
    _remove(styles["Subtitle"].element, "./w:pPr/w:numPr", "./w:rPr/w:spacing")
    for name in ("List Bullet", "List Number"):
        _remove(styles[name].element, "./w:pPr/w:contextualSpacing")
    for name in ("Header", "Footer"):
        _remove(styles[name].element, "./w:pPr/w:tabs")
    styles["Caption"].paragraph_format.keep_with_next = True
    quote = styles["Quote"].paragraph_format
    quote.left_indent = quote.right_indent = QUOTE_INDENT
    quote.keep_together = True


def add_paragraph_styles(word: WordDocument) -> None:
    """Add the brief's own paragraph styles and Word's table-of-contents entry styles."""
    styles = word.styles
    normal = styles["Normal"]
    for name in NEW_PARAGRAPH_STYLES:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.quick_style = True
    for level, name in enumerate(TOC_STYLES):
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH, builtin=True)
        style.base_style = normal
        style.next_paragraph_style = normal
        style.paragraph_format.left_indent = TOC_LEVEL_INDENT * level
    styles["Attribution"].paragraph_format.left_indent = QUOTE_INDENT
    styles["Banner"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER


def add_table_styles(word: WordDocument) -> None:
    """Add the figures table style (header row, stripes, rules) and the callout box style."""
    for xml in (FIGURES_TABLE_XML, NOTE_TABLE_XML):
        word.styles.element.append(parse_xml(xml))


def plain_bullets(word: WordDocument) -> None:
    """Use a real bullet character in the body font instead of a Symbol-font glyph."""
    numbering = word.part.numbering_part.element
    for level in numbering.xpath("./w:abstractNum/w:lvl[w:numFmt/@w:val='bullet']"):
        level.find(qn("w:lvlText")).set(qn("w:val"), "\u2022")
        _remove(level, "./w:rPr")


def reset_properties(word: WordDocument) -> None:
    """Blank document properties and a neutral application record."""
    props = word.core_properties
    props.author = props.last_modified_by = props.comments = props.title = props.subject = props.keywords = ""
    props.created = props.modified = INVARIANT_DATE
    props.revision = 1
    for part in word.part.package.iter_parts():
        if part.partname == "/docProps/app.xml":
            part._blob = APP_XML.encode("utf-8")


def build() -> bytes:
    """The reference document's bytes."""
    word = docx.Document()
    drop_leftovers(word)
    prune_table_styles(word)
    tidy_builtin_styles(word)
    add_paragraph_styles(word)
    add_table_styles(word)
    plain_bullets(word)
    house = load_house_style()
    apply_house_style(word, house)
    set_up_page(word.sections[0], house.page)
    reset_properties(word)
    buffer = io.BytesIO()
    word.save(buffer)
    return deterministic_zip(buffer.getvalue())


def main(argv: list[str]) -> int:
    """Write the reference document to the given path or to assets/reference.docx."""
    output = Path(argv[0]) if argv else OUTPUT
    output.write_bytes(build())
    print(f"wrote {output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
