"""The bare-library baselines: the sample brief's content written straight to reportlab and python-docx.

Nothing here imports Briefing. A brief file (plain JSON) goes through one small
Jinja2 template into a list of blocks (the same headings, paragraphs, bullets,
figures table, quotations, note and sources as the meeting-brief template), and
those blocks are written:

* to PDF with reportlab platypus, with the same Liberation TrueType faces
  embedded from ``assets/fonts``, the sizes and margins of the house style, a
  marking banner, header and footer on every page and "Page X of Y";
* to Word with python-docx on its default template, with a header and footer
  carrying the marking and PAGE / NUMPAGES fields;
* to Markdown, for the pandoc comparison.

This is what "the bare library doing the same work" means in the report.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, BinaryIO

from _common import FONTS, ROOT

HOUSE_STYLE = ROOT / "assets" / "styles" / "house-style.yaml"
SANS = {
    "regular": "LiberationSans-Regular",
    "bold": "LiberationSans-Bold",
    "italic": "LiberationSans-Italic",
    "bold_italic": "LiberationSans-BoldItalic",
}
SERIF = {
    "regular": "LiberationSerif-Regular",
    "bold": "LiberationSerif-Bold",
    "italic": "LiberationSerif-Italic",
    "bold_italic": "LiberationSerif-BoldItalic",
}

# --- Content: brief JSON -> blocks, through Jinja2 ------------------------------------------------

BLOCKS_TEMPLATE = """\
title\t{{ meta.title }}
subtitle\t{{ meta.occasion }} \u00b7 {{ meta.date }}
small\tFor: {{ meta.recipient }} \u00b7 From: {{ meta.drafter }}
h2\tPurpose
p\t{{ sections.purpose.text }}
h2\tKey messages
{% for p in pillars %}
h3\t{{ p.title }} [{{ p.ref }}]
{% for line in p.key_messages[:2] %}
li\t{{ line }}
{% endfor %}
{% endfor %}
h2\tKey figures
th\tFigure\tValue\tUnit\tAs of\tSrc
{% for f in figures %}
tr\t{{ f.label }}\t{{ f.display }}\t{{ f.unit }}\t{{ f.as_of or f.period or "" }}\t[{{ f.ref }}]
{% endfor %}
h2\tLines to take
{% for q in quotations %}
{% if q.kind == "direct" %}
quote\t\u201c{{ q.text }}\u201d [{{ q.ref }}]\t\u2014 {{ q.speaker_title }} {{ q.speaker }}, {{ q.occasion }}
{% else %}
quote\t{{ q.speaker_title }} {{ q.speaker }} {{ q.verb }} {{ q.text }}. [{{ q.ref }}]\t
{% endif %}
{% endfor %}
h2\tBackground
p\t{{ sections.background.text }}
note\tRecommendation\t{{ sections.recommendation.text }}
h2\tSources
{% for s in items %}
source\t[{{ s.ref }}]\t{{ s.title }} \u2014 para. {{ s.source.paragraph }}
{% endfor %}
"""


@dataclass
class Content:
    """A brief reduced to what a bare writer needs: page furniture values and a list of blocks."""

    title: str
    date: str
    reference: str
    marking: str
    blocks: list[tuple[Any, ...]] = field(default_factory=list)


@lru_cache(maxsize=1)
def _template():
    import jinja2

    return jinja2.Environment(trim_blocks=True, lstrip_blocks=True, autoescape=False).from_string(BLOCKS_TEMPLATE)


def _items(data: dict) -> list[dict]:
    """The brief's snapshots, numbered as sources in order."""
    items = []
    for number, entry in enumerate(data.get("items", []), 1):
        snap = dict(entry["snapshot"], ref=number)
        snap.setdefault("title", snap.get("label") or snap.get("name") or snap.get("speaker", ""))
        items.append(snap)
    return items


def _parse_blocks(text: str) -> list[tuple[Any, ...]]:
    """Tab-separated lines into blocks; consecutive list items and table rows are grouped."""
    blocks: list[tuple[Any, ...]] = []
    for line in text.splitlines():
        kind, *fields = line.split("\t")
        if kind == "li":
            if blocks and blocks[-1][0] == "bullets":
                blocks[-1][1].append(fields[0])
            else:
                blocks.append(("bullets", [fields[0]]))
        elif kind == "th":
            blocks.append(("table", fields, []))
        elif kind == "tr":
            blocks[-1][2].append(fields)
        elif kind:
            blocks.append((kind, *fields))
    return blocks


