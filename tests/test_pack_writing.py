"""Writing packs: round-trip edits keep comments, format 1 migrates on first edit, conflicts and locks are clear."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from briefing import paths
from briefing.brief.model import Status, entry_for, status_of
from briefing.cli import main
from briefing.content import pack_writer as writer
from briefing.content.copying import duplicate_to_pack
from briefing.content.folders import TeamFolder, why_read_only
from briefing.content.library import load_library
from briefing.content.packfile import read_pack
from briefing.errors import ContentError
from tests.packs import MINIMAL, write_pack

REPO = Path(__file__).resolve().parents[1]
DESK = REPO / "tests" / "fixtures" / "content" / "desk-lines.yaml"

NEW_ITEMS = {
    "pillar": {"id": "new-pillar", "title": "New", "summary": "S.", "key_messages": ["M."], "source": {"paragraph": 4}},
    "figure": {
        "id": "new-figure",
        "label": "L",
        "value": 12,
        "display": "12",
        "unit": "schools",
        "pillar": "trust",
        "source": {"paragraph": 2},
    },
    "quotation": {
        "id": "new-quote",
        "speaker": "A. Speaker",
        "role": "Minister",
        "kind": "direct",
        "text": "Words: exactly as said.",
        "occasion": "Press conference",
        "pillar": "trust",
        "source": {"paragraph": 3, "note": "second sentence"},
    },
    "event": {"id": "new-event", "kind": "visit", "title": "A visit", "summary": "S.", "pillar": "trust", "source": {"paragraph": 1}},
    "project": {"id": "new-project", "name": "P", "summary": "S.", "status": "planned", "pillar": "trust", "source": {"paragraph": 1}},
    "person": {"id": "new-person", "name": "A. Speaker", "title": "H.E.", "role": "Minister", "bio": "Since 2024.", "tags": ["x"]},
    "line": {"id": "new-line", "kind": "if-asked", "question": "Yes or no?", "text": "NO comment at 12:30.", "last_reviewed": "2025-01-02"},
}


def loaded(folder: Path):
    library = load_library([folder])
    assert library.problems == [], [str(p) for p in library.problems]
    return library


@pytest.mark.parametrize("kind", sorted(NEW_ITEMS))
def test_new_edit_duplicate_and_delete_an_item_of_each_kind(tmp_path, kind):
    path = write_pack(tmp_path, pack="mine")
    values = NEW_ITEMS[kind]
    writer.save_change(path, writer.add_item(kind, values))
    item = loaded(tmp_path).get(f"mine/{values['id']}")
    assert item is not None and item.kind == kind and item.model.model_dump(exclude_defaults=True) == values | {}
    field = next(name for name in ("summary", "text", "bio", "label") if name in values)
    edited = values | {field: "Changed."}
    writer.save_change(path, writer.edit_item(kind, values["id"], edited))
    library = loaded(tmp_path)
    assert library.get(f"mine/{values['id']}").model.model_dump(exclude_defaults=True) == edited
    writer.save_change(path, writer.duplicate_item(kind, values["id"], edited | {"id": "the-copy"}))
    copy = loaded(tmp_path).get("mine/the-copy")
    assert copy.model.model_dump(exclude_defaults=True) == edited | {"id": "the-copy"}
    writer.save_change(path, writer.delete_item(kind, values["id"]))
    library = loaded(tmp_path)
    assert library.get(f"mine/{values['id']}") is None and library.get("mine/the-copy") is not None


def test_an_edit_keeps_comments_quoting_and_layout(tmp_path):
    path = tmp_path / "seed.yaml"
    path.write_bytes((REPO / "content" / "cpec-action-plan-2025.yaml").read_bytes())
    before = path.read_text(encoding="utf-8")
    item = loaded(tmp_path).get("cpec-action-plan-2025/orange-line-passenger-trips")
    values = item.model.model_dump(mode="json") | {"label": "Trips on the Orange Line"}
    writer.save_change(path, writer.edit_item("figure", item.model.id, values), expected=loaded(tmp_path).versions["cpec-action-plan-2025"])
    after = path.read_text(encoding="utf-8")
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=True) if a != b]
    assert changed == [
        ('    label: "Passenger journeys on the Lahore Orange Line metro since it opened"', '    label: "Trips on the Orange Line"')
    ]
    assert (tmp_path / "seed.yaml~").read_text(encoding="utf-8") == before  # the backup


def test_a_comment_beside_an_edited_item_survives(tmp_path):
    text = MINIMAL.format(pack="c").replace("    label: Passenger trips\n", "    label: Passenger trips   # keep this comment\n")
    path = write_pack(tmp_path, text="# Our pack: keep this header\n" + text)
    figure = loaded(tmp_path).get("c/trips")
    writer.save_change(path, writer.edit_item("figure", "trips", figure.model.model_dump(mode="json") | {"value": 250000001}))
    after = path.read_text(encoding="utf-8")
    assert after.startswith("# Our pack: keep this header\n")
    assert "    label: Passenger trips   # keep this comment\n" in after and "value: 250000001\n" in after


def test_a_format_1_pack_is_written_as_format_2_on_its_first_edit_and_briefs_flag_only_the_edited_item(tmp_path):
    path = write_pack(tmp_path, pack="old", text=MINIMAL.format(pack="old").replace("source:\n", "source:   # the article\n", 1))
    library = loaded(tmp_path)
    entries = [entry_for(item) for item in library]
    writer.save_change(path, writer.delete_item("quotation", "said"))
    text = path.read_text(encoding="utf-8")
    assert text.startswith("format: 2\n") and "sources:  # the article\n  - id: main\n    title: A test article\n" in text
    pack, _doc, problems = read_pack(path)
    assert problems == [] and [s.id for s in pack.sources] == ["main"]
    after = loaded(tmp_path)
    assert [status_of(e, after) for e in entries] == [Status.OK, Status.OK, Status.MISSING]


def test_a_pack_changed_on_disk_is_a_conflict_and_nothing_is_written(tmp_path):
    path = write_pack(tmp_path, pack="c")
    seen = loaded(tmp_path).versions["c"]
    path.write_text(path.read_text(encoding="utf-8").replace("Our summary.", "Their summary."), encoding="utf-8")
    theirs = path.read_bytes()
    with pytest.raises(writer.PackChanged, match="changed on disk since it was read"):
        writer.save_change(path, writer.add_item("line", NEW_ITEMS["line"]), expected=seen)
    assert path.read_bytes() == theirs
    writer.save_change(path, writer.add_item("line", NEW_ITEMS["line"]))  # "save anyway": applied to their version
    library = loaded(tmp_path)
    assert library.get("c/trust").model.summary == "Their summary." and library.get("c/new-line") is not None


def test_a_change_that_would_break_the_pack_writes_nothing(tmp_path):
    path = write_pack(tmp_path, pack="c")
    before = path.read_bytes()
    with pytest.raises(ContentError, match="unknown pillar 'nowhere'"):
        writer.save_change(path, writer.add_item("figure", NEW_ITEMS["figure"] | {"pillar": "nowhere"}))
    with pytest.raises(ContentError, match="no figure 'gone'"):
        writer.save_change(path, writer.delete_item("figure", "gone"))
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        writer.add_item("quotation", {k: v for k, v in NEW_ITEMS["quotation"].items() if k != "speaker"})
    assert path.read_bytes() == before and not path.with_name(path.name + "~").exists()


HOLD_LOCK = """
import sys, time
from filelock import FileLock
lock = FileLock(sys.argv[1])
lock.acquire()
print("locked", flush=True)
time.sleep(30)
"""


def test_a_pack_another_process_is_saving_is_busy(tmp_path):
    path = write_pack(tmp_path, pack="c")
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(path.with_name(f".{path.name}.lock"))], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(writer.PackBusy, match="pack is busy"):
            writer.save_change(path, writer.add_item("line", NEW_ITEMS["line"]), timeout=0.2)
    finally:
        holder.kill()
        holder.wait()
    writer.save_change(path, writer.add_item("line", NEW_ITEMS["line"]))
    assert loaded(tmp_path).get("c/new-line") is not None


SAVER = """
import sys, time
from pathlib import Path
from briefing.content import pack_writer as w
path, name, start = Path(sys.argv[1]), sys.argv[2], float(sys.argv[3])
time.sleep(max(0.0, start - time.time()))
for n in range(8):
    item = {"id": f"{name}-{n}", "kind": "line-to-take", "text": f"Line {n} from {name}."}
    try:
        w.save_change(path, w.add_item("line", item), timeout=float(sys.argv[4]))
        print("saved", item["id"], flush=True)
    except w.PackBusy as exc:
        print("busy", item["id"], exc, flush=True)
