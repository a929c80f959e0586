"""The PDF writer, checked on real PDFs with qpdf, pdffonts, pdftotext and pypdf."""

from __future__ import annotations

import io
import re
import statistics
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from conftest import require_tool
from pypdf import PdfReader

from briefing.document.model import (
    Contents,
    Document,
    FigureRow,
    FiguresTable,
    Heading,
    ListBlock,
    Metadata,
    Note,
    PageBreak,
    Paragraph,
    Quotation,
    Run,
    SourceEntry,
    SourcesList,
    block_text,
    quotation_sentence,
)
from briefing.errors import BriefingError, RenderError
from briefing.style import load_house_style
from briefing.writers import RenderOptions, WriteResult, formats
from briefing.writers.pdf import PdfWriter, render_pdf_bytes

STYLE = load_house_style()
OPTIONS = RenderOptions(style=STYLE, invariant=True)
MARKING = "OFFICIAL-SENSITIVE UK EYES ONLY"  # banner_text(): the marking, then the caveat
HOSTILE = ("<b>x</b>", "<img src=x>", '<a href="javascript:alert(1)">y</a>', "&amp;", "&lt;b&gt;", "<font color=red>")


def runs(text: str, **kwargs: bool) -> tuple[Run, ...]:
    return (Run(text, **kwargs),)


META = Metadata(
    title="Visit of the Chinese Foreign Minister",
    subject="Bilateral relations with China",
    author="Asia Directorate",
    keywords=("China", "trade", "climate"),
    language="en-GB",
    reference="ASD/2026/041",
    date="14 May 2026",
    recipient="Foreign Secretary",
    marking="OFFICIAL-SENSITIVE",
    marking_colour="#b00020",
    caveat="UK EYES ONLY",
)

REPORTED = Quotation(
    kind="reported",
    text="China would never seek hegemony",
    speaker="Xi Jinping",
    attribution="President Xi Jinping",
    verb="stated that",
    ref=2,
    note="Repeated in several speeches this year.",
)

BLOCKS = (
    Paragraph(runs("Visit of the Chinese Foreign Minister"), role="title"),
    Paragraph(runs("Briefing for the Foreign Secretary"), role="subtitle"),
    Contents(),
    Heading(1, runs("Summary")),
    Paragraph(
        (
            Run("The visit is the first since 2023. "),
            Run("Objectives", strong=True),
            Run(" are to "),
            Run("stabilise", emphasis=True),
            Run(" the relationship."),
        ),
        role="lead",
    ),
    ListBlock(False, (runs("Resume the economic dialogue."), runs("Raise detained UK nationals."))),
    Heading(2, runs("Key messages")),
    ListBlock(True, (runs("We want a stable relationship."), runs("Human rights remain core."))),
    Quotation(
        kind="direct",
        text="China is willing to work with the UK.",
        speaker="Wang Yi",
        attribution="Wang Yi, Foreign Minister",
        occasion="press conference",
        date="7 March 2026",
        ref=1,
    ),
    REPORTED,
    Heading(1, runs("Trade and investment")),
    Paragraph(runs("Bilateral trade grew modestly last year.")),
    FiguresTable(
        rows=(
            FigureRow("Total bilateral trade", "£113.2 billion", "GBP", "2025", 3),
            FigureRow("UK exports to China", "£38.1 billion", "GBP", "2025", 3, note="Goods and services combined"),
            FigureRow("Chinese students in the UK", "around 150,000", "people", "2024/25"),
        ),
        caption="Key figures",
    ),
    Note(runs("Do not confirm visit dates yet."), title="Handling", tone="warning"),
    Note(runs("Offer a joint statement on methane."), title="Recommendation", tone="recommendation"),
    Note(runs("Lines cleared on 12 May.")),
    Heading(3, runs("Background")),
    Paragraph(runs("Detailed background is at Annex A."), role="small"),
    PageBreak(),
    Heading(2, runs("Human rights")),
    Paragraph(runs("Raise Xinjiang, Tibet and Hong Kong.")),
    SourcesList(
        (
            SourceEntry(1, "Wang Yi quotation", "MFA transcript, 7 March 2026"),
            SourceEntry(2, "Xi Jinping statement", "Xinhua, 3 September 2025"),
            SourceEntry(3, "Trade figures", "ONS, 2026"),
        )
    ),
)

