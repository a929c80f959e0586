"""An unexpected error shows a dialog and goes to the log; the brief stays as it was."""

from __future__ import annotations

import sys

from briefing import logs
from briefing.errors import ContentError
from briefing.gui.guard import install_excepthook

from .helpers import ORANGE, refs


def test_excepthook_shows_the_message_and_logs_it(window, dialogs, caplog):
    window.session.add_items([ORANGE])
    shown: list[str] = []
    previous = install_excepthook(shown.append)
    try:
        try:
            raise RuntimeError("boom in a slot")
        except RuntimeError as exc:
            sys.excepthook(type(exc), exc, exc.__traceback__)
        try:
            raise ContentError("a pack is wrong")
        except ContentError as exc:
            sys.excepthook(type(exc), exc, exc.__traceback__)
    finally:
        sys.excepthook = previous
    assert "RuntimeError: boom in a slot" in shown[0] and str(logs.log_file()) in shown[0]
    assert shown[1] == "a pack is wrong"
    logged = [r for r in caplog.records if r.name == "briefing" and r.exc_info]
    assert logged and logged[0].exc_info[1].args == ("boom in a slot",)  # with its traceback, to the log file
    assert refs(window) == [ORANGE]


def test_guarded_slot_reports_a_briefing_error(tmp_path, window, dialogs):
    window.session.add_items([ORANGE])
    folder = tmp_path / "blocked"
    folder.write_text("a file where a folder should be")
    dialogs.paths.append(folder / "x.brief")
    assert not window.files.save()
    [(title, message)] = dialogs.errors
    assert title == "Cannot save the brief" and str(folder) in message
    assert refs(window) == [ORANGE] and window.isWindowModified()
