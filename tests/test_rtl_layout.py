"""Right-to-left blocks laid out from the right in both formats: a list's bullets, a quotation's bar and its attribution."""

# ruff: noqa: RUF001  (Urdu text is the point here)

from __future__ import annotations

import io

import docx
import pdfplumber
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from briefing.document.model import Document, ListBlock, Metadata, Quotation, Run
from briefing.export import render_bytes
from briefing.style import load_house_style
from briefing.writers import RenderOptions

OPTIONS = RenderOptions(style=load_house_style(), invariant=True)
URDU = ("پاکستان اور چین کے درمیان اقتصادی راہداری ایک اہم منصوبہ ہے۔", "گوادر کی بندرگاہ اور نیا ہوائی اڈہ بھی اس منصوبے کا حصہ ہیں۔")
META = Metadata(title="RTL", reference="REF/1", date="1 May 2026", marking="OFFICIAL", marking_colour="#1b1f24")
QUOTE = Quotation(kind="direct", text=URDU[0], speaker="A. Speaker", attribution="A. Speaker, Minister", occasion="A visit", ref=1)


def _document(*blocks) -> Document:
    return Document(meta=META, blocks=blocks)


def _pdf_page(document: Document):
    data, _ = render_bytes(document, "pdf", OPTIONS)
    pdf = pdfplumber.open(io.BytesIO(data))
    return pdf, pdf.pages[0]


@pytest.mark.parametrize(("ordered", "marks"), [(False, ["•"]), (True, ["1", "2"])])
def test_a_right_to_left_list_has_its_bullets_on_the_right_at_each_first_baseline(ordered, marks):
    pdf, page = _pdf_page(_document(ListBlock(ordered, tuple((Run(text),) for text in URDU)), ListBlock(False, ((Run("An item"),),))))
    with pdf:
        urdu = [c for c in page.chars if "\u0600" <= c["text"][:1] <= "\u06ff"]
        top, bottom = min(u["top"] for u in urdu), max(u["bottom"] for u in urdu)
        bullets = [c for c in page.chars if c["text"] in marks and top - 5 < c["top"] < bottom + 20]  # not the page furniture
        latin_bullet = [c for c in page.chars if c["text"] == "•" and c["top"] > max(u["bottom"] for u in urdu)]
    rtl = [c for c in bullets if c not in latin_bullet]
    assert len(rtl) == 2
    assert all(c["x0"] > max(u["x1"] for u in urdu) for c in rtl)  # right of the text, at the right margin
    assert all(c["x1"] > page.width - 70 for c in rtl)
    for bullet in rtl:  # on the baseline of the Urdu line beside it, not above it
        beside = [u for u in urdu if abs(u["bottom"] - bullet["bottom"]) < 12]
        assert beside and abs(max(u["matrix"][5] for u in beside) - bullet["matrix"][5]) < 1.5
    assert latin_bullet and latin_bullet[0]["x0"] < 80  # a left-to-right list keeps its bullets on the left


def test_a_right_to_left_quotation_has_its_bar_and_attribution_on_the_right_in_the_pdf():
    pdf, page = _pdf_page(_document(QUOTE))
    with pdf:
        bars = [line for line in page.lines if abs(line["x0"] - line["x1"]) < 0.1] + [r for r in page.rects if r["width"] < 3]
        attribution = [c for c in page.chars if c["text"] == "—"]
        urdu = [c for c in page.chars if "\u0600" <= c["text"][:1] <= "\u06ff"]
        words = page.extract_words()
    assert bars and all(bar["x0"] > max(c["x1"] for c in urdu) for bar in bars)
    line = [w for w in words if attribution and abs(w["top"] - attribution[0]["top"]) < 2]
    assert attribution and max(w["x1"] for w in line) > page.width - 90  # flush right, under the quotation
    assert attribution[0]["x0"] > page.width / 2


def test_a_right_to_left_quotation_has_its_bar_and_attribution_on_the_right_in_word():
    data, _ = render_bytes(_document(QUOTE, Quotation(kind="reported", text="it will open", speaker="B", attribution="B")), "docx", OPTIONS)
    paragraphs = [p for p in docx.Document(io.BytesIO(data)).paragraphs if p.text.strip()]
    urdu_quote, urdu_attribution, latin_quote = paragraphs[0], paragraphs[1], paragraphs[2]
    for paragraph in (urdu_quote, urdu_attribution):
        borders = paragraph._p.pPr.find(qn("w:pBdr"))
        assert borders.find(qn("w:right")) is not None and borders.find(qn("w:left")) is None
    assert urdu_quote._p.pPr.find(qn("w:bidi")) is not None
    assert urdu_attribution.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert latin_quote._p.pPr.find(qn("w:pBdr")).find(qn("w:left")) is not None and latin_quote.alignment is None