DOCUMENT = Document(META, BLOCKS)


@dataclass(frozen=True)
class Rendered:
    path: Path
    data: bytes
    result: WriteResult

    @property
    def reader(self) -> PdfReader:
        return PdfReader(io.BytesIO(self.data))


def render(document: Document, path: Path, options: RenderOptions = OPTIONS) -> Rendered:
    with path.open("wb") as stream:
        result = PdfWriter().write(document, stream, options)
    return Rendered(path, path.read_bytes(), result)


@pytest.fixture(scope="module")
def brief(tmp_path_factory) -> Rendered:
    return render(DOCUMENT, tmp_path_factory.mktemp("pdf") / "brief.pdf")


def normalise(text: str) -> str:
    return " ".join(text.split())


def pdftotext(path: Path, *args: str) -> str:
    tool = require_tool("pdftotext")
    return subprocess.run([tool, *args, str(path), "-"], capture_output=True, text=True, check=True).stdout


def positioned_lines(reader: PdfReader, page: int) -> list[tuple[str, float]]:
    """The text pieces drawn on a page, with the height above the page bottom where each sits."""
    pieces: list[tuple[str, float]] = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            pieces.append((text.strip(), tm[4] * cm[1] + tm[5] * cm[3] + cm[5]))

    reader.pages[page].extract_text(visitor_text=visit)
    return pieces


# --- Registry and file integrity ----------------------------------------------------------------


def test_writer_is_registered_as_pdf():
    assert "pdf" in formats()
    assert (PdfWriter.format, PdfWriter.suffix) == ("pdf", ".pdf")


def test_write_reports_pages_like_render_pdf_bytes(brief):
    data, result = render_pdf_bytes(DOCUMENT, OPTIONS)
    assert brief.result.pages == result.pages == len(brief.reader.pages) == 2
    assert brief.data == data  # the file is the render: PDF/A as reportlab writes it, with no second pass


