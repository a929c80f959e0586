"""Pack format 2: several sources, citations by page and table, people and our own lines; format 1 unchanged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing.brief.model import Status, entry_for, status_of
from briefing.brief.store import load_brief
from briefing.cli import main
from briefing.content.checks import figure_warnings, shown_amounts
from briefing.content.library import load_library
from briefing.content.packfile import read_pack
from briefing.content.search import search
from tests.conftest import SAMPLE_BRIEF
from tests.packs import MINIMAL, write_pack

FIXTURES = Path(__file__).parent / "fixtures"
DESK = FIXTURES / "content" / "desk-lines.yaml"


def desk_library():
    return load_library(extra=[DESK.parent])


def test_three_sources_cited_by_paragraph_page_and_table():
    pack, _doc, problems = read_pack(DESK)
    assert problems == [] and pack is not None
    assert [s.id for s in pack.sources] == ["article", "joint-statement", "trade-tables"]
    library = desk_library()
    figure = library.get("desk-lines/bilateral-trade")
    assert figure.source.id == "trade-tables" and figure.model.source.place == ("table", "Table 4")
    assert figure.citation() == "\u201cTrade statistics cited by table\u201d, Statistics office, 2025, Table 4 (goods only)"
    said = library.get("desk-lines/minister-trade-corridor")
    assert said.source.kind == "statement" and said.citation().endswith("2025-10-02, p. 3")
    assert library.get("desk-lines/trade").citation().endswith("2025-09, para. 2")


def test_people_and_both_kinds_of_line():
    library = desk_library()
    person = library.get("desk-lines/b-speaker")
    assert person.kind == "person" and person.title == "H.E. B. Speaker" and person.pillar == "desk-lines/trade"
    assert library.get("desk-lines/c-adviser").source is None and library.get("desk-lines/c-adviser").pillar is None
    line = library.get("desk-lines/balanced-trade")
    assert line.kind == "line" and line.source is None
    assert line.citation() == "our own line, South Asia desk, last reviewed 2025-11-20"
    asked = library.get("desk-lines/corridor-timing")
    assert asked.title == "When will the trade corridor open?" and asked.snapshot()["origin"] is None
    assert [i.id for i in search(library, kind="line")] == ["desk-lines/balanced-trade", "desk-lines/corridor-timing"]
    assert [i.id for i in search(library, text="export promotion")] == ["desk-lines/b-speaker"]


def test_content_list_json_gives_each_items_document_and_place(capsys):
    assert main(["content", "list", "--json", "--content", str(DESK.parent)]) == 0
    items = {i["id"]: i for i in json.loads(capsys.readouterr().out)}
    expected = {"doc": "trade-tables", "table": "Table 4", "place": "Table 4 (goods only)", "note": "goods only"}
    assert expected.items() <= items["desk-lines/bilateral-trade"]["source"].items()
    assert items["desk-lines/minister-trade-corridor"]["source"]["doc"] == "joint-statement"
    assert items["desk-lines/minister-trade-corridor"]["source"]["page"] == 3
    assert items["desk-lines/balanced-trade"]["source"]["doc"] is None
    assert items["desk-lines/balanced-trade"]["subkind"] == "line-to-take"
    assert items["desk-lines/b-speaker"]["kind"] == "person" and items["desk-lines/b-speaker"]["name"] == "B. Speaker"
    seed = items["cpec-action-plan-2025/orange-line-passenger-trips"]["source"]
    assert seed["doc"] == "main" and seed["paragraph"] == 7 and seed["place"] == "para. 7"


def test_a_brief_made_from_format_1_reopens_unchanged_after_the_seed_moved_to_format_2():
    brief = load_brief(SAMPLE_BRIEF)
    library = load_library()
    assert [status_of(entry, library) for entry in brief.items] == [Status.OK] * len(brief.items)
    for entry in brief.items:
        assert library.get(entry.ref).fingerprint() == entry.fingerprint


def test_format_1_pack_loads_as_one_source_main_with_its_old_fingerprints(tmp_path):
    write_pack(tmp_path, pack="old")
    library = load_library([tmp_path])
    assert library.problems == [] and library.packs["old"].format == 2
    [source] = library.packs["old"].sources
    assert source.id == "main" and source.author == "A. Author"
    figure = library.get("old/trips")
    assert figure.snapshot()["source"] == {
        "doc": "main", "paragraph": 2, "page": None, "section": None, "table": None, "span": None, "note": None
    }  # fmt: skip
    # the format-1 snapshot a brief stored before format 2 hashes to the same fingerprint
    old_snapshot = {k: v for k, v in figure.snapshot().items() if k != "review"}
    old_snapshot["source"] = {"paragraph": 2, "note": None}
    old_snapshot["origin"] = {k: v for k, v in old_snapshot["origin"].items() if k != "id"}
    from briefing.content.fingerprint import fingerprint

    assert fingerprint(old_snapshot) == figure.fingerprint() == entry_for(figure).fingerprint


def pack_text(body: str, sources: str = "  - {id: a, title: A, kind: article}\n  - {id: b, title: B, kind: report}\n") -> str:
    return f"format: 2\npack: p\ntitle: T\nsources:\n{sources}pillars:\n  - {{id: x, title: X, summary: S, key_messages: [M], source: {{doc: a, paragraph: 1}}}}\n{body}"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("lines:\n  - {id: l, kind: if-asked, text: T}\n", "an if-asked line needs its question"),
        ("lines:\n  - {id: l, kind: line-to-take, question: Q, text: T}\n", "a line to take has no question"),
        ("people:\n  - {id: nn, name: Nan Ng, role: Envoy, source: {doc: c, page: 1}}\n", "unknown source 'c' (use one of: a, b)"),
        ("people:\n  - {id: nn, name: Nan Ng, role: Envoy, source: {page: 1}}\n", "say which one this item cites"),
        ("people:\n  - {id: nn, name: Nan Ng, role: Envoy, source: {doc: a, page: 1, table: T}}\n", "exactly one place"),
        ("people:\n  - {id: nn, name: Nan Ng, role: Envoy, source: {doc: a}}\n", "exactly one place"),
        ("people:\n  - {id: nn, name: Nan Ng, role: Envoy, pillar: nowhere}\n", "unknown pillar 'nowhere'"),
        ("lines:\n  - {id: x, kind: line-to-take, text: T}\n", "duplicate id 'x'"),
        ("people:\n  - {id: nn, name: Nan Ng, role: Envoy, source: {doc: a, page: 1, span: [5, 2]}}\n", "must not end before it starts"),
    ],
)
def test_format_2_rules_are_located_problems(tmp_path, body, expected):
    write_pack(tmp_path, text=pack_text(body))
    problems = [str(p) for p in load_library([tmp_path]).problems]
    assert len(problems) == 1 and expected in problems[0] and problems[0].startswith(str(tmp_path / "test.yaml") + ":"), problems


def test_duplicate_source_ids_are_a_problem(tmp_path):
    write_pack(tmp_path, text=pack_text("", sources="  - {id: a, title: A, kind: article}\n  - {id: a, title: B, kind: report}\n"))
    [problem] = load_library([tmp_path]).problems
    assert "duplicate source id 'a' (first at line 5)" in str(problem)


def test_content_check_warns_of_pending_review_and_doubled_units_but_passes(tmp_path, capsys):
    text = MINIMAL.format(pack="w").replace(
        "    display: over 250 million\n    unit: passenger trips\n", "    display: 250 million trips\n    unit: trips\n"
    )
    text = text.replace("    source: {paragraph: 3}\n", "    source: {paragraph: 3}\n    review: pending\n")
    write_pack(tmp_path, text=text)
    assert main(["content", "check", "--content", str(tmp_path)]) == 0
    captured = capsys.readouterr()
    assert "all valid (2 warnings)" in captured.out
    warnings = captured.err.strip().splitlines()
    assert any("'250 million trips' already holds the unit 'trips', so it would print '250 million trips trips'" in w for w in warnings)
    assert any("quotation 'said': drafted, pending review" in w for w in warnings)
    assert all(w.startswith(f"warning: {tmp_path / 'test.yaml'}:") for w in warnings)


def test_the_seed_pack_has_no_warnings():
    assert load_library().warnings == []


@pytest.mark.parametrize(
    ("display", "value", "unit", "warns"),
    [
        ("over 250 million", 250_000_000, "passenger trips", []),
        ("over 260 million", 250_000_000, "passenger trips", ["shows 260,000,000 but value is 250,000,000"]),
        ("three", 3, "months", []),
        ("80th", 80, "anniversary", []),
        ("80th anniversary", 80, "anniversary", ["already holds the unit"]),
        ("1,000 tons", 1000, "tons of fresh water", ["already holds the unit"]),
        ("2025-2029", 5, "years", []),  # a range: its count is not shown, so not checked
        ("62.3 billion", 62.3, "dollars", []),  # the scale word belongs to the unit
    ],
)
def test_a_figures_display_is_checked_against_its_value_and_unit(display, value, unit, warns):
    found = figure_warnings(display, value, unit)
    assert len(found) == len(warns) and all(w in f for w, f in zip(warns, found, strict=True)), found


def test_shown_amounts():
    assert shown_amounts("10 million- kilowatt") == [10_000_000]
    assert shown_amounts("August 30 to September 4") == [30, 4]


def test_the_live_check_of_an_item_words_problems_as_content_check_does(tmp_path):
    from briefing.content.item_check import check_item

    text = (
        MINIMAL.format(pack="c")
        .replace("    verb: stated that\n", "")
        .replace("    pillar: trust\n    source: {paragraph: 2}", "    pillar: nowhere\n    source: {paragraph: 2}")
    )
    write_pack(tmp_path, text=text)
    loader = sorted(p.message for p in load_library([tmp_path]).problems)
    pack = load_library(extra=[DESK.parent]).packs["desk-lines"]
    figure = {
        "id": "f",
        "label": "L",
        "value": 1,
        "display": "1",
        "unit": "u",
        "pillar": "nowhere",
        "source": {"doc": "article", "paragraph": 1},
    }
    quote = {
        "id": "q",
        "speaker": "S",
        "role": "R",
        "kind": "reported",
        "text": "t",
        "occasion": "o",
        "pillar": "trade",
        "source": {"doc": "article", "paragraph": 1},
    }
    live = [p.message for p in check_item("figure", figure, pack) + check_item("quotation", quote, pack)]
    assert sorted(live) == loader
    [missing] = check_item("quotation", {k: v for k, v in quote.items() if k != "speaker"}, pack)
    assert (missing.field, missing.message) == ("speaker", "missing required field 'speaker'")
    [unsourced] = check_item("quotation", {k: v for k, v in quote.items() if k != "source"}, pack)
    assert (unsourced.field, unsourced.message) == ("source", "missing required field 'source'")
    [number] = check_item("figure", figure | {"value": "lots", "pillar": "trade"}, pack)
    assert (number.field, str(number)) == ("value", "'value' must be a number, not 'lots' (write digits, e.g. 250000000)")
    [doubled] = check_item("figure", figure | {"display": "1 u", "pillar": "trade"}, pack)
    assert doubled.warning and doubled.field == "display" and "already holds the unit 'u'" in doubled.message
    [taken] = check_item("figure", figure | {"pillar": "trade"}, pack, taken_ids={"f"})
    assert (taken.field, taken.message) == ("id", "duplicate id 'f'")


def test_snapshots_of_both_formats_and_the_new_kinds_are_typed():
    """A brief made before format 2 (origin without an id) and one using people and lines both pass the snapshot check."""
    from briefing.brief.snapshots import check_snapshots

    check_snapshots(load_brief(SAMPLE_BRIEF))
    desk = load_brief(FIXTURES / "desk.brief")
    check_snapshots(desk)
    assert {entry.kind for entry in desk.items} >= {"person", "line", "figure", "quotation", "pillar"}
