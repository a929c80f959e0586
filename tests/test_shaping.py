"""The shaping engine and its paragraph flowable on their own: fallback faces, bidi order, text layer, line breaks."""
# ruff: noqa: RUF001, RUF003  (Urdu and Arabic text is the point here)

from __future__ import annotations

import subprocess
import unicodedata
from pathlib import Path

import pdfplumber
import pytest
from bidi import get_display
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import SimpleDocTemplate

from briefing.paths import asset
from briefing.pdfa import check_pdfa
from briefing.writers.coverage import Fallback, base_level, text_language
from briefing.writers.pdf.archival import declare_pdfa
from briefing.writers.pdf.shaped_paragraph import ShapedParagraph, break_lines, visual_order
from briefing.writers.pdf.shaping import Span, bidi_levels, shape
from tests.conftest import require_tool

FONTS = asset("fonts")
REGULAR = FONTS / "LiberationSans-Regular.ttf"
BOLD = FONTS / "LiberationSans-Bold.ttf"
FALLBACKS = (
    Fallback("Noto Nastaliq Urdu", FONTS / "NotoNastaliqUrdu-Regular.ttf", FONTS / "NotoNastaliqUrdu-Bold.ttf", ("ur",)),
    Fallback("Noto Naskh Arabic", FONTS / "NotoNaskhArabic-Regular.ttf", FONTS / "NotoNaskhArabic-Bold.ttf"),
    Fallback("Noto Sans Devanagari", FONTS / "NotoSansDevanagari-Regular.ttf", FONTS / "NotoSansDevanagari-Bold.ttf"),
    Fallback("Droid Sans Fallback", FONTS / "DroidSansFallback.ttf"),
    Fallback("Symbola", FONTS / "Symbola.ttf"),
)
CHINESE = "王毅"
HINDI = "वसुधैव कुटुम्बकम्"
URDU = (
    "پاکستان اور چین کے درمیان اقتصادی راہداری (CPEC) ایک اہم منصوبہ ہے جو دونوں ممالک کے عوام کے لیے ترقی اور"
    " خوشحالی لائے گا۔ اس منصوبے کے تحت سڑکیں، ریلوے اور توانائی کے منصوبے تعمیر کیے جا رہے ہیں، اور 2025 تک"
    " مزید 15 منصوبے مکمل ہوں گے۔"
)
ARABIC = "«إن التعاون بين بلدينا يخدم السلام والتنمية في المنطقة»"
STYLE = ParagraphStyle("body", fontSize=10, leading=13.5, spaceAfter=5)
STYLE_WIDTH = 439.275590551  # A4 minus SimpleDocTemplate's one-inch margins and its frame's 6 pt padding


def _faces(text: str) -> set[str]:
    return {piece.face.name for piece in shape([Span(text, REGULAR)], 10, FALLBACKS).pieces}


def test_each_script_falls_back_to_its_face():
    assert _faces("Wang Yi " + CHINESE) == {"LiberationSans-Regular", "DroidSansFallback"}
    assert _faces(HINDI) == {"NotoSansDevanagari-Regular"}
    assert _faces(ARABIC) == {"NotoNaskhArabic-Regular"}
    assert "NotoNastaliqUrdu-Regular" in _faces(URDU)  # Urdu letters (ے, ہ, ٹ) choose the Urdu face
    assert _faces("\U0001f600") == {"Symbola"}


def test_bold_text_takes_the_fallbacks_bold():
    pieces = shape([Span(ARABIC, BOLD, bold=True)], 10, FALLBACKS).pieces
    assert {piece.face.name for piece in pieces} == {"NotoNaskhArabic-Bold"}


def test_a_character_no_face_has_is_a_box_and_reported():
    shaped = shape([Span("a \U0001fae8 b", REGULAR)], 10, FALLBACKS)
    assert shaped.missing == ["\U0001fae8"]
    symbola = next(piece for piece in shaped.pieces if piece.face.name == "Symbola")
    assert all(glyph.advance > 0 for glyph in symbola.glyphs)  # the white square, never the .notdef glyph


def test_direction_comes_from_the_language_or_the_first_strong_character():
    assert base_level("CPEC پاکستان", "en-GB") == 0
    assert base_level("پاکستان CPEC", "en-GB") == 1
    assert base_level("2025 CPEC", "ur-PK") == 1
    assert text_language("پاکستان کے", "en-GB") == "ur"
    assert text_language("السلام", "en-GB") == "en-GB"


def test_numbers_in_right_to_left_text_keep_their_order():
    text = "اور 2025 تک"
    levels = bidi_levels(text, 1)
    assert levels[4:8] == [2, 2, 2, 2]
    assert levels[0] == 1