def content_from_brief(data: dict) -> Content:
    """The blocks of a brief (its parsed JSON), as the meeting-brief template lays them out."""
    items = _items(data)
    by_kind = {kind: [i for i in items if i["item_kind"] == kind] for kind in ("pillar", "figure", "quotation")}
    text = _template().render(
        meta=data["meta"], sections=data["sections"], items=items,
        pillars=by_kind["pillar"], figures=by_kind["figure"], quotations=by_kind["quotation"],
    )  # fmt: skip
    meta = data["meta"]
    return Content(meta["title"], meta["date"], meta["reference"], meta.get("marking") or "UNCLASSIFIED", _parse_blocks(text))


def read_brief(path: Path) -> dict:
    """A brief file as plain JSON."""
    return json.loads(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def house_style() -> dict:
    """The house style YAML as plain data (read once per process, as Briefing does)."""
    import yaml

    return yaml.safe_load(HOUSE_STYLE.read_text(encoding="utf-8"))


# --- PDF with reportlab platypus ------------------------------------------------------------------


@lru_cache(maxsize=1)
def _register_fonts() -> None:
    """Register the Liberation Sans and Serif faces (TrueType, embedded) once per process."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for faces in (SANS, SERIF):
        for name in faces.values():
            pdfmetrics.registerFont(TTFont(name, str(FONTS / f"{name}.ttf")))
        pdfmetrics.registerFontFamily(
            faces["regular"], normal=faces["regular"], bold=faces["bold"], italic=faces["italic"], boldItalic=faces["bold_italic"]
        )


@lru_cache(maxsize=1)
def _pdf_styles() -> dict:
    """Paragraph styles from the house style's text sizes, leading, spacing and colours."""
    from reportlab.lib.colors import HexColor
    from reportlab.lib.styles import ParagraphStyle

    _register_fonts()
    house = house_style()
    styles = {}
    for name, spec in house["text"].items():
        faces = SANS if spec["font"] == "sans" else SERIF
        face = faces[
            "bold_italic"
            if spec.get("bold") and spec.get("italic")
            else "bold"
            if spec.get("bold")
            else "italic"
            if spec.get("italic")
            else "regular"
        ]
        colour = house["colours"].get(spec.get("colour", "text"), "#000000")
        styles[name] = ParagraphStyle(name, fontName=face, fontSize=spec["size"], leading=spec.get("leading") or spec["size"] * 1.2,
                                      spaceBefore=spec.get("space_before", 0), spaceAfter=spec.get("space_after", 0), textColor=HexColor(colour), bulletFontName=face,
                                      keepWithNext=int(name.startswith("heading")))  # fmt: skip
    styles["source"] = ParagraphStyle("source", parent=styles["small"], leftIndent=styles["small"].fontSize * 2.8)
    return styles


def _numbered_canvas(content: Content):
    """A canvas class that holds pages so each can show "Page X of Y", the banner, header and footer."""
    from reportlab.lib.colors import HexColor
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    house = house_style()
    margins = house["page"]["margins_mm"]
    rule = HexColor(house["colours"]["rule"])

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._saved: list[dict] = []

        def showPage(self):
            self._saved.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._saved)
            for number, state in enumerate(self._saved, 1):
                self.__dict__.update(state)
                self._furniture(number, total)
                Canvas.showPage(self)
            Canvas.save(self)

        def _furniture(self, page: int, pages: int) -> None:
            width, height = self._pagesize
            left, right = margins["left"] * mm, width - margins["right"] * mm
            top, bottom = height - house["page"]["header_mm"] * mm, house["page"]["footer_mm"] * mm
            self.saveState()
            self.setFont(SANS["bold"], 9)
            for y in (top, bottom):
                self.drawCentredString(width / 2, y, content.marking)
            self.setFont(SANS["regular"], 8)
            self.drawString(left, top - 11, content.reference)
            self.drawRightString(right, top - 11, content.date)
            self.drawString(left, bottom + 11, content.title)
            self.drawRightString(right, bottom + 11, f"Page {page} of {pages}")
            self.setStrokeColor(rule)
            self.setLineWidth(0.5)
            self.line(left, top - 15.5, right, top - 15.5)
            self.line(left, bottom + 21, right, bottom + 21)
            self.restoreState()

    return NumberedCanvas


