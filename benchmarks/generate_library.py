"""Generate a large, valid content library for benchmarks: ``python benchmarks/generate_library.py DIR [--items 10000]``."""

from __future__ import annotations

import argparse
import random
from pathlib import Path

WORDS = [
    "corridor",
    "port",
    "energy",
    "trade",
    "security",
    "youth",
    "education",
    "health",
    "water",
    "transport",
    "agriculture",
    "mining",
    "digital",
    "satellite",
    "hospital",
    "school",
    "railway",
    "highway",
    "airport",
    "training",
    "scholarship",
    "investment",
    "exports",
    "friendship",
]
KINDS = ("figures", "quotations", "events", "projects")


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def pack_text(pack: int, items: int, rng: random.Random) -> str:
    """One pack with 5 pillars and ``items`` further items spread over the kinds."""
    lines = [
        "format: 1",
        f"pack: bench-{pack:03d}",
        f"title: {_q(f'Benchmark pack {pack}')}",
        "source:",
        f"  title: {_q(f'Generated article {pack}')}",
        "  author: Benchmark Generator",
        '  date: "2025-09"',
        "  kind: article",
        "pillars:",
    ]
    for p in range(5):
        words = " ".join(rng.choices(WORDS, k=12))
        lines += [
            f"  - id: pillar-{p}",
            f"    title: {_q(f'Pillar {p} {rng.choice(WORDS)}')}",
            f"    summary: {_q(words.capitalize() + '.')}",
            f"    key_messages: [{_q('We will deepen ' + rng.choice(WORDS) + ' cooperation.')}]",
            "    source: {paragraph: 1}",
        ]
    buckets: dict[str, list[str]] = {kind: [] for kind in KINDS}
    for i in range(items - 5):
        kind = KINDS[i % len(KINDS)]
        pillar = f"pillar-{rng.randrange(5)}"
        words = " ".join(rng.choices(WORDS, k=10))
        para = rng.randint(1, 14)
        out = buckets[kind]
        if kind == "figures":
            value = rng.randint(1, 10**9)
            out += [
                f"  - id: figure-{i}",
                f"    label: {_q(f'{rng.choice(WORDS).capitalize()} {rng.choice(WORDS)} total')}",
                f"    value: {value}",
                f"    display: {_q(f'{value:,}')}",
                f"    unit: {rng.choice(WORDS)}",
                '    as_of: "2025-06"',
                f"    pillar: {pillar}",
                f"    tags: [{rng.choice(WORDS)}]",
                f"    source: {{paragraph: {para}}}",
            ]
        elif kind == "quotations":
            out += [
                f"  - id: quote-{i}",
                f"    speaker: {_q(f'Speaker {rng.randrange(200)}')}",
                "    speaker_title: Minister",
                "    role: Minister of Examples",
                "    kind: reported",
                "    verb: stated that",
                f"    text: {_q(words)}",
                "    occasion: A generated meeting",
                f"    pillar: {pillar}",
                f"    source: {{paragraph: {para}}}",
            ]
        elif kind == "events":
            out += [
                f"  - id: event-{i}",
                "    kind: visit",
                f"    title: {_q(f'Visit on {rng.choice(WORDS)}')}",
                f"    summary: {_q(words)}",
                '    date: "2025-02"',
                f"    pillar: {pillar}",
                f"    source: {{paragraph: {para}}}",
            ]
        else:
            out += [
                f"  - id: project-{i}",
                f"    name: {_q(f'{rng.choice(WORDS).capitalize()} project {i}')}",
                f"    summary: {_q(words)}",
                "    status: under way",
                f"    pillar: {pillar}",
                f"    source: {{paragraph: {para}}}",
            ]
    for kind in KINDS:
        lines.append(f"{kind}:" + ("" if buckets[kind] else " []"))
        lines += buckets[kind]
    return "\n".join(lines) + "\n"


def generate(folder: Path, total: int = 10_000, packs: int = 20, seed: int = 1) -> list[Path]:
    """Write ``packs`` pack files holding ``total`` items in all to ``folder``."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    per_pack = total // packs
    written = []
    for pack in range(packs):
        path = folder / f"bench-{pack:03d}.yaml"
        path.write_text(pack_text(pack, per_pack, rng), encoding="utf-8")
        written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--packs", type=int, default=20)
    args = parser.parse_args()
    paths = generate(args.folder, args.items, args.packs)
    print(f"wrote {args.items} items in {len(paths)} packs to {args.folder}")


if __name__ == "__main__":
    main()
