"""A brief in five scripts, end to end: a Chinese name, an Urdu paragraph, an Arabic quotation, a Hindi phrase, emoji.

Built to PDF and Word, then checked as a reader would: fonts embedded, text
extracted exactly, right-to-left lines read in order from character positions,
Word's script and direction markup, LibreOffice's conversion, PDF/A-2b.
"""

# ruff: noqa: RUF001  (Urdu and Arabic text is the point here)

from __future__ import annotations

import subprocess
import unicodedata
import zipfile
from pathlib import Path

import pdfplumber
import pytest
from bidi import get_display

from briefing.brief.store import load_brief
from briefing.content.library import load_library
from briefing.export import export_brief, options_for
from briefing.pdfa import check_pdfa
from tests.conftest import REPO, SAMPLE_BRIEF, require_tool
from tests.outputs import libreoffice_to_pdf

MULTISCRIPT = REPO / "tests" / "data" / "multiscript.brief"
CHINESE = "王毅"
HINDI = "वसुधैव कुटुम्बकम्"
ARABIC = "السلام عليكم ورحمة الله وبركاته"
URDU_WORDS = ("پاکستان", "راہداری", "خوشحالی", "منصوبے", "روزگار")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("scripts")
    result = export_brief(load_brief(MULTISCRIPT), None, ["pdf", "docx"], folder / "multiscript.pdf", options=options_for(invariant=True))
    return result


def _run(tool: str, *args: str) -> str:
    return subprocess.run([require_tool(tool), *args], capture_output=True, text=True, check=True).stdout


def test_builds_without_warnings_about_missing_characters(built):
    assert not [warning for warning in built.warnings if "no bundled font" in warning], built.warnings
    assert built.pages == 1


def test_every_font_is_embedded(built):
    rows = _run("pdffonts", str(built.outputs[0])).splitlines()[2:]
    names = {row.split()[0].split("+")[-1] for row in rows}
    assert {"DroidSansFallback", "NotoNastaliqUrdu-Regular", "NotoNaskhArabic-Regular", "NotoSansDevanagari-Regular", "Symbola"} <= names
    assert all(row.split()[-5] == "yes" for row in rows), rows  # the emb column


def test_pdftotext_returns_chinese_and_devanagari_exactly(built):
    text = _run("pdftotext", str(built.outputs[0]), "-")
    assert f"Call on {CHINESE} (Wang Yi)" in text
    assert f"the Hindi phrase {HINDI} (the world is one family)" in text
    assert "访客 (visitors)" in text


def _lines(path: Path) -> list[str]:
    """Each baseline's characters in reading order: visual order from their positions, then the bidi algorithm back."""
    with pdfplumber.open(path) as pdf:
        chars = [char for char in pdf.pages[0].chars if char["text"]]
    baselines: dict[float, list[dict]] = {}
    for char in chars:
        baselines.setdefault(round(char["matrix"][5], 1), []).append(char)
    lines = []
    for _, row in sorted(baselines.items(), key=lambda item: -item[0]):
        visual = "".join(char["text"] for char in sorted(row, key=lambda char: char["x0"]))
        lines.append(get_display(visual, base_dir="R" if any(unicodedata.bidirectional(c) == "AL" for c in visual) else "L"))
    return lines


def test_right_to_left_lines_read_in_order_from_character_positions(built):
    lines = _lines(built.outputs[0])
    urdu = [line for line in lines if "ہ" in line or "ے" in line]
    assert len(urdu) >= 3  # the paragraph wraps over at least three lines
    assert urdu[0].startswith("پاکستان اور چین کے درمیان اقتصادی راہداری (CPEC) ایک اہم منصوبہ ہے")
    reading = " ".join(urdu)
    positions = [reading.index(word) for word in URDU_WORDS]
    assert positions == sorted(positions)  # the paragraph reads on from line to line
    assert "اور 2025 تک مزید 15 منصوبے" in reading  # numbers keep their order inside right-to-left text
    assert any(f"“{ARABIC}” [1]" in line for line in lines)


