"""An officer's whole journey by the keyboard alone, the cursor in a line edit at every shortcut; then the files are read back."""

from __future__ import annotations

import docx
import pypdf
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from briefing.brief.store import load_brief
from briefing.gui.roles import ItemIdRole

from .helpers import ORANGE, TRUST
from .test_gui_officer import LinuxLineEditKeys, line_edits

CTRL, SHIFT, ALT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier, Qt.KeyboardModifier.AltModifier


def press(qtbot, key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    """A key press where the cursor is: always in a line edit when it is a shortcut."""
    widget = QApplication.focusWidget()
    assert widget is not None
    qtbot.keyClick(widget, key, modifiers)


def in_line_edit(name: str) -> None:
    widget = QApplication.focusWidget()
    assert widget is not None and widget.accessibleName() == name, f"the cursor is in {widget and widget.accessibleName()}, not {name}"


def add_from_search(qtbot, window, words: str, item_id: str) -> None:
    """Ctrl+F from a field, type, Down into the results, to the item, Enter to add it."""
    press(qtbot, Qt.Key.Key_F, CTRL)
    in_line_edit("Search the library")
    qtbot.keyClicks(QApplication.focusWidget(), words)
    tree = window.library_panel.tree
    press(qtbot, Qt.Key.Key_Tab)  # the kind filter, ... then the tree: Tab until the results have the cursor
    while QApplication.focusWidget() is not tree:
        press(qtbot, Qt.Key.Key_Tab)
    for _ in range(20):
        if tree.currentIndex().data(ItemIdRole) == item_id or window.library_panel.selected_ids() == [item_id]:
            break
        press(qtbot, Qt.Key.Key_Down)
    assert window.library_panel.selected_ids() == [item_id]
    press(qtbot, Qt.Key.Key_Return)


def test_the_whole_journey_by_keyboard_shortcuts_with_the_cursor_in_line_edits(qtbot, tmp_path, window, dialogs):
    linux = LinuxLineEditKeys(window)  # as on X11, where a line edit claims Ctrl+E and Ctrl+S for itself
    for field in line_edits(window):
        field.installEventFilter(linux)
    form = window.brief_panel.form
    form.edits["meta.title"].setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.edits["meta.title"])
    press(qtbot, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(form.edits["meta.title"], "Call on the Ambassador")

    add_from_search(qtbot, window, "Orange Line passenger", ORANGE)
    press(qtbot, Qt.Key.Key_O, ALT)  # the Occasion field, by its label's mnemonic
    in_line_edit("Occasion")
    qtbot.keyClicks(QApplication.focusWidget(), "Courtesy call")
    add_from_search(qtbot, window, "mutual trust", TRUST)
    assert [e.ref for e in window.session.brief.items] == [ORANGE, TRUST]

    press(qtbot, Qt.Key.Key_O, ALT)
    in_line_edit("Occasion")
    press(qtbot, Qt.Key.Key_End)  # the mnemonic selects the field's text: type after it
    qtbot.keyClicks(QApplication.focusWidget(), " typo")
    press(qtbot, Qt.Key.Key_Z, CTRL)  # undo from inside the field: the brief's undo stack
    assert window.session.brief.meta.occasion == "Courtesy call"
    press(qtbot, Qt.Key.Key_Z, CTRL | SHIFT)
    assert window.session.brief.meta.occasion == "Courtesy call typo"
    press(qtbot, Qt.Key.Key_Z, CTRL)

    saved = tmp_path / "call.brief"
    dialogs.paths.append(saved)
    press(qtbot, Qt.Key.Key_S, CTRL)  # Save, the cursor in Occasion
    in_line_edit("Occasion")
    assert saved.is_file() and not window.session.dirty

    pdf, word = tmp_path / "call.pdf", tmp_path / "call.docx"
    dialogs.paths.append(pdf)
    with qtbot.waitSignal(window.exports.finished, timeout=30000):
        press(qtbot, Qt.Key.Key_E, CTRL)  # Export PDF, the cursor in Occasion
    press(qtbot, Qt.Key.Key_F, CTRL)
    in_line_edit("Search the library")
    dialogs.paths.append(word)
    with qtbot.waitSignal(window.exports.finished, timeout=30000):
        press(qtbot, Qt.Key.Key_E, CTRL | SHIFT)  # Export Word, the cursor in the search box
    assert dialogs.asked.count("save_path") == 1 and dialogs.asked.count("export_path") == 2

    brief = load_brief(saved)
    assert (brief.meta.title, brief.meta.occasion) == ("Call on the Ambassador", "Courtesy call")
    assert [e.ref for e in brief.items] == [ORANGE, TRUST]
    text = " ".join(" ".join(page.extract_text() for page in pypdf.PdfReader(pdf).pages).split())
    for words in ("Call on the Ambassador", "Courtesy call", "over 250 million", "High-level mutual trust"):
        assert words in text
    paragraphs = [p.text for p in docx.Document(str(word)).paragraphs]
    assert "Call on the Ambassador" in paragraphs and any(p.startswith("Courtesy call") for p in paragraphs)
