"""Hostile content: whatever text a pack or an officer supplies, both writers show it literally or fail clearly.

Property-based (hypothesis): arbitrary Unicode goes into every content field
and note. The PDF either renders it, with the text extracted by poppler equal
to the input (normalised), or raises RenderError naming the character and the
item. The Word file always builds; characters XML cannot hold are removed and
reported, and the rest is there, equal to the input (normalised).
"""

from __future__ import annotations

import functools
import subprocess
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.brief.model import Brief, Entry
from briefing.document.text import clean_text
from briefing.errors import RenderError
from briefing.export import export_brief, options_for
from briefing.style import font_file, load_house_style
from tests.conftest import require_tool
from tests.outputs import docx_text, normalise

HOSTILE = [
    "<",
    "&",
    "<b>bold?</b>",
    '<img src="file:///etc/passwd">',
    '<a href="javascript:alert(1)">click</a>',
    "]]><!-- -->",
    "{{ 7*7 }} {% if %}",
    "\u201cquoted\u201d 'single' \"double\"",
    "tab\tvertical\x0bform\x0cfeed",
    "bell\x07null\x00escape\x1b",
]
LONG_TEXT = " ".join(["Lorem ipsum dolor sit amet <b>&amp;</b> consectetur"] * 95)[:5000]


@functools.lru_cache(maxsize=1)
def font_alphabet() -> str:
    """Characters every face of the house fonts can show (so the PDF must render them)."""
    from reportlab.pdfbase.ttfonts import TTFont

    style = load_house_style()
    covered = None
    for family in style.fonts.values():
        for bold in (False, True):
            for italic in (False, True):
                face = TTFont("probe", str(font_file(family, bold, italic))).face
                chars = set(face.charToGlyph)
                covered = chars if covered is None else covered & chars
    # right-to-left characters are left out: poppler extracts them in visual order, not as typed
    return "".join(
        chr(c)
        for c in sorted(covered)
        if c >= 0x20 and not (0x7F <= c <= 0x9F) and not _rtl_block(c) and unicodedata.bidirectional(chr(c)) not in ("R", "AL")
    )


def _rtl_block(code: int) -> bool:
    """Hebrew and Arabic blocks (their marks too), which poppler reorders."""
    return 0x0590 <= code <= 0x08FF or 0xFB1D <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFF


def in_font_text() -> st.SearchStrategy[str]:
    controls = "\t\n\r\x0b\x0c\x00\x01\x1b\x7f\x85\u2028"
    return st.one_of(st.sampled_from(HOSTILE), st.text(alphabet=st.sampled_from(font_alphabet() + controls), min_size=1, max_size=120))


def any_text() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from([*HOSTILE, "emoji 😀", "中文", "lone � surrogate", "\ufeffbom", "rtl שלום"]),
        st.text(alphabet=st.characters(codec=None, exclude_categories=()), min_size=1, max_size=80),
    )


def brief_with(text: str) -> Brief:
    """A brief whose every content field and note is ``text``."""
    brief = Brief(template="meeting-brief")
    meta = brief.meta
    meta.title = meta.occasion = meta.recipient = meta.drafter = meta.reference = text
    brief.sections.purpose.text = brief.sections.background.text = brief.sections.recommendation.text = text
    origin = {"title": text, "author": text, "date": "2025-09", "kind": "article"}
    common = {"pack": "p", "pillar": "pil", "origin": origin, "source": {"paragraph": 1}, "tags": []}
    brief.items = [
        Entry(
            ref="p/pil",
            note=text,
            snapshot={**common, "item_kind": "pillar", "id": "pil", "title": text, "summary": text, "key_messages": [text]},
        ),
        Entry(
            ref="p/fig",
            note=text,
            snapshot={
                **common,
                "item_kind": "figure",
                "id": "fig",
                "label": text,
                "value": 1,
                "display": text,
                "unit": text,
                "as_of": "2025",
            },
        ),
        Entry(
            ref="p/rep",
            note=text,
            snapshot={
                **common,
                "item_kind": "quotation",
                "id": "rep",
                "kind": "reported",
                "speaker": text,
                "speaker_title": "",
                "role": text,
                "verb": "said that",
                "text": text,
                "occasion": text,
            },
        ),
        Entry(
            ref="p/dir",
            note=text,
            snapshot={
                **common,
                "item_kind": "quotation",
                "id": "dir",
                "kind": "direct",
                "speaker": text,
                "speaker_title": "",
                "role": text,
                "text": text,
                "occasion": text,
            },
        ),
        Entry(
            ref="p/ev", note=text, snapshot={**common, "item_kind": "event", "id": "ev", "kind": "visit", "title": text, "summary": text}
        ),
        Entry(
            ref="p/pr",
            note=text,
            snapshot={**common, "item_kind": "project", "id": "pr", "name": text, "summary": text, "status": "planned"},
        ),
    ]
    return brief


