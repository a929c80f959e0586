"""Score the import assistant against the gold set: precision and recall per kind, and the 30-page PDF's import time.

    python benchmarks/import_score.py            # table for every gold source and the whole set
    python benchmarks/import_score.py --json     # the same as JSON
    python benchmarks/import_score.py --ordinals # also count ordinals as figures (the seed pack has them)

The gold set is tests/importing/gold/ (texts with hand-made `*.key.yaml` answer
keys; the .docx and .pdf are built by its build.py) plus the seed article,
scored against the hand-made seed pack content/cpec-action-plan-2025.yaml.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO / "tests" / "importing" / "gold"
SEED_TEXT = REPO.parent / "shared" / "seeds" / "000_67544dfc3bc98209.txt"
SEED_PACK = REPO / "content" / "cpec-action-plan-2025.yaml"
KINDS = ("figure", "statement", "event", "project", "pillar")
sys.path[:0] = [str(REPO), str(GOLD)]

from briefing.importing.extract import import_file  # noqa: E402
from briefing.importing.model import Candidate, ImportResult  # noqa: E402

_SMALL = {"the", "and", "of", "to", "in", "on", "for", "with", "a", "an", "at", "by", "his", "her", "its", "s", "h", "e"}


def words(text: str) -> set[str]:
    """Content words cut to five letters, so "visited" meets "visit" and "proposes" meets "proposed"."""
    return {w[:5] for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in _SMALL}


@dataclass
class Key:
    """One expected item: its kind, paragraphs it may cite, the source words, and kind-specific facts."""

    kind: str
    paragraphs: set[int]
    text: str
    value: float | None = None
    speaker: str | None = None
    quote_kind: str | None = None


@dataclass
class Tally:
    found: int = 0
    proposed: int = 0
    expected: int = 0
    missed: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    reported_as_direct: int = 0

    def add(self, other: Tally) -> None:
        self.found += other.found
        self.proposed += other.proposed
        self.expected += other.expected
        self.missed += other.missed
        self.extra += other.extra
        self.reported_as_direct += other.reported_as_direct

    def precision(self) -> float | None:
        return self.found / self.proposed if self.proposed else None

    def recall(self) -> float | None:
        return self.found / self.expected if self.expected else None


def gold_keys(path: Path) -> list[Key]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    keys = [Key("figure", {f["paragraph"]}, f["display"], value=f["value"]) for f in data.get("figures") or []]
    keys += [
        Key("statement", {s["paragraph"]}, s["text"], speaker=s["speaker"], quote_kind=s["kind"]) for s in data.get("statements") or []
    ]
    keys += [Key("event", {e["paragraph"]}, e["text"]) for e in data.get("events") or []]
    keys += [Key("project", {p["paragraph"]}, p["name"]) for p in data.get("projects") or []]
    keys += [Key("pillar", {p["paragraph"]}, p["title"]) for p in data.get("pillars") or []]
    return keys


def _paragraphs(source: dict) -> set[int]:
    """The cited paragraph plus any named in the note ("also paras 4, 8 and 11")."""
    found = {source["paragraph"]}
    note = source.get("note") or ""
    if re.search(r"\bparas?\b", note):
        found |= {int(n) for n in re.findall(r"\b(\d{1,2})\b", note)}
    return found


def is_date_or_year(display: str) -> bool:
    """Seed-pack figures that are dates or year spans ("2025-2029", "August 30 to September 4"): not figures by the assistant's rule."""
    months = "January|February|March|April|May|June|July|August|September|October|November|December"
    return bool(re.fullmatch(r"(?:19|20)\d\d\s?[-\u2013]\s?(?:19|20)\d\d", display) or re.search(months, display))


