"""Brief files: round trip, migration, newer versions refused, unknown keys kept, atomic save with backup."""

from __future__ import annotations

import json
import os
import stat

import pytest

from briefing.brief.commands import InsertItems, MoveItem, RemoveItems, SetEntry, SetField, refreshed, with_note
from briefing.brief.model import FORMAT_VERSION, Brief, Status, entry_for, status_of
from briefing.brief.store import load_brief, save_brief
from briefing.content.library import load_library
from briefing.errors import BriefError, BriefTooNew
from tests.conftest import SAMPLE_BRIEF
from tests.packs import MINIMAL, write_pack


@pytest.fixture
def library(tmp_path):
    write_pack(tmp_path / "lib")
    return load_library([tmp_path / "lib"])


def make_brief(library) -> Brief:
    brief = Brief(template="meeting-brief")
    brief.meta.title = "Call on the Minister"
    brief.meta.marking = "RESTRICTED"
    for item_id in ("test/trust", "test/trips", "test/said"):
        brief.items.append(entry_for(library.get(item_id)))
    brief.items[1].note = "Use in the opening."
    return brief


def test_round_trip(tmp_path, library):
    brief = make_brief(library)
    path = tmp_path / "call.brief"
    save_brief(brief, path)
    again = load_brief(path)
    assert again.model_dump() == brief.model_dump()
    assert [e.ref for e in again.items] == ["test/trust", "test/trips", "test/said"]
    assert again.items[1].snapshot["display"] == "over 250 million"


def test_unknown_keys_survive(tmp_path, library):
    path = tmp_path / "call.brief"
    save_brief(make_brief(library), path)
    data = json.loads(path.read_text())
    data["x_future"] = {"a": 1}
    data["meta"]["x_colour"] = "blue"
    data["items"][0]["x_pin"] = True
    path.write_text(json.dumps(data))
    save_brief(load_brief(path), path)
    data = json.loads(path.read_text())
    assert data["x_future"] == {"a": 1} and data["meta"]["x_colour"] == "blue" and data["items"][0]["x_pin"] is True


def test_version_1_is_migrated(tmp_path, library):
    path = tmp_path / "old.brief"
    snapshot = library.get("test/trips").snapshot()
    path.write_text(
        json.dumps(
            {
                "version": 1,
                "template": "talking-points",
                "title": "Old brief",
                "marking": "SECRET",
                "purpose": "Why we meet.",
                "selection": [{"id": "test/trips", "note": "n", "snapshot": snapshot}],
            }
        )
    )
    brief = load_brief(path)
    assert brief.version == FORMAT_VERSION
    assert brief.meta.title == "Old brief" and brief.meta.marking == "SECRET"
    assert brief.sections.purpose.text == "Why we meet."
    assert brief.items[0].ref == "test/trips" and brief.items[0].note == "n" and brief.items[0].kind == "figure"


def test_newer_version_is_refused_and_not_touched(tmp_path):
    path = tmp_path / "new.brief"
    text = json.dumps({"format": "briefing.brief", "version": FORMAT_VERSION + 1, "template": "x"})
    path.write_text(text)
    with pytest.raises(BriefTooNew, match="newer Briefing"):
        load_brief(path)
    assert path.read_text() == text


def test_bad_json_names_line(tmp_path):
    path = tmp_path / "bad.brief"
    path.write_text('{\n  "version": 2,\n  "meta": {,}\n}')
    with pytest.raises(BriefError) as info:
        load_brief(path)
    assert f"{path}:3:" in str(info.value)


def test_missing_and_changed_items_are_flagged(tmp_path, library):
    brief = make_brief(library)
    assert [status_of(e, library) for e in brief.items] == [Status.OK] * 3
    write_pack(
        tmp_path / "lib",
        text=MINIMAL.format(pack="test").replace("over 250 million", "over 260 million").replace("  - id: said", "  - id: said-renamed"),
    )
    changed = load_library([tmp_path / "lib"])
    statuses = [status_of(e, changed) for e in brief.items]
    assert statuses == [Status.OK, Status.CHANGED, Status.MISSING]
    assert Status.CHANGED.value == "changed since selected" and Status.MISSING.value == "missing from library"
    # the brief keeps its version until refreshed
    assert brief.items[1].snapshot["display"] == "over 250 million"
    fresh = refreshed(brief.items[1], changed.get("test/trips"))
    assert fresh.snapshot["display"] == "over 260 million" and fresh.note == "Use in the opening."
    assert status_of(fresh, changed) is Status.OK


