"""Launching: ``briefing`` opens the app on the bundled content; ``briefing gui FILE`` opens a brief."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtWidgets import QApplication

from briefing.brief.model import Brief, entry_for
from briefing.brief.store import save_brief
from briefing.content.library import load_library
from briefing.gui.main_window import MainWindow

from .helpers import ORANGE


@pytest.fixture
def launched(monkeypatch, qapp, qtbot):
    """Run the app with ``exec`` replaced: it records the window, waits for its library, then closes it."""
    seen: list[MainWindow] = []

    def fake_exec(self=None):
        [window] = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        seen.append(window)
        assert sys.excepthook.__name__ == "hook"  # errors in slots go to a dialog while the app runs
        # shown before the library is loaded: no event has been handled yet, so the loading state is on screen
        assert not window.ready and window.centralWidget() is window.loading_label
        assert window.loading_label.text() == "Loading library\u2026"
        qtbot.waitUntil(lambda: window.ready, timeout=30000)
        window.session.stack.setClean()
        window.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", fake_exec)
    return seen


def test_briefing_without_arguments_opens_the_bundled_library(launched):
    from briefing.cli import main

    hook = sys.excepthook
    assert main([]) == 0
    [window] = launched
    assert len(window.session.library) > 50
    assert window.session.brief.items == []
    assert sys.excepthook is hook
    window.deleteLater()


def test_briefing_gui_file_opens_the_brief(tmp_path, launched):
    from briefing.cli import main

    brief = Brief()
    brief.meta.title = "From the command line"
    brief.items.append(entry_for(load_library().get(ORANGE)))
    path = tmp_path / "cli.brief"
    save_brief(brief, path)
    assert main(["gui", str(path)]) == 0
    [window] = launched
    assert window.session.path == path.resolve()
    assert window.session.brief.meta.title == "From the command line"
    window.deleteLater()
