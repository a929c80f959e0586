"""What an officer would do instead: Markdown through pandoc to .docx, and .docx through LibreOffice to PDF.

The Markdown is the sample brief's content (baselines.to_markdown). LibreOffice
runs headless with a private profile in a temporary folder, warmed by one
untimed run, as a user's own profile would be. Each tool alternates with the
``briefing build`` that makes the same format, in a fresh process each time.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from _common import SAMPLE, Stats, alternate, bench_env, time_process
from baselines import content_from_brief, read_brief, to_markdown
from cold import briefing_build_cmd


def available() -> dict[str, str | None]:
    """The tools found on PATH."""
    return {"pandoc": shutil.which("pandoc"), "soffice": shutil.which("soffice") or shutil.which("libreoffice")}


SETTLE_S = 1.0  # LibreOffice's helper processes linger a moment after it returns; let them finish before the next run


def _timed_then_settle(cmd: list[str]) -> float:
    """Time one LibreOffice run, then wait (untimed) so it does not slow the Briefing run after it."""
    duration = time_process(cmd, timeout=600)
    time.sleep(SETTLE_S)
    return duration


def _soffice_cmd(soffice: str, profile: Path, source: Path, out_dir: Path) -> list[str]:
    return [
        soffice,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        "pdf",
        "--outdir",
        str(out_dir),
        str(source),
    ]


def measure(home: Path, work: Path, rounds: int) -> dict:
    """Times of pandoc (md -> docx) and LibreOffice (docx -> pdf), each alternating with ``briefing build``."""
    tools = available()
    env = bench_env(home)
    markdown = work / "sample.md"
    markdown.write_text(to_markdown(content_from_brief(read_brief(SAMPLE))), encoding="utf-8")
    result: dict = {"tools": tools}
    pandoc_docx = work / "pandoc.docx"
    if tools["pandoc"]:
        samples = alternate({
            "pandoc": lambda: time_process([tools["pandoc"], str(markdown), "-o", str(pandoc_docx)]),
            "briefing": lambda: time_process(briefing_build_cmd(work / "briefing.docx", "docx"), env),
        }, rounds)  # fmt: skip
        result["docx"] = {name: Stats.of(values) for name, values in samples.items()}
    if tools["soffice"]:
        source = pandoc_docx if pandoc_docx.exists() else _briefing_docx(work, env)
        profile, out_dir = work / "lo-profile", work / "lo-out"
        out_dir.mkdir(exist_ok=True)
        start = time.perf_counter()
        time_process(_soffice_cmd(tools["soffice"], profile, source, out_dir), timeout=600)
        result["soffice_first_run_s"] = time.perf_counter() - start  # creates the profile
        samples = alternate({
            "soffice": lambda: _timed_then_settle(_soffice_cmd(tools["soffice"], profile, source, out_dir)),
            "briefing": lambda: time_process(briefing_build_cmd(work / "briefing.pdf", "pdf"), env),
        }, rounds, warmup=0)  # fmt: skip
        result["pdf"] = {name: Stats.of(values) for name, values in samples.items()}
    if tools["pandoc"] and tools["soffice"]:
        samples = alternate({"briefing_both": lambda: time_process(briefing_build_cmd(work / "both.pdf", "both"), env)}, rounds, warmup=0)
        result["both"] = {"briefing": Stats.of(samples["briefing_both"])}
    return result


def _briefing_docx(work: Path, env: dict[str, str]) -> Path:
    """Briefing's own .docx of the sample, when pandoc is missing."""
    out = work / "briefing-for-lo.docx"
    time_process(briefing_build_cmd(out, "docx"), env)
    return out
