"""Never invent: every candidate's words are the source's, at the span it cites, on every gold text."""

from __future__ import annotations

import re

import pytest
from ruamel.yaml import YAML

from briefing.importing.draft import draft_pack, plain
from briefing.importing.extract import import_file
from briefing.importing.statements import QUOTE
from briefing.importing.writer import dump

PLURALS = ("pillars", "figures", "quotations", "events", "projects")


@pytest.fixture(scope="module")
def results(gold_sources):
    return [import_file(path) for path in gold_sources] + [import_file(gold_sources[0], ordinals=True)]


def test_every_candidate_is_verbatim_at_its_span(results):
    for result in results:
        for c in result.candidates:
            text = result.document.paragraph(c.paragraph).text
            assert text[c.span[0] : c.span[1]] == c.text, (result.document.path.name, c.id)
            assert c.text.strip() == c.text and c.text, (result.document.path.name, c.id)
            for name, (start, end) in c.spans.items():
                assert 0 <= start < end <= len(text), (c.id, name)


def test_source_worded_fields_are_the_sources_words(results):
    for result in results:
        for c in result.candidates:
            text = result.document.paragraph(c.paragraph).text
            f = c.fields
            if c.kind == "figure":
                assert f["display"] == c.text
                assert f["unit"] == "" or text[slice(*c.spans["unit"])] == f["unit"]
                assert text[slice(*c.spans["label"])] == f["label"]
            elif c.kind == "quotation" and f["verb"]:
                assert text[slice(*c.spans["verb"])].strip() == f["verb"]
            elif c.kind in ("event", "project"):
                assert f.get("title", f.get("name")) == c.text
                assert text[slice(*c.spans["summary"])] == f["summary"]
            elif c.kind == "pillar":
                assert f["title"] == f["summary"] == c.text and f["key_messages"] == [c.text]


def _inside_quotes(text: str, span: tuple[int, int]) -> bool:
    return any(m.start() < span[0] and span[1] <= m.end() for m in QUOTE.finditer(text))


def test_reported_speech_is_never_direct_and_never_quoted(results):
    for result in results:
        for c in result.of_kind("quotation"):
            text = result.document.paragraph(c.paragraph).text
            if c.fields["quote_kind"] == "reported":
                assert c.fields["verb"], c.id
                assert not _inside_quotes(text, c.span), c.id
                assert text[: c.span[0]].rstrip().endswith(c.fields["verb"]) or c.fields["verb"] in text[: c.span[0]], c.id
            else:
                assert c.fields["verb"] is None
                assert _inside_quotes(text, c.span), c.id


def test_every_item_has_a_pillar_and_a_review_mark(results):
    for result in results:
        pillars = {c.id for c in result.of_kind("pillar")}
        assert pillars
        for c in result.candidates:
            assert c.kind == "pillar" or c.pillar in pillars


def test_draft_pack_citations_point_at_the_same_words(results):
    """The written pack's span, read back through the page or paragraph it cites, gives the item's words."""
    for result in results:
        pack = plain(YAML(typ="safe").load(dump(draft_pack(result))))
        assert pack["format"] == 2 and pack["sources"][0]["id"] == "main"
        doc = result.document
        for plural in PLURALS:
            for item in pack.get(plural, []):
                cite = item["source"]
                assert item["review"] == "pending"
                base = doc.page_text(cite["page"]) if "page" in cite else doc.paragraph(cite["paragraph"]).text
                words = base[cite["span"][0] : cite["span"][1]]
                expected = item.get("display") or item.get("text") or item.get("name") or item["title"]
                assert words == expected, (doc.path.name, item["id"])


def test_pdf_is_cited_by_page(built_gold):
    result = import_file(built_gold / "report-excerpt.pdf")
    pack = plain(YAML(typ="safe").load(dump(draft_pack(result))))
    pages = {item["source"]["page"] for plural in PLURALS for item in pack.get(plural, [])}
    assert pages == {1, 2}
    assert all("paragraph" not in item["source"] for plural in PLURALS for item in pack.get(plural, []))


def test_display_leaves_the_unit_to_unit(seed_text):
    figures = {c.text: c.fields["unit"] for c in import_file(seed_text).of_kind("figure")}
    assert figures["74"] == "years" and figures["three"] == "months" and figures["1,000"] in ("young Pakistani agricultural", "tons")
    assert figures["10 million-kilowatt"] == "photovoltaic power project" and figures["over 250 million"] == "passenger trips"
    assert figures["10 million- kilowatt"] == "wind power project"  # a measure joined to the display is not said again


def test_ordinals_and_years_only_when_asked(seed_text):
    plain_run = [c.text for c in import_file(seed_text).of_kind("figure")]
    assert not [t for t in plain_run if re.search(r"\d(st|nd|rd|th)\b|twenty-fifth|^\d{4}$", t)]
    with_ordinals = [c for c in import_file(seed_text, ordinals=True).of_kind("figure") if c.fields["qualifier"] == "ordinal"]
    assert sorted({c.text for c in with_ordinals}) == ["75th", "80th", "twenty-fifth"]
    assert {c.fields["unit"] for c in with_ordinals} == {"anniversary", "meeting"}


def test_excerpt_finds_the_cited_words_in_the_file(built_gold, seed_text):
    from briefing.importing.excerpt import excerpt

    for path in (seed_text, built_gold / "report-excerpt.pdf"):
        pack = plain(YAML(typ="safe").load(dump(draft_pack(import_file(path)))))
        url = pack["sources"][0]["url"]
        for item in pack["figures"]:
            found = excerpt(url, item["source"])
            assert found is not None and found.words == item["display"]
    assert excerpt(None, {"paragraph": 1, "span": [0, 1]}) is None
    assert excerpt(seed_text.as_uri(), {"paragraph": 99, "span": [0, 1]}) is None
    assert excerpt(seed_text.as_uri(), {"paragraph": 1}) is None


def test_no_drafted_figure_says_its_unit_twice(seed_text):
    from briefing.content.checks import figure_warnings

    for c in import_file(seed_text).of_kind("figure"):
        warnings = figure_warnings(c.fields["display"], c.fields["value"], c.fields["unit"])
        assert not [w for w in warnings if "already holds the unit" in w], (c.text, c.fields["unit"])
