"""Portion marks: before each paragraph and item, from that portion's own level, only for a scheme that asks for them."""

from __future__ import annotations

import re

import docx
import pytest

from briefing.document import model as dm
from briefing.export import export_brief, options_for
from briefing.style import load_markings
from briefing.templating.build import build_document
from tests.levelled import levelled_brief, levelled_library, token
from tests.outputs import docx_text, normalise, pdf_text

TEMPLATES = ["meeting-brief", "talking-points", "briefing-pack"]
MARK = re.compile(r"\((?:O|OS|S|TS|U|R|C)\)")


def _build(tmp_path, scheme_id, template):
    scheme = load_markings().get(scheme_id)
    library = levelled_library(tmp_path / "lib", scheme)
    brief = levelled_brief(library, scheme_id, scheme, template)
    result = export_brief(brief, library, ["pdf", "docx"], tmp_path / "out.pdf", options=options_for(invariant=True))
    return result.outputs, build_document(brief, library)


@pytest.mark.parametrize("template", TEMPLATES)
def test_the_example_scheme_marks_every_portion_in_both_formats(tmp_path, template):
    (pdf, word), _ = _build(tmp_path, "uk-portion-marked", template)
    expected = [
        f"(O) Message {token('c', 0)}",
        f"(OS) Message {token('c', 1)}",
        f"(TS) Message {token('c', 3)}",
        f"(S) Speaker {token('s', 2)} stated that",
        f"(OS) A note {token('n', 1)}",
        f"(TS) A note {token('n', 3)}",
    ]
    if template != "talking-points":
        expected += [f"(O) Purpose {token('u', 0)}", f"(TS) Recommend {token('r', 3)}", f"(S) Figure {token('d', 2)}"]
        expected += [f"(S) Background {token('k', 2)}"]
    else:
        expected += [f"(O) Purpose {token('u', 0)}", f"(TS) Recommend {token('r', 3)}", f"(S) Figure {token('d', 2)}: about 3"]
    for text in (normalise(pdf_text(pdf)), normalise(docx_text(word))):
        for line in expected:
            assert line in text, f"{line!r} missing"


def test_the_mark_is_a_leading_run_of_its_own(tmp_path):
    (_, word), document = _build(tmp_path, "uk-portion-marked", "meeting-brief")
    paragraphs = [b for b in document.blocks if isinstance(b, dm.Paragraph) and b.role == "body"]
    assert paragraphs and all(p.runs[0].text in ("(O) ", "(S) ") and len(p.runs) > 1 for p in paragraphs)
    marked = [p for p in docx.Document(str(word)).paragraphs if p.text.startswith("(OS) Message")]
    assert marked and marked[0].runs[0].text == "(OS) "


@pytest.mark.parametrize("scheme_id", ["traditional", "uk"])
@pytest.mark.parametrize("template", TEMPLATES)
def test_no_marks_for_the_other_schemes(tmp_path, scheme_id, template):
    (pdf, word), _ = _build(tmp_path, scheme_id, template)
    for text in (pdf_text(pdf), docx_text(word)):
        assert not MARK.search(text), MARK.search(text)


def test_a_direct_quotation_stays_verbatim_after_its_mark():
    quote = dm.Quotation(kind="direct", text="We stand together", speaker="X", attribution="Minister X", portion="(S)")
    assert dm.quotation_sentence(quote) == "(S) \u201cWe stand together\u201d"


def test_only_the_example_scheme_asks_for_marks():
    schemes = load_markings().schemes
    assert [sid for sid, s in schemes.items() if s.portion_marks] == ["uk-portion-marked"]
    assert schemes["uk-portion-marked"].portion_mark("OFFICIAL-SENSITIVE") == "(OS)"
    assert schemes["traditional"].portion_mark("SECRET") == ""
