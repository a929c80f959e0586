"""A brief with items, notes and sections at every level of a marking scheme, each holding words found nowhere else."""

from __future__ import annotations

from pathlib import Path

from briefing.brief.model import Brief, entry_for
from briefing.content.library import Library, load_library
from briefing.style import Scheme


def token(part: str, level: int) -> str:
    """A word that exists only in the portion it marks: ``tokf3x`` is part f of level 3."""
    return f"tok{part}{level}x"


def _pack(scheme: Scheme) -> str:
    lines = [
        "format: 1",
        "pack: lv",
        "title: Levelled test pack",
        "source: {title: The levelled article, author: A. Author, date: '2025-09', kind: article}",
        "pillars:",
    ]
    for i, level in enumerate(scheme.ids()):
        lines += [
            f"  - {{id: p{i}, title: 'Pillar {token('a', i)}', summary: 'Summary {token('b', i)}.',"
            f" key_messages: ['Message {token('c', i)}.'], source: {{paragraph: 1}}, level: '{level}', tags: [{token('t', i)}]}}"
        ]
    lines.append("figures:")
    for i, level in enumerate(scheme.ids()):
        lines.append(
            f"  - {{id: f{i}, label: 'Figure {token('d', i)}', value: {i + 1}, display: 'about {i + 1}', unit: 'units {token('e', i)}',"
            f" as_of: '2025-09', pillar: p{i}, source: {{paragraph: 2}}, level: '{level}'}}"
        )
    for j in range(len(scheme.levels)):  # lowest-level figures that carry a note at level j
        lines.append(
            f"  - {{id: g{j}, label: 'Noted figure {j}', value: {j}, display: 'exactly {j}', unit: 'things', pillar: p0, source: {{paragraph: 2}}}}"
        )
    lines.append("quotations:")
    for i, level in enumerate(scheme.ids()):
        lines.append(
            f"  - {{id: q{i}, speaker: 'Speaker {token('s', i)}', role: Minister, occasion: A meeting, kind: reported, verb: stated that,"
            f" text: 'the point {token('f', i)} holds', pillar: p{i}, source: {{paragraph: 3}}, level: '{level}'}}"
        )
    lines.append("events:")
    for i, level in enumerate(scheme.ids()):
        lines.append(
            f"  - {{id: e{i}, kind: visit, title: 'Visit {token('g', i)}', summary: 'It went {token('h', i)}.', date: '2025',"
            f" pillar: p{i}, source: {{paragraph: 4}}, level: '{level}'}}"
        )
    return "\n".join(lines) + "\n"


def levelled_library(folder: Path, scheme: Scheme) -> Library:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "lv.yaml").write_text(_pack(scheme), encoding="utf-8")
    library = load_library([folder])
    assert not library.problems, library.problems
    return library


def levelled_brief(library: Library, scheme_id: str, scheme: Scheme, template: str = "briefing-pack") -> Brief:
    """Every item of the levelled pack; note j on figure g_j at level j; sections at the lowest, a middle and the top level."""
    levels = scheme.ids()
    brief = Brief(template=template)
    brief.meta.scheme = scheme_id
    brief.meta.title = "The levelled brief"
    brief.meta.occasion = "A test meeting"
    kinds = ("p", "f", "q", "e")
    for i in range(len(levels)):
        for kind in kinds:
            brief.items.append(entry_for(library.get(f"lv/{kind}{i}")))
    for j, level in enumerate(levels):
        entry = entry_for(library.get(f"lv/g{j}"))
        entry.note, entry.note_level = f"A note {token('n', j)}.", level
        brief.items.append(entry)
    mid, top = len(levels) // 2, len(levels) - 1
    brief.sections.purpose.text, brief.sections.purpose.level = f"Purpose {token('u', 0)}.", levels[0]
    brief.sections.background.text, brief.sections.background.level = f"Background {token('k', mid)}.", levels[mid]
    brief.sections.recommendation.text, brief.sections.recommendation.level = f"Recommend {token('r', top)}.", levels[top]
    return brief


def tokens_of(brief_levels: int) -> dict[int, list[str]]:
    """Every token of the levelled brief by level (sections only at their own level)."""
    mid, top = brief_levels // 2, brief_levels - 1
    out = {i: [token(p, i) for p in "abcdefghstn"] for i in range(brief_levels)}
    out[0].append(token("u", 0))
    out[mid].append(token("k", mid))
    out[top].append(token("r", top))
    return out
