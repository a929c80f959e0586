"""Small content packs written by tests."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from briefing.content.library import Library, load_library

MINIMAL = """\
format: 1
pack: {pack}
title: Test pack
source:
  title: A test article
  author: A. Author
  date: "2025-09"
  kind: article
pillars:
  - id: trust
    title: Trust
    summary: Our summary.
    key_messages: [Trust matters.]
    source: {{paragraph: 1}}
figures:
  - id: trips
    label: Passenger trips
    value: 250000000
    display: over 250 million
    unit: passenger trips
    qualifier: over
    as_of: "2025-09"
    pillar: trust
    source: {{paragraph: 2}}
quotations:
  - id: said
    speaker: Xi Jinping
    speaker_title: President
    role: President of China
    kind: reported
    verb: stated that
    text: the bond is strong
    occasion: A meeting
    pillar: trust
    source: {{paragraph: 3}}
"""


def write_pack(folder: Path, name: str = "test.yaml", pack: str = "test", text: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text if text is not None else MINIMAL.format(pack=pack), encoding="utf-8")
    return path


def generated_library(folder: Path, items: int) -> Library:
    """The bundled pack plus ``items`` generated ones in two packs (the benchmark's generator)."""
    script = Path(__file__).resolve().parents[1] / "benchmarks" / "generate_library.py"
    spec = importlib.util.spec_from_file_location("generate_library", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.generate(folder, total=items, packs=2)
    return load_library(extra=[folder])
