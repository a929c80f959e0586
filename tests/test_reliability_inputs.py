"""Issue 11: every kind of hostile input found in the hostile run ends in the project's own error, never exit 70."""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from briefing.brief.model import Brief
from briefing.brief.store import load_brief, parse_brief, save_brief
from briefing.cli import main
from briefing.content.library import load_library
from briefing.errors import BriefError
from tests.conftest import SAMPLE_BRIEF
from tests.packs import MINIMAL, write_pack

SAMPLE = json.loads(SAMPLE_BRIEF.read_text(encoding="utf-8"))


def brief_file(tmp_path: Path, data: dict, name: str = "odd.brief") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def with_first_item(change) -> dict:
    data = copy.deepcopy(SAMPLE)
    change(data["items"][0])
    return data


def figure_index() -> int:
    return next(i for i, e in enumerate(SAMPLE["items"]) if e["snapshot"]["item_kind"] == "figure")


def cli(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# --------------------------------------------------------------------------- briefs with odd snapshots


def _empty_missing(entry):
    entry["ref"] = "gone/nowhere"
    entry["snapshot"] = {}


def _unknown_kind(entry):
    entry["snapshot"]["item_kind"] = "rumour"


def _number_for_text(entry):
    entry["snapshot"]["title"] = 42


ODD_SNAPSHOTS = {
    "empty snapshot of a missing item": (_empty_missing, "item 1 (gone/nowhere): the snapshot has no item_kind"),
    "unknown item_kind": (_unknown_kind, "unknown item_kind 'rumour'"),
    "number where text belongs": (_number_for_text, "the pillar snapshot has a bad 'title'"),
}


@pytest.mark.parametrize("case", ODD_SNAPSHOTS)
def test_an_odd_snapshot_is_an_error_naming_the_brief_and_the_item(tmp_path, capsys, case):
    change, message = ODD_SNAPSHOTS[case]
    path = brief_file(tmp_path, with_first_item(change))
    with pytest.raises(BriefError, match="item 1") as info:
        load_brief(path)
    assert message in str(info.value) and str(info.value).startswith(str(path))
    code, _, err = cli(capsys, "build", str(path), "-o", str(tmp_path / "out.pdf"))
    assert code == 1 and message in err and str(path) in err
    assert not (tmp_path / "out.pdf").exists()


def test_a_figure_snapshot_missing_its_fields_is_an_error(tmp_path):
    data = copy.deepcopy(SAMPLE)
    index = figure_index()
    for key in ("label", "display", "unit", "value"):
        del data["items"][index]["snapshot"][key]
    with pytest.raises(BriefError, match=rf"item {index + 1} \(.*\): the figure snapshot lacks 'label'"):
        load_brief(brief_file(tmp_path, data))


def test_an_invalid_snapshot_never_reaches_the_template(tmp_path):
    """A brief made in code (not loaded) is checked when it is built, too."""
    from briefing.export import export_brief

    brief = parse_brief(SAMPLE_BRIEF.read_bytes(), SAMPLE_BRIEF)
    brief.items[0].snapshot = {"item_kind": "figure"}
    with pytest.raises(BriefError, match="item 1 .*the figure snapshot lacks"):
        export_brief(brief, None, ["pdf"], tmp_path / "x.pdf")


def test_the_brief_schema_describes_each_snapshot_kind():
    schema = json.loads((Path(__file__).parents[1] / "assets" / "schemas" / "brief.schema.json").read_text())
    snapshot = schema["$defs"]["Entry"]["properties"]["snapshot"]
    assert {ref["$ref"].rsplit("/", 1)[-1] for ref in snapshot["oneOf"]} == {
        "PillarSnapshot",
        "FigureSnapshot",
        "QuotationSnapshot",
        "EventSnapshot",
        "ProjectSnapshot",
        "PersonSnapshot",
        "LineSnapshot",
    }
    figure = schema["$defs"]["FigureSnapshot"]
    assert {"label", "display", "unit", "value", "item_kind", "origin", "pack"} <= set(figure["required"])
    assert figure["properties"]["item_kind"]["const"] == "figure"


# --------------------------------------------------------------------------- limits


def test_deeply_nested_json_is_a_located_error(tmp_path):
    path = tmp_path / "deep.brief"
    path.write_text('{"version": 2, "x": ' + "[" * 100_000 + "]" * 100_000 + "}")
    with pytest.raises(BriefError, match=r"deep\.brief:1:\d+: nesting is too deep \(more than 64 levels\)"):
        load_brief(path)


@pytest.mark.parametrize(
    ("value", "message"),
    [("9" * 5000, "number is too long (5,000 characters; the limit is 100)"), ("1e999", "1e999 is not a finite number"), ("NaN", "NaN")],
)
def test_a_huge_or_infinite_number_in_a_brief_is_a_located_error(tmp_path, value, message):
    text = json.dumps(SAMPLE, indent=1).replace('"version": 2', f'"version": 2,\n "x_big": {value}', 1)
    path = tmp_path / "big.brief"
    path.write_text(text)
    with pytest.raises(BriefError) as info:
        load_brief(path)
    assert message in str(info.value) and str(info.value).startswith(f"{path}:4:")


def test_a_text_past_the_limit_is_a_located_error(tmp_path):
    data = copy.deepcopy(SAMPLE)
    data["meta"]["title"] = "x" * 200_000
    with pytest.raises(BriefError, match="text is too long"):
        load_brief(brief_file(tmp_path, data))


def test_a_figure_with_thousands_of_digits_is_one_error_and_other_packs_still_load(tmp_path):
    bad = MINIMAL.format(pack="bad").replace("value: 250000000", "value: " + "9" * 5000)
    write_pack(tmp_path, "bad.yaml", text=bad)
    write_pack(tmp_path, "good.yaml", pack="good")
    library = load_library([tmp_path])
    assert [str(p) for p in library.problems] == [
        f"{tmp_path / 'bad.yaml'}:18:12: number is too long (5,000 characters; the limit is 100) (write the number with fewer digits)"
    ]
    assert library.get("good/trips") is not None and "bad" not in library.packs


# --------------------------------------------------------------------------- locations


@pytest.mark.parametrize(("char", "name"), [("\x01", "U+0001"), ("\x1b", "U+001B"), ("\x7f", "U+007F"), ("\ufffe", "U+FFFE")])
def test_a_raw_control_character_is_reported_at_its_own_line_and_column(tmp_path, char, name):
    text = MINIMAL.format(pack="test").replace("summary: Our summary.", f"summary: Our {char}summary.")
    path = write_pack(tmp_path, text=text)
    (problem,) = load_library([tmp_path]).problems
    assert str(problem).startswith(f"{path}:12:18: character {name} (")
    assert "position" not in str(problem)


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"])
def test_unusual_line_separators_do_not_shift_later_line_numbers(tmp_path, separator):
    text = (
        MINIMAL.format(pack="test").replace("title: Test pack", f'title: "Test{separator}pack"').replace("value: 250000000", "value: lots")
    )
    path = write_pack(tmp_path, text=text)
    (problem,) = load_library([tmp_path]).problems
    assert str(problem).startswith(f"{path}:18:12: 'value' must be a number")


def test_a_syntax_error_after_a_line_separator_is_at_the_editors_line(tmp_path):
    text = MINIMAL.format(pack="test").replace("title: Test pack", 'title: "Test\u2028pack"') + "broken: [\n"
    path = write_pack(tmp_path, text=text)
    (problem,) = load_library([tmp_path]).problems
    assert str(problem).startswith(f"{path}:{text.count(chr(10)) + 1}:1: YAML syntax error")


def test_a_front_matter_syntax_error_is_at_the_templates_own_line():
    from briefing import paths
    from briefing.templating.registry import list_templates

    folder = paths.user_templates_dir()
    folder.mkdir(parents=True)
    (folder / "broken.xml.j2").write_text("{#- briefing-template\nname: X\npage_budget: [\n-#}\n<document/>\n", encoding="utf-8")
    _, problems = list_templates()
    assert any(str(p).startswith(f"{folder / 'broken.xml.j2'}:4") for p in problems), [str(p) for p in problems]


# --------------------------------------------------------------------------- terminal-safe output


HOSTILE_TITLE = "Line one\nline two \x1b[31mred\x1b]0;pwned\x07 \u202eevil\u2028end"


def test_content_list_prints_titles_terminal_safe_and_json_keeps_them_exact(tmp_path, capsys):
    text = MINIMAL.format(pack="test").replace("title: Trust", f"title: {json.dumps(HOSTILE_TITLE)}")
    write_pack(tmp_path, text=text)
    code, out, _ = cli(capsys, "content", "list", "--kind", "pillar", "--content", str(tmp_path))
    (line,) = [line for line in out.splitlines() if line.startswith("test/")]
    assert code == 0 and "\x1b" not in out and "\x07" not in out and "\u202e" not in out and "\u2028" not in out
    assert line == "test/trust\tpillar\tLine one\\x0aline two \\x1b[31mred\\x1b]0;pwned\\x07 \\u202eevil\\u2028end"
    code, out, _ = cli(capsys, "content", "list", "--kind", "pillar", "--json", "--content", str(tmp_path))
    assert [i["title"] for i in json.loads(out) if i["id"] == "test/trust"] == [HOSTILE_TITLE]


def test_errors_are_terminal_safe(tmp_path, capsys):
    text = MINIMAL.format(pack="test").replace("title: Trust", 'title: "Trust"\n    \x1b[31m: x')
    write_pack(tmp_path, text=text)
    code, _, err = cli(capsys, "content", "check", "--content", str(tmp_path))
    assert code == 1 and "\x1b" not in err and "\\x1b" in err


# --------------------------------------------------------------------------- streams


def run_cli(*args: str, **kwargs) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1])}
    return subprocess.run([sys.executable, "-m", "briefing", *args], env=env, **kwargs)