def seed_keys(*, ordinals: bool) -> tuple[list[Key], list[str]]:
    """Keys from the hand-made seed pack, and what was left out of scoring (with why)."""
    pack = yaml.safe_load(SEED_PACK.read_text(encoding="utf-8"))
    author = (pack.get("source") or pack["sources"][0])["author"]  # format 1 or 2
    keys: list[Key] = []
    left_out: list[str] = []
    for f in pack["figures"]:
        if is_date_or_year(f["display"]):
            left_out.append(f"figure {f['display']!r}: a date or year span")
        elif f["qualifier"] == "ordinal" and not ordinals:
            left_out.append(f"figure {f['display']!r}: an ordinal")
        else:
            keys.append(Key("figure", {f["source"]["paragraph"]}, f["display"], value=f["value"]))
    for q in pack["quotations"]:
        if q["speaker"] == author:
            left_out.append(f"statement {q['id']}: the author's own sentence, chosen by the editor")
            continue
        keys.append(Key("statement", {q["source"]["paragraph"]}, q["text"], speaker=q["speaker"], quote_kind=q["kind"]))
    keys += [Key("event", _paragraphs(e["source"]), e["title"]) for e in pack["events"]]
    keys += [Key("project", _paragraphs(p["source"]), p["name"]) for p in pack["projects"]]
    keys += [Key("pillar", {p["source"]["paragraph"]}, p["title"]) for p in pack["pillars"]]
    return keys, left_out


def _occurrences(paragraph: str, text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(re.escape(text.rstrip(".").strip()), paragraph)]


