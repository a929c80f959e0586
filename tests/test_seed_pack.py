"""The seed content pack (content/cpec-action-plan-2025.yaml) checked against its source article.

Quotations and figure display texts must be the source's words in the paragraph
they cite, and every number in the article must be encoded as a figure (or be on
the commented allowlist below).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from briefing.content.library import load_library
from briefing.content.model import Pack
from briefing.content.packfile import read_pack

REPO = Path(__file__).resolve().parents[1]
PACK_PATH = REPO / "content" / "cpec-action-plan-2025.yaml"
SEED_PATH = REPO.parent / "shared" / "seeds" / "000_67544dfc3bc98209.txt"
AUTHOR = "Jiang Zaidong"


# --- the pack ---------------------------------------------------------------


@pytest.fixture(scope="module")
def pack() -> Pack:
    loaded, _doc, problems = read_pack(PACK_PATH)
    assert problems == [], "\n".join(str(p) for p in problems)
    assert loaded is not None
    return loaded


def all_items(pack: Pack):
    for plural in ("pillars", "figures", "quotations", "events", "projects"):
        for item in getattr(pack, plural):
            yield plural, item


# --- the source -------------------------------------------------------------


def split_paragraphs(text: str) -> list[str]:
    """The body paragraphs: blocks between blank lines, without the title and byline blocks."""
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if b.strip()]
    return blocks[2:]


@pytest.fixture(scope="module")
def paragraphs() -> dict[int, str]:
    """Paragraph number (from 1) to text; skipped without the seed, but required in CI."""
    if not SEED_PATH.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"seed text {SEED_PATH} is missing in CI")
        pytest.skip("seed text not present")
    text = SEED_PATH.read_text(encoding="utf-8")
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text) if b.strip()]
    # The rule recorded in source.paragraphing: the first two blocks are title and byline.
    assert blocks[0].startswith("\u2014"), blocks[0][:40]
    assert blocks[1].startswith("By H.E."), blocks[1][:40]
    body = split_paragraphs(text)
    assert body[0].startswith("At the invitation of H.E. President Xi Jinping")
    return dict(enumerate(body, start=1))


QUOTED = re.compile(r"\u201c([^\u201d]*)\u201d|\"([^\"]*)\"")


def quoted_spans(paragraph: str) -> list[str]:
    """The texts inside quotation marks (curly or straight) in a paragraph."""
    return [m.group(1) if m.group(1) is not None else m.group(2) for m in QUOTED.finditer(paragraph)]


def strip_stop(text: str) -> str:
    return text.rstrip().rstrip(".").rstrip()


# --- loading ----------------------------------------------------------------


def test_pack_loads_without_problems(pack: Pack) -> None:
    assert pack.pack == "cpec-action-plan-2025"
    assert pack.format == 2
    [source] = pack.sources
    assert source.id == "main" and source.author == AUTHOR
    assert source.publication is None  # the source does not name it
    assert source.paragraphing


def test_pack_file_starts_with_schema_line() -> None:
    first = PACK_PATH.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../assets/schemas/content-pack.schema.json"


def test_pack_loads_in_a_library() -> None:
    library = load_library(folders=[PACK_PATH.parent])
    assert [str(p) for p in library.problems if str(PACK_PATH.name) in str(p)] == []
    assert "cpec-action-plan-2025" in library.packs
    assert library.get("cpec-action-plan-2025/orange-line-passenger-trips") is not None


def test_five_pillars(pack: Pack) -> None:
    assert len(pack.pillars) == 5
    assert sorted(p.source.paragraph for p in pack.pillars) == [3, 5, 7, 9, 11]
    for pillar in pack.pillars:
        assert 3 <= len(pillar.key_messages) <= 5, pillar.id


def test_ids_unique(pack: Pack) -> None:
    ids = [item.id for _plural, item in all_items(pack)]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    assert duplicates == []


def test_every_pillar_reference_exists(pack: Pack) -> None:
    pillar_ids = {p.id for p in pack.pillars}
    for plural, item in all_items(pack):
        if plural != "pillars":
            assert item.pillar in pillar_ids, f"{plural}/{item.id}: unknown pillar {item.pillar}"


def test_every_kind_is_present(pack: Pack) -> None:
    assert pack.figures and pack.quotations and pack.events and pack.projects


# --- against the source -----------------------------------------------------


def test_fourteen_paragraphs(paragraphs: dict[int, str]) -> None:
    assert len(paragraphs) == 14
    assert paragraphs[14].startswith("We are ready to work with our ironclad friends")


def test_source_paragraphs_exist(pack: Pack, paragraphs: dict[int, str]) -> None:
    for plural, item in all_items(pack):
        assert item.source.paragraph in paragraphs, f"{plural}/{item.id}: no paragraph {item.source.paragraph}"


def test_direct_quotations_are_verbatim(pack: Pack, paragraphs: dict[int, str]) -> None:
    directs = [q for q in pack.quotations if q.kind == "direct"]
    assert directs
    for q in directs:
        para = paragraphs[q.source.paragraph]
        if q.speaker == AUTHOR:
            # The article author's own words in his own article.
            assert q.text in para, f"{q.id}: not verbatim in para {q.source.paragraph}"
        else:
            spans = quoted_spans(para)
            assert any(q.text in span for span in spans), f"{q.id}: not inside quotation marks in para {q.source.paragraph}"
            assert q.verb is None, f"{q.id}: a direct quotation has no reporting verb"


def test_reported_quotations_follow_their_verb(pack: Pack, paragraphs: dict[int, str]) -> None:
    reported = [q for q in pack.quotations if q.kind == "reported"]
    assert reported
    for q in reported:
        para = paragraphs[q.source.paragraph]
        assert q.verb, f"{q.id}: reported speech needs its verb"
        assert strip_stop(f"{q.verb} {q.text}") in para, f"{q.id}: '{q.verb} {q.text}' not in para {q.source.paragraph}"
        assert not any(strip_stop(q.text) in span for span in quoted_spans(para)), f"{q.id}: quoted text should be kind direct"


def test_quotation_speakers_are_named_in_their_paragraph(pack: Pack, paragraphs: dict[int, str]) -> None:
    for q in pack.quotations:
        if q.speaker == AUTHOR:
            assert q.role == pack.sources[0].author_role
            continue
        para = paragraphs[q.source.paragraph]
        surname_or_name = q.speaker.split()[0]  # "Shehbaz" is how the article names the Prime Minister
        assert surname_or_name in para, f"{q.id}: {q.speaker} not named in para {q.source.paragraph}"


def test_figure_display_is_verbatim(pack: Pack, paragraphs: dict[int, str]) -> None:
    for f in pack.figures:
        assert f.display in paragraphs[f.source.paragraph], f"{f.id}: {f.display!r} not in para {f.source.paragraph}"


# Number-like tokens: digits (1,000  2.0  2025-2029  80th  250 million), number
# words (three, five, twenty-fifth, ...) and Roman numerals (II).
_SCALE = r"(?:\s+(?:hundred|thousand|million|billion))?"
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:-\d+)?(?:st|nd|rd|th)?" + _SCALE
_UNITS = "one|two|three|four|five|six|seven|eight|nine"
_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_ORD = "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|[a-z]+teenth|[a-z]+tieth"
_WORD = rf"(?:(?:{_TENS})-)?(?:{_ORD}|{_TEENS}|{_TENS}|{_UNITS}|hundred|thousand|million|billion|dozen)"
NUMBER = re.compile(rf"(?<![\w.])(?:{_DIGITS}|(?i:\b{_WORD}\b)" + _SCALE + r"|\b[IVX]{2,}\b)")

# Number-like text that is not a figure. Each entry: (paragraph or None for any, phrase containing the token).
ALLOWLIST: list[tuple[int | None, str]] = [
    (5, "Corridor 2.0"),  # a name: the corridor's second phase (encoded as the project cpec-2-0)
    (6, "Satellite-1"),  # a name: Pakistan Remote Sensing Satellite-1 (project prss-1)
    (6, "PRSS-1"),  # the same satellite's short name
    (6, "Highway II"),  # a name: Karakoram Highway II (project karakoram-highway-ii-realignment)
    (11, "World War II"),  # a name, not a count
    (12, "World War II"),  # a name, not a count
    (None, "two sides"),  # "the two sides": the two countries, not a quantity
    (None, "two countries"),
    (None, "two leaders"),
    (None, "two peoples"),
]


def number_tokens(paragraph: str) -> list[re.Match[str]]:
    return list(NUMBER.finditer(paragraph))


def _spans(paragraph: str, phrase: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(re.escape(phrase), paragraph)]


def test_number_regex_finds_the_tricky_ones() -> None:
    sample = "the twenty-fifth meeting, 1,000 tons, 2025-2029, over 250 million trips, three months, Corridor 2.0, World War II, 80th"
    found = [m.group(0) for m in NUMBER.finditer(sample)]
    assert found == ["twenty-fifth", "1,000", "2025-2029", "250 million", "three", "2.0", "II", "80th"]


def test_every_number_in_the_article_is_a_figure(pack: Pack, paragraphs: dict[int, str]) -> None:
    missing = []
    for number, para in paragraphs.items():
        figures = [f for f in pack.figures if f.source.paragraph == number]
        covered: list[tuple[int, int]] = []
        for f in figures:
            covered += _spans(para, f.display)
        for where, phrase in ALLOWLIST:
            if where in (None, number):
                covered += _spans(para, phrase)
        periods = " ".join(f.period or "" for f in figures)
        for token in number_tokens(para):
            inside = any(start <= token.start() and token.end() <= end for start, end in covered)
            # A year range worded "from 2025 to 2029" is covered by a figure whose period is 2025-2029.
            in_period = token.group(0).isdigit() and len(token.group(0)) == 4 and token.group(0) in periods
            if not (inside or in_period):
                missing.append(f"para {number}: {token.group(0)!r} near {para[max(0, token.start() - 30) : token.end() + 30]!r}")
    assert missing == [], "numbers without a figure:\n" + "\n".join(missing)


def test_allowlist_entries_are_used(paragraphs: dict[int, str]) -> None:
    """Every allowlist phrase occurs (so stale entries do not hide anything)."""
    for where, phrase in ALLOWLIST:
        places = [n for n, p in paragraphs.items() if phrase in p and where in (None, n)]
        assert places, f"allowlist entry {phrase!r} (para {where}) matches nothing"


def test_required_figures(pack: Pack) -> None:
    by_display: dict[tuple[int, str], list] = {}
    for f in pack.figures:
        by_display.setdefault((f.source.paragraph, f.display), []).append(f)
    expected = {
        (1, "twenty-fifth"): 25,
        (1, "80th"): 80,
        (2, "2025-2029"): 5,
        (3, "over 200 million"): 200_000_000,
        (3, "74"): 74,
        (4, "three"): 3,
        (4, "80th"): 80,
        (6, "1,000"): 1000,
        (7, "over 250 million"): 250_000_000,
        (7, "more than 300,000"): 300_000,
        (7, "over 500"): 500,
        (7, "1,000"): 1000,
        (7, "70,000"): 70_000,
        (7, "23"): 23,
        (7, "766"): 766,
        (8, "3,000"): 3000,
        (8, "10 million-kilowatt"): 10_000_000,
        (8, "10 million- kilowatt"): 10_000_000,
        (8, "75th"): 75,
    }
    for key, value in expected.items():
        assert key in by_display, f"no figure for {key}"
        assert all(f.value == value for f in by_display[key]), key
    assert len(by_display[(11, "80th")]) == 3  # victory, Anti-Fascist War, the UN


def test_qualifiers_match_display(pack: Pack) -> None:
    for f in pack.figures:
        words = f.display.lower()
        if words.startswith("over "):
            assert f.qualifier == "over", f.id
        elif words.startswith("more than "):
            assert f.qualifier == "more than", f.id
        elif re.search(r"\d(st|nd|rd|th)\b|fifth|first|second|third", words):
            assert f.qualifier == "ordinal", f.id
