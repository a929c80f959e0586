"""Language tags: the brief's (``en-GB`` by default) and an item's reach the document model, the PDF and the Word file."""

from __future__ import annotations

import docx
import pikepdf

from briefing.brief.model import Brief
from briefing.brief.store import load_brief
from briefing.content.library import load_library
from briefing.content.model import Quotation
from briefing.export import export_brief, options_for
from briefing.templating.build import build_document
from tests.conftest import SAMPLE_BRIEF


def test_a_brief_is_in_british_english_unless_it_says_otherwise():
    assert Brief().meta.language == "en-GB"
    brief = load_brief(SAMPLE_BRIEF)
    assert build_document(brief, load_library()).meta.language == "en-GB"


def test_the_brief_language_goes_to_pdf_lang_and_word_lang(tmp_path):
    brief = load_brief(SAMPLE_BRIEF)
    brief.meta.language = "ur-PK"
    result = export_brief(brief, load_library(), ["pdf", "docx"], tmp_path / "brief.pdf", options=options_for(invariant=True))
    pdf_path, docx_path = result.outputs
    with pikepdf.open(pdf_path) as pdf:
        assert pdf.Root.Lang == "ur-PK"
    word = docx.Document(str(docx_path))
    assert word.core_properties.language == "ur-PK"
    lang = word.styles.element.find(".//{http://schemas.openxmlformats.org/wordprocessingml/2006/main}lang")
    assert lang is not None
    assert "ur-PK" in lang.attrib.values()


def test_an_item_carries_its_own_language_into_the_document():
    library = load_library()
    brief = load_brief(SAMPLE_BRIEF)
    entry = next(entry for entry in brief.items if entry.kind == "quotation")
    entry.snapshot = {**entry.snapshot, "lang": "zh-Hans"}
    document = build_document(brief, library)
    quotes = [block for block in document.blocks if type(block).__name__ == "Quotation"]
    assert any(quote.lang == "zh-Hans" for quote in quotes)
    assert all(quote.lang in ("", "zh-Hans") for quote in quotes)


def test_content_packs_may_tag_an_item_with_a_language():
    fields = Quotation.model_fields
    assert fields["lang"].default is None
    Quotation.model_validate(
        {
            "id": "q",
            "speaker": "S",
            "role": "R",
            "kind": "direct",
            "text": "سلام",
            "occasion": "O",
            "pillar": "p",
            "source": {"paragraph": 1},
            "lang": "ur",
        }
    )
