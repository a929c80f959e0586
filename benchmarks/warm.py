"""Warm, in-process export of the sample brief: Briefing against the bare libraries, in alternation.

    python benchmarks/warm.py [--runs 20] [--no-rl-accel] [--rl-accel-path DIR]

Prints one JSON object. run.py calls :func:`measure` in its own process for row 1,
and runs this script twice (with and without reportlab's C accelerator) for the
rl-accel comparison.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import MULTISCRIPT, ROOT, SAMPLE, Stats, time_interleaved

FORMATS = ("pdf", "docx")


def briefing_exports(out: Path) -> dict[str, Callable[[], object]]:
    """Briefing's export_brief of the sample (build_document included), one callable per format."""
    from briefing.brief.store import load_brief
    from briefing.content.library import load_library
    from briefing.export import export_brief, options_for

    library, brief, options = load_library(), load_brief(SAMPLE), options_for()
    calls = {fmt: (lambda fmt=fmt: export_brief(brief, library, [fmt], out / f"briefing.{fmt}", options=options)) for fmt in FORMATS}
    scripts = load_brief(MULTISCRIPT)  # its items are snapshots: no library needed
    calls["pdf_scripts"] = lambda: export_brief(scripts, None, ["pdf"], out / "scripts.pdf", options=options)
    return calls


def bare_exports(out: Path) -> dict[str, Callable[[], object]]:
    """The bare-library baseline of the same content, one callable per format (see baselines.py)."""
    from baselines import content_from_brief, read_brief, write_docx, write_pdf

    data = read_brief(SAMPLE)
    writers = {"pdf": write_pdf, "docx": write_docx}

    def export(fmt: str) -> None:
        with open(out / f"bare.{fmt}", "wb") as stream:
            writers[fmt](content_from_brief(data), stream)

    return {fmt: (lambda fmt=fmt: export(fmt)) for fmt in FORMATS}


def stage_calls() -> dict[str, Callable[[], object]]:
    """Briefing's stages on their own: the template and document model, and each writer in memory."""
    from briefing.brief.store import load_brief
    from briefing.content.library import load_library
    from briefing.export import options_for, render_bytes
    from briefing.templating.build import build_document

    library, brief, options = load_library(), load_brief(SAMPLE), options_for()
    document = build_document(brief, library)
    return {
        "build_document": lambda: build_document(brief, library),
        "render_pdf": lambda: render_bytes(document, "pdf", options),
        "render_docx": lambda: render_bytes(document, "docx", options),
    }


def measure(runs: int = 20, warmup: int = 3) -> dict:
    """Medians (seconds) of warm exports, Briefing and bare interleaved, plus Briefing's stages."""
    with tempfile.TemporaryDirectory(prefix="briefing-warm-") as tmp:
        out = Path(tmp)
        calls = {f"briefing_{fmt}": fn for fmt, fn in briefing_exports(out).items()}
        calls.update({f"bare_{fmt}": fn for fmt, fn in bare_exports(out).items()})
        samples = time_interleaved(calls, runs, warmup)
        samples.update(time_interleaved(stage_calls(), runs, warmup))
    return {name: Stats.of(values).as_json() for name, values in samples.items()}


def rl_accel_active() -> bool:
    """Whether reportlab found its C accelerator (the rl-accel package)."""
    from reportlab.lib import rl_accel

    return "fp_str" in rl_accel._c_funcs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--no-rl-accel", action="store_true", help="hide reportlab's C accelerator from this process")
    parser.add_argument("--rl-accel-path", type=Path, help="a folder holding _rl_accel (pip install --target DIR rl-accel)")
    args = parser.parse_args(argv)
    if args.no_rl_accel:
        sys.modules["_rl_accel"] = None  # type: ignore[assignment]  # makes `import _rl_accel` fail
    elif args.rl_accel_path:
        sys.path.insert(0, str(args.rl_accel_path))
    sys.path.insert(0, str(ROOT))
    result = measure(args.runs)
    result["rl_accel"] = rl_accel_active()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
