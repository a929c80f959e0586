"""An officer's path through the app, from an empty brief to a PDF that holds everything chosen."""

from __future__ import annotations

import pypdf
from PySide6.QtCore import Qt

from .helpers import DIRECT, ORANGE, TRUST, refs


def choose(qtbot, panel, text: str, item_id: str) -> None:
    panel.search_box.clear()
    qtbot.keyClicks(panel.search_box, text)
    index = panel.model.find(item_id)
    assert index.isValid(), f"{item_id} not found by {text!r}"
    panel.tree.setCurrentIndex(index)
    qtbot.keyClick(panel.tree, Qt.Key.Key_Return)


def test_officer_builds_and_exports_a_brief(qtbot, tmp_path, window, dialogs):
    library = window.library_panel
    window.find_action.trigger()
    assert window.focusWidget() is library.search_box

    choose(qtbot, library, "Orange Line", ORANGE)
    assert "over 250 million" in library.details.toPlainText()
    choose(qtbot, library, "mutual trust", TRUST)
    library.kind_box.setCurrentIndex(library.kind_box.findData("quotation"))
    choose(qtbot, library, "prologue", DIRECT)
    assert refs(window) == [ORANGE, TRUST, DIRECT]

    form = window.brief_panel.form
    title = form.edits["meta.title"]
    title.selectAll()
    qtbot.keyClicks(title, "Call on the Ambassador")
    form.marking_box.setCurrentIndex(form.marking_box.findData("CONFIDENTIAL"))
    form.marking_box.activated.emit(form.marking_box.currentIndex())

    target = tmp_path / "call.pdf"
    dialogs.paths.append(target)
    with qtbot.waitSignal(window.exports.finished, timeout=30000) as blocker:
        qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert blocker.args[0].outputs == [target]

    text = "\n".join(page.extract_text() for page in pypdf.PdfReader(target).pages)
    assert "Call on the Ambassador" in text
    assert "CONFIDENTIAL" in text
    assert "250 million" in text  # the figure
    assert "High-level mutual trust and firm mutual support" in text  # the pillar
    assert "past is prologue" in text  # the quotation