def _pdf_table(rows: list, widths: list[float], commands: list[tuple], **kwargs):
    from reportlab.platypus import Table, TableStyle

    table = Table(rows, colWidths=widths, **kwargs)
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), SANS["regular"], 10), *commands]))  # no unembedded Helvetica
    return table


def _pdf_story(content: Content, width: float) -> list:
    """The blocks as platypus flowables: paragraphs, bullet lists, tables, boxed quotations and notes."""
    from xml.sax.saxutils import escape

    from reportlab.lib.colors import HexColor
    from reportlab.platypus import ListFlowable, ListItem, Paragraph

    styles = _pdf_styles()
    colours = house_style()["colours"]
    roles = {"title": "title", "subtitle": "subtitle", "small": "small", "p": "body", "h2": "heading2", "h3": "heading3"}
    story: list = []
    for kind, *fields in content.blocks:
        if kind in roles:
            story.append(Paragraph(escape(fields[0]), styles[roles[kind]]))
        elif kind == "bullets":
            items = [ListItem(Paragraph(escape(text), styles["list"])) for text in fields[0]]
            story.append(ListFlowable(items, bulletType="bullet", leftIndent=16, bulletFontName=SANS["regular"]))
        elif kind == "table":
            header, rows = fields
            cells = [[Paragraph(escape(t), styles["table_header"]) for t in header]]
            cells += [[Paragraph(escape(t), styles["table"]) for t in row] for row in rows]
            story.append(_pdf_table(cells, [width * s for s in (0.40, 0.20, 0.16, 0.14, 0.10)], [
                ("BACKGROUND", (0, 0), (-1, 0), HexColor(colours["table_header_fill"])),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [None, HexColor(colours["table_stripe_fill"])]),
                ("LINEBELOW", (0, 1), (-1, -1), 0.5, HexColor(colours["rule"])), ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ], repeatRows=1, spaceAfter=8))  # fmt: skip
        elif kind == "quote":
            cells = [Paragraph(escape(fields[0]), styles["quote"])]
            if fields[1]:
                cells.append(Paragraph(escape(fields[1]), styles["attribution"]))
            story.append(
                _pdf_table(
                    [[cells]],
                    [width],
                    [("LINEBEFORE", (0, 0), (0, -1), 2, HexColor(colours["accent"])), ("LEFTPADDING", (0, 0), (-1, -1), 10)],
                )
            )
        elif kind == "note":
            cells = [Paragraph(f"<b>{escape(fields[0])}</b>", styles["note"]), Paragraph(escape(fields[1]), styles["note"])]
            story.append(
                _pdf_table(
                    [[cells]],
                    [width],
                    [("BACKGROUND", (0, 0), (-1, -1), HexColor(colours["recommendation_fill"]))],
                    spaceBefore=5,
                    spaceAfter=8,
                )
            )
        elif kind == "source":
            story.append(Paragraph(escape(fields[1]), styles["source"], bulletText=fields[0]))
    return story


def write_pdf(content: Content, stream: BinaryIO) -> None:
    """The content as a PDF with embedded TrueType fonts and page furniture on every page."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    margins = house_style()["page"]["margins_mm"]
    doc = SimpleDocTemplate(stream, pagesize=A4, leftMargin=margins["left"] * mm, rightMargin=margins["right"] * mm,
                            topMargin=margins["top"] * mm, bottomMargin=margins["bottom"] * mm, title=content.title,
                            initialFontName=SANS["regular"], initialFontSize=10)  # fmt: skip
    doc.build(_pdf_story(content, doc.width), canvasmaker=_numbered_canvas(content))


# --- Word with python-docx ---------------------------------------------------------------------------


def _docx_field(paragraph, instruction: str) -> None:
    """A PAGE or NUMPAGES field."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for kind, text in (("begin", None), (None, instruction), ("separate", None), (None, "1"), ("end", None)):
        run = paragraph.add_run()
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
            run._r.append(element)
        elif text == instruction:
            element = OxmlElement("w:instrText")
            element.text = f" {instruction} "
            run._r.append(element)
        else:
            run.text = text


