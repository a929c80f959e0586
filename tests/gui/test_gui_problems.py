"""A broken content pack is listed in the Problems panel as file:line: message, and the app still works."""

from __future__ import annotations

from tests.packs import MINIMAL, write_pack

from .helpers import ORANGE, refs


def test_broken_pack_is_listed_and_the_app_works(tmp_path, make_window):
    folder = tmp_path / "extra"
    bad = write_pack(folder, "bad.yaml", text=MINIMAL.format(pack="bad").replace("value: 250000000", "value: lots"))
    write_pack(folder, "good.yaml", pack="good")
    window = make_window(content=[folder])
    assert window.problems_dock.isVisibleTo(window)
    assert len(window.problems) >= 1
    first = window.problems[0]
    assert first.startswith(f"{bad}:") and first.split(":")[1].isdigit()
    assert window.problems_dock.model.rowCount() == len(window.problems)
    assert window.session.library.get("good/trips") is not None
    window.add_items([ORANGE, "good/trips"])
    assert refs(window) == [ORANGE, "good/trips"]


def test_unreadable_yaml_is_listed(tmp_path, make_window):
    folder = tmp_path / "extra"
    write_pack(folder, "broken.yaml", text="format: 1\npack: [unclosed\n")
    window = make_window(content=[folder])
    assert any("broken.yaml:" in p for p in window.problems)


def test_no_problems_no_panel(window):
    assert window.problems == []
    assert not window.problems_dock.isVisibleTo(window)


def test_settings_content_folder_and_reload(tmp_path, qtbot, window):
    folder = tmp_path / "mine"
    write_pack(folder, pack="mine")
    window.settings.content_folders = [folder]
    with qtbot.waitSignal(window.session.libraryChanged, timeout=30000):
        window.apply_settings(reload=True)  # read on the pool thread
        assert not window.reload_action.isEnabled() and window.statusBar().currentMessage() == "Reloading library\u2026"
    assert window.session.library.get("mine/trips") is not None and window.reload_action.isEnabled()
    window.library_panel.search_box.setText("Passenger trips")
    assert window.library_panel.model.find("mine/trips").isValid()