def test_qpdf_check_passes(brief):
    qpdf = require_tool("qpdf")
    result = subprocess.run([qpdf, "--check", str(brief.path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors" in result.stdout


def test_every_font_is_embedded(brief):
    pdffonts = require_tool("pdffonts")
    output = subprocess.run([pdffonts, str(brief.path)], capture_output=True, text=True, check=True).stdout
    rows = output.splitlines()[2:]
    assert rows, output
    for row in rows:
        assert row.split()[-5] == "yes", f"not embedded: {row}"
    assert "Liberation" in output and "Helvetica" not in output


# --- Text ---------------------------------------------------------------------------------------


def test_all_block_text_is_in_the_pdf(brief):
    text = normalise(pdftotext(brief.path))
    for block in BLOCKS:
        if isinstance(block, SourcesList):
            lines = [block.title] + [part for entry in block.entries for part in (f"[{entry.number}]", entry.item, entry.citation)]
        else:
            lines = block_text(block)
        for line in lines:
            assert normalise(line) in text, f"{line!r} from {type(block).__name__} is missing"


def test_emphasis_and_strong_are_set_in_italic_and_bold(brief):
    pdffonts = require_tool("pdffonts")
    output = subprocess.run([pdffonts, str(brief.path)], capture_output=True, text=True, check=True).stdout
    for face in ("LiberationSans-Bold", "LiberationSans-Italic", "LiberationSerif-Italic", "LiberationSans "):
        assert face.strip() in output


def test_reported_speech_is_never_in_quotation_marks(brief):
    text = normalise(pdftotext(brief.path))
    sentence = normalise(quotation_sentence(REPORTED))
    assert sentence in text
    for match in re.finditer(re.escape(REPORTED.text), text):
        assert "\u201c" not in text[max(0, match.start() - 2) : match.start()]
    assert "\u201c" + sentence not in text and "\u201c" + REPORTED.text not in text


def test_direct_quotation_is_in_typographic_quotes_with_ref_and_attribution(brief):
    text = normalise(pdftotext(brief.path))
    assert "\u201cChina is willing to work with the UK.\u201d [1]" in text
    assert "\u2014 Wang Yi, Foreign Minister, press conference, 7 March 2026" in text


def test_figures_table_has_header_source_marks_and_dates(brief):
    text = normalise(pdftotext(brief.path, "-layout"))
    for header in ("Figure", "Value", "Unit", "As of", "Src"):
        assert header in text
    assert re.search(r"Total bilateral trade £113\.2 billion GBP 2025 \[3\]", text)


def test_figures_table_without_dates_drops_the_column(tmp_path):
    table = FiguresTable(rows=(FigureRow("Exports", "£1 billion", "GBP", "2025", 1),), show_dates=False)
    text = normalise(pdftotext(render(Document(META, (table,)), tmp_path / "t.pdf").path, "-layout"))
    assert "As of" not in text and "2025" not in text
    assert "Exports £1 billion GBP [1]" in text


def test_contents_lists_headings_with_their_pages(brief):
    text = pdftotext(brief.path, "-layout")
    contents = text[text.index("Contents") : text.index("The visit is")]
    assert re.search(r"Summary\s+1\n", contents)
    assert re.search(r"Key messages\s+1\n", contents)
    assert re.search(r"Trade and investment\s+1\n", contents)
    assert re.search(r"Human rights\s+2\n", contents)
    assert "Background" not in contents  # level 3 is not listed


# --- Page furniture -----------------------------------------------------------------------------


def test_marking_is_at_the_top_and_bottom_of_every_page(brief):
    reader = brief.reader
    for number, page in enumerate(reader.pages):
        height = float(page.mediabox.height)
        ys = [y for text, y in positioned_lines(reader, number) if text == MARKING]
        assert len(ys) == 2, f"page {number + 1}: {ys}"
        assert max(ys) > height - 20 * 72 / 25.4, "no marking in the top 20 mm"
        assert min(ys) < 20 * 72 / 25.4, "no marking in the bottom 20 mm"


def test_header_and_footer_slots_show_reference_date_title_and_page_x_of_y(brief):
    reader = brief.reader
    pages = len(reader.pages)
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        assert f"Page {number} of {pages}" in text
        assert META.reference in text and META.date in text and META.title in text


def test_long_footer_title_is_cut_short_not_overlapping(tmp_path):
    meta = replace(META, title="A very long title that goes on " * 8)
    text = normalise(pdftotext(render(Document(meta, ()), tmp_path / "long.pdf").path))
    assert "\u2026" in text and "Page 1 of 1" in text


def test_empty_document_is_one_page_with_its_markings(tmp_path):
    rendered = render(Document(META, ()), tmp_path / "empty.pdf")
    assert rendered.result.pages == 1
    assert rendered.reader.pages[0].extract_text().count(MARKING) == 2


def test_marking_too_long_for_a_line_is_an_error():
    with pytest.raises(RenderError, match="too long"):
        render_pdf_bytes(Document(replace(META, caveat="CAVEAT " * 40), ()), OPTIONS)


def test_page_size_and_margins_come_from_the_house_style(tmp_path):
    letter = STYLE.model_copy(update={"page": STYLE.page.model_copy(update={"size": "Letter"})})
    reader = render(DOCUMENT, tmp_path / "letter.pdf", RenderOptions(style=letter, invariant=True)).reader
    assert [round(float(v)) for v in reader.pages[0].mediabox[2:]] == [612, 792]


# --- Metadata and navigation -----------------------------------------------------------------


def test_pdf_metadata_and_language(brief):
    reader = brief.reader
    info = reader.metadata
    assert info.title == META.title
    assert info.author == META.author
    assert info.subject == META.subject
    assert info["/Keywords"] == "China, trade, climate"
    assert info.creator == "Briefing"
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"


def test_outline_has_level_1_and_2_headings_pointing_at_their_pages(brief):
    reader = brief.reader
    outline = reader.outline
    top = [item for item in outline if not isinstance(item, list)]
    children = [child for item in outline if isinstance(item, list) for child in item]
    assert [item.title for item in top] == ["Summary", "Trade and investment"]
    assert [item.title for item in children] == ["Key messages", "Human rights"]
    assert [reader.get_destination_page_number(item) for item in top + children] == [0, 0, 0, 1]
    assert reader.trailer["/Root"]["/PageMode"] == "/UseOutlines"


def test_no_outline_with_fewer_than_two_headings(tmp_path):
    reader = render(Document(META, (Heading(1, runs("Only")), Paragraph(runs("x")))), tmp_path / "one.pdf").reader
    assert reader.outline == []


def test_outline_survives_a_level_2_heading_first(tmp_path):
    blocks = (Heading(2, runs("Second")), Heading(1, runs("First")), Heading(2, runs("Again")))
    outline = render(Document(META, blocks), tmp_path / "levels.pdf").reader.outline
    assert [item.title for item in outline[:2]] == ["Second", "First"]
    assert [item.title for item in outline[2]] == ["Again"]


# --- Errors -------------------------------------------------------------------------------------


def test_unknown_node_is_a_loud_error():
    @dataclass(frozen=True)
    class Chart:
        title: str

    with pytest.raises(RenderError, match="no rule for document node Chart") as caught:
        render_pdf_bytes(Document(META, (Paragraph(runs("x")), Chart("c"))), OPTIONS)
    assert isinstance(caught.value, BriefingError)


def test_bad_heading_level_is_an_error():
    with pytest.raises(RenderError, match="heading level 5"):
        render_pdf_bytes(Document(META, (Heading(5, runs("Deep")),)), OPTIONS)


@pytest.mark.parametrize(
    ("document", "where"),
    [
        (Document(META, (replace(REPORTED, text="I am \U0001fae0 melting \U0001fae0"),)), "quotation by Xi Jinping"),
        (Document(META, (Heading(1, runs("Melt \U0001fae0 please")),)), 'heading "Melt'),
        (Document(META, (FiguresTable(rows=(FigureRow("Mood", "\U0001fae0", "face"),)),)), 'figures table row "Mood"'),
        (Document(replace(META, title="Melting \U0001fae0"), ()), "the document details"),
    ],
)
def test_a_character_no_font_has_is_a_box_with_one_warning_naming_where_it_is(document, where):
    """No bundled face has U+1FAE0 (Unicode 14; Symbola stops at 9): the PDF draws a box and warns once."""
    data, result = render_pdf_bytes(document, OPTIONS)
    assert data.startswith(b"%PDF")
    missing = [warning for warning in result.warnings if "U+1FAE0 MELTING FACE" in warning]
    assert len(missing) == 1, result.warnings
    assert where in missing[0]
    assert "drawn as a box" in missing[0]


def test_layout_error_names_the_block(monkeypatch):
    from reportlab.platypus.doctemplate import LayoutError

    def too_big(self, *args, **kwargs):
        raise LayoutError("too large")

    monkeypatch.setattr("reportlab.platypus.tables.Table.wrap", too_big)
    with pytest.raises(RenderError, match='figures table "Key figures" does not fit'):
        render_pdf_bytes(Document(META, (BLOCKS[12],)), OPTIONS)


# --- Hostile content ----------------------------------------------------------------------------


def hostile_document() -> Document:
    meta = replace(META, title="<b>T</b> & <img src=x>", reference="\x00ref\x1b", caveat="&amp;")
    blocks = (
        Heading(1, runs(HOSTILE[2])),
        Paragraph(tuple(Run(text + " ", strong=index % 2 == 0) for index, text in enumerate(HOSTILE))),
        Paragraph(runs("tab\there line\nbreak vertical\x0btab nul\x00l esc\x1b[31m nel\x85end")),
        Quotation(kind="reported", text="<script>alert(1)</script>", speaker="<s>", attribution="<s>"),
        Quotation(kind="direct", text="&nbsp;", speaker="x", attribution="x <i>"),
        FiguresTable(rows=(FigureRow("<b>label</b>", "&amp;", "<u>", note="</para>"),), caption="<caption>"),
        Note(runs("]]> <!-- -->"), title="<title>"),
        SourcesList((SourceEntry(1, "<b>item</b>", "https://example.org/?a=1&b=2"),)),
    )
    return Document(meta, blocks)


def test_hostile_text_renders_literally(tmp_path):
    rendered = render(hostile_document(), tmp_path / "hostile.pdf")
    text = normalise(pdftotext(rendered.path))
    for literal in (*HOSTILE, "<b>T</b> & <img src=x>", "<script>alert(1)</script>", "\u201c&nbsp;\u201d", "<b>label</b>",
                    "<u>", "</para>", "<caption>", "]]> <!-- -->", "<title>", "https://example.org/?a=1&b=2", "&amp;"):  # fmt: skip
        assert literal in text, literal


def test_control_characters_become_spaces_or_vanish(tmp_path):
    text = normalise(pdftotext(render(hostile_document(), tmp_path / "controls.pdf").path))
    assert "tab here line break vertical tab null esc[31m nel end" in text
    assert "ref" in text


def test_hostile_text_makes_no_links_scripts_or_actions(tmp_path):
    data = render(hostile_document(), tmp_path / "actions.pdf").data
    qpdf = require_tool("qpdf")
    expanded = subprocess.run([qpdf, "--qdf", "--object-streams=disable", str(tmp_path / "actions.pdf"), "-"],
                              capture_output=True, check=True).stdout  # fmt: skip
    for name in (b"URI", b"JavaScript", b"JS", b"Launch", b"OpenAction", b"AA", b"SubmitForm", b"GoToR"):
        pattern = re.compile(rb"/" + name + rb"(?=[\s/<>\[\]()])")  # the PDF name itself, not a longer one
        assert not pattern.search(data) and not pattern.search(expanded), name


def test_very_long_paragraph_and_table_cell_render_or_fail_clearly(tmp_path):
    long_word = "x" * 5000
    blocks = (
        Heading(1, runs("word " * 1000)),
        Paragraph(runs(("lorem ipsum " * 500)[:5000])),
        Paragraph(runs(long_word)),
        FiguresTable(rows=(FigureRow("a" * 20000, "1", "u"), FigureRow("words " * 4000, "2", "u", note="n " * 2000))),
        Quotation(kind="direct", text="q " * 3000, speaker="S", attribution="S"),
        Note(runs("n " * 4000)),
    )
    try:
        rendered = render(Document(META, blocks), tmp_path / "long.pdf")
    except RenderError as error:
        assert "does not fit" in str(error)
    else:
        assert rendered.result.pages > 5
        assert "a" * 30 in pdftotext(rendered.path)  # long words are broken to fit their column


# --- Determinism and speed ----------------------------------------------------------------------


def test_two_invariant_builds_are_byte_identical():
    first, _ = render_pdf_bytes(DOCUMENT, OPTIONS)
    second, _ = render_pdf_bytes(DOCUMENT, OPTIONS)
    assert first == second
    assert b"D:20000101000000" in first


def test_concurrent_renders_do_not_mix(tmp_path):
    hostile = hostile_document()
    expected = {id(DOCUMENT): render_pdf_bytes(DOCUMENT, OPTIONS)[0], id(hostile): render_pdf_bytes(hostile, OPTIONS)[0]}
    documents = [DOCUMENT, hostile] * 4
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda document: render_pdf_bytes(document, OPTIONS)[0], documents))
    assert all(result == expected[id(document)] for document, result in zip(documents, results, strict=False))


def test_a_two_page_brief_renders_quickly():
    render_pdf_bytes(DOCUMENT, OPTIONS)  # warm: fonts and styles are cached
    timings = []
    for _ in range(5):
        start = time.perf_counter()
        render_pdf_bytes(DOCUMENT, OPTIONS)
        timings.append(time.perf_counter() - start)
    assert statistics.median(timings) < 0.25, timings  # typically ~30 ms; generous for loaded CI machines


def test_emphasis_keeps_its_face_when_two_families_share_a_font_file():
    """Faces are read on first use, and registering one resets reportlab's mapping for its name: every family is mapped again."""
    from reportlab.platypus import Paragraph

    from briefing.writers.pdf.kit import kit_for

    house = load_house_style()
    fonts = dict(house.fonts)
    fonts["display"] = fonts["sans"].model_copy(
        update={
            "regular": "LiberationSans-Bold.ttf",
            "bold": "LiberationSerif-Bold.ttf",
            "italic": "LiberationSerif-Italic.ttf",
            "bold_italic": "LiberationSerif-BoldItalic.ttf",
        }
    )
    text = dict(house.text)
    lead = text.pop("lead").model_copy(update={"font": "display", "bold": True, "italic": False})
    quote = text.pop("quote").model_copy(update={"font": "display", "bold": True, "italic": True})
    kit = kit_for(house.model_copy(update={"fonts": fonts, "text": {"lead": lead, "quote": quote, **text}}))
    kit.face("lead", italic=True)
    kit.face("title", italic=True)  # reads a sans face after display's: must not undo display's mapping
    fragments = Paragraph("<i>x</i>", kit.style("lead")).frags
    assert fragments[0].fontName == "LiberationSerif-BoldItalic"