"""


@pytest.mark.parametrize("timeout", [10.0, 0.0])
def test_two_processes_saving_to_one_pack_never_interleave(tmp_path, timeout):
    """Both processes' items are there afterwards, or a save got a clear "pack is busy"; the file is always valid."""
    import time

    path = write_pack(tmp_path, pack="shared")
    start = str(time.time() + 1.5)
    env = {"PYTHONPATH": str(REPO), "BRIEFING_HOME": str(tmp_path / "home"), "PATH": "/usr/bin:/bin"}
    procs = [
        subprocess.Popen([sys.executable, "-c", SAVER, str(path), name, start, str(timeout)], stdout=subprocess.PIPE, text=True, env=env)
        for name in ("alpha", "beta")
    ]
    outputs = [p.communicate(timeout=120)[0].splitlines() for p in procs]
    saved = {line.split()[1] for out in outputs for line in out if line.startswith("saved")}
    busy = [line for out in outputs for line in out if line.startswith("busy")]
    assert len(saved) + len(busy) == 16
    assert all("pack is busy" in line for line in busy)
    if timeout:
        assert busy == [] and len(saved) == 16
    library = loaded(tmp_path)
    assert {i.model.id for i in library if i.kind == "line"} == saved


def test_new_pack_cli_writes_an_empty_valid_format_2_pack(tmp_path, capsys):
    target = tmp_path / "desk.yaml"
    assert main(["content", "new-pack", "pakistan-desk", "--title", "Pakistan desk: 2026", "-o", str(target)]) == 0
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# yaml-language-server: $schema=") and lines[0].endswith("content-pack.schema.json")
    assert lines[1:4] == ["format: 2", "pack: pakistan-desk", 'title: "Pakistan desk: 2026"']
    pack, _doc, problems = read_pack(target)
    assert problems == [] and pack.pack == "pakistan-desk" and len(pack.sources) == 1
    assert main(["content", "new-pack", "pakistan-desk", "--title", "T", "-o", str(target)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert main(["content", "new-pack", "Not An Id", "--title", "T", "-o", str(tmp_path / "x.yaml")]) == 1
    assert "must be lower-case letters, digits and hyphens" in capsys.readouterr().err


def test_new_pack_next_to_the_schema_names_it_by_a_relative_path(tmp_path):
    assert writer.schema_reference(REPO / "content" / "x.yaml") == "../assets/schemas/content-pack.schema.json"


def test_duplicate_to_my_pack_brings_the_source_document_and_pillar():
    library = load_library(extra=[DESK.parent])
    original = library.get("desk-lines/bilateral-trade")
    saved, new_id = duplicate_to_pack(original, library)
    assert saved.path == paths.user_content_dir() / "my-content.yaml" and new_id == "my-content/bilateral-trade"
    again = load_library(extra=[DESK.parent])
    assert again.problems == []
    copy = again.get(new_id)
    assert copy.source.model_dump(exclude={"id"}) == original.source.model_dump(exclude={"id"})
    assert copy.pillar == "my-content/trade" and again.get("my-content/trade").model.title == "Trade and investment"
    _saved, second = duplicate_to_pack(again.get("cpec-action-plan-2025/orange-line-passenger-trips"), again)
    third = load_library(extra=[DESK.parent])
    assert third.problems == [] and third.get(second).source.id == "cpec-action-plan-2025"
    _saved, twice = duplicate_to_pack(third.get("desk-lines/bilateral-trade"), third)
    assert twice == "my-content/bilateral-trade-2"
    assert [s.id for s in load_library().packs["my-content"].sources] == ["main", "trade-tables", "article", "cpec-action-plan-2025"]


def test_only_the_users_folder_and_writable_team_folders_can_be_edited(tmp_path):
    team = [TeamFolder(tmp_path / "shared", writable=True), TeamFolder(tmp_path / "read")]
    assert "bundled" in why_read_only(paths.content_dir() / "cpec-action-plan-2025.yaml", team)
    assert why_read_only(write_pack(paths.user_content_dir(), pack="mine"), team) is None
    assert why_read_only(write_pack(tmp_path / "shared", pack="team"), team) is None
    assert "marked writable" in why_read_only(write_pack(tmp_path / "read", pack="other"), team)


def test_any_text_written_reads_back_the_same(tmp_path):
    """Whatever an officer types is quoted so that the strict reader gives back exactly that text."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    path = write_pack(tmp_path, pack="t")
    like_plain = loaded(tmp_path).get("t/trips")
    text = st.text(st.characters(blacklist_categories=("Cs", "Cc"), whitelist_characters="\n"), min_size=1, max_size=40).filter(str.strip)

    @settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(label=text, line=text)
    def round_trip(label, line):
        values = like_plain.model.model_dump(mode="json") | {"label": label}
        writer.save_change(path, writer.edit_item("figure", "trips", values))
        writer.save_change(path, writer.add_item("line", {"id": "typed", "kind": "line-to-take", "text": line}))
        library = loaded(tmp_path)
        assert library.get("t/trips").model.label == label and library.get("t/typed").model.text == line
        writer.save_change(path, writer.delete_item("line", "typed"))

    round_trip()
