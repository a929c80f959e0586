"""File > Import Source's review view, driven by its keyboard shortcuts: accept, edit, reject, merge, save."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from ruamel.yaml import YAML

from briefing.gui.import_model import CandidatesModel
from briefing.gui.import_review import ImportReviewDialog, Target
from briefing.importing.extract import import_file
from briefing.importing.review import ACCEPTED, REJECTED, Review

SEED_TEXT = Path(__file__).resolve().parents[2].parent / "shared" / "seeds" / "000_67544dfc3bc98209.txt"


@pytest.fixture
def review():
    if not SEED_TEXT.exists():
        pytest.skip("seed text not present")
    return Review(import_file(SEED_TEXT))


@pytest.fixture
def dialog(qtbot, review, tmp_path):
    errors: list[tuple[str, str]] = []
    target = Target(tmp_path / "content" / "cpec-import.yaml", "cpec-import", "CPEC import")
    view = ImportReviewDialog(review, tmp_path / "content", choose_target=lambda *_a: target, on_error=lambda *e: errors.append(e))
    view.errors = errors
    qtbot.addWidget(view)
    view.show()
    view.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view)
    return view


def press(qtbot, widget, keys: str) -> None:
    from PySide6.QtGui import QKeySequence

    combo = QKeySequence(keys)[0]
    qtbot.keyClick(widget, combo.key(), combo.keyboardModifiers())


def go_to_text(qtbot, dialog, text: str) -> int:
    """Move with Ctrl+Down / Ctrl+Up until the current candidate starts with ``text``."""
    target = next(i for i in range(len(dialog.review)) if dialog.review.candidate(i).text.startswith(text))
    while dialog.current_row() != target:
        press(qtbot, dialog.table, "Ctrl+Down" if dialog.current_row() < target else "Ctrl+Up")
    return target


def test_model_passes_the_tester(qtmodeltester, review):
    qtmodeltester.check(CandidatesModel(review))


def test_source_view_outlines_the_current_words(qtbot, dialog):
    for _ in range(6):
        row = dialog.current_row()
        assert dialog.source_view.selected_words(row) == dialog.review.candidate(row).text
        assert dialog.source_view.extraSelections()[0].cursor.selectedText() == dialog.review.candidate(row).text
        press(qtbot, dialog.table, "Ctrl+Down")


def test_keyboard_review_and_save(qtbot, dialog, tmp_path):
    review = dialog.review
    assert review.candidate(dialog.current_row()).kind == "pillar"
    press(qtbot, dialog.table, "Ctrl+Return")  # accept the first pillar; moves on to the next to review
    assert review.state(0) == ACCEPTED and dialog.current_row() == 1

    orange = go_to_text(qtbot, dialog, "over 250 million")
    press(qtbot, dialog.table, "Ctrl+E")
    label = QApplication.focusWidget()
    assert isinstance(label, QLineEdit) and label.accessibleName() == "Label"
    label.selectAll()
    qtbot.keyClicks(label, "Passenger journeys on the Lahore Orange Line")
    qtbot.keyClick(label, Qt.Key.Key_Return)
    press(qtbot, label, "Ctrl+Return")  # the shortcut works with the focus in a line edit
    assert review.state(orange) == ACCEPTED
    assert review.candidate(orange).fields["label"] == "Passenger journeys on the Lahore Orange Line"

    patients = go_to_text(qtbot, dialog, "more than 300,000")
    press(qtbot, dialog.table, "Ctrl+Return")
    rejected = go_to_text(qtbot, dialog, "over 500")
    press(qtbot, dialog.table, "Ctrl+R")
    assert review.state(rejected) == REJECTED and review.state(patients) == ACCEPTED
    quote = go_to_text(qtbot, dialog, "China is committed to a friendly policy")
    press(qtbot, dialog.table, "Ctrl+Return")
    project = go_to_text(qtbot, dialog, "Lahore Orange Line project")
    press(qtbot, dialog.table, "Ctrl+Return")
    assert {review.state(r) for r in (quote, project)} == {ACCEPTED}
    assert "5 accepted, 1 rejected" in dialog.counts.text()

    press(qtbot, dialog.table, "Ctrl+S")
    assert dialog.errors == []
    path = tmp_path / "content" / "cpec-import.yaml"
    assert dialog.saved_path == path and dialog.result() == 1
    pack = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    assert pack["pack"] == "cpec-import" and pack["sources"][0]["url"].startswith("file://")
    displays = {f["display"]: f for f in pack["figures"]}
    assert set(displays) == {"over 250 million", "more than 300,000"}
    assert "review" not in displays["over 250 million"] and displays["more than 300,000"]["review"] == "pending"
    assert pack["quotations"][0]["kind"] == "reported" and pack["quotations"][0]["verb"] == "stated that"


def test_merge_two_selected(qtbot, dialog):
    first = go_to_text(qtbot, dialog, "China is committed to a friendly policy")
    second = first + 1
    dialog.table.selectRow(first)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    assert {i.row() for i in dialog.table.selectionModel().selectedRows()} == {first, second}
    press(qtbot, dialog.table, "Ctrl+M")
    assert dialog.errors == []
    assert ", emphasizing that the planning" in dialog.review.candidate(first).text


def test_merge_needs_two(qtbot, dialog):
    press(qtbot, dialog.table, "Ctrl+M")
    assert dialog.errors and dialog.errors[0][0] == "Cannot merge"


def test_save_into_an_existing_writable_pack(qtbot, review, tmp_path):
    from briefing.content.pack_writer import write_new_pack

    mine = tmp_path / "mine.yaml"
    write_new_pack(mine, "mine", "My pack")
    offered = []

    def choose(_parent, _folder, _pack_id, _title, writable):
        offered.extend(writable)
        return Target(mine, "mine", "mine", existing=True)

    view = ImportReviewDialog(review, tmp_path, choose_target=choose, writable_packs=[("mine", mine)])
    qtbot.addWidget(view)
    view.accept_current()
    view.save()
    assert offered == [("mine", mine)] and view.saved_path == mine
    pack = YAML(typ="safe").load(mine.read_text(encoding="utf-8"))
    assert len(pack["sources"]) == 2 and pack["pillars"][0]["source"]["doc"] == pack["sources"][1]["id"]


def test_the_save_dialog_offers_writable_packs(qtbot, tmp_path):
    from briefing.gui.import_review import NewPackDialog

    dialog = NewPackDialog(tmp_path, "draft", "Draft", [("mine", tmp_path / "mine.yaml")])
    qtbot.addWidget(dialog)
    assert dialog.target() == Target(tmp_path / "draft.yaml", "draft", "Draft")
    dialog.where.setCurrentIndex(1)
    assert dialog.target() == Target(tmp_path / "mine.yaml", "mine", "mine", existing=True)
    assert not dialog.id_edit.isEnabled()


def test_the_review_opens_no_bigger_than_the_screen(dialog):
    screen = dialog.screen().availableGeometry()
    assert dialog.width() <= max(screen.width(), dialog.minimumWidth())
    assert dialog.height() <= max(screen.height(), dialog.minimumHeight())


def test_windows_fit_a_small_screen(qtbot):
    from PySide6.QtWidgets import QDialog

    from briefing.gui.widgets import fit_to_screen

    window = QDialog()
    qtbot.addWidget(window)
    screen = window.screen().availableGeometry()
    fit_to_screen(window, screen.width() + 500, screen.height() + 300)
    assert (window.width(), window.height()) == (screen.width(), screen.height())
    fit_to_screen(window, 300, 200)
    assert (window.width(), window.height()) == (300, 200)
