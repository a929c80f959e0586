"""Where things are, for the benchmarks (pathlib only, so the start-up probes stay light)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "benchmarks"
SAMPLE = ROOT / "assets" / "samples" / "sample.brief"
MULTISCRIPT = ROOT / "tests" / "data" / "multiscript.brief"  # Chinese, Urdu, Arabic, Hindi and emoji
FONTS = ROOT / "assets" / "fonts"