@pytest.mark.slow
def test_a_full_stdout_is_an_ordinary_error_and_the_file_stays_written(tmp_path):
    target = tmp_path / "sample.pdf"
    with open("/dev/full", "w") as full:
        result = run_cli("build", str(SAMPLE_BRIEF), "-o", str(target), stdout=full, stderr=subprocess.PIPE, text=True)
    assert result.returncode == 1, result.stderr
    assert result.stderr.strip() == "briefing: error: cannot write to standard output: No space left on device"
    assert target.read_bytes().startswith(b"%PDF")


@pytest.mark.slow
def test_a_full_stdout_and_stderr_still_exit_1():
    with open("/dev/full", "w") as full:
        result = run_cli("content", "list", stdout=full, stderr=full)
    assert result.returncode == 1


@pytest.mark.slow
def test_a_closed_stdout_is_an_ordinary_error():
    script = "import os, sys; os.close(1); os.execv(sys.executable, [sys.executable, '-m', 'briefing', 'content', 'list'])"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1])}
    closed = subprocess.run([sys.executable, "-c", script], env=env, stderr=subprocess.PIPE, text=True)
    assert closed.returncode == 1 and "standard output is closed" in closed.stderr


def test_a_broken_pipe_is_an_ordinary_error(capsys, monkeypatch):
    class Broken:
        def write(self, text):
            raise BrokenPipeError(32, "Broken pipe")

        def flush(self):
            pass

    monkeypatch.setattr(sys, "stdout", Broken())
    assert main(["templates"]) == 1
    assert "cannot write to standard output: Broken pipe" in capsys.readouterr().err


