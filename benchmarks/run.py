#!/usr/bin/env python3
"""Briefing's benchmarks in one run: a table of medians and ratios against baselines measured in the same run.

    python benchmarks/run.py                 # full run (about 10 minutes on 2 cores)
    python benchmarks/run.py --quick         # fewer repetitions (about 3 minutes)
    python benchmarks/run.py --json          # the table on stderr, JSON on stdout
    python benchmarks/run.py --only warm,cli # some sections only (see SECTIONS)
    python benchmarks/run.py --only bundle   # the desktop bundle in dist/briefing (--bundle DIR) against the venv
    python benchmarks/run.py --rl-accel-path DIR   # where `pip install --target DIR rl-accel` put reportlab's accelerator

Nothing here changes the user's own files: every measurement runs with
BRIEFING_HOME in a temporary folder. See benchmarks/README.md for what each row means.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import sys
import tempfile
import traceback
from collections.abc import Callable
from dataclasses import asdict, dataclass, is_dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import BENCH, PYTHON, ROOT, Stats, bench_env, machine_facts, ms, probe_json, temp_home

sys.path.insert(0, str(ROOT))

FRAME_BUDGET = 1 / 60  # one frame at 60 Hz


@dataclass(frozen=True)
class Plan:
    """How many repetitions each section makes."""

    warm_runs: int
    cli_rounds: int
    start_rounds: int
    preview_edits: int
    cold_loads: int
    warm_loads: int
    search_repeats: int
    pack_runs: int
    alt_rounds: int
    rl_rounds: int
    scroll_frames: int


FULL = Plan(warm_runs=25, cli_rounds=10, start_rounds=7, preview_edits=12, cold_loads=3, warm_loads=5, search_repeats=7,
            pack_runs=3, alt_rounds=5, rl_rounds=5, scroll_frames=60)  # fmt: skip
QUICK = Plan(warm_runs=20, cli_rounds=4, start_rounds=5, preview_edits=5, cold_loads=1, warm_loads=3, search_repeats=3,
             pack_runs=1, alt_rounds=2, rl_rounds=1, scroll_frames=30)  # fmt: skip


@dataclass
class Row:
    """One line of the report: a measured value, its baseline and ratio where there is one, and the verdict."""

    key: str
    what: str
    value: str
    baseline: str = ""
    ratio: float | None = None
    target: str = ""
    ok: bool | None = None  # None: informational, no target
    note: str = ""

    @property
    def verdict(self) -> str:
        return {True: "met", False: "MISSED", None: ""}[self.ok]


def both(*checks: bool) -> bool:
    return all(checks)


# --- sections ---------------------------------------------------------------------------------------


def section_warm(plan: Plan, ctx: dict) -> tuple[list[Row], dict]:
    """1. Warm in-process export of the sample, Briefing against the bare libraries, interleaved."""
    import warm

    result = warm.measure(plan.warm_runs)
    stage = {name: ms(result[name]["median"]) for name in ("build_document", "render_pdf", "render_docx")}
    notes = {
        "pdf": f"stages: build_document {stage['build_document']}, PDF writer {stage['render_pdf']}",
        "docx": f"stages: build_document {stage['build_document']}, Word writer {stage['render_docx']} (stages timed apart)",
    }
    rows = []
    for fmt, label in (("pdf", "PDF"), ("docx", "DOCX")):
        ours, bare = result[f"briefing_{fmt}"]["median"], result[f"bare_{fmt}"]["median"]
        ratio = ours / bare
        rows.append(Row(f"1.{fmt}", f"Warm export, sample -> {label} (export_brief)", ms(ours), ms(bare), ratio,
                        "<= 1.5x bare, <= 50 ms", both(ratio <= 1.5, ours <= 0.050), notes[fmt]))  # fmt: skip
    scripts, latin = result["briefing_pdf_scripts"]["median"], result["briefing_pdf"]["median"]
    rows.append(Row("1.pdf-scripts", "Warm export, five-script brief -> PDF", ms(scripts), ms(latin), scripts / latin,
                    "<= 2x the sample's PDF", scripts / latin <= 2.0, "tests/data/multiscript.brief; baseline: row 1.pdf"))  # fmt: skip
    return rows, result


def section_cli(plan: Plan, ctx: dict) -> tuple[list[Row], dict]:
    """2. ``briefing build`` as a whole cold process against bare_build.py; and no Qt in the CLI."""
    import cold

    result = cold.measure_cli(ctx["home"], ctx["work"], plan.cli_rounds)
    qt = cold.check_cli_never_imports_qt(ctx["home"], ctx["work"])
    ours, bare = result["briefing"].median, result["bare"].median
    rows = [
        Row("2.cli", "Cold `briefing build sample --format pdf` (fresh interpreter)", ms(ours), ms(bare), ours / bare, "<= 1.5x bare_build.py",
            ours / bare <= 1.5, f"n={result['briefing'].n} each, alternating; {_cpu_note(result, 'briefing')}"),
        Row("2.qt", "CLI build never imports Qt (sys.modules at exit, -X importtime)", "no Qt" if qt["ok"] else ", ".join(qt["qt_in_sys_modules_at_exit"] or qt["qt_in_importtime"]),
            target="no PySide6/shiboken6", ok=qt["ok"], note=f"{qt['modules_imported']} modules imported"),
    ]  # fmt: skip
    return rows, {**result, "qt_check": qt}


def _preview(plan: Plan, layout: str, edits: int) -> dict:
    return probe_json([PYTHON, str(BENCH / "app_probe.py"), "preview", "--edits", str(edits), "--layout", layout], bench_env(temp_home()))


def section_preview(plan: Plan, ctx: dict) -> tuple[list[Row], dict]:
    """3. Edit -> new page on screen in the app (offscreen), GUI-thread heartbeat; three window layouts."""
    runs = {
        "first-run": _preview(plan, "first-run", plan.preview_edits),
        "resized": _preview(plan, "resized", max(3, plan.preview_edits // 3)),
        "resized-fixed": _preview(plan, "resized-fixed", max(3, plan.preview_edits // 3)),
    }
    first, resized, fixed = runs["first-run"], runs["resized"], runs["resized-fixed"]
    oscillated = resized["scrollbar_flips"] > 10 or resized["oscillation_broken_by_probe"]
    rows = [
        Row("3.latency", "Preview: title edit -> new page on screen (debounce excluded)", ms(first["latency_median_ms"] / 1000), target="<= 250 ms",
            ok=first["latency_median_ms"] <= 250, note=f"max {first['latency_max_ms']:.0f} ms over {len(first['edits'])} edits; debounce {first['debounce_ms']:.0f} ms; build {first['update_median_ms']:.0f} ms"),
        Row("3.gui", "Preview: longest GUI-thread stall meanwhile (5 ms heartbeat)", ms(first["max_gui_gap_ms"] / 1000), target="<= 50 ms",
            ok=first["max_gui_gap_ms"] <= 50, note=f"median of per-edit maxima {first['median_gui_gap_ms']:.0f} ms"),
        Row("3.resize", "Preview after a window resize (1366x768): QPdfView scroll-bar loop", f"{resized['scrollbar_flips']} flips" + (f", GUI stuck {resized['oscillation_ms']:.0f}+ ms" if oscillated else ""),
            target="no layout loop; GUI <= 50 ms", ok=not oscillated and resized["max_gui_gap_ms"] <= 50,
            note="loop broken by the probe after 20,000 flips" if resized["oscillation_broken_by_probe"] else ""),
        Row("3.fix", "  same, with the scroll bar always on (the app's fix)", ms(fixed["latency_median_ms"] / 1000), target="<= 250 ms; GUI <= 50 ms",
            ok=fixed["latency_median_ms"] <= 250 and fixed["max_gui_gap_ms"] <= 50 and fixed["scrollbar_flips"] == 0,
            note=f"{fixed['scrollbar_flips']} flips; GUI max stall {fixed['max_gui_gap_ms']:.0f} ms"),
    ]  # fmt: skip
    return rows, runs


def section_start(plan: Plan, ctx: dict) -> tuple[list[Row], dict]:
    """4. App start to its first event-loop turn after show, against a bare PySide6 window, alternating."""
    import cold

    result = cold.measure_app_start(ctx["home"], plan.start_rounds)
    ours, bare = result["app"].median, result["bare"].median
    usable = result["usable"].median
    return [Row("4.start", "App start -> window shown (\"Loading library...\")", ms(ours), ms(bare), ours / bare, "<= 1.5x bare PySide6 window",
                ours / bare <= 1.5, f"n={result['app'].n} each, alternating; {_cpu_note(result, 'app')}"),
            Row("4.usable", "  -> panels built over the loaded library", ms(usable), ms(bare), usable / bare, "", None,
                f"library loaded and panels imported on a pool thread; {_cpu_note(result, 'usable')}")], result  # fmt: skip


def _cpu_note(result: dict, ours: str) -> str:
    """The same runs' CPU time (user + system): steadier than wall time on a shared machine."""
    cpu, bare = result[f"{ours}_cpu"].median, result["bare_cpu"].median
    return f"CPU time {ms(cpu)} vs {ms(bare)}, {cpu / bare:.2f}x" if bare else "CPU time not available"