def test_visual_order_reverses_right_to_left_runs():
    class P:
        def __init__(self, level):
            self.level = level

    pieces = [(P(1), 0, 1), (P(2), 1, 2), (P(1), 2, 3)]
    assert [piece.level for piece, _, _ in visual_order(pieces)] == [1, 2, 1]
    assert [start for _, start, _ in visual_order(pieces)] == [2, 1, 0]


def test_lines_break_on_shaped_widths_and_never_overflow():
    shaped = shape([Span(URDU, REGULAR)], 10, FALLBACKS, "ur")
    lines = break_lines(shaped, 300)
    assert len(lines) >= 3
    assert all(shaped.width(start, end) <= 300 for start, end in lines)
    assert "".join(shaped.text[start:end] for start, end in lines).replace(" ", "") == URDU.replace(" ", "")


def test_chinese_breaks_between_ideographs():
    shaped = shape([Span("中华人民共和国外交部" * 4, REGULAR)], 10, FALLBACKS)
    assert len(break_lines(shaped, 100)) > 1


class _ArchivalCanvas(Canvas):
    """reportlab's canvas, writing PDF/A-2b as Briefing's PDF writer does."""

    def save(self) -> None:
        declare_pdfa(self._doc)
        super().save()


def _build(path: Path, paragraphs: list[list[Span]], language: str = "en-GB") -> None:
    story = [ShapedParagraph(shape(spans, 10, FALLBACKS, language), STYLE) for spans in paragraphs]
    SimpleDocTemplate(str(path), initialFontName="LiberationSans-Regular", lang=language).build(story, canvasmaker=_ArchivalCanvas)


@pytest.fixture(scope="module")
def mixed_pdf(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("shaping") / "mixed.pdf"
    _build(
        path,
        [
            [Span(f"Meeting with {CHINESE} (Wang Yi), Minister of Foreign Affairs.", REGULAR)],
            [Span(URDU, REGULAR)],
            [Span("قال الوزير: ", REGULAR), Span(ARABIC, BOLD, bold=True)],
            [Span(f"The Hindi phrase {HINDI} means the world is one family. \U0001f30d", REGULAR)],
        ],
    )
    return path


def test_every_font_is_embedded(mixed_pdf):
    listing = subprocess.run([require_tool("pdffonts"), str(mixed_pdf)], capture_output=True, text=True, check=True).stdout
    rows = listing.splitlines()[2:]
    assert len(rows) >= 6
    assert all(row.split()[-5] == "yes" for row in rows), listing  # the emb column


def test_pdftotext_returns_chinese_hindi_urdu_and_arabic_exactly(mixed_pdf):
    text = subprocess.run([require_tool("pdftotext"), str(mixed_pdf), "-"], capture_output=True, text=True, check=True).stdout
    text = "".join(char for char in text if unicodedata.category(char) != "Cf")  # poppler marks directions with embeddings
    assert CHINESE in text
    assert HINDI in text
    assert "پاکستان اور چین کے درمیان اقتصادی راہداری" in text
    assert "خوشحالی لائے گا۔" in text
    assert ARABIC.strip("«»") in text  # poppler places the neutral marks by its own rules


def _lines(path: Path) -> list[tuple[float, list[dict]]]:
    """Characters with text, grouped by baseline, top to bottom."""
    with pdfplumber.open(path) as pdf:
        chars = [char for char in pdf.pages[0].chars if char["text"]]
    baselines: dict[float, list[dict]] = {}
    for char in chars:
        baselines.setdefault(round(char["matrix"][5], 1), []).append(char)
    return sorted(baselines.items(), key=lambda item: -item[0])


def test_right_to_left_lines_read_in_order_from_character_positions(mixed_pdf):
    shaped = shape([Span(URDU, REGULAR)], 10, FALLBACKS)
    expected = [shaped.text[start:end] for start, end in break_lines(shaped, STYLE_WIDTH)]
    found = []
    for _, chars in _lines(mixed_pdf):
        visual = "".join(char["text"] for char in sorted(chars, key=lambda char: char["x0"]))
        found.append(get_display(visual, base_dir="R"))  # visual back to logical: the reading order
    for line in expected:
        assert line in found
    assert len(expected) >= 3


def test_right_to_left_paragraphs_are_set_flush_right(mixed_pdf):
    with pdfplumber.open(mixed_pdf) as pdf:
        page = pdf.pages[0]
        urdu = [char for char in page.chars if "\u0600" <= char["text"][:1] <= "\u06ff"]
    right = max(char["x1"] for char in urdu)
    assert right == pytest.approx(page.width - 72 - 6, abs=1)


def test_the_shaped_pdf_is_pdfa(mixed_pdf):
    assert check_pdfa(mixed_pdf.read_bytes()) == []
    subprocess.run([require_tool("qpdf"), "--check", str(mixed_pdf)], check=True, capture_output=True)
