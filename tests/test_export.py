"""End to end: the sample brief in both formats, checked with qpdf, poppler, python-docx and LibreOffice."""

from __future__ import annotations

import subprocess
import sys

import pytest

from briefing.brief.store import load_brief
from briefing.content.library import load_library
from briefing.document import model as dm
from briefing.errors import ExportError
from briefing.export import export_brief, options_for
from briefing.templating.build import build_document
from tests.conftest import SAMPLE_BRIEF, require_tool
from tests.outputs import docx_body, docx_furniture, docx_text, libreoffice_to_pdf, normalise, pdf_pages, pdf_text, words

TEMPLATES = ["meeting-brief", "talking-points", "briefing-pack"]


@pytest.fixture(scope="module")
def library():
    return load_library()


@pytest.fixture(scope="module")
def sample():
    return load_brief(SAMPLE_BRIEF)


@pytest.fixture(scope="module")
def built(tmp_path_factory, sample, library):
    """The sample brief built through each template in both formats."""
    out = {}
    folder = tmp_path_factory.mktemp("built")
    for template in TEMPLATES:
        result = export_brief(
            sample, library, ["pdf", "docx"], folder / f"{template}.pdf", template_id=template, options=options_for(invariant=True)
        )
        out[template] = (result, build_document(sample, library, template))
    return out


def item_strings(entry) -> list[str]:
    """Strings that must appear in any output that includes this item."""
    snap = entry.snapshot
    kind = entry.kind
    if kind == "figure":
        return [snap["label"], snap["display"], snap["unit"]]
    if kind == "quotation":
        attribution = " ".join(p for p in (snap.get("speaker_title"), snap["speaker"]) if p)
        if snap["kind"] == "direct":
            return [f"\u201c{snap['text']}\u201d", attribution]
        return [f"{attribution} {snap['verb']} {snap['text']}"]
    if kind == "pillar":
        return [snap["title"], snap["key_messages"][0]]
    return [snap.get("title") or snap.get("name")]


