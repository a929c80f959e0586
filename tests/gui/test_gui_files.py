"""New, open, save and save-as; the unsaved-changes prompt; the window title; recent files."""

from __future__ import annotations

from briefing.brief.store import load_brief

from .helpers import DIRECT, ORANGE, TRUST, refs


def test_save_and_open_round_trip(tmp_path, window, make_window, dialogs):
    window.session.add_items([ORANGE, DIRECT])
    window.session.set_field("meta.title", "Round trip")
    window.session.set_note(1, "annotated")
    assert window.windowTitle() == "Untitled[*] \u2014 Briefing" and window.isWindowModified()
    target = tmp_path / "trip"  # the suffix is added
    dialogs.paths.append(target)
    assert window.files.save()
    saved = tmp_path / "trip.brief"
    assert saved.is_file() and not window.isWindowModified()
    assert window.windowTitle().startswith("trip.brief")
    assert load_brief(saved).meta.title == "Round trip"

    other = make_window()
    other.files.open_file(saved)
    assert refs(other) == [ORANGE, DIRECT]
    assert other.session.brief.items[1].note == "annotated"
    assert other.brief_panel.form.edits["meta.title"].text() == "Round trip"
    assert not other.isWindowModified()
    assert other.settings.recent_files[0] == saved.resolve()


def test_save_again_writes_to_the_same_file(tmp_path, window, dialogs):
    dialogs.paths.append(tmp_path / "a.brief")
    window.files.save()
    window.session.add_items([TRUST])
    assert window.isWindowModified()
    assert window.files.save()
    assert dialogs.asked.count("save_path") == 1
    assert [e.ref for e in load_brief(tmp_path / "a.brief").items] == [TRUST]


def test_cancelled_save_as_keeps_the_changes(window, dialogs):
    window.session.add_items([TRUST])
    assert not window.files.save()
    assert window.isWindowModified()


def test_unsaved_changes_prompt_on_new_open_and_close(tmp_path, window, dialogs):
    window.session.add_items([ORANGE])
    dialogs.answers["ask_save_changes"] = "cancel"
    window.files.new_brief()
    assert refs(window) == [ORANGE]
    window.files.open_brief()
    assert "open_path" not in dialogs.asked
    assert not window.close()
    assert window.isVisible()
    assert dialogs.asked.count("ask_save_changes") == 3

    dialogs.answers["ask_save_changes"] = "save"
    dialogs.paths.append(tmp_path / "kept.brief")
    window.files.new_brief()
    assert refs(window) == [] and (tmp_path / "kept.brief").is_file()

    window.session.add_items([TRUST])
    dialogs.answers["ask_save_changes"] = "discard"
    window.files.new_brief()
    assert refs(window) == []
    assert window.close()


def test_no_prompt_without_changes(window, dialogs):
    window.files.new_brief()
    assert dialogs.asked == []


def test_new_brief_takes_the_default_drafter_and_marking(window):
    window.settings.drafter = "Political Section"
    window.settings.default_marking = "RESTRICTED"
    window.files.new_brief()
    assert window.session.brief.meta.drafter == "Political Section"
    assert window.brief_panel.form.marking_box.currentText() == "RESTRICTED"


def test_an_unreadable_brief_shows_an_error_not_a_crash(tmp_path, window, dialogs):
    path = tmp_path / "bad.brief"
    path.write_text("{ not json")
    window.files.open_file(path)
    [(title, message)] = dialogs.errors
    assert title == "Cannot open the brief" and f"{path}:1" in message


def test_open_recent_menu_lists_saved_briefs(tmp_path, window, dialogs):
    dialogs.paths.append(tmp_path / "recent.brief")
    window.files.save()
    window.files.fill_recent(window.recent_menu)
    texts = [a.text() for a in window.recent_menu.actions()]
    assert texts[0] == "&1 recent.brief"
    window.session.add_items([TRUST])
    window.recent_menu.actions()[0].trigger()  # unsaved changes: the fake answers "discard"
    assert refs(window) == [] and "ask_save_changes" in dialogs.asked


def test_open_sample_brief_opens_it_untitled(window):
    window.files.open_sample()
    assert window.session.path is None
    assert window.session.brief.items
    assert window.windowTitle().startswith("Untitled")


def test_file_open_asks_for_the_file(tmp_path, window, dialogs):
    dialogs.paths.append(tmp_path / "asked.brief")
    window.session.add_items([TRUST])
    window.files.save()
    window.files.new_brief()
    dialogs.paths.append(tmp_path / "asked.brief")
    window.open_action.trigger()
    assert refs(window) == [TRUST]
    assert window.session.path == (tmp_path / "asked.brief").resolve()