def test_save_keeps_one_backup_and_permissions(tmp_path, library):
    path = tmp_path / "call.brief"
    brief = make_brief(library)
    save_brief(brief, path)
    os.chmod(path, 0o600)
    first = path.read_bytes()
    brief.meta.title = "Second"
    save_brief(brief, path)
    assert (tmp_path / "call.brief~").read_bytes() == first
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_failed_save_leaves_old_file(tmp_path, library, monkeypatch):
    path = tmp_path / "call.brief"
    brief = make_brief(library)
    save_brief(brief, path)
    before = path.read_bytes()
    from briefing.brief import store

    def disk_full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store, "dump_brief", lambda b: b"{" + b"x" * 10)
    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(BriefError, match="No space left"):
        save_brief(brief, path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["call.brief"]


def test_symlinked_target_is_written_through(tmp_path, library):
    real = tmp_path / "real.brief"
    link = tmp_path / "link.brief"
    save_brief(make_brief(library), real)
    link.symlink_to(real)
    brief = make_brief(library)
    brief.meta.title = "Through the link"
    save_brief(brief, link)
    assert link.is_symlink() and load_brief(real).meta.title == "Through the link"


def test_commands_revert_what_they_apply(library):
    brief = Brief()
    seen: list = []
    done = []
    for make in (
        lambda: InsertItems([entry_for(library.get("test/trust")), entry_for(library.get("test/trips"))]),
        lambda: MoveItem(1, 0),
        lambda: SetEntry(0, with_note(brief.items[0], "note")),
        lambda: SetField("meta.title", "New title"),
        lambda: RemoveItems([1]),
    ):
        command = make()
        seen.extend(command.apply(brief))
        done.append(command)
    assert [e.ref for e in brief.items] == ["test/trips"] and brief.meta.title == "New title" and brief.items[0].note == "note"
    for command in reversed(done):
        command.revert(brief)
    assert brief.items == [] and brief.meta.title == "Untitled brief"
    for command in done:
        command.apply(brief)
    assert [e.ref for e in brief.items] == ["test/trips"] and brief.items[0].note == "note"
    assert ("move", 1, 0) in seen and ("field", "meta.title") in seen


def test_changed_on_disk_is_a_conflict(tmp_path, library):
    from briefing.brief.store import file_stamp, save_brief_checked
    from briefing.errors import BriefConflict

    path = tmp_path / "call.brief"
    brief = make_brief(library)
    stamp = save_brief_checked(brief, path, None)
    assert stamp == file_stamp(path)
    stamp = save_brief_checked(brief, path, stamp)  # unchanged on disk: fine
    other = make_brief(library)
    other.meta.title = "A colleague's edit"
    save_brief(other, path)
    with pytest.raises(BriefConflict, match="changed on disk"):
        save_brief_checked(brief, path, stamp)
    assert load_brief(path).meta.title == "A colleague's edit"
    save_brief_checked(brief, path, stamp, force=True)
    assert load_brief(path).meta.title == "Call on the Minister"


def test_second_instance_cannot_lock(tmp_path, library):
    import subprocess
    import sys

    from briefing.brief.store import BriefLock

    path = tmp_path / "call.brief"
    save_brief(make_brief(library), path)
    first = BriefLock(path)
    assert first.acquire()
    code = f"from briefing.brief.store import BriefLock; import sys; sys.exit(0 if BriefLock({str(path)!r}).acquire() else 3)"
    assert subprocess.run([sys.executable, "-c", code]).returncode == 3
    first.release()
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def test_lock_is_released_when_the_holder_dies(tmp_path, library):
    import subprocess
    import sys

    from briefing.brief.store import BriefLock

    path = tmp_path / "call.brief"
    save_brief(make_brief(library), path)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"from briefing.brief.store import BriefLock; import time; lock = BriefLock({str(path)!r}); lock.acquire(); print('held', flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "held"
    assert not BriefLock(path).acquire()
    holder.kill()
    holder.wait()
    assert BriefLock(path).acquire()


def test_newer_version_can_be_read_for_viewing_but_never_saved(tmp_path, library):
    from briefing.brief.store import is_too_new

    path = tmp_path / "new.brief"
    data = json.loads(make_brief(library).model_dump_json())
    data["version"] = FORMAT_VERSION + 1
    data["x_new_feature"] = {"kept": True}
    path.write_text(json.dumps(data))
    before = path.read_bytes()
    brief = load_brief(path, allow_newer=True)
    assert is_too_new(brief) and brief.meta.title == "Call on the Minister" and len(brief.items) == 3
    with pytest.raises(BriefTooNew, match="read-only"):
        save_brief(brief, path)
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("change", "message", "key"),
    [
        (
            lambda d: d["meta"].update(markng=d["meta"].pop("marking")),
            "meta.markng: not a field of a brief, and meta.marking is missing",
            "markng",
        ),
        (lambda d: d.update(metta=d.pop("meta")), "metta: not a field of a brief, and meta is missing", "metta"),
        (
            lambda d: d["items"][0].update(nte=d["items"][0].pop("note")),
            "items.0.nte: not a field of a brief, and items.0.note is missing",
            "nte",
        ),
        (lambda d: d["sections"]["purpose"].update(txt=d["sections"]["purpose"].pop("text")), "sections.purpose.txt:", "txt"),
    ],
)
def test_a_misspelt_field_is_refused_at_its_line_not_kept_as_an_unknown_key(tmp_path, change, message, key):
    data = json.loads(SAMPLE_BRIEF.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "typo.brief"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    with pytest.raises(BriefError) as caught:
        load_brief(path)
    line = next(n for n, text in enumerate(path.read_text().splitlines(), 1) if f'"{key}":' in text)
    assert message in str(caught.value) and f"typo.brief:{line}:" in str(caught.value)


def test_an_unknown_key_that_is_no_near_miss_is_kept(tmp_path):
    data = json.loads(SAMPLE_BRIEF.read_text(encoding="utf-8"))
    data["meta"]["dossier_colour"] = "blue"  # a newer Briefing's field, perhaps
    data["meta"].pop("marking")
    data["meta"]["markings_note"] = "not close enough to 'marking' to be a typo"
    path = tmp_path / "newer.brief"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert load_brief(path).meta.model_extra["dossier_colour"] == "blue"
