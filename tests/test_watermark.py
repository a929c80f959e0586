"""The DRAFT watermark: on every page of a draft in both formats, on none of a cleared brief, back after an edit."""

from __future__ import annotations

import re
import subprocess
import zipfile

import pytest
from PIL import Image
from pypdf import PdfReader

from briefing.brief import clearance
from briefing.brief.store import load_brief, save_brief
from briefing.content.library import load_library
from briefing.export import export_brief, preview_pdf
from tests.conftest import SAMPLE_BRIEF, require_tool
from tests.outputs import libreoffice_to_pdf


@pytest.fixture(scope="module")
def library():
    return load_library()


def watermarks(pdf) -> list[str]:
    """Per page, the text set at an angle (read by pypdf with its text matrix): only the watermark is."""
    marks = []
    for page in PdfReader(str(pdf)).pages:
        found: list[str] = []

        def visit(text, cm, tm, _font, _size, found=found):
            if text.strip() and (abs(cm[1]) > 1e-6 or abs(tm[1]) > 1e-6):
                found.append(text.strip())

        page.extract_text(visitor_text=visit)
        marks.append("".join(found))
    return marks


def header_parts(docx) -> list[str]:
    with zipfile.ZipFile(docx) as package:
        return [package.read(n).decode("utf-8") for n in package.namelist() if re.fullmatch(r"word/header\d*\.xml", n)]


def _build(brief, library, folder, **kwargs):
    folder.mkdir(parents=True, exist_ok=True)
    result = export_brief(brief, library, ["pdf", "docx"], folder / "out.pdf", template_id="briefing-pack", **kwargs)
    return result.outputs


def test_every_page_of_a_draft_carries_it(tmp_path, library):
    pdf, docx = _build(load_brief(SAMPLE_BRIEF), library, tmp_path)
    marks = watermarks(pdf)
    assert len(marks) > 2 and marks == ["DRAFT"] * len(marks)
    [header] = header_parts(docx)
    assert 'string="DRAFT"' in header and "v:textpath" in header and "rotation:315" in header
    assert "#C62828" in header.upper() and 'opacity="0.14"' in header


def tinted(pdf, folder) -> list[float]:
    """Per page, the share of pixels in the watermark's faint red (LibreOffice draws its letters as shapes, not text)."""
    subprocess.run([require_tool("pdftoppm"), "-r", "30", "-png", str(pdf), str(folder / "page")], check=True)
    shares = []
    for png in sorted(folder.glob("page-*.png")):
        pixels = list(Image.open(png).convert("RGB").get_flattened_data())
        shares.append(sum(1 for r, g, b in pixels if r > 200 and r - g > 12 and abs(g - b) < 12) / len(pixels))
    return shares


def test_word_shows_it_on_every_page_and_not_once_cleared(tmp_path, library):
    brief = load_brief(SAMPLE_BRIEF)
    _, docx = _build(brief, library, tmp_path / "draft")
    shares = tinted(libreoffice_to_pdf(docx, tmp_path / "draft"), tmp_path / "draft")
    assert len(shares) > 2 and min(shares) > 0.02, shares
    clearance.advance(brief, "cleared", "Head of Section")
    _, docx = _build(brief, library, tmp_path / "cleared")
    assert max(tinted(libreoffice_to_pdf(docx, tmp_path / "cleared"), tmp_path / "cleared")) < 0.002


@pytest.mark.parametrize("steps", [["cleared"], ["cleared", "approved"]])
def test_a_cleared_brief_has_none(tmp_path, library, steps):
    brief = load_brief(SAMPLE_BRIEF)
    for state in steps:
        clearance.advance(brief, state, "Head of Section")
    pdf, docx = _build(brief, library, tmp_path)
    assert set(watermarks(pdf)) == {""}
    assert all("DRAFT" not in part and "textpath" not in part for part in header_parts(docx))


def test_an_edit_after_clearance_brings_it_back(tmp_path, library):
    path = tmp_path / "b.brief"
    brief = load_brief(SAMPLE_BRIEF)
    clearance.advance(brief, "cleared", "Head of Section")
    save_brief(brief, path)
    brief = load_brief(path)
    brief.sections.purpose.text += " One more sentence."
    save_brief(brief, path)
    pdf, docx = _build(load_brief(path), library, tmp_path)
    assert set(watermarks(pdf)) == {"DRAFT"}
    assert any('string="DRAFT"' in part for part in header_parts(docx))


def test_releasable_versions_and_the_preview_follow_the_full_brief(tmp_path, library):
    brief = load_brief(SAMPLE_BRIEF)
    pdf, _ = _build(brief, library, tmp_path, release_at="RESTRICTED")
    assert set(watermarks(pdf)) == {"DRAFT"}
    clearance.advance(brief, "cleared", "Head of Section")
    pdf, _ = _build(brief, library, tmp_path, release_at="UNCLASSIFIED")  # its content differs, its brief is cleared
    assert set(watermarks(pdf)) == {""}
    data, _ = preview_pdf(brief, library)
    (tmp_path / "preview.pdf").write_bytes(data)
    assert set(watermarks(tmp_path / "preview.pdf")) == {""}