def test_right_to_left_paragraphs_are_flush_right(built):
    with pdfplumber.open(built.outputs[0]) as pdf:
        page = pdf.pages[0]
        urdu = [char for char in page.chars if char["text"] == "پ"]
        words = [char for char in page.chars if char["text"] == "T" and char["fontname"].endswith("LiberationSans")]
    assert max(char["x1"] for char in urdu) > page.width - 70  # the right margin is 22 mm
    assert min(char["x0"] for char in words) < 70  # Latin text starts at the left margin


def test_every_exported_pdf_is_pdfa_2b_and_passes_qpdf(built, tmp_path):
    sample = export_brief(load_brief(SAMPLE_BRIEF), load_library(), ["pdf"], tmp_path / "sample.pdf")
    for path in (built.outputs[0], sample.outputs[0]):
        assert check_pdfa(path.read_bytes()) == [], path
        _run("qpdf", "--check", str(path))


def _document_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as package:
        return package.read("word/document.xml").decode("utf-8")


def test_word_marks_scripts_directions_and_languages(built):
    xml = _document_xml(built.outputs[1])
    assert xml.count("<w:bidi/>") >= 2  # the Urdu paragraph and the Arabic quotation
    assert "<w:rtl/>" in xml
    assert 'w:eastAsia="Droid Sans Fallback"' in xml and 'w:eastAsia="zh"' in xml and 'w:eastAsia="zh-Hans"' in xml
    assert 'w:cs="Noto Nastaliq Urdu"' in xml and 'w:bidi="ur"' in xml
    assert 'w:cs="Noto Naskh Arabic"' in xml and 'w:bidi="ar"' in xml
    assert 'w:cs="Noto Sans Devanagari"' in xml and 'w:bidi="hi"' in xml
    assert 'w:ascii="Symbola"' in xml  # the emoji


def test_word_latin_text_keeps_plain_runs(tmp_path):
    result = export_brief(load_brief(SAMPLE_BRIEF), load_library(), ["docx"], tmp_path / "sample.docx")
    xml = _document_xml(result.outputs[0])
    assert "<w:bidi/>" not in xml and "<w:rtl/>" not in xml and "w:eastAsia=" not in xml


def test_libreoffice_converts_the_word_file_right_to_left_in_order(built, tmp_path):
    pdf = libreoffice_to_pdf(built.outputs[1], tmp_path)
    text = _run("pdftotext", str(pdf), "-")
    assert CHINESE in text and "वसुधैव" in text  # LibreOffice writes the conjunct of कुटुम्बकम् as it likes
    with pdfplumber.open(pdf) as document:
        page = document.pages[0]
        urdu = [char for char in page.chars if char["text"] == "پ"]
    assert urdu and max(char["x1"] for char in urdu) > page.width - 75  # opens flush right


def test_every_block_kind_takes_other_scripts(tmp_path):
    """Headings (with their bookmarks and contents lines), lists, notes, sources and the banner, shaped."""
    import io

    import pypdf

    from briefing.document.model import Contents, Document, Heading, ListBlock, Metadata, Note, Paragraph, Run, SourceEntry, SourcesList
    from briefing.writers.pdf import render_pdf_bytes

    blocks = (
        Contents(),
        Heading(1, (Run("第一章 Chapter"),)),
        Paragraph((Run("نص عربي طويل " * 30),)),
        ListBlock(False, ((Run("البند الأول"),), (Run("第二 item"),))),
        Heading(2, (Run("हिन्दी heading"),)),
        Note((Run("ملاحظة"),), title="备注"),
        SourcesList((SourceEntry(1, "مصدر", "cite"),)),
    )
    data, result = render_pdf_bytes(Document(Metadata(title="目录 test", caveat="عربي"), blocks), options_for())
    assert result.warnings == ()
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert [item.title for item in reader.outline if not isinstance(item, list)] == ["第一章 Chapter"]
    path = tmp_path / "blocks.pdf"
    path.write_bytes(data)
    text = "".join(char for char in _run("pdftotext", str(path), "-") if unicodedata.category(char) != "Cf")  # poppler's direction marks
    assert "第一章 Chapter" in text and "第二 item" in text and "备注" in text and "हिन्दी heading" in text