def section_scale(plan: Plan, ctx: dict) -> tuple[list[Row], dict]:
    """5. A generated library of 10,000 items: load, cache invalidation, search, app view and memory, 300-item pack."""
    import scale

    folder = ctx["work"] / "library-10k"
    scale.make_library(folder)
    load = scale.measure_load(folder, plan.cold_loads, plan.warm_loads)
    invalidation = scale.verify_invalidation(folder)
    library = scale._load(folder)
    search = scale.measure_search(library, ("railway", "scholarship"), plan.search_repeats)
    pack = scale.measure_pack(library, plan.pack_runs)
    app = probe_json([PYTHON, str(BENCH / "app_probe.py"), "scale", "--content", str(folder), "--frames", str(plan.scroll_frames)],
                     bench_env(Path(os.environ["BRIEFING_HOME"])))  # the cache is warm there  # fmt: skip
    refill = app["typing"]["search_and_refill"]
    rows = [
        Row("5.load-cold", f"Load {load['items']:,} items, cold (parse + validate)", ms(load["cold"].median), target="<= 1 s", ok=load["cold"].median <= 1.0, note=f"n={load['cold'].n}"),
        Row("5.load-warm", "Load, warm (disk cache)", ms(load["warm"].median), target="<= 1 s", ok=load["warm"].median <= 1.0, note=f"in-memory memo: {ms(load['hot'].median)}"),
        Row("5.cache", "Cache invalidates on file change (touch, edit)", "ok" if invalidation["ok"] else "WRONG", target="only the changed pack re-parsed", ok=invalidation["ok"],
            note=f"re-parsed: unchanged {invalidation['parsed_when_unchanged']}, touch {invalidation['parsed_after_touch']}, edit {invalidation['parsed_after_edit']}"),
        Row("5.search", "Search per keystroke (SearchIndex, 10k items)", ms(search["keystroke"].median), target="<= 30 ms (max)", ok=search["keystroke"].max <= 0.030,
            note=f"max {ms(search['keystroke'].max)}; index build {ms(search['index_build'])}"),
        Row("5.app-search", "  in the app: search + tree refill after a typing pause", ms(refill["median_ms"] / 1000), target="GUI <= 50 ms (row 3 rule)", ok=refill["max_ms"] <= 50,
            note=f"max {refill['max_ms']:.0f} ms; a keystroke itself {app['typing']['keystroke']['median_ms']:.1f} ms"),
        Row("5.tree", "Library view: fill the tree (all items)", ms(app["tree_fill"]["median_ms"] / 1000), target="GUI <= 50 ms (row 3 rule)", ok=app["tree_fill"]["median_ms"] <= 50,
            note=f"expand all {ms(app['expand_all_s'])}; window build {ms(app['window_build_s'])}"),
        Row("5.scroll", "Library view: one scroll step + repaint", ms(app["scroll_frame"]["median_ms"] / 1000), target="<= 16.7 ms (60 Hz)",
            ok=app["scroll_frame"]["max_ms"] / 1000 <= FRAME_BUDGET, note=f"max {app['scroll_frame']['max_ms']:.1f} ms over {app['scroll_frame']['n']} pages"),
        Row("5.pack-pdf", f"{pack['items']}-item briefing pack -> PDF ({pack['pages']} pages)", ms(pack["pdf"].median), target="<= 3 s", ok=pack["pdf"].median <= 3.0, note=f"n={pack['pdf'].n}"),
        Row("5.pack-docx", f"{pack['items']}-item briefing pack -> DOCX", ms(pack["docx"].median), target="<= 3 s", ok=pack["docx"].median <= 3.0, note="no PDF page count (the CLI adds one)"),
        Row("5.memory", "App peak RSS with the 10k library", f"{app['peak_rss_mb']:.0f} MB", target="<= 400 MB", ok=app["peak_rss_mb"] <= 400, note=f"{app['items']:,} items"),
    ]  # fmt: skip
    return rows, {"load": load, "invalidation": invalidation, "search": search, "pack": pack, "app": app}