def _docx_furniture(word, content: Content) -> None:
    """Marking banner, reference and date on top; title, page X of Y and banner below."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    section = word.sections[0]
    header, footer = section.header.paragraphs[0], section.footer.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    header.add_run(content.marking).bold = True
    section.header.add_paragraph(f"{content.reference}\t\t{content.date}")
    line = section.footer.add_paragraph(f"{content.title}\t\tPage ")
    _docx_field(line, "PAGE")
    line.add_run(" of ")
    _docx_field(line, "NUMPAGES")
    footer.add_run(content.marking).bold = True


def _docx_shade(cell, fill: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shading = OxmlElement("w:shd")
    for key, value in (("val", "clear"), ("color", "auto"), ("fill", fill.lstrip("#"))):
        shading.set(qn(f"w:{key}"), value)
    cell._tc.get_or_add_tcPr().append(shading)


def write_docx(content: Content, stream: BinaryIO) -> None:
    """The content as a .docx on python-docx's default template."""
    import docx
    from docx.shared import Mm, Pt

    house = house_style()
    word = docx.Document()
    normal = word.styles["Normal"]
    normal.font.name, normal.font.size = "Arial", Pt(house["text"]["body"]["size"])
    section = word.sections[0]
    margins = house["page"]["margins_mm"]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin, section.top_margin, section.bottom_margin = (
        Mm(margins[k]) for k in ("left", "right", "top", "bottom")
    )
    _docx_furniture(word, content)
    names = {"title": "Title", "subtitle": "Subtitle", "small": "Caption", "p": "Normal", "h2": "Heading 2", "h3": "Heading 3",
             "li": "List Bullet", "quote": "Quote"}  # fmt: skip
    ids = {kind: word.styles[name].style_id for kind, name in names.items()}  # looked up once: python-docx's lookup by name is slow

    def para(text: str, kind: str, container=word):
        paragraph = container.add_paragraph(text)
        paragraph._p.style = ids[kind]
        return paragraph

    for kind, *fields in content.blocks:
        if kind in ("title", "subtitle", "small", "p", "h2", "h3"):
            para(fields[0], kind)
        elif kind == "bullets":
            for text in fields[0]:
                para(text, "li")
        elif kind == "table":
            header, rows = fields
            table = word.add_table(rows=1 + len(rows), cols=len(header), style="Light List Accent 1")
            for row, texts in zip(table.rows, [header, *rows], strict=False):
                for cell, text in zip(row.cells, texts, strict=False):
                    cell.paragraphs[0].add_run(text)
        elif kind == "quote":
            para(fields[0], "quote")
            if fields[1]:
                para(fields[1], "small")
        elif kind == "note":
            cell = word.add_table(rows=1, cols=1).cell(0, 0)
            _docx_shade(cell, house["colours"]["recommendation_fill"])
            cell.paragraphs[0].add_run(fields[0]).bold = True
            cell.add_paragraph(fields[1])
        elif kind == "source":
            para(f"{fields[0]} {fields[1]}", "small")
    word.core_properties.title = content.title
    word.save(stream)


# --- Markdown, for pandoc -------------------------------------------------------------------------


def to_markdown(content: Content) -> str:
    """The same blocks as Markdown (what an officer would write by hand for pandoc)."""
    out = [f'---\ntitle: "{content.title}"\ndate: "{content.date}"\n---\n', f"**{content.marking}**\n"]
    heads = {"h2": "## ", "h3": "### "}
    for kind, *fields in content.blocks:
        if kind in heads:
            out.append(heads[kind] + fields[0] + "\n")
        elif kind in ("p", "subtitle", "small"):
            out.append(fields[0] + "\n")
        elif kind == "bullets":
            out.append("\n".join(f"- {t}" for t in fields[0]) + "\n")
        elif kind == "table":
            header, rows = fields
            lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)] + ["| " + " | ".join(r) + " |" for r in rows]
            out.append("\n".join(lines) + "\n")
        elif kind == "quote":
            out.append("> " + fields[0] + ("\n>\n> " + fields[1] if fields[1] else "") + "\n")
        elif kind == "note":
            out.append(f"> **{fields[0]}**\n>\n> {fields[1]}\n")
        elif kind == "source":
            out.append(f"{fields[0]} {fields[1]}\n")
    return "\n".join(out)


def bare_bytes(content: Content, fmt: str) -> bytes:
    """The content as ``pdf`` or ``docx`` bytes."""
    buffer = io.BytesIO()
    (write_pdf if fmt == "pdf" else write_docx)(content, buffer)
    return buffer.getvalue()
