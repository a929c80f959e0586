"""History kept in the brief file across saves, its bound, old versions read-only, and comparing briefs."""

from __future__ import annotations

import contextlib
import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.brief import clearance, history
from briefing.brief.diff import compare, format_changes, word_diff
from briefing.brief.store import load_brief, save_brief
from briefing.cli import main
from briefing.errors import BriefError
from briefing.levels.portions import brief_banner
from tests.conftest import SAMPLE_BRIEF


@pytest.fixture
def brief():
    return load_brief(SAMPLE_BRIEF)


def test_each_save_keeps_a_version(tmp_path, brief):
    path = tmp_path / "b.brief"
    for n in range(3):
        brief.meta.title = f"Title {n}"
        save_brief(brief, path, author=f"officer {n}")
    save_brief(brief, path)  # nothing changed: no new version
    versions = history.list_versions(load_brief(path))
    assert [(v.number, v.author, v.state) for v in versions] == [
        (1, "officer 0", "draft"),
        (2, "officer 1", "draft"),
        (3, "officer 2", "draft"),
    ]
    assert all(v.saved_at.endswith("Z") for v in versions)


def test_snapshots_are_stored_once(tmp_path, brief):
    path = tmp_path / "b.brief"
    for n in range(5):
        brief.sections.purpose.text = f"Purpose {n}"
        save_brief(brief, path)
    data = json.loads(path.read_text())
    assert len(data["history"]["snapshots"]) == len(brief.items) and len(data["history"]["entries"]) == len(brief.items)
    assert all(isinstance(key, str) for v in data["history"]["versions"] for key in v["content"]["items"])


def test_the_history_is_bounded(tmp_path, brief):
    path = tmp_path / "b.brief"
    for n in range(history.MAX_VERSIONS + 5):
        brief.meta.reference = f"REF/{n}"
        save_brief(brief, path)
    again = load_brief(path)
    versions = history.list_versions(again)
    assert len(versions) == history.MAX_VERSIONS
    assert history.load_version(again, 1).meta.reference == "REF/5"
    brief.items = brief.items[:1]
    save_brief(brief, path)
    assert len(json.loads(path.read_text())["history"]["snapshots"]) == len(load_brief(SAMPLE_BRIEF).items)


def test_an_old_version_opens_read_only(tmp_path, brief):
    path = tmp_path / "b.brief"
    save_brief(brief, path)
    clearance.advance(brief, "cleared", "Head of Section")
    save_brief(brief, path)
    brief.meta.title = "Changed"
    save_brief(brief, path)
    again = load_brief(path)
    old = history.load_version(again, 2)
    assert old.meta.title == "Call on the Chinese Ambassador" and old.items == load_brief(SAMPLE_BRIEF).items
    assert clearance.state_of(old) == "cleared" and old.old_version == 2
    with pytest.raises(BriefError, match="old version"):
        save_brief(old, tmp_path / "copy.brief")
    assert not (tmp_path / "copy.brief").exists()
    with pytest.raises(BriefError, match="no version 9"):
        history.load_version(again, 9)


def test_word_diff_marks_changed_words():
    assert word_diff("ask for a contact point", "ask for two contact points") == "ask for [-a-] {+two+} contact [-point-] {+points+}"


def _kinds(a, b):
    return [c.kind for c in compare(a, b)]


def test_items_added_removed_and_moved(brief):
    other = brief.model_copy(deep=True)
    removed = other.items.pop(1)
    other.items.insert(0, other.items.pop(3))
    other.items.append(removed.model_copy(update={"ref": "cpec-action-plan-2025/new-one"}))
    changes = compare(brief, other)
    text = format_changes(changes)
    assert "item removed: pillar cpec-action-plan-2025/people-centred" in text and "was item 2" in text
    assert "item added: pillar cpec-action-plan-2025/new-one" in text
    moved = [c for c in changes if c.kind == "item moved"]
    assert len(moved) == 1 and brief.items[4].ref in moved[0].text and "from item 5 to item 1" in moved[0].text


def test_notes_sections_and_meta(brief):
    other = brief.model_copy(deep=True)
    other.items[2].note = "Cite as proof of delivery on livelihoods."
    other.sections.recommendation.text = other.sections.recommendation.text.replace("a contact point", "two contact points")
    other.sections.background.level = "SECRET"
    other.meta.marking = "CONFIDENTIAL"
    other.meta.title = "Call on the Ambassador"
    text = format_changes(compare(brief, other, brief_banner))
    assert "note changed: on figure cpec-action-plan-2025/orange-line-passenger-trips" in text
    assert "Cite as [-evidence-] {+proof+} of delivery" in text
    assert "section changed: recommendation:" in text and "[-a-] {+two+} contact [-point-] {+points+}" in text
    assert "section level changed: background: none -> SECRET" in text
    assert "marking changed: marking: RESTRICTED -> CONFIDENTIAL" in text
    assert "marking changed: banner: RESTRICTED -> SECRET" in text
    assert "detail changed: title: Call on the [-Chinese-] Ambassador" in text


def test_no_differences(brief):
    assert format_changes(compare(brief, brief.model_copy(deep=True))) == "no differences"


