"""The open file, core and Qt-free: path, lock, stamp and read-only reason through open, save and save as."""

from __future__ import annotations

import pytest

from briefing.brief.model import Brief
from briefing.brief.open_file import OpenFile, slug, with_suffix
from briefing.brief.store import BriefLock, save_brief
from briefing.errors import BriefConflict


def _saved(path, title="A brief"):
    brief = Brief()
    brief.meta.title = title
    save_brief(brief, path)
    return path


def test_opening_locks_the_file_and_a_second_opener_is_read_only(tmp_path):
    path = _saved(tmp_path / "call.brief")
    first, second = OpenFile(), OpenFile()
    brief = first.open(path)
    assert first.path == path.resolve() and first.holds_lock() and first.read_only_reason(brief) == ""
    again = second.open(path)
    assert not second.holds_lock() and "open in another Briefing window" in second.read_only_reason(again)
    first.release()
    second.release()


def test_a_change_on_disk_is_a_conflict_unless_forced(tmp_path):
    path = _saved(tmp_path / "call.brief")
    opened = OpenFile()
    brief = opened.open(path)
    _saved(path, "A colleague's edit")
    with pytest.raises(BriefConflict):
        opened.save(brief, opened.path)
    opened.save(brief, opened.path, force=True)
    opened.save(brief, opened.path)  # the stamp followed the forced save
    opened.release()


def test_save_as_refuses_a_file_another_instance_holds(tmp_path):
    target = _saved(tmp_path / "theirs.brief")
    theirs = BriefLock(target.resolve())
    assert theirs.acquire()
    mine = OpenFile()
    assert mine.save_as(Brief(), target.resolve()) is False and mine.path is None
    theirs.release()
    assert mine.save_as(Brief(), target.resolve(), force=True) is True and mine.holds_lock()  # the dialog asked about replacing it
    mine.release()


def test_names_for_new_files(tmp_path):
    assert slug("Call on the Minister: 3 May") == "call-on-the-minister-3-may"
    assert slug("***") == "brief"
    assert with_suffix(tmp_path / "x") == (tmp_path / "x.brief").resolve()