def section_alternatives(plan: Plan, ctx: dict) -> tuple[list[Row], dict]:
    """6. pandoc (Markdown -> docx) and LibreOffice (docx -> PDF), against briefing build, alternating."""
    import alternatives

    result = alternatives.measure(ctx["home"], ctx["work"], plan.alt_rounds)
    rows = []
    if "docx" in result:
        tool, ours = result["docx"]["pandoc"].median, result["docx"]["briefing"].median
        rows.append(
            Row(
                "6.pandoc",
                "pandoc sample.md -> .docx (vs `briefing build --format docx`)",
                ms(tool),
                ms(ours),
                tool / ours,
                note="ratio = pandoc / Briefing",
            )
        )
    if "pdf" in result:
        tool, ours = result["pdf"]["soffice"].median, result["pdf"]["briefing"].median
        rows.append(Row("6.soffice", "LibreOffice headless .docx -> PDF (vs `briefing build`)", ms(tool), ms(ours), tool / ours,
                        note=f"ratio = LibreOffice / Briefing; first run (new profile) {ms(result['soffice_first_run_s'])}"))  # fmt: skip
    if "both" in result:
        chain = result["docx"]["pandoc"].median + result["pdf"]["soffice"].median
        ours = result["both"]["briefing"].median
        rows.append(
            Row(
                "6.chain",
                "pandoc + LibreOffice chain (vs `briefing build --format both`)",
                ms(chain),
                ms(ours),
                chain / ours,
                note="ratio = chain / Briefing",
            )
        )
    missing = [name for name, path in result["tools"].items() if not path]
    if missing:
        rows.append(Row("6.missing", "Tools not installed", ", ".join(missing), note="rows skipped"))
    return rows, result