def _overlaps(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(span[0] < e and s < span[1] for s, e in spans)


def match_score(result: ImportResult, c: Candidate, k: Key) -> float:
    """How well candidate ``c`` answers key ``k`` (0 = not at all)."""
    if c.paragraph not in k.paragraphs:
        return 0.0
    paragraph = result.document.paragraph(c.paragraph).text
    if k.kind == "figure":
        same = k.value is not None and abs(float(c.fields["value"]) - float(k.value)) <= 1e-9 * max(1.0, abs(float(k.value)))
        return 1.0 if same and _overlaps(c.span, _occurrences(paragraph, k.text)) else 0.0
    if k.kind == "statement":
        speaker_ok = bool(words(c.fields["speaker"]) & words(k.speaker or ""))
        return 1.0 if speaker_ok and _overlaps(c.span, _occurrences(paragraph, k.text[:60])) else 0.0
    if k.kind == "pillar":
        return 1.0
    ours, theirs = words(c.text), words(k.text)
    if _overlaps(c.span, _occurrences(paragraph, k.text)):
        return 1.0
    shared = len(ours & theirs)
    return shared / len(ours | theirs) if ours and theirs and shared >= 0.5 * min(len(ours), len(theirs)) else 0.0


def score(result: ImportResult, keys: list[Key]) -> dict[str, Tally]:
    """Tallies per kind: each key answered by at most one candidate, best matches first."""
    tallies = {kind: Tally() for kind in KINDS}
    for kind in KINDS:
        ours = [c for c in result.candidates if (c.kind == "quotation" if kind == "statement" else c.kind == kind)]
        theirs = [k for k in keys if k.kind == kind]
        pairs = sorted(((match_score(result, c, k), i, j) for i, c in enumerate(ours) for j, k in enumerate(theirs)), reverse=True)
        used_c: set[int] = set()
        used_k: set[int] = set()
        tally = tallies[kind]
        for value, i, j in pairs:
            if value <= 0 or i in used_c or j in used_k:
                continue
            used_c.add(i)
            used_k.add(j)
            if kind == "statement" and ours[i].fields["quote_kind"] != theirs[j].quote_kind:
                tally.reported_as_direct += theirs[j].quote_kind == "reported"
                used_c.discard(i)
                continue
            tally.found += 1
        tally.proposed, tally.expected = len(ours), len(theirs)
        tally.missed = [f"para {sorted(k.paragraphs)[0]}: {k.text[:70]}" for j, k in enumerate(theirs) if j not in used_k]
        tally.extra = [f"para {c.paragraph}: {c.text[:70]}" for i, c in enumerate(ours) if i not in used_c]
    return tallies


def gold_set(folder: Path, *, ordinals: bool = False) -> list[tuple[str, ImportResult, list[Key]]]:
    """(name, import result, keys) for every gold source, the seed first."""
    from build import build_all

    build_all(folder)
    out = []
    if SEED_TEXT.exists():
        out.append(("seed article", import_file(SEED_TEXT, ordinals=ordinals), seed_keys(ordinals=ordinals)[0]))
    for key_path in sorted(GOLD.glob("*.key.yaml")):
        name = yaml.safe_load(key_path.read_text(encoding="utf-8"))["source"]
        source = GOLD / name if (GOLD / name).exists() else folder / name
        out.append((name, import_file(source, ordinals=ordinals), gold_keys(key_path)))
    return out


def time_long_pdf(folder: Path, pages: int = 30, runs: int = 3) -> dict[str, float]:
    from build import long_pdf

    from briefing.importing.readers import read_source
    from briefing.importing.sentences import sentence_spans

    path = long_pdf(folder / "long.pdf", pages)
    count = len({p.page for p in read_source(path).paragraphs})
    times, cpu = [], []
    for _ in range(runs):
        sentence_spans.cache_clear()
        start, start_cpu = time.perf_counter(), time.process_time()
        import_file(path)
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    cli, cli_cpu = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        command = [sys.executable, "-m", "briefing", "import", str(path), "-o", str(folder / "long.yaml")]
        subprocess.run(command, check=True, capture_output=True, cwd=REPO, env=dict(os.environ, PYTHONPATH=str(REPO)))
        cli.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cli_cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    median = statistics.median
    return {"pages": count, "wall_s": median(times), "cpu_s": median(cpu), "cli_wall_s": median(cli), "cli_cpu_s": median(cli_cpu)}


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def report(rows: list[tuple[str, dict[str, Tally]]]) -> str:
    lines = ["| source | " + " | ".join(f"{k} P / R" for k in KINDS) + " |", "|---" * (len(KINDS) + 1) + "|"]
    total = {k: Tally() for k in KINDS}
    for name, tallies in rows:
        cells = [f"{_pct(t.precision())} / {_pct(t.recall())} ({t.found}/{t.proposed}/{t.expected})" for t in tallies.values()]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
        for kind, t in tallies.items():
            total[kind].add(t)
    cells = [f"**{_pct(t.precision())} / {_pct(t.recall())}** ({t.found}/{t.proposed}/{t.expected})" for t in total.values()]
    lines.append("| **whole set** | " + " | ".join(cells) + " |")
    lines.append(
        "\n(found/proposed/expected). Reported statements marked direct: " + str(sum(t.reported_as_direct for t in total.values()))
    )
    for kind, t in total.items():
        for miss in t.missed:
            lines.append(f"missed {kind}: {miss}")
        for extra in t.extra:
            lines.append(f"extra {kind}: {extra}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--ordinals", action="store_true", help="also propose ordinals as figures")
    parser.add_argument("--no-speed", action="store_true", help="skip the 30-page PDF timing")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        rows = [(name, score(result, keys)) for name, result, keys in gold_set(Path(tmp), ordinals=args.ordinals)]
        speed = None if args.no_speed else time_long_pdf(Path(tmp))
    if args.json:
        data = {name: {k: t.__dict__ for k, t in tallies.items()} for name, tallies in rows}
        json.dump({"scores": data, "speed": speed}, sys.stdout, indent=1)
        print()
    else:
        print(report(rows))
        if speed:
            print(
                f"\n{speed['pages']}-page PDF (median of 3; target 3 s): import {speed['wall_s']:.2f} s wall, {speed['cpu_s']:.2f} s CPU; "
                f"`briefing import -o` in a fresh process (start, import, YAML write) {speed['cli_wall_s']:.2f} s wall, "
                f"{speed['cli_cpu_s']:.2f} s CPU"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
