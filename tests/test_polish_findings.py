"""Findings of a desk officer's first run through every template: each rendered sentence reads as it should."""

from __future__ import annotations

from pathlib import Path

from briefing.brief.store import load_brief
from briefing.content.library import load_library
from briefing.document import model as dm
from briefing.templating.build import build_document

FIXTURES = Path(__file__).parent / "fixtures"


def desk_text(template: str) -> str:
    library = load_library(extra=[FIXTURES / "content"])
    document = build_document(load_brief(FIXTURES / "desk.brief"), library, template)
    return "\n".join(str(dm.block_text(block)) for block in document.blocks)


def test_a_persons_as_of_date_is_written_for_people():
    text = desk_text("briefing-pack")
    assert "(as of October 2025)" in text
    assert "2025-10" not in text


def test_the_talking_points_recommendation_is_labelled_a_recommendation_without_if_asked_lines():
    from briefing.content.library import load_library as bundled
    from tests.conftest import SAMPLE_BRIEF

    document = build_document(load_brief(SAMPLE_BRIEF), bundled(), "talking-points")
    notes = [block for block in document.blocks if isinstance(block, dm.Note)]
    assert [note.title for note in notes if note.tone == "recommendation"] == ["Recommendation"]