def _rl_accel_sides(path: Path | None) -> dict[str, list[str]] | None:
    """warm.py arguments for the runs without and with reportlab's accelerator, or None when it cannot be had."""
    if importlib.util.find_spec("_rl_accel") is not None:
        return {"without": ["--no-rl-accel"], "with": []}
    if path is not None and any(path.glob("_rl_accel*")):
        return {"without": ["--no-rl-accel"], "with": ["--rl-accel-path", str(path)]}
    return None


def section_rl_accel(plan: Plan, ctx: dict) -> tuple[list[Row], dict]:
    """7. Warm PDF export with and without rl-accel (reportlab's C accelerator), in alternating child processes."""
    sides = _rl_accel_sides(ctx["rl_accel_path"])
    if sides is None:
        return [
            Row(
                "7.rl-accel",
                "PDF export with rl-accel",
                "n/a",
                note="rl-accel not importable: pip install --target DIR rl-accel, then --rl-accel-path DIR",
            )
        ], {}
    env = bench_env(ctx["home"])
    medians: dict[str, dict[str, list[float]]] = {side: {"briefing_pdf": [], "bare_pdf": []} for side in sides}
    active = {}
    for _ in range(plan.rl_rounds):
        for side, extra in sides.items():
            out = probe_json([PYTHON, str(BENCH / "warm.py"), "--runs", str(plan.warm_runs), *extra], env)
            active[side] = out["rl_accel"]
            for name in medians[side]:
                medians[side][name].append(out[name]["median"])
    summary = {side: {name: Stats.of(values) for name, values in per.items()} for side, per in medians.items()}
    without, with_ = summary["without"]["briefing_pdf"].median, summary["with"]["briefing_pdf"].median
    bare_without, bare_with = summary["without"]["bare_pdf"].median, summary["with"]["bare_pdf"].median
    rows = [
        Row(
            "7.rl-accel",
            "Warm PDF export with rl-accel (vs without)",
            ms(with_),
            ms(without),
            with_ / without,
            note=f"accelerator active: {active}",
        ),
        Row("7.rl-bare", "  bare reportlab baseline with rl-accel (vs without)", ms(bare_with), ms(bare_without), bare_with / bare_without),
    ]
    return rows, {"summary": summary, "active": active}


def section_bundle(plan: Plan, ctx: dict) -> tuple[list[Row], dict]:
    """8. The desktop bundle (dist/briefing, from `python3 dev.py bundle`) against the venv: start, CLI, size."""
    import bundle as bundled

    missing = bundled.missing(ctx["bundle"])
    if missing:
        return [Row("8.bundle", "Desktop bundle", "skipped", note=missing)], {}
    result = bundled.measure(ctx["bundle"], ctx["home"], ctx["work"], plan.start_rounds, plan.cli_rounds)
    return [Row(**row) for row in bundled.rows(result)], result


SECTIONS: dict[str, Callable[[Plan, dict], tuple[list[Row], dict]]] = {
    "warm": section_warm,
    "cli": section_cli,
    "preview": section_preview,
    "start": section_start,
    "scale": section_scale,
    "alternatives": section_alternatives,
    "rl-accel": section_rl_accel,
    "bundle": section_bundle,
}


# --- report ---------------------------------------------------------------------------------------------


