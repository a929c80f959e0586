"""The CLI contract: exit codes, one-line errors, JSON shapes."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from briefing.brief.store import load_brief
from briefing.cli import main
from tests.packs import MINIMAL, write_pack


def run_cli(*args: str, env=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "briefing", *args], capture_output=True, text=True, env=env)


def test_content_check_ok(capsys):
    assert main(["content", "check"]) == 0
    assert "all valid" in capsys.readouterr().out


def test_content_check_counts_one_pack_in_the_singular(capsys):
    assert main(["content", "check"]) == 0
    assert capsys.readouterr().out.strip().endswith(" items in 1 pack: all valid")


def test_content_usage_names_every_subcommand():
    result = run_cli("content")
    assert result.returncode == 2 and "{check,list,new-pack}" in result.stderr


def test_content_check_reports_each_problem_on_one_line(tmp_path, capsys):
    write_pack(tmp_path, "a.yaml", text=MINIMAL.format(pack="a").replace("title: Test pack", "title: NO"))
    write_pack(tmp_path, "b.yaml", text=MINIMAL.format(pack="b").replace("value: 250000000", "value: lots"))
    assert main(["content", "check", "--content", str(tmp_path)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 2
    assert err[0].startswith(f"{tmp_path / 'a.yaml'}:3:8: ")
    assert err[1].startswith(f"{tmp_path / 'b.yaml'}:18:12: ")


def test_content_list_json_shape(capsys):
    assert main(["content", "list", "--json"]) == 0
    items = json.loads(capsys.readouterr().out)
    kinds = {i["kind"] for i in items}
    assert {"pillar", "figure", "quotation", "event", "project"} <= kinds
    for item in items:
        assert {"id", "kind", "pillar"} <= set(item)
        if item["kind"] == "figure":
            assert {"label", "value", "display", "unit"} <= set(item)
        if item["kind"] == "quotation":
            assert {"speaker", "role", "text"} <= set(item) and item["quote_kind"] in ("direct", "reported")


def test_content_list_filters(capsys):
    main(["content", "list", "--json", "--kind", "figure", "--search", "orange line"])
    [item] = json.loads(capsys.readouterr().out)
    assert item["id"] == "cpec-action-plan-2025/orange-line-passenger-trips"
    main(["content", "list", "--json", "--kind", "quotation", "--speaker", "shehbaz", "--pillar", "security"])
    items = json.loads(capsys.readouterr().out)
    assert items and all(i["speaker"] == "Shehbaz Sharif" and i["pillar"].endswith("/security") for i in items)
    main(["content", "list", "--tag", "transport"])
    assert "orange-line" in capsys.readouterr().out


def test_templates_json(capsys):
    assert main(["templates", "--json"]) == 0
    templates = {t["id"]: t for t in json.loads(capsys.readouterr().out)}
    assert templates["meeting-brief"]["page_budget"] == 1
    assert templates["talking-points"]["page_budget"] is None
    assert all({"id", "name", "page_budget"} <= set(t) for t in templates.values())


def test_new_writes_brief_in_order(tmp_path, capsys):
    out = tmp_path / "call.brief"
    ids = ["cpec-action-plan-2025/shehbaz-epic-of-trust", "cpec-action-plan-2025/people-centred"]
    args = ["new", "-t", "talking-points", "--title", "Call", "--marking", "confidential", "-o", str(out)]
    for item_id in ids:
        args += ["--item", item_id]
    assert main(args) == 0
    brief = load_brief(out)
    assert [e.ref for e in brief.items] == ids
    assert brief.meta.marking == "CONFIDENTIAL" and brief.template == "talking-points" and brief.meta.title == "Call"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["new", "-t", "nope", "-o", "x.brief"], "no template 'nope'"),
        (["new", "-t", "meeting-brief", "--marking", "PURPLE", "-o", "x.brief"], "'PURPLE' is not a marking"),
        (["new", "-t", "meeting-brief", "--item", "no/such", "-o", "x.brief"], "no item 'no/such'"),
        (["build", "missing.brief"], "cannot read brief"),
    ],
)
def test_errors_are_one_line_without_traceback(tmp_path, args, message):
    result = subprocess.run([sys.executable, "-m", "briefing", *args], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0] and "Traceback" not in result.stderr


def test_usage_error_exits_2():
    result = run_cli("content", "list", "--kind", "nonsense")
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--date", "2025-13-01"], "--date '2025-13-01': 2025-13-01 is not a real date: there is no month 13"),
        (["--date", "2025-02-30"], "--date '2025-02-30': 2025-02-30 is not a real date"),
        (["--ours", "A. Person=Adviser=SECRT"], "--ours A. Person: 'SECRT' is not a marking of the"),
        (["--theirs", "B. Person=Minister=PURPLE"], "--theirs B. Person: 'PURPLE' is not a marking of the"),
    ],
)
def test_new_refuses_a_bad_date_or_level_in_one_line_and_writes_nothing(tmp_path, capsys, args, message):
    target = tmp_path / "x.brief"
    assert main(["new", "-t", "meeting-brief", *args, "-o", str(target)]) == 1
    err = capsys.readouterr().err
    assert message in err and "internal error" not in err and len(err.strip().splitlines()) == 1
    assert not target.exists()


def test_a_bad_attendee_level_in_a_brief_names_the_file_and_the_field(tmp_path, capsys):
    target = tmp_path / "x.brief"
    assert main(["new", "-t", "meeting-brief", "--ours", "A. Person=Adviser=secret", "-o", str(target)]) == 0
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["meta"]["attendees"]["ours"][0]["level"] == "SECRET"  # the scheme's own spelling
    data["meta"]["attendees"]["ours"][0]["level"] = "SECRT"
    target.write_text(json.dumps(data), encoding="utf-8")
    capsys.readouterr()
    assert main(["build", str(target), "-o", str(tmp_path / "x.pdf")]) == 1
    assert f"{target}: meta.attendees.ours.0.level (A. Person): 'SECRT' is not a marking" in capsys.readouterr().err
