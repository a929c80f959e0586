"""Two windows on one brief, a brief from a newer Briefing, a brief changed on disk, and per-instance autosaves."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from briefing import paths
from briefing.brief.model import FORMAT_VERSION, Brief
from briefing.brief.store import BriefLock, load_brief, save_brief

from .helpers import ORANGE, TRUST, refs


def saved_brief(path, title="On disk"):
    brief = Brief()
    brief.meta.title = title
    save_brief(brief, path)
    return path


@pytest.fixture
def other_instance():
    """Locks held by 'another instance' (this process, another file handle: the OS lock still says no)."""
    held: list[BriefLock] = []

    def hold(path) -> BriefLock:
        lock = BriefLock(path)
        assert lock.acquire()
        held.append(lock)
        return lock

    yield hold
    for lock in held:
        lock.release()


def free(path) -> bool:
    """Whether no window or instance holds the brief's lock (tried and let go at once)."""
    lock = BriefLock(path)
    taken = lock.acquire()
    lock.release()
    return taken


def is_read_only(window) -> bool:
    return "(read-only)" in window.windowTitle() and window.read_only_banner.isVisibleTo(window)


# -- 1. a brief open in another window or instance ------------------------------------------------------------------


def test_opening_a_brief_takes_its_lock_and_closing_releases_it(tmp_path, window):
    path = saved_brief(tmp_path / "mine.brief")
    assert window.files.open_file(path)
    assert not is_read_only(window) and window.save_action.isEnabled()
    assert not free(path)  # a second instance would be refused
    window.files.new_brief()  # the brief is replaced
    assert free(path)

    assert window.files.open_file(path)
    window.files.open_file(saved_brief(tmp_path / "other.brief"))  # another brief replaces it
    assert free(path) and not free(tmp_path / "other.brief")
    assert window.close()
    assert free(tmp_path / "other.brief")


def test_a_brief_locked_elsewhere_opens_read_only(tmp_path, window, dialogs, other_instance):
    path = saved_brief(tmp_path / "shared.brief")
    other_instance(path)
    assert window.files.open_file(path)
    assert window.session.brief.meta.title == "On disk"
    assert is_read_only(window)
    assert window.windowTitle() == "shared.brief (read-only)[*] \u2014 Briefing"
    assert "open in another Briefing" in window.read_only_banner.text()
    assert not window.save_action.isEnabled()
    assert window.save_as_action.isEnabled() and window.export_pdf_action.isEnabled()
    assert dialogs.warnings == []  # a banner, not a modal dialog


def test_save_as_from_a_read_only_brief_makes_an_editable_locked_copy(tmp_path, window, dialogs, other_instance):
    path = saved_brief(tmp_path / "shared.brief")
    other_instance(path)
    window.files.open_file(path)
    window.session.add_items([ORANGE])
    before = path.read_bytes()

    dialogs.paths.append(tmp_path / "copy.brief")
    assert window.files.save_as()
    copy = (tmp_path / "copy.brief").resolve()
    assert window.session.path == copy and not is_read_only(window)
    assert window.save_action.isEnabled() and not window.isWindowModified()
    assert [e.ref for e in load_brief(copy).items] == [ORANGE]
    assert path.read_bytes() == before
    assert not free(copy)  # the copy is now locked by the window

    window.session.add_items([TRUST])
    assert window.files.save()  # an ordinary save to the copy
    assert dialogs.asked.count("save_path") == 1
    assert [e.ref for e in load_brief(copy).items] == [ORANGE, TRUST]


def test_saving_changes_to_a_read_only_brief_goes_to_save_as(tmp_path, window, dialogs, other_instance):
    path = saved_brief(tmp_path / "shared.brief")
    other_instance(path)
    window.files.open_file(path)
    window.session.add_items([TRUST])
    dialogs.answers["ask_save_changes"] = "save"
    dialogs.paths.append(tmp_path / "mine.brief")
    window.files.new_brief()
    assert dialogs.asked == ["ask_save_changes", "save_path"]
    assert [e.ref for e in load_brief(tmp_path / "mine.brief").items] == [TRUST]
    assert load_brief(path).items == []


