"""Clearance states: draft -> cleared -> approved, signed and tied to content; an edit makes a draft again."""

from __future__ import annotations

import json

import pytest

from briefing.brief import clearance
from briefing.brief.store import load_brief, save_brief
from briefing.cli import main
from briefing.errors import BriefError
from tests.conftest import SAMPLE_BRIEF


@pytest.fixture
def brief():
    return load_brief(SAMPLE_BRIEF)


def test_steps_record_who_and_when(brief):
    assert clearance.state_of(brief) == "draft"
    step = clearance.advance(brief, "cleared", "  Head  of Section ", at="2026-01-02T10:00:00Z")
    assert (step.state, step.by, step.at) == ("cleared", "Head of Section", "2026-01-02T10:00:00Z")
    clearance.advance(brief, "approved", "Director")
    assert clearance.state_of(brief) == "approved" and clearance.is_cleared(brief)
    assert [s.state for s in brief.clearance] == ["cleared", "approved"]


@pytest.mark.parametrize(
    ("steps", "to", "message"),
    [
        ([], "approved", "it is draft.*cleared first"),
        (["cleared"], "cleared", "already cleared"),
        (["cleared", "approved"], "cleared", "it is approved"),
        (["cleared", "approved"], "approved", "already approved"),
        ([], "published", "unknown clearance state"),
    ],
)
def test_invalid_moves_are_refused(brief, steps, to, message):
    for state in steps:
        clearance.advance(brief, state, "A")
    with pytest.raises(BriefError, match=message):
        clearance.advance(brief, to, "B")


def test_a_step_needs_a_name(brief):
    with pytest.raises(BriefError, match="--by NAME"):
        clearance.advance(brief, "cleared", "  ")


def test_any_edit_returns_the_brief_to_draft(tmp_path, brief):
    path = tmp_path / "b.brief"
    clearance.advance(brief, "cleared", "Head of Section")
    save_brief(brief, path, author="Officer")
    brief.items[2].note = "A different note."
    assert clearance.state_of(brief) == "draft" and clearance.edited_since_clearance(brief)
    save_brief(brief, path, author="Officer")
    again = load_brief(path)
    assert clearance.state_of(again) == "draft"
    assert again.clearance[-1].state == "draft" and "edited after it was cleared by Head of Section" in again.clearance[-1].note
    assert again.history.versions[-1].note == again.clearance[-1].note and again.history.versions[-1].state == "draft"


def test_an_edit_by_another_tool_is_noticed(tmp_path, brief):
    path = tmp_path / "b.brief"
    clearance.advance(brief, "cleared", "Head of Section")
    save_brief(brief, path)
    data = json.loads(path.read_text())
    data["sections"]["purpose"]["text"] += " Added by hand."
    path.write_text(json.dumps(data))
    assert clearance.state_of(load_brief(path)) == "draft"


def test_format_and_empty_fields_do_not_change_the_digest(brief):
    digest = clearance.content_digest(brief)
    data = brief.model_dump(mode="json")
    data["version"], data["meta"]["x_new_field"] = 99, ""
    assert clearance.content_digest(data) == digest


def test_unknown_keys_survive_clearance(tmp_path, brief):
    path = tmp_path / "b.brief"
    save_brief(brief, path)
    data = json.loads(path.read_text())
    data["x_future"] = {"a": 1}
    data["clearance"] = [{"state": "cleared", "by": "A", "at": "2026-01-01T00:00:00Z", "digest": "0", "x_seal": "kept"}]
    path.write_text(json.dumps(data))
    save_brief(load_brief(path), path)
    data = json.loads(path.read_text())
    assert data["x_future"] == {"a": 1} and data["clearance"][0]["x_seal"] == "kept"


def test_cli_status(tmp_path, capsys):
    path = tmp_path / "b.brief"
    path.write_bytes(SAMPLE_BRIEF.read_bytes())
    assert main(["status", str(path)]) == 0
    assert capsys.readouterr().out == "state: draft\n"
    assert main(["status", str(path), "approved", "--by", "Director"]) == 1
    assert "cannot mark the brief approved: it is draft (it must be cleared first)" in capsys.readouterr().err
    assert main(["status", str(path), "cleared"]) == 1
    assert "--by NAME" in capsys.readouterr().err
    assert main(["status", str(path), "cleared", "--by", "Head of Section"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "state: cleared" and out[1].endswith("cleared   by Head of Section")
    assert main(["status", str(path), "approved", "--by", "Director"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "state: approved"
    assert clearance.state_of(load_brief(path)) == "approved"


def test_the_apps_step_is_an_undoable_edit(brief):
    step = clearance.AdvanceClearance("cleared", "Head of Section")
    assert step.apply(brief) == [("field", "clearance")]
    at = brief.clearance[-1].at
    assert clearance.state_of(brief) == "cleared"
    step.revert(brief)
    assert clearance.state_of(brief) == "draft" and not brief.clearance
    step.apply(brief)
    assert clearance.state_of(brief) == "cleared" and brief.clearance[-1].at == at
