"""A cold command does only what it needs: the collector set for start-up, markdown-it remembered, one subparser, no HarfBuzz for Latin."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing import collector, launch
from briefing.cli import SUBCOMMANDS, build_parser
from briefing.document import markdown, markdown_memo

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "assets" / "samples" / "sample.brief"

# Runs `briefing ARGS` and, at exit, prints which of these modules it loaded and whether any face was shaped.
_REPORT = """
import atexit, json, runpy, sys
def _report():
    shaping = sys.modules.get("briefing.writers.pdf.shaping")
    shaped = any("hb" in face.__dict__ for face in shaping._LOADED.values()) if shaping else False
    loaded = sorted({m.split(".")[0] for m in sys.modules} & {"markdown_it", "bidi"})
    sys.stderr.write("REPORT " + json.dumps({"loaded": loaded, "shaped": shaped}) + "\\n")
atexit.register(_report)
sys.argv = ["briefing", *sys.argv[1:]]
runpy.run_module("briefing", run_name="__main__", alter_sys=True)
"""


def _build(home: Path, out: Path) -> dict:
    env = dict(os.environ, BRIEFING_HOME=str(home), PYTHONPATH=str(REPO))
    done = subprocess.run(
        [sys.executable, "-c", _REPORT, "build", str(SAMPLE), "-o", str(out)], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return json.loads(next(line.split(" ", 1)[1] for line in done.stderr.splitlines() if line.startswith("REPORT ")))


def _memo_files(home: Path) -> list[Path]:
    return sorted((home / "cache").glob("markdown-*.json"))


def test_a_second_cold_build_reads_the_officers_markdown_back_and_shapes_nothing(tmp_path):
    home = tmp_path / "home"
    first = _build(home, tmp_path / "first.pdf")
    assert first["loaded"] == ["markdown_it"]  # the sample's purpose has **bold**: markdown-it reads it once
    [memo] = _memo_files(home)
    assert "2025-2029 Action Plan" in memo.read_text(encoding="utf-8")
    second = _build(home, tmp_path / "second.pdf")
    assert second == {"loaded": [], "shaped": False}  # no markdown-it, no python-bidi, no HarfBuzz font: all Latin
    from pypdf import PdfReader

    def text(path: Path) -> str:
        return "".join(page.extract_text() for page in PdfReader(path).pages)

    assert text(tmp_path / "second.pdf") == text(tmp_path / "first.pdf")


def test_a_damaged_memo_is_parsed_again_and_written_anew(tmp_path):
    home = tmp_path / "home"
    _build(home, tmp_path / "first.pdf")
    [memo] = _memo_files(home)
    memo.write_bytes(b"\x00{ not json")
    assert _build(home, tmp_path / "again.pdf")["loaded"] == ["markdown_it"]
    assert json.loads(memo.read_text(encoding="utf-8"))


@pytest.fixture
def memo_home(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFING_HOME", str(tmp_path))
    yield tmp_path
    markdown_memo.close_memo()


def test_a_damaged_entry_is_dropped_and_the_text_parsed_again(memo_home):
    text = "a **bold** move"
    with markdown_memo.kept_between_runs():
        markdown.blocks(text)
    [memo] = _memo_files(memo_home)
    entries = json.loads(memo.read_text(encoding="utf-8"))
    entries = {key: [["p", [["a", "not a bool", False]]]] for key in entries}
    memo.write_text(json.dumps(entries), encoding="utf-8")
    with markdown_memo.kept_between_runs():
        assert markdown.blocks(text) == markdown.parsed_blocks(text)
    assert markdown.blocks(text) == markdown.parsed_blocks(text)  # closed: markdown-it again


def test_the_memo_keeps_the_most_recently_used_texts(memo_home, monkeypatch):
    monkeypatch.setattr(markdown_memo, "MAX_ENTRIES", 2)
    with markdown_memo.kept_between_runs():
        for text in ("*one*", "*two*", "*three*"):
            markdown.blocks(text)
        markdown.blocks("*one*")  # used again: the newest
    with markdown_memo.kept_between_runs():
        assert markdown_memo.remembered("*one*") is not None
        assert markdown_memo.remembered("*three*") is not None
        assert markdown_memo.remembered("*two*") is None


def test_a_run_that_only_reads_keeps_its_order_of_use(memo_home, monkeypatch):
    monkeypatch.setattr(markdown_memo, "MAX_ENTRIES", 2)
    with markdown_memo.kept_between_runs():
        markdown.blocks("*one*")
        markdown.blocks("*two*")
    with markdown_memo.kept_between_runs():
        markdown.blocks("*one*")  # read back only: now the newest
    with markdown_memo.kept_between_runs():
        markdown.blocks("*three*")  # a third text: the least recently used goes
    with markdown_memo.kept_between_runs():
        assert markdown_memo.remembered("*one*") is not None
        assert markdown_memo.remembered("*two*") is None


def test_the_memo_file_is_named_for_the_code_that_parsed(memo_home, monkeypatch):
    before = markdown_memo._file().name
    with monkeypatch.context() as patch:
        patch.setattr(markdown_memo, "__version__", "0.0.0-other")
        assert markdown_memo._file().name != before
    assert markdown_memo._file().name == before
    real = markdown_memo._code
    monkeypatch.setattr(markdown_memo, "_code", lambda path: real(path) + (b"edited" if Path(path).name == "markdown.py" else b""))
    assert markdown_memo._file().name != before  # an edit of the reading rules


def test_a_bundle_memo_is_named_for_the_executable_not_its_folder(monkeypatch, tmp_path):
    monkeypatch.setattr(markdown_memo.sys, "executable", str(tmp_path / "briefing"))
    (tmp_path / "briefing").write_bytes(b"the bundle")
    missing = tmp_path / "nowhere" / "markdown.py"
    named = markdown_memo._code(missing)
    assert named == markdown_memo._code(tmp_path / "elsewhere" / "markdown.py")  # moved: the same memo
    (tmp_path / "briefing").write_bytes(b"the bundle, rebuilt")
    assert markdown_memo._code(missing) != named


def test_saving_deletes_memos_made_by_other_code(memo_home):
    cache = memo_home / "cache"
    cache.mkdir(parents=True)
    (cache / "markdown-0123456789abcdef.json").write_text("{}", encoding="utf-8")
    with markdown_memo.kept_between_runs():
        markdown.blocks("*new*")
    assert _memo_files(memo_home) == [markdown_memo._file()]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab *_-+1.)\n\t#>`")) | st.characters(), max_size=80))
def test_a_remembered_text_reads_as_markdown_it_reads_it(text):
    parsed = markdown.parsed_blocks(text)
    stored = json.loads(json.dumps(markdown_memo._encoded(parsed), ensure_ascii=False))
    assert markdown_memo._decoded(stored) == parsed


def test_a_command_runs_with_the_starting_threshold(monkeypatch):
    seen = []
    monkeypatch.setattr("briefing.cli.main", lambda argv: seen.append(gc.get_threshold()) or 0)
    try:
        assert launch.main(["templates"]) == 0
    finally:
        gc.set_threshold(*collector.DEFAULT_THRESHOLDS)
    assert seen == [(collector.STARTING_THRESHOLD, *collector.DEFAULT_THRESHOLDS[1:])]


def frozen(thing: object) -> bool:
    """Out of the collector's passes: gc.get_objects() lists every tracked object but the frozen ones."""
    return gc.is_tracked(thing) and not any(other is thing for other in gc.get_objects())


