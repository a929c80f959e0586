"""Writers as visitors over the closed model, and PDF and Word treating odd documents the same way."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import docx
import pdfplumber
import pytest

from briefing.document.model import (
    BLOCK_TYPES,
    Contents,
    Document,
    FigureRow,
    FiguresTable,
    Heading,
    ListBlock,
    Metadata,
    Note,
    Paragraph,
    Run,
    SourceEntry,
    SourcesList,
)
from briefing.errors import BriefingError, RenderError, StyleError
from briefing.export import render_bytes
from briefing.style import load_house_style, load_markings
from briefing.writers import RenderOptions
from briefing.writers.docx.body import Body
from briefing.writers.pdf.story import StoryBuilder
from briefing.writers.visitor import NodeVisitor, visit_name

STYLE = load_house_style()
OPTIONS = RenderOptions(style=STYLE, invariant=True)
META = Metadata(title="Odd cases", reference="REF/1", date="1 May 2026", marking="OFFICIAL", marking_colour="#1b1f24")


def runs(text: str) -> tuple[Run, ...]:
    return (Run(text),)


# --- Visitors ------------------------------------------------------------------------------------


def test_a_writer_missing_a_node_type_is_refused_when_its_class_is_defined():
    with pytest.raises(TypeError) as caught:

        class HeadingsOnly(NodeVisitor):
            format = "test"

            def visit_heading(self, block):
                return "heading"

            def visit_paragraph(self, block):
                return "paragraph"

    message = str(caught.value)
    assert "HeadingsOnly does not handle every document node type" in message
    for name in ("visit_list_block", "visit_quotation", "visit_figures_table", "visit_note", "visit_page_break", "visit_contents",
                 "visit_sources_list"):  # fmt: skip
        assert name in message
    assert "visit_heading" not in message and "visit_paragraph" not in message


def test_a_complete_visitor_dispatches_by_node_type_and_refuses_an_unknown_node():
    methods = {visit_name(node): (lambda self, block, name=node.__name__: name) for node in BLOCK_TYPES}
    everything = type("Everything", (NodeVisitor,), {"format": "test", **methods})
    visitor = everything()
    assert visitor.visit(Heading(1, runs("x"))) == "Heading"
    assert visitor.visit(FiguresTable(rows=())) == "FiguresTable"
    with pytest.raises(RenderError, match="the test writer has no rule for document node str"):
        visitor.visit("not a node")


def test_visit_names_are_the_snake_case_of_the_node_class():
    assert [visit_name(node) for node in BLOCK_TYPES] == [
        "visit_heading", "visit_paragraph", "visit_list_block", "visit_quotation", "visit_figures_table",
        "visit_note", "visit_page_break", "visit_contents", "visit_sources_list",
    ]  # fmt: skip


@pytest.mark.parametrize("writer", [StoryBuilder, Body])
def test_both_writers_are_visitors_of_every_node_type(writer):
    assert issubclass(writer, NodeVisitor)
    assert set(writer._dispatch) == set(BLOCK_TYPES)


# --- The same odd documents through both writers ------------------------------------------------------


def outcome(document: Document, fmt: str) -> tuple[str, object]:
    """What a writer made of a document: ("error", message) or ("ok", warnings)."""
    try:
        _, result = render_bytes(document, fmt, OPTIONS)
    except BriefingError as error:
        return "error", str(error)
    return "ok", result.warnings


ODD = {
    "heading level 0": Document(META, (Paragraph(runs("before")), Heading(0, runs("Too high")))),
    "heading level 4": Document(META, (Contents(), Heading(1, runs("Fine")), Heading(4, runs("Too deep")))),
    "palette marking colour": Document(replace(META, marking_colour="accent"), (Paragraph(runs("x")),)),
    "unknown marking colour": Document(replace(META, marking_colour="tartan"), (Paragraph(runs("x")),)),
    "short hex marking colour": Document(replace(META, marking_colour="#abc"), (Paragraph(runs("x")),)),
    "removed characters": Document(
        replace(META, title="Title\x07", keywords=("k\x01",)),
        (
            Heading(1, runs("Head\x00ing")),
            Paragraph(runs("bell\x07 and nul\x00")),
            ListBlock(False, (runs("one"), runs("tw\x01o"))),
            FiguresTable(rows=(FigureRow("Debt\x02", "1", "bn", note="n\x03"),), caption="Cap\x04"),
            Note(runs("note\x05"), title="Ti\x06tle"),
            SourcesList((SourceEntry(1, "item\x08", "cite\x0e"),)),
        ),
    ),
}


@pytest.mark.parametrize("case", list(ODD))
def test_pdf_and_word_treat_odd_documents_the_same_way(case):
    pdf, word = outcome(ODD[case], "pdf"), outcome(ODD[case], "docx")
    assert pdf == word


def test_a_bad_heading_level_is_an_error_naming_the_heading():
    kind, message = outcome(ODD["heading level 4"], "docx")
    assert kind == "error"
    assert 'heading level 4 is not 1, 2 or 3, in heading "Too deep"' in message


@pytest.mark.parametrize("case", ["unknown marking colour", "short hex marking colour"])
def test_a_bad_marking_colour_is_an_error(case):
    kind, message = outcome(ODD[case], "pdf")
    assert kind == "error" and "is not a #rrggbb colour or a palette name" in message


def test_a_palette_name_for_the_marking_colours_the_banner_in_both_formats():
    document = ODD["palette marking colour"]
    accent = STYLE.colours["accent"]
    pdf_data, _ = render_bytes(document, "pdf", OPTIONS)
    with pdfplumber.open(io.BytesIO(pdf_data)) as pdf:
        banner = [char for char in pdf.pages[0].chars if char["text"] in "OFFICIAL" and char["top"] < 25]  # the top banner
    expected = tuple(round(int(accent[i : i + 2], 16) / 255, 2) for i in (1, 3, 5))
    assert banner and all(tuple(round(value, 2) for value in char["non_stroking_color"]) == expected for char in banner)
    word_data, _ = render_bytes(document, "docx", OPTIONS)
    header = docx.Document(io.BytesIO(word_data)).sections[0].header
    assert str(header.paragraphs[0].runs[0].font.color.rgb) == accent.lstrip("#").upper()


def test_removed_characters_warn_once_per_item_in_both_formats():
    kind, warnings = outcome(ODD["removed characters"], "pdf")
    assert kind == "ok"
    assert warnings == (
        "removed 2 control characters (U+0007, U+0001) from the document details",
        'removed 1 control character (U+0000) from heading "Heading"',
        'removed 2 control characters (U+0007, U+0000) from paragraph "bell and nul"',
        'removed 1 control character (U+0001) from list item "two"',
        'removed 1 control character (U+0004) from figures table "Cap"',
        'removed 2 control characters (U+0002, U+0003) from figures table row "Debt"',
        'removed 2 control characters (U+0006, U+0005) from note "note"',
        "removed 2 control characters (U+0008, U+000E) from source [1]",
    )


# --- The house style is checked once, when it loads --------------------------------------------------


def style_file(tmp_path: Path, *edits: tuple[str, str]) -> Path:
    text = (Path(__file__).parents[1] / "assets" / "styles" / "house-style.yaml").read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text
        text = text.replace(old, new)
    path = tmp_path / "house-style.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("edit", "problem"),
    [
        (('rule: "#9aa7b5"', 'rule: "#9aa7b"'), "colours: rule: '#9aa7b' is not a #rrggbb colour"),
        (('rule: "#9aa7b5"', 'rules: "#9aa7b5"'), "colours: has no 'rule'"),
        (("quote:    {font: serif", "quote:    {font: sarif"), "text: quote: unknown font family 'sarif'"),
        (("colour: muted}", "colour: mauve}"), "text: small: colour 'mauve' is neither a palette name nor #rrggbb"),
        (("regular: LiberationSerif-Regular.ttf", "regular: Missing.ttf"), "cannot read the font Missing.ttf: no such file"),
        (("  banner:   {font: sans", "  flag:   {font: sans"), "text: has no style 'banner'"),
    ],
)
def test_a_bad_house_style_is_refused_when_it_loads(tmp_path, edit, problem):
    with pytest.raises(StyleError) as caught:
        load_house_style(style_file(tmp_path, edit))
    assert problem in str(caught.value)


def test_house_style_colours_resolve_palette_names_and_hex_alike():
    assert STYLE.colour("accent") == STYLE.colours["accent"]
    assert STYLE.colour("#A1b2C3") == "#A1b2C3"
    with pytest.raises(StyleError, match="not a #rrggbb colour"):
        STYLE.colour("#12")
    with pytest.raises(StyleError, match="unknown colour 'mauve'"):
        STYLE.colour("mauve")


def test_a_marking_colour_that_is_neither_hex_nor_a_name_is_refused_when_the_markings_load(tmp_path):
    text = (Path(__file__).parents[1] / "assets" / "styles" / "markings.yaml").read_text(encoding="utf-8")
    path = tmp_path / "markings.yaml"
    path.write_text(text.replace('colour: "#2e7d32"', 'colour: "green!"'), encoding="utf-8")
    with pytest.raises(StyleError, match="'green!' of marking 'UNCLASSIFIED' is not #rrggbb or a palette name"):
        load_markings(path)
