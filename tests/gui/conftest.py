"""GUI test fixtures: a main window whose dialogs are answered by the test."""

from __future__ import annotations

import pytest

from .helpers import TODAY, FakeDialogs


@pytest.fixture(autouse=True)
def _application(qapp):
    """Every app test has the QApplication, even one that runs first in its process and opens no window.

    A window moves the heap out of the garbage collector's full passes
    (gc.freeze); each test gives it back, so windows of earlier tests are freed.
    """
    yield qapp
    import gc

    gc.unfreeze()


@pytest.fixture
def dialogs() -> FakeDialogs:
    return FakeDialogs()


@pytest.fixture
def make_window(qtbot, dialogs):
    """Build a MainWindow (shown) with the fake dialogs and a fixed 'today'."""
    from briefing.gui.main_window import MainWindow

    def make(content=(), dialogs=dialogs, show=True):
        window = MainWindow(content=content, dialogs=dialogs, today=lambda: TODAY)
        qtbot.addWidget(window)
        if show:
            window.show()
            qtbot.waitExposed(window)
        return window

    return make


@pytest.fixture
def window(make_window):
    return make_window()
