"""The check before export: stale figures, empty sections, page budget, library changes, unshowable characters; --strict."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.brief.model import Brief, entry_for
from briefing.brief.store import load_brief, save_brief
from briefing.cli import main
from briefing.content.library import load_library
from briefing.precheck import check_brief
from tests.conftest import SAMPLE_BRIEF

PACK = "cpec-action-plan-2025"


@pytest.fixture(scope="module")
def library():
    return load_library()


def kinds(findings) -> list[str]:
    return [finding.kind for finding in findings]


def test_the_sample_brief_has_nothing_to_report(library):
    assert check_brief(load_brief(SAMPLE_BRIEF), library) == []


def test_each_kind_of_finding(library):
    brief = load_brief(SAMPLE_BRIEF)
    brief.meta.date = "2027-03-01"  # the sample's figures are now 18 months old
    brief.sections.background.text = "  "
    brief.items[2].fingerprint = "0" * 16  # changed since selected
    brief.items[3].ref = f"{PACK}/gone"  # missing from the library
    brief.meta.title = "Call \ue000"  # a character no PDF font shows
    findings = check_brief(brief, library)
    assert kinds(findings) == ["stale", "stale", "empty", "library", "library", "characters", "characters"]  # the title and the details
    messages = [str(f) for f in findings]
    assert messages[0].startswith(
        "stale figure: Passenger journeys on the Lahore Orange Line metro since it opened is as of September 2025"
    )
    assert messages[2] == "empty section: the background has no text"
    assert messages[3].startswith(f"changed since selected: {PACK}/orange-line-passenger-trips")
    assert messages[4].startswith(f"missing from library: {PACK}/gone")
    assert "U+E000" in messages[5] and "drawn as a box" in messages[5]


def test_over_the_page_budget(library):
    brief = Brief(template="meeting-brief")
    brief.sections.purpose.text = brief.sections.background.text = brief.sections.recommendation.text = "x"
    brief.items = [entry_for(item) for item in library if item.kind in ("pillar", "figure")][:30]
    findings = [f for f in check_brief(brief, library) if f.kind == "budget"]
    assert len(findings) == 1 and str(findings[0]).startswith("over the page budget: ")


def test_build_strict_fails_on_any_finding_and_writes_nothing(library, tmp_path, capsys):
    brief = load_brief(SAMPLE_BRIEF)
    brief.sections.recommendation.text = ""
    save_brief(brief, tmp_path / "b.brief")
    assert main(["build", str(tmp_path / "b.brief"), "--strict"]) == 1
    err = capsys.readouterr().err
    assert "briefing: error: empty section: the recommendation has no text" in err and "nothing written" in err
    assert "--strict: 1 finding in the check before export" in err
    assert not (tmp_path / "b.pdf").exists()
    assert main(["build", str(tmp_path / "b.brief")]) == 0  # without --strict: a warning, and the file
    assert "warning: empty section: the recommendation has no text" in capsys.readouterr().err
    assert (tmp_path / "b.pdf").is_file()


def test_build_strict_passes_a_clean_brief(tmp_path):
    assert main(["build", str(SAMPLE_BRIEF), "--strict", "-o", str(tmp_path)]) == 0
    assert (tmp_path / "sample.pdf").is_file()


def test_a_stale_line_is_named_by_its_last_review_not_as_a_figure():
    brief = load_brief("tests/fixtures/desk.brief")
    messages = [str(f) for f in check_brief(brief, None) if f.kind == "stale"]
    line = [m for m in messages if "corridor-timing" in m]
    assert line and line[0].startswith("stale line: When will the trade corridor open? was last reviewed ")
    assert "is as of ," not in " ".join(messages)


@pytest.mark.parametrize("template", ["meeting-brief", "briefing-pack", "talking-points"])
def test_a_stale_line_is_marked_in_both_formats_by_the_threshold(template, tmp_path):
    import docx

    from briefing.export import export_brief, options_for
    from tests.outputs import pdf_text

    brief = load_brief("tests/fixtures/desk.brief")  # its if-asked line was last reviewed 15 January 2024
    library = load_library(extra=[Path("tests/fixtures/content")])
    marked = "we look forward to the details. (stale) [8]"
    for months, stale in ((12, True), (240, False)):
        result = export_brief(brief, library, ["pdf", "docx"], tmp_path / f"{months}.pdf", template_id=template,
                              options=options_for(invariant=True), stale_months=months)  # fmt: skip
        pdf, word = result.outputs
        words = " ".join(p.text for p in docx.Document(str(word)).paragraphs)
        assert (marked in " ".join(pdf_text(pdf).split())) is stale
        assert (marked in " ".join(words.split())) is stale


def test_talking_points_mark_a_stale_figure_as_the_other_templates_do(tmp_path):
    import docx

    from briefing.export import export_brief, options_for
    from tests.outputs import pdf_text

    brief = load_brief("tests/fixtures/desk.brief")  # its bilateral trade figure is as of 2024
    library = load_library(extra=[Path("tests/fixtures/content")])
    marked = "Bilateral trade in goods: 23.1 billion US dollars. (as of 2024, stale) [4]"
    for months, stale in ((12, True), (240, False)):
        result = export_brief(brief, library, ["pdf", "docx"], tmp_path / f"{months}.pdf", template_id="talking-points",
                              options=options_for(invariant=True), stale_months=months)  # fmt: skip
        pdf, word = result.outputs
        words = " ".join(p.text for p in docx.Document(str(word)).paragraphs)
        assert (marked in " ".join(pdf_text(pdf).split())) is stale
        assert (marked in " ".join(words.split())) is stale


def test_a_one_month_threshold_is_said_in_the_singular():
    from briefing.precheck import stale_figures
    from briefing.wording import counted

    assert (counted(1, "month"), counted(12, "month")) == ("1 month", "12 months")
    messages = [str(f) for f in stale_figures(load_brief("tests/fixtures/desk.brief"), 1)]
    assert messages and all("more than 1 month before" in m for m in messages)