def test_settling_brings_the_default_thresholds_back_and_freezes_what_lives_on():
    collector.starting()
    kept = [[index] for index in range(1000)]
    assert not frozen(kept[0])
    try:
        collector.settled(full=False)
        assert gc.get_threshold() == collector.DEFAULT_THRESHOLDS
        assert frozen(kept[0]) and frozen(kept[-1])
    finally:
        collector.thawed()
        gc.set_threshold(*collector.DEFAULT_THRESHOLDS)


@pytest.mark.parametrize("name", list(SUBCOMMANDS))
def test_a_command_alone_parses_as_in_the_whole_parser(name, capsys):
    helps = []
    for parser in (build_parser(), build_parser([name])):
        with pytest.raises(SystemExit):
            parser.parse_args([name, "--help"])
        helps.append(capsys.readouterr().out)
    assert helps[0] == helps[1]
    assert "usage: briefing " + name in helps[0]


def test_the_whole_parser_serves_help_and_a_command_that_does_not_exist(capsys):
    for argv in (["--help"], ["-h", "build"]):
        with pytest.raises(SystemExit):
            build_parser(argv).parse_args(argv)
        listed = capsys.readouterr().out
        assert all(name in listed for name in SUBCOMMANDS), listed
    with pytest.raises(SystemExit):
        build_parser(["no-such-command"]).parse_args(["no-such-command"])
    refused = capsys.readouterr().err
    assert all(repr(name) in refused for name in SUBCOMMANDS), refused