# --------------------------------------------------------------------------- --content


@pytest.mark.parametrize("kind", ["file", "missing"])
def test_content_must_name_an_existing_folder(tmp_path, capsys, kind):
    target = tmp_path / "pack.yaml"
    if kind == "file":
        write_pack(tmp_path, "pack.yaml")
    with pytest.raises(SystemExit) as info:
        main(["content", "check", "--content", str(target)])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert f"argument --content: '{target}' is {'not a folder' if kind == 'file' else 'not there'}" in err


# --------------------------------------------------------------------------- all-or-nothing exports


def test_a_word_failure_leaves_the_old_pdf_intact_and_says_so(tmp_path, capsys, monkeypatch):
    from briefing.errors import StyleError
    from briefing.writers import docx as docx_writer

    pdf, word = tmp_path / "note.pdf", tmp_path / "note.docx"
    pdf.write_bytes(b"old pdf")
    word.write_bytes(b"old word")

    def broken(path):
        raise StyleError(f"{path} is not a Word document")

    monkeypatch.setattr(docx_writer, "open_reference", broken)
    code, _, err = cli(capsys, "build", str(SAMPLE_BRIEF), "--format", "both", "-o", str(pdf))
    assert code == 1
    assert "is not a Word document; nothing was written, so note.pdf is as before" in err
    assert pdf.read_bytes() == b"old pdf" and word.read_bytes() == b"old word"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["note.docx", "note.pdf"]


def test_a_failed_replacement_puts_back_the_targets_already_replaced(tmp_path, monkeypatch):
    from briefing.atomic import StagedFiles
    from briefing.errors import ExportError

    first, second = tmp_path / "a.pdf", tmp_path / "a.docx"
    first.write_bytes(b"old a")
    second.mkdir()  # a folder where the file should go: its replacement fails
    staged = StagedFiles()
    with staged.stage(first) as stream:
        stream.write(b"new a")
    with staged.stage(second) as stream:
        stream.write(b"new b")
    with pytest.raises(ExportError, match="no file was replaced"):
        staged.commit()
    assert first.read_bytes() == b"old a"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.docx", "a.pdf"]