def test_cli_diff_and_versions(tmp_path, capsys, brief):
    a, b = tmp_path / "a.brief", tmp_path / "b.brief"
    save_brief(brief, a, author="Officer")
    brief.items.pop()
    save_brief(brief, b)
    assert main(["diff", str(a), str(b)]) == 0
    assert capsys.readouterr().out.startswith("item removed: quotation cpec-action-plan-2025/shehbaz-epic-of-trust")
    save_brief(brief, a)
    assert main(["diff", f"{a}@1", str(a)]) == 0
    assert "item removed" in capsys.readouterr().out
    assert main(["versions", str(a)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and lines[0].startswith("1\t") and "\tdraft\tOfficer" in lines[0]


def test_a_damaged_version_is_a_clear_error(tmp_path, brief):
    path = tmp_path / "b.brief"
    save_brief(brief, path)
    data = json.loads(path.read_text())
    data["history"]["versions"][0]["content"]["meta"] = "not an object"
    path.write_text(json.dumps(data))
    with pytest.raises(BriefError, match="version 1 is damaged at meta"):
        history.load_version(load_brief(path), 1)
    data["history"]["versions"][0]["content"]["items"] = ["no-such-key"]
    path.write_text(json.dumps(data))
    with pytest.raises(BriefError, match="refers to an item the history lacks"):
        history.load_version(load_brief(path), 1)


_WORDS = st.lists(st.sampled_from(["alpha", "beta", "gamma", "delta", "eps"]), max_size=12)


def _unmark(text: str, keep: str) -> list[str]:
    """The old (keep='-') or new (keep='+') words from a word diff."""
    drop = "+" if keep == "-" else "-"
    text = re.sub(r"\{\+.*?\+\}" if drop == "+" else r"\[-.*?-\]", " ", text)
    return re.sub(r"\[-|-\]|\{\+|\+\}", " ", text).split()


@given(old=_WORDS, new=_WORDS)
def test_word_diff_keeps_both_texts(old, new):
    marked = word_diff(" ".join(old), " ".join(new))
    assert _unmark(marked, "-") == old and _unmark(marked, "+") == new


@settings(max_examples=60, deadline=None)
@given(order=st.permutations(range(6)), drop=st.sets(st.integers(0, 5), max_size=3))
def test_items_added_removed_moved_account_for_every_change(order, drop):
    brief = load_brief(SAMPLE_BRIEF)
    other = brief.model_copy(deep=True)
    other.items = [other.items[i] for i in order if i not in drop]
    changes = compare(brief, other)
    removed = {c.text.split(",")[0].split(" ")[1] for c in changes if c.kind == "item removed"}
    assert removed == {brief.items[i].ref for i in drop}
    assert not [c for c in changes if c.kind == "item added"]
    kept_old = [e.ref for e in brief.items if e.ref in {x.ref for x in other.items}]
    moved = {c.text.split(",")[0].split(" ")[1] for c in changes if c.kind == "item moved"}
    assert bool(moved) == (kept_old != [e.ref for e in other.items])


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=12,
)
_VERSION_KEYS = st.fixed_dictionaries(
    {"saved_at": _JSON, "digest": _JSON, "content": _JSON}, optional={"state": _JSON, "steps": _JSON, "author": _JSON}
)


@settings(max_examples=80, deadline=None)
@given(clearance_data=_JSON | st.lists(_JSON, max_size=3), versions=st.lists(_VERSION_KEYS, max_size=3), pools=_JSON)
def test_any_clearance_or_history_data_reads_or_is_a_clear_error(clearance_data, versions, pools):
    from briefing.brief.store import parse_brief

    data = json.loads(SAMPLE_BRIEF.read_text(encoding="utf-8"))
    data["clearance"], data["history"] = clearance_data, {"versions": versions, "entries": pools, "snapshots": pools}
    try:
        brief = parse_brief(json.dumps(data), SAMPLE_BRIEF)
    except BriefError:
        return
    clearance.status(brief)
    for info in history.list_versions(brief):
        with contextlib.suppress(BriefError):
            history.load_version(brief, info.number)
    history.record_save(brief, "Officer")  # what a save does first: a damaged history never stops a save
    assert history.list_versions(brief)[-1].author == "Officer"


def test_cli_diff_prints_each_change_on_its_own_line(tmp_path, capsys, brief):
    a, b = tmp_path / "a.brief", tmp_path / "b.brief"
    save_brief(brief, a)
    brief.items.pop()
    brief.meta.title = "Call on the \x1b[31mAmbassador"  # an escape code in a change stays escaped on its line
    brief.sections.background.level = "SECRET"
    save_brief(brief, b)
    assert main(["diff", str(a), str(b)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) >= 3 and not any("\\x0adetail" in line or "\\x0aitem" in line for line in lines)
    assert any(line.startswith("item removed: ") for line in lines)
    assert any(line.startswith("section level changed: background") for line in lines)
    assert any("\\x1b[31m" in line for line in lines if line.startswith("detail changed: title"))


def test_attendees_changed_read_as_names_and_roles(brief):
    other = brief.model_copy(deep=True)
    other.meta.attendees.ours = other.meta.attendees.ours[:1]
    text = format_changes(compare(brief, other))
    line = next(line for line in text.splitlines() if line.startswith("detail changed: attendees"))
    assert "{" not in line and "None" not in line and "ours: " in line and "theirs: " in line


def test_cli_diff_of_a_missing_version_names_the_brief(tmp_path, capsys, brief):
    path = tmp_path / "b.brief"
    save_brief(brief, path)
    assert main(["diff", f"{path}@9", str(path)]) == 1
    assert f"{path}: the brief has no version 9 (it keeps versions 1 to 1)" in capsys.readouterr().err


def test_diff_names_a_change_of_clearance_state():
    from briefing.brief.clearance import advance
    from briefing.brief.diff import compare
    from briefing.brief.store import load_brief
    from tests.conftest import SAMPLE_BRIEF

    draft = load_brief(SAMPLE_BRIEF)
    cleared = draft.model_copy(deep=True)
    advance(cleared, "cleared", "Head of Section")
    assert [str(c) for c in compare(draft, cleared)] == ["clearance changed: draft -> cleared"]
    assert compare(cleared, cleared) == []