def test_cli_build_prints_paths_and_pages(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "briefing", "build", str(SAMPLE_BRIEF), "--format", "both", "-o", str(tmp_path / "note.pdf")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [str(tmp_path / "note.pdf"), str(tmp_path / "note.docx"), "1 page: within the 1-page budget"]


def test_meeting_brief_sample_fits_one_page(built):
    result, _ = built["meeting-brief"]
    assert result.pages == 1 and result.fits
    assert pdf_pages(result.outputs[0]) == 1


@pytest.mark.parametrize("template", TEMPLATES)
def test_pdf_passes_qpdf_and_embeds_every_font(built, template):
    pdf = built[template][0].outputs[0]
    check = subprocess.run([require_tool("qpdf"), "--check", str(pdf)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    fonts = subprocess.run([require_tool("pdffonts"), str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert fonts, "no fonts listed"
    for line in fonts:
        assert line.split()[-5] == "yes", f"font not embedded: {line}"


@pytest.mark.parametrize("template", TEMPLATES)
def test_every_selected_item_is_in_both_formats(built, sample, template):
    result, _ = built[template]
    pdf, word = normalise(pdf_text(result.outputs[0])), normalise(docx_text(result.outputs[1]))
    for entry in sample.items:
        if template == "meeting-brief" and entry.kind == "pillar":
            strings = [entry.snapshot["title"], entry.snapshot["key_messages"][0]]
        else:
            strings = item_strings(entry)
        for text in strings:
            assert normalise(text) in pdf, f"{entry.ref}: {text!r} missing from PDF"
            assert normalise(text) in word, f"{entry.ref}: {text!r} missing from DOCX"


@pytest.mark.parametrize("template", TEMPLATES)
def test_reported_speech_is_never_quoted(built, sample, template):
    result, _ = built[template]
    for text in (pdf_text(result.outputs[0]), docx_text(result.outputs[1])):
        flat = normalise(text)
        for entry in sample.items:
            if entry.kind == "quotation" and entry.snapshot["kind"] == "reported":
                assert normalise("\u201c" + entry.snapshot["text"]) not in flat


@pytest.mark.parametrize("template", TEMPLATES)
def test_parity_pdf_and_docx_say_the_same_block_by_block(built, template):
    """Every line of every block is in both outputs, and the Word body holds exactly the model's words."""
    result, document = built[template]
    pdf_flat = normalise(pdf_text(result.outputs[0]))
    word_flat = normalise(docx_text(result.outputs[1]))
    model_words = words("\n".join(line for block in document.blocks for line in dm.block_text(block)))
    for index, block in enumerate(document.blocks):
        for line in dm.block_text(block):
            piece = normalise(line)
            assert piece in pdf_flat, f"block {index} ({type(block).__name__}) line {piece!r} not in PDF"
            assert piece in word_flat, f"block {index} ({type(block).__name__}) line {piece!r} not in DOCX"
    word_words = words(docx_text(result.outputs[1]))
    assert not (model_words - word_words), f"the Word body lacks {model_words - word_words}"
    headings = " ".join(dm.plain(b.runs) for b in document.blocks if isinstance(b, dm.Heading))
    allowed = set(words("Figure Value Unit As of Src " + headings))  # table headers; Word's contents field lists headings
    assert set(word_words - model_words) <= allowed, f"the Word body has text the model does not: {word_words - model_words}"


@pytest.mark.parametrize("template", TEMPLATES)
def test_marking_and_page_numbers_on_every_page(built, sample, template):
    result, document = built[template]
    pdf = result.outputs[0]
    pages = pdf_pages(pdf)
    for page in range(1, pages + 1):
        text = pdf_text(pdf, "-f", str(page), "-l", str(page))
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        assert lines[0] == document.meta.marking and lines[-1] == document.meta.marking
        assert f"Page {page} of {pages}" in text
    furniture = docx_furniture(result.outputs[1])
    assert furniture.count(document.meta.marking) >= 2


def test_briefing_pack_has_bookmarks(built):
    from pypdf import PdfReader

    reader = PdfReader(str(built["briefing-pack"][0].outputs[0]))
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert "Annex A: All figures" in titles and "Annex B: Sources" in titles


@pytest.mark.slow
@pytest.mark.parametrize("template", TEMPLATES)
def test_libreoffice_converts_the_docx_with_the_same_text(built, tmp_path, template):
    result, document = built[template]
    converted = libreoffice_to_pdf(result.outputs[1], tmp_path)
    lo_flat = normalise(pdf_text(converted))
    for block in document.blocks:
        if isinstance(block, dm.Contents):
            continue  # Word fills the contents field itself
        for line in dm.block_text(block):
            assert normalise(line) in lo_flat, f"{line!r} missing after LibreOffice conversion"


def test_export_is_atomic(tmp_path, sample, library, monkeypatch):
    target = tmp_path / "note.pdf"
    target.write_bytes(b"previous export")
    from briefing.writers import pdf as pdf_writer

    def crash(document, options):
        raise RuntimeError("renderer crashed half way")

    monkeypatch.setattr(pdf_writer, "render_pdf_bytes", crash)
    with pytest.raises(RuntimeError):
        export_brief(sample, library, ["pdf"], target)
    assert target.read_bytes() == b"previous export"
    assert [p.name for p in tmp_path.iterdir()] == ["note.pdf"]


def test_unknown_format_is_an_error(tmp_path, sample, library):
    with pytest.raises(ExportError, match="unknown format 'odt'"):
        export_brief(sample, library, ["odt"], tmp_path / "x.odt")


def test_missing_item_still_builds_from_its_snapshot(tmp_path, sample):
    empty = load_library([tmp_path / "nothing"])
    result = export_brief(sample, empty, ["pdf"], tmp_path / "note.pdf")
    assert "over 250 million" in pdf_text(result.outputs[0])


def test_output_is_deterministic(tmp_path, sample, library):
    a = export_brief(sample, library, ["pdf", "docx"], tmp_path / "a.pdf", options=options_for(invariant=True))
    b = export_brief(sample, library, ["pdf", "docx"], tmp_path / "b.pdf", options=options_for(invariant=True))
    assert a.outputs[0].read_bytes() == b.outputs[0].read_bytes()
    assert docx_body(a.outputs[1]) == docx_body(b.outputs[1])
