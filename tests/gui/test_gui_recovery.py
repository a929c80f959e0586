"""Autosave to a recovery file, and the offer to restore it after a crash."""

from __future__ import annotations

from briefing import paths

from .helpers import ORANGE, TRUST, refs


def crash(window) -> None:
    """What a crash does to the window's autosave: the OS drops its lock, the files stay."""
    window.autosave_timer.stop()
    window.files.recovery.own.release()


def test_restore_after_a_simulated_crash(make_window, dialogs):
    crashed = make_window()
    crashed.session.add_items([ORANGE, TRUST])
    crashed.session.set_field("meta.title", "Unsaved work")
    crashed.files.autosave()
    assert crashed.files.recovery.exists()
    crash(crashed)  # the window never closes, so the recovery file stays for the next start

    restored = make_window()
    restored.files.start()
    assert "offer_restore" in dialogs.asked
    assert refs(restored) == [ORANGE, TRUST]
    assert restored.session.brief.meta.title == "Unsaved work"
    assert restored.isWindowModified()
    assert not crashed.files.recovery.exists()  # taken over by the restoring instance...
    assert restored.files.recovery.exists()  # ...and kept until the brief is saved


def test_declining_the_offer_removes_the_recovery_file(make_window, dialogs):
    first = make_window()
    first.session.add_items([ORANGE])
    first.files.autosave()
    crash(first)
    dialogs.answers["offer_restore"] = False
    second = make_window()
    assert second.files.check_recovery() is False
    assert refs(second) == []
    assert not first.files.recovery.exists()
    assert list(paths.user_state_dir().glob("recovery*")) == []


def test_saving_and_clean_exit_remove_the_recovery_file(tmp_path, window, dialogs):
    recovery = window.files.recovery.brief_path
    window.session.add_items([ORANGE])
    window.files.autosave()
    assert recovery.is_file()
    dialogs.paths.append(tmp_path / "saved.brief")
    window.files.save()
    assert not recovery.exists()
    window.session.add_items([TRUST])
    window.files.autosave()
    assert recovery.is_file()
    window.close()  # discards
    assert not recovery.exists()


def test_autosave_runs_on_a_timer(qtbot, window):
    window.settings.autosave_seconds = 5
    window.apply_settings()
    assert window.autosave_timer.interval() == 5000
    window.session.add_items([ORANGE])
    window.autosave_timer.setInterval(50)
    qtbot.waitUntil(window.files.recovery.exists, timeout=3000)


def test_nothing_is_autosaved_while_the_brief_is_saved(window):
    window.files.autosave()
    assert not window.files.recovery.exists()
