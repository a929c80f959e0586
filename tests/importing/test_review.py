"""The review without Qt: decisions, edits limited to our own words, merges that stay verbatim, and the pack to save."""

from __future__ import annotations

import pytest
from ruamel.yaml import YAML

from briefing.errors import SourceError
from briefing.importing.draft import plain
from briefing.importing.extract import import_file
from briefing.importing.review import ACCEPTED, Review
from briefing.importing.writer import dump


@pytest.fixture
def review(seed_text):
    return Review(import_file(seed_text))


def row_of(review, text):
    return next(i for i, e in enumerate(review.entries) if e.candidate.text.startswith(text))


def test_source_words_cannot_be_edited(review):
    row = row_of(review, "over 250 million")
    for name in ("display", "text"):
        with pytest.raises(SourceError, match="source's words"):
            review.edit(row, name, "over 300 million")
    quote = row_of(review, "China is committed to a friendly policy")
    for name in ("verb", "quote_kind", "text"):
        with pytest.raises(SourceError):
            review.edit(quote, name, "direct")


def test_accepted_edited_items_lose_the_pending_mark(review):
    row = row_of(review, "over 250 million")
    review.edit(row, "label", "Passenger journeys on the Lahore Orange Line")
    review.edit(row, "value", "250,000,000")
    review.accept(row)
    review.accept(row_of(review, "70,000"))
    pack = plain(YAML(typ="safe").load(dump(review.pack("orange", "Orange Line"))))
    figures = {f["display"]: f for f in pack["figures"]}
    assert figures["over 250 million"]["label"] == "Passenger journeys on the Lahore Orange Line"
    assert "review" not in figures["over 250 million"] and figures["70,000"]["review"] == "pending"
    assert [p["id"] for p in pack["pillars"]] == ["adhere-people-centered-approach-prioritize"]  # brought along, still pending
    assert pack["pillars"][0]["review"] == "pending" and pack["title"] == "Orange Line"


def test_merge_in_one_paragraph_stays_verbatim(review):
    first = row_of(review, "China is committed to a friendly policy")
    second = row_of(review, "the planning and layout")
    kept = review.merge(first, second)
    c = review.candidate(kept)
    text = review.result.document.paragraph(c.paragraph).text
    assert text[c.span[0] : c.span[1]] == c.text and ", emphasizing that the planning" in c.text


def test_merge_across_paragraphs_notes_the_other(review):
    first = row_of(review, "China-Pakistan Economic Corridor 2.0")
    second = row_of(review, "China-Pakistan Economic Corridor")
    second = next(i for i, e in enumerate(review.entries) if e.candidate.text == "China-Pakistan Economic Corridor")
    kept = review.merge(first, second)
    assert review.candidate(kept).note == "also paragraph 6"
    with pytest.raises(SourceError):
        review.merge(kept, row_of(review, "over 500"))


def test_rejected_pillar_needs_reassignment(review):
    pillar = row_of(review, "We need to adhere")
    figure = row_of(review, "over 500")
    review.reject(pillar)
    review.accept(figure)
    with pytest.raises(SourceError, match="rejected pillar"):
        review.pack("x")
    review.set_pillar(figure, review.pillars()[0].id)
    assert review.state(figure) == ACCEPTED and review.pack("x")
    with pytest.raises(SourceError):
        review.set_pillar(figure, review.candidate(pillar).id)


def test_nothing_accepted(review):
    with pytest.raises(SourceError, match="no item is accepted"):
        review.pack("x")


def test_add_to_an_existing_pack(review, tmp_path):
    from briefing.content.library import load_library
    from briefing.content.pack_writer import write_new_pack
    from briefing.importing.into_pack import add_to_pack

    path = tmp_path / "mine.yaml"
    write_new_pack(path, "mine", "My pack")
    review.accept(row_of(review, "over 250 million"))
    review.accept(row_of(review, "China is committed to a friendly policy"))
    add_to_pack(review, path)
    add_to_pack(review, path)  # again: new ids, a second source entry
    library = load_library(folders=[tmp_path])
    assert [str(p) for p in library.problems] == []
    pack = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    assert len(pack["sources"]) == 3 and pack["sources"][1]["id"] != pack["sources"][2]["id"]
    figures = [f for f in pack["figures"] if f["display"] == "over 250 million"]
    assert len(figures) == 2 and figures[1]["id"].endswith("-2")
    assert {f["source"]["doc"] for f in figures} == {pack["sources"][1]["id"], pack["sources"][2]["id"]}
    assert figures[1]["pillar"] == pack["pillars"][-1]["id"]
    assert library.get(f"mine/{figures[0]['id']}") is not None