def test_save_as_onto_a_brief_open_elsewhere_is_refused(tmp_path, window, dialogs, other_instance):
    target = saved_brief(tmp_path / "theirs.brief")
    other_instance(target)
    before = target.read_bytes()
    window.session.add_items([ORANGE])
    dialogs.paths.append(target)
    assert not window.files.save_as()
    [(title, message)] = dialogs.warnings
    assert title == "Brief in use" and "theirs.brief" in message
    assert target.read_bytes() == before
    assert window.session.path is None and window.isWindowModified()


def test_a_second_window_on_the_same_brief_is_read_only(tmp_path, make_window):
    path = saved_brief(tmp_path / "both.brief")
    first, second = make_window(), make_window()
    assert first.files.open_file(path) and second.files.open_file(path)
    assert not is_read_only(first) and is_read_only(second)
    first.close()
    third = make_window()
    third.files.open_file(path)
    assert not is_read_only(third)


# -- 2. a brief from a newer Briefing ---------------------------------------------------------------------------------


def future_brief(tmp_path):
    path = tmp_path / "future.brief"
    data = {
        "format": "briefing.brief",
        "version": FORMAT_VERSION + 1,
        "meta": {"title": "From the future"},
        "items": [],
        "hologram": {"kept": True},
    }
    path.write_text(json.dumps(data))
    return path


def test_a_brief_from_a_newer_briefing_opens_read_only(tmp_path, window, dialogs):
    path = future_brief(tmp_path)
    before = path.read_bytes()
    assert window.files.open_file(path) is True
    assert window.session.brief.meta.title == "From the future"
    assert is_read_only(window)
    banner = window.read_only_banner.text()
    assert "newer Briefing" in banner and f"format {FORMAT_VERSION + 1}" in banner
    assert not window.save_action.isEnabled() and not window.save_as_action.isEnabled()
    assert window.export_pdf_action.isEnabled() and window.export_docx_action.isEnabled() and window.print_action.isEnabled()
    assert free(path)  # nothing to protect: it is never written here

    window.session.set_field("meta.title", "Edited")
    assert window.files.save() is False and window.files.save_as() is False
    assert "save_path" not in dialogs.asked and dialogs.errors == []
    assert [t for t, _ in dialogs.warnings] == ["Read-only brief", "Read-only brief"]
    assert path.read_bytes() == before


def test_a_brief_from_a_newer_briefing_can_still_be_exported(qtbot, tmp_path, window):
    window.files.open_file(future_brief(tmp_path))
    window.session.add_items([TRUST])
    with qtbot.waitSignal(window.exports.finished, timeout=30000) as blocker:
        assert window.exports.export("pdf", tmp_path / "future.pdf")
    assert blocker.args[0].outputs == [tmp_path / "future.pdf"]


# -- 3. a brief changed on disk since it was opened ------------------------------------------------------------------


def changed_on_disk(window, path):
    """Open ``path``, change it in the window, then let 'someone else' rewrite it."""
    window.files.open_file(path)
    window.session.add_items([ORANGE])
    theirs = load_brief(path)
    theirs.meta.title = "Their version"
    save_brief(theirs, path)


def test_no_question_when_the_file_is_unchanged(tmp_path, window, dialogs):
    path = saved_brief(tmp_path / "a.brief")
    window.files.open_file(path)
    window.session.add_items([ORANGE])
    assert window.files.save()
    window.session.add_items([TRUST])
    assert window.files.save()  # the stamp follows our own saves
    assert "ask_conflict" not in dialogs.asked


def test_conflict_cancel_keeps_the_changes_and_writes_nothing(tmp_path, window, dialogs):
    path = saved_brief(tmp_path / "a.brief")
    changed_on_disk(window, path)
    theirs = path.read_bytes()
    assert window.files.save() is False
    assert dialogs.asked == ["ask_conflict"]
    assert path.read_bytes() == theirs
    assert refs(window) == [ORANGE] and window.isWindowModified()