def squeeze(text: str) -> str:
    """Normalised, with no whitespace at all: line wrapping may break anywhere."""
    return "".join(normalise(text).split())


def pdf_plain(path) -> str:
    return subprocess.run([require_tool("pdftotext"), "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True, text=True).stdout


SETTINGS = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@SETTINGS
@given(text=in_font_text())
def test_text_the_fonts_cover_is_shown_literally_in_both_formats(tmp_path, text):
    result = export_brief(brief_with(text), None, ["pdf", "docx"], tmp_path / "hostile.pdf", options=options_for(invariant=True))
    expected = squeeze(clean_text(text)[0])
    if not expected:
        return
    pdf, word = squeeze(pdf_plain(result.outputs[0])), squeeze(docx_text(result.outputs[1]))
    assert expected in pdf
    assert expected in word


@SETTINGS
@given(text=any_text())
def test_any_unicode_builds_or_fails_with_the_documented_error(tmp_path, text):
    brief = brief_with(text)
    word = export_brief(brief, None, ["docx"], tmp_path / "any.docx").outputs[0]  # Word always builds
    cleaned, _removed = clean_text(text)
    if squeeze(cleaned):
        assert squeeze(cleaned) in squeeze(docx_text(word))
    (tmp_path / "any.pdf").unlink(missing_ok=True)  # tmp_path is shared by every example
    try:
        export_brief(brief, None, ["pdf"], tmp_path / "any.pdf")
    except RenderError as exc:
        assert "U+" in str(exc) and "cannot show" in str(exc)
        assert not (tmp_path / "any.pdf").exists()
    else:
        right_to_left = any(unicodedata.bidirectional(c) in ("R", "AL") for c in cleaned)
        if squeeze(cleaned) and not right_to_left:  # poppler extracts right-to-left text in visual order
            assert squeeze(cleaned) in squeeze(pdf_plain(tmp_path / "any.pdf"))


def test_5000_character_texts_in_every_field_build_in_both_formats(tmp_path):
    result = export_brief(brief_with(LONG_TEXT), None, ["pdf", "docx"], tmp_path / "long.pdf")
    assert squeeze(LONG_TEXT) in squeeze(pdf_plain(result.outputs[0]))
    assert squeeze(LONG_TEXT) in squeeze(docx_text(result.outputs[1]))


@pytest.mark.parametrize("text", HOSTILE)
def test_no_content_string_adds_links_or_structure(tmp_path, text):
    import zipfile

    result = export_brief(brief_with(text), None, ["pdf", "docx"], tmp_path / "h.pdf")
    raw = result.outputs[0].read_bytes()
    for marker in (b"/URI", b"/JavaScript", b"/Launch", b"/EmbeddedFile"):
        assert marker not in raw
    with zipfile.ZipFile(result.outputs[1]) as package:
        body = package.read("word/document.xml").decode("utf-8")
        assert "<w:hyperlink" not in body and "<w:drawing" not in body
        for name in package.namelist():
            if name.endswith(".rels"):
                assert "External" not in package.read(name).decode("utf-8")


def test_emoji_is_shown_and_a_character_no_font_has_warns_once_in_both_formats(tmp_path):
    brief = brief_with("plain")
    brief.items[2].snapshot["text"] = "we are \U0001f600 happy and \U0001fae0 melting"
    for formats in (["pdf"], ["docx"], ["pdf", "docx"]):
        result = export_brief(brief, None, formats, tmp_path / "e.pdf")
        missing = [warning for warning in result.warnings if "U+1FAE0 MELTING FACE" in warning]
        assert len(missing) == 1 and "quotation by plain" in missing[0], (formats, result.warnings)
        assert not any("U+1F600" in warning for warning in result.warnings)  # Symbola has the grinning face


def test_a_5000_character_word_renders_or_fails_clearly(tmp_path):
    brief = brief_with("plain")
    brief.items[1].snapshot["label"] = "x" * 5000
    try:
        result = export_brief(brief, None, ["pdf", "docx"], tmp_path / "w.pdf")
    except RenderError as exc:
        assert "figures table" in str(exc) and "does not fit" in str(exc)
    else:
        assert "x" * 5000 in squeeze(docx_text(result.outputs[1]))


def test_control_characters_are_removed_and_reported(tmp_path):
    result = export_brief(brief_with("bell\x07 here"), None, ["pdf", "docx"], tmp_path / "c.pdf")
    assert any("U+0007" in w and "figure p/fig" in w for w in result.warnings)
    assert "bell here" in normalise(pdf_plain(result.outputs[0]))
