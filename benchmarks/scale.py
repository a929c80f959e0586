"""Scale: a generated library of 10,000 items — load (cold and cached), cache invalidation, search, a 300-item pack.

run.py calls these functions in its own process; the folder comes from
generate_library.py. Every function sets BRIEFING_HOME itself where the disk
cache matters, so the user's own cache is never read or written.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from _common import Stats, time_calls
from generate_library import generate

NOTE = (
    "Raise this with the delegation and ask for their latest figures; the embassy's economic section "
    "confirmed the numbers in June and will send an update before the visit."
)


def make_library(folder: Path, items: int = 10_000) -> list[Path]:
    """Write the generated packs (see generate_library.py)."""
    return generate(folder, items)


def _fresh_home() -> Path:
    home = Path(tempfile.mkdtemp(prefix="briefing-scale-"))
    os.environ["BRIEFING_HOME"] = str(home)
    return home


def _load(folder: Path):
    from briefing.content.library import load_library

    return load_library(extra=[folder])


def measure_load(folder: Path, cold_runs: int, warm_runs: int) -> dict:
    """Library load times: cold (empty cache: YAML parse and validation), warm (disk cache) and hot (in-memory memo)."""
    from briefing.content import cache

    def cold() -> None:
        _fresh_home()
        cache.clear()
        _load(folder)

    def warm() -> None:
        cache.clear()
        _load(folder)

    cold_samples = time_calls(cold, cold_runs, warmup=0)
    warm_samples = time_calls(warm, warm_runs, warmup=1)
    hot_samples = time_calls(lambda: _load(folder), warm_runs, warmup=1)
    return {"items": len(_load(folder)), "cold": Stats.of(cold_samples), "warm": Stats.of(warm_samples), "hot": Stats.of(hot_samples)}


def _count_parses(action: Callable[[], object]) -> tuple[object, int]:
    """Run ``action`` counting the pack files parsed from YAML (cache misses)."""
    from briefing.content import cache as library

    original, calls = library.read_pack, []

    def counting(path):
        calls.append(path)
        return original(path)

    library.read_pack = counting
    try:
        return action(), len(calls)
    finally:
        library.read_pack = original


def verify_invalidation(folder: Path) -> dict:
    """Touch one pack, then change one: each must be parsed again (and only it), and the change must show."""
    target = min(folder.glob("*.yaml"))
    _load(folder)  # everything cached
    _, unchanged = _count_parses(lambda: _load(folder))
    stat = target.stat()
    os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    _, touched = _count_parses(lambda: _load(folder))
    original = target.read_text(encoding="utf-8")
    marker = "Benchmark pack edited"
    target.write_text(original.replace("Benchmark pack", marker, 1), encoding="utf-8")
    try:
        library, edited = _count_parses(lambda: _load(folder))
        shows = any(pack.title.startswith(marker) for pack in library.packs.values())
    finally:
        target.write_text(original, encoding="utf-8")
    ok = unchanged == 0 and touched == 1 and edited == 1 and shows
    return {"ok": ok, "parsed_when_unchanged": unchanged, "parsed_after_touch": touched, "parsed_after_edit": edited, "edit_visible": shows}


def measure_search(library, words: tuple[str, ...], repeats: int) -> dict:
    """Build the search index, then type each word letter by letter; per keystroke the median of ``repeats`` searches."""
    from briefing.content.search import Query, SearchIndex

    start = time.perf_counter()
    index = SearchIndex(library)
    build = time.perf_counter() - start
    per_key = []
    for word in words:
        for end in range(1, len(word) + 1):
            per_key.append(statistics.median(time_calls(partial(index.search, Query(word[:end])), repeats, warmup=1)))
    return {"index_build": build, "keystroke": Stats.of(per_key), "words": list(words)}


def pack_brief(library, size: int = 300):
    """A briefing-pack brief of ``size`` items: every generated pillar, then other items spread over all packs, each with a note."""
    from briefing.brief.model import Brief, entry_for

    pillars = [item for item in library if item.kind == "pillar" and item.pack.startswith("bench-")][: size // 3]
    others = [item for item in library if item.kind != "pillar" and item.pack.startswith("bench-")]
    wanted = size - len(pillars)
    chosen = pillars + others[:: max(1, len(others) // wanted)][:wanted]
    brief = Brief(template="briefing-pack")
    brief.meta.title = "Briefing pack: the generated library"
    brief.meta.occasion = "Scale benchmark"
    brief.items = [entry_for(item) for item in chosen]
    for entry in brief.items:
        entry.note = NOTE
    return brief


def measure_pack(library, runs: int) -> dict:
    """Export the 300-item briefing pack to PDF and to Word, ``runs`` times each, alternating."""
    from briefing.export import export_brief, options_for

    brief, options = pack_brief(library), options_for()
    pages = {}
    samples: dict[str, list[float]] = {"pdf": [], "docx": []}
    with tempfile.TemporaryDirectory(prefix="briefing-pack-") as tmp:
        for _ in range(runs):
            for fmt, durations in samples.items():
                start = time.perf_counter()
                result = export_brief(brief, library, [fmt], Path(tmp) / f"pack.{fmt}", options=options)
                durations.append(time.perf_counter() - start)
                pages[fmt] = result.pages
    return {"items": len(brief.items), "pages": pages.get("pdf"), "pdf": Stats.of(samples["pdf"]), "docx": Stats.of(samples["docx"])}