def test_conflict_overwrite_saves_our_version(tmp_path, window, dialogs):
    path = saved_brief(tmp_path / "a.brief")
    changed_on_disk(window, path)
    dialogs.answers["ask_conflict"] = "overwrite"
    assert window.files.save()
    on_disk = load_brief(path)
    assert on_disk.meta.title == "On disk" and [e.ref for e in on_disk.items] == [ORANGE]
    assert not window.isWindowModified()
    window.session.add_items([TRUST])
    assert window.files.save() and dialogs.asked.count("ask_conflict") == 1  # the overwrite is the new baseline


def test_conflict_save_as_leaves_their_file_alone(tmp_path, window, dialogs):
    path = saved_brief(tmp_path / "a.brief")
    changed_on_disk(window, path)
    theirs = path.read_bytes()
    dialogs.answers["ask_conflict"] = "save_as"
    dialogs.paths.append(tmp_path / "mine.brief")
    assert window.files.save()
    assert dialogs.asked == ["ask_conflict", "save_path"]
    assert path.read_bytes() == theirs
    assert window.session.path == (tmp_path / "mine.brief").resolve()
    assert [e.ref for e in load_brief(tmp_path / "mine.brief").items] == [ORANGE]
    assert free(path)  # the old file's lock was let go


def test_a_restored_autosave_still_detects_changes_on_disk(tmp_path, make_window, dialogs):
    path = saved_brief(tmp_path / "a.brief")
    crashed = make_window()
    crashed.files.open_file(path)
    crashed.session.add_items([ORANGE])
    crashed.files.autosave()
    crashed.autosave_timer.stop()
    crashed.files.release_brief()  # the crash: the OS drops both locks
    crashed.files.recovery.own.release()
    save_brief(Brief(), path)  # someone saves meanwhile

    restored = make_window()
    assert restored.files.check_recovery()
    assert restored.session.path == path.resolve() and not is_read_only(restored)
    assert restored.files.save() is False
    assert dialogs.asked == ["offer_restore", "ask_conflict"]


# -- 4. autosaves of several running instances -------------------------------------------------------------------------


def test_each_window_autosaves_to_its_own_recovery_file(make_window, dialogs):
    first, second = make_window(), make_window()
    first.session.add_items([ORANGE])
    second.session.add_items([TRUST])
    first.files.autosave()
    second.files.autosave()
    assert first.files.recovery.brief_path != second.files.recovery.brief_path
    assert str(os.getpid()) in first.files.recovery.brief_path.name
    assert [e.ref for e in first.files.recovery.read().brief.items] == [ORANGE]
    assert [e.ref for e in second.files.recovery.read().brief.items] == [TRUST]

    third = make_window()
    assert third.files.check_recovery() is False  # both instances are alive: nothing is offered or removed
    assert "offer_restore" not in dialogs.asked
    assert first.files.recovery.exists() and second.files.recovery.exists()


def test_an_autosave_left_by_a_crashed_process_is_offered(make_window, dialogs):
    code = (
        "import os\n"
        "from briefing.brief.model import Brief\n"
        "from briefing.brief.recovery import RecoveryStore\n"
        "brief = Brief()\n"
        "brief.meta.title = 'Crashed elsewhere'\n"
        "RecoveryStore().write(brief, None)\n"
        "os._exit(3)\n"  # no clean-up: like a crash
    )
    done = subprocess.run([sys.executable, "-c", code], check=False, env=os.environ.copy(), capture_output=True, text=True, timeout=60)
    assert done.returncode == 3, done.stderr
    [left] = paths.user_state_dir().glob("recovery-*.brief")

    window = make_window()
    assert window.files.check_recovery()
    assert window.session.brief.meta.title == "Crashed elsewhere" and window.isWindowModified()
    assert not left.exists() and window.files.recovery.exists()


def test_a_recovery_file_from_an_earlier_version_is_offered(make_window, dialogs):
    folder = paths.user_state_dir()
    folder.mkdir(parents=True, exist_ok=True)
    brief = Brief()
    brief.meta.title = "Old style"
    save_brief(brief, folder / "recovery.brief")
    window = make_window()
    assert window.files.check_recovery()
    assert window.session.brief.meta.title == "Old style"
    assert not (folder / "recovery.brief").exists()