# --------------------------------------------------------------------------- errors name the brief


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(template="no-such-template"), "template: no template 'no-such-template'"),
        (lambda d: d["meta"].update(marking="PURPLE"), "meta.marking: 'PURPLE' is not a marking of the"),
        (lambda d: d["meta"].update(scheme="martian"), "meta.scheme: unknown marking scheme 'martian'"),
        (lambda d: d["items"][0].update(note="n", note_level="PINK"), "item 1 (cpec-action-plan-2025/development-cooperation): note_level"),
    ],
)
def test_errors_about_what_is_inside_a_brief_name_the_brief(tmp_path, capsys, change, message):
    data = copy.deepcopy(SAMPLE)
    change(data)
    path = brief_file(tmp_path, data)
    code, _, err = cli(capsys, "build", str(path), "-o", str(tmp_path / "x.pdf"))
    assert code == 1 and err.startswith(f"briefing: error: {path}: {message}"), err


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(("date", "why"), [("2025-13-45", "there is no month 13"), ("2025-02-31", "February 2025 has no day 31")])
def test_impossible_dates_are_refused_in_packs_with_file_and_line(tmp_path, date, why):
    text = MINIMAL.format(pack="test").replace('as_of: "2025-09"', f'as_of: "{date}"')
    path = write_pack(tmp_path, text=text)
    (problem,) = load_library([tmp_path]).problems
    assert str(problem).startswith(f"{path}:22:12: 'as_of': {date} is not a real date: {why}")


def test_impossible_dates_are_refused_in_briefs(tmp_path):
    data = copy.deepcopy(SAMPLE)
    data["meta"]["date"] = "2025-02-29"
    with pytest.raises(BriefError, match="meta.date: 2025-02-29 is not a real date: February 2025 has no day 29"):
        load_brief(brief_file(tmp_path, data))
    data["meta"]["date"] = "2024-02-29"
    assert load_brief(brief_file(tmp_path, data)).meta.date == "2024-02-29"


# --------------------------------------------------------------------------- stray temp files and the log


def test_the_next_save_removes_its_own_stale_temp_files_and_only_those(tmp_path):
    path = tmp_path / "call.brief"
    save_brief(Brief(), path)
    old = time.time() - 3600
    stale = tmp_path / ".call.brief.k2j4x9_a.tmp"  # as a save killed with kill -9 leaves it
    fresh = tmp_path / ".call.brief.abcdefgh.tmp"  # a save still running in another process
    others = [tmp_path / ".other.brief.k2j4x9_a.tmp", tmp_path / ".call.brief.notes.tmp", tmp_path / "call.brief.k2j4x9_a.tmp"]
    for leftover in [stale, fresh, *others]:
        leftover.write_text("partial")
        if leftover is not fresh:
            os.utime(leftover, (old, old))
    save_brief(Brief(), path)
    assert not stale.exists()
    assert fresh.exists() and all(p.exists() for p in others)


def test_an_internal_error_with_an_unwritable_user_folder_names_no_missing_log(tmp_path, capsys, monkeypatch):
    from briefing import cli as cli_module

    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("BRIEFING_HOME", str(blocker / "home"))

    def bug(args):
        raise ZeroDivisionError("a bug")

    monkeypatch.setitem(cli_module.COMMANDS, ("templates", None), bug)
    assert main(["templates"]) == 70
    err = capsys.readouterr().err
    assert "internal error: ZeroDivisionError: a bug (no details were logged: cannot write to" in err
    assert "details in" not in err


# --------------------------------------------------------------------------- a damaged reference .docx


def _damaged_xml(data: bytes) -> bytes:
    import io
    import zipfile

    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            part = source.read(name)
            target.writestr(name, part[:200] + b"<&" + part[200:] if name == "word/styles.xml" else part)
    return out.getvalue()


def _damaged_deflate(data: bytes) -> bytes:
    import zipfile

    with zipfile.ZipFile(__import__("io").BytesIO(data)) as package:
        info = package.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra) + 10
    return data[:start] + bytes(b ^ 0x5A for b in data[start : start + 40]) + data[start + 40 :]


@pytest.mark.parametrize("damage", [_damaged_xml, _damaged_deflate, lambda data: data[: len(data) // 2]])
def test_a_damaged_reference_docx_is_a_style_error(tmp_path, damage):
    from briefing.errors import StyleError
    from briefing.export import export_brief, options_for

    reference = tmp_path / "colleague.docx"
    reference.write_bytes(damage((Path(__file__).parents[1] / "assets" / "reference.docx").read_bytes()))
    brief = load_brief(SAMPLE_BRIEF)
    with pytest.raises(StyleError, match="colleague.docx is not"):
        export_brief(brief, None, ["docx"], tmp_path / "x.docx", options=options_for(reference_docx=str(reference)))
    assert not (tmp_path / "x.docx").exists()
