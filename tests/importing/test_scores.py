"""The issue's thresholds on the seed article, scored against the hand-made seed pack, and a floor for the whole gold set."""

from __future__ import annotations

import pytest

from briefing.importing.extract import import_file


@pytest.fixture(scope="module")
def seed_tallies(scoring, seed_text):
    keys, left_out = scoring.seed_keys(ordinals=False)
    assert all("ordinal" in why or "date or year" in why or "author's own" in why for why in left_out)
    return scoring.score(import_file(seed_text), keys)


def test_seed_figure_recall_at_least_95_percent(seed_tallies):
    assert seed_tallies["figure"].recall() >= 0.95, seed_tallies["figure"].missed


def test_seed_named_speaker_statement_recall_at_least_90_percent(seed_tallies):
    assert seed_tallies["statement"].recall() >= 0.90, seed_tallies["statement"].missed


def test_seed_precision_at_least_90_percent_per_kind(seed_tallies):
    for kind, tally in seed_tallies.items():
        assert tally.proposed, kind
        assert tally.precision() >= 0.90, (kind, tally.extra)


def test_seed_no_reported_statement_is_marked_direct(seed_tallies, seed_text):
    assert seed_tallies["statement"].reported_as_direct == 0
    directs = [c for c in import_file(seed_text).of_kind("quotation") if c.fields["quote_kind"] == "direct"]
    assert [c.paragraph for c in directs] == [13]


def test_seed_with_ordinals_keeps_figure_recall(scoring, seed_text):
    keys, _ = scoring.seed_keys(ordinals=True)
    tally = scoring.score(import_file(seed_text, ordinals=True), keys)["figure"]
    assert tally.recall() >= 0.95 and tally.precision() >= 0.90, (tally.missed, tally.extra)


def test_whole_gold_set_floor(scoring, built_gold, seed_text):
    """Not the issue's thresholds (those are for the seed): a floor so a regression shows. Figures are in benchmarks/README.md."""
    total = {kind: scoring.Tally() for kind in scoring.KINDS}
    for _name, result, keys in scoring.gold_set(built_gold):
        for kind, tally in scoring.score(result, keys).items():
            total[kind].add(tally)
    assert total["figure"].recall() >= 0.95 and total["statement"].recall() >= 0.95
    floors = {"figure": 0.95, "statement": 0.95, "event": 0.9, "project": 0.9, "pillar": 0.75}  # pillar: the one-pillar fallback counts
    assert {k: t.precision() >= floors[k] for k, t in total.items()} == dict.fromkeys(floors, True)
    assert sum(t.reported_as_direct for t in total.values()) == 0