def format_table(rows: list[Row]) -> str:
    """A plain-text table of the rows."""
    head = ("row", "what", "Briefing", "baseline", "ratio", "target", "verdict", "note")
    cells = [head] + [
        (r.key, r.what, r.value, r.baseline, f"{r.ratio:.2f}x" if r.ratio is not None else "", r.target, r.verdict, r.note) for r in rows
    ]
    widths = [max(len(row[i]) for row in cells) for i in range(len(head) - 1)]
    lines = []
    for index, row in enumerate(cells):
        lines.append("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False)) + "  " + row[-1])
        if index == 0:
            lines.append("  ".join("-" * width for width in widths) + "  " + "-" * 4)
    return "\n".join(lines)


def format_facts(facts: dict) -> str:
    libs = ", ".join(f"{name} {version}" for name, version in facts["libraries"].items() if version)
    tools = ", ".join(f"{v}" for v in facts["tools"].values() if v)
    return (f"{facts['date']} | {facts['cpu']}, {facts['cores']} cores, {facts['memory']} | {facts['os']} | {facts['python']}\n"
            f"{libs}\n{tools}\nload average at start: {facts['load_average']}")  # fmt: skip


def _jsonable(value):
    if is_dataclass(value):
        return asdict(value)
    if isinstance(value, Path):
        return str(value)
    raise TypeError(type(value).__name__)


def run_sections(names: list[str], plan: Plan, ctx: dict) -> tuple[list[Row], dict]:
    """Run each section; a section that fails gives an error row and the run goes on."""
    rows: list[Row] = []
    details: dict = {}
    for name in names:
        print(f"[{name}] ...", file=sys.stderr, flush=True)
        try:
            section_rows, details[name] = SECTIONS[name](plan, ctx)
        except Exception as exc:  # noqa: BLE001  (report and carry on with the other sections)
            traceback.print_exc()
            section_rows, details[name] = (
                [Row(name, f"section {name} failed", "error", ok=False, note=f"{type(exc).__name__}: {exc}"[:200])],
                {"error": str(exc)},
            )
        for row in section_rows:
            print(f"    {row.key}: {row.value} {('vs ' + row.baseline) if row.baseline else ''} {row.verdict}", file=sys.stderr, flush=True)
        rows.extend(section_rows)
    return rows, details


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print JSON on stdout (the table goes to stderr)")
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    parser.add_argument("--only", help="comma-separated sections: " + ",".join(SECTIONS))
    parser.add_argument("--output", type=Path, help="also write the JSON to this file")
    parser.add_argument("--rl-accel-path", type=Path, help="folder with _rl_accel (pip install --target DIR rl-accel), if not installed")
    parser.add_argument("--keep", action="store_true", help="keep the temporary work folder")
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "briefing", help="the built bundle for section 8")
    return parser.parse_args(argv)


def compile_bytecode() -> None:
    """Compile Briefing's and the probes' modules to bytecode first, as installing a wheel does.

    Fresh processes would otherwise compile every module from source on each run
    when bytecode is not written (PYTHONDONTWRITEBYTECODE=1, as on some CI and
    sandbox machines), while the third-party baselines load theirs precompiled.
    """
    import compileall

    for folder in (ROOT / "briefing", BENCH):
        compileall.compile_dir(str(folder), quiet=1)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    names = args.only.split(",") if args.only else list(SECTIONS)
    unknown = [n for n in names if n not in SECTIONS]
    if unknown:
        raise SystemExit(f"unknown section(s): {', '.join(unknown)}; choose from {', '.join(SECTIONS)}")
    plan = QUICK if args.quick else FULL
    compile_bytecode()
    home, work = temp_home(), Path(tempfile.mkdtemp(prefix="briefing-bench-work-"))
    os.environ["BRIEFING_HOME"] = str(home)  # in-process measurements never touch the user's cache
    facts = machine_facts()
    ctx = {"home": home, "work": work, "rl_accel_path": args.rl_accel_path, "bundle": args.bundle.resolve()}
    try:
        rows, details = run_sections(names, plan, ctx)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    table = format_table(rows)
    out = sys.stderr if args.json else sys.stdout
    print("\n" + format_facts(facts) + f"\nmode: {'quick' if args.quick else 'full'}\n\n" + table, file=out)
    missed = [r.key for r in rows if r.ok is False]
    print(f"\ntargets missed: {', '.join(missed) if missed else 'none'}", file=out)
    payload = {
        "machine": facts,
        "mode": "quick" if args.quick else "full",
        "plan": asdict(plan),
        "rows": [{**asdict(r), "verdict": r.verdict} for r in rows],
        "details": details,
    }
    text = json.dumps(payload, indent=1, default=_jsonable)
    if args.json:
        print(text)
    if args.output:
        args.output.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
