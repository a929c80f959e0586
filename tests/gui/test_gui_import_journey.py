"""The import journey through the window: Ctrl+I on the seed, review by keyboard, save, and find the items in the library."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from briefing import paths
from briefing.gui.import_review import Target

from .test_gui_import_review import go_to_text, press

SEED_TEXT = Path(__file__).resolve().parents[2].parent / "shared" / "seeds" / "000_67544dfc3bc98209.txt"


@pytest.fixture
def seed() -> Path:
    if not SEED_TEXT.exists():
        pytest.skip("seed text not present")
    return SEED_TEXT


def test_import_review_save_and_find_in_library(qtbot, window, dialogs, seed):
    dialogs.open_source = lambda parent, folder, filters: seed
    window.find_action.trigger()  # the focus in the window, as an officer's would be
    qtbot.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)  # File > Import Source
    review_dialog = window.files.import_source.dialog
    assert review_dialog is not None and dialogs.shown == [review_dialog] and dialogs.errors == []
    target = Target(paths.user_content_dir() / "cpec-import.yaml", "cpec-import", "CPEC import")
    review_dialog.choose_target = lambda *_args: target
    review_dialog.show()  # as exec() does in the app (the fake dialogs do not run it)
    review_dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is review_dialog)

    go_to_text(qtbot, review_dialog, "over 250 million")
    press(qtbot, review_dialog.table, "Ctrl+E")
    label = QApplication.focusWidget()
    label.selectAll()
    qtbot.keyClicks(label, "Passenger journeys on the Lahore Orange Line")
    qtbot.keyClick(label, Qt.Key.Key_Return)
    press(qtbot, label, "Ctrl+Return")
    go_to_text(qtbot, review_dialog, "more than 300,000")
    press(qtbot, review_dialog.table, "Ctrl+Return")
    go_to_text(qtbot, review_dialog, "over 500")
    press(qtbot, review_dialog.table, "Ctrl+R")
    go_to_text(qtbot, review_dialog, "China is committed to a friendly policy")
    press(qtbot, review_dialog.table, "Ctrl+Return")
    go_to_text(qtbot, review_dialog, "New Gwadar International Airport")
    press(qtbot, review_dialog.table, "Ctrl+Return")

    with qtbot.waitSignal(window.session.libraryChanged, timeout=15000):
        press(qtbot, review_dialog.table, "Ctrl+S")
    assert dialogs.errors == [] and target.path.exists()
    library = window.session.library
    assert [str(p) for p in library.problems if "cpec-import" in str(p)] == []
    saved = window.files.import_source.saved_ids
    assert {i.split("/")[0] for i in saved} == {"cpec-import"} and len(saved) == 6  # 4 accepted + the 2 pillars they belong to
    for item_id in saved:
        assert library.get(item_id) is not None, item_id
    orange = next(i for i in saved if library.get(i).model.__dict__.get("display") == "over 250 million")
    assert library.get(orange).title == "Passenger journeys on the Lahore Orange Line"
    assert "over 500" not in {getattr(library.get(i).model, "display", None) for i in saved}

    panel = window.library_panel
    qtbot.waitUntil(lambda: panel.tree.currentIndex().isValid())
    for item_id in saved:
        panel.tree.setCurrentIndex(panel.model.find(item_id))
        details = panel.details.toHtml()
        assert "In the source (paragraph" in details and "#fde68a" in details, item_id
    panel.tree.setCurrentIndex(panel.model.find(orange))
    assert "over 250 million" in panel.details.toPlainText()
