"""Reordering, removing, annotating and refreshing the chosen items, all undoable."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from briefing.brief.model import Entry
from briefing.gui.roles import StatusRole
from tests.outputs import pdf_text

from .helpers import DIRECT, ORANGE, REPORTED, TRUST, refs, wait_preview


def test_drag_reorder_then_undo_and_redo(window):
    window.session.add_items([ORANGE, TRUST, DIRECT])
    model = window.brief_panel.items.model
    mime = model.mimeData([model.index(2)])
    assert model.dropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert refs(window) == [DIRECT, ORANGE, TRUST]
    assert window.undo_action.text() == "&Undo Move item"
    window.undo_action.trigger()
    assert refs(window) == [ORANGE, TRUST, DIRECT]
    window.redo_action.trigger()
    assert refs(window) == [DIRECT, ORANGE, TRUST]


def test_keyboard_moves_and_removes(qtbot, window):
    window.session.add_items([ORANGE, TRUST, DIRECT])
    items = window.brief_panel.items
    items.select_row(0)
    items.view.setFocus()
    qtbot.keyClick(items.view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert refs(window) == [TRUST, ORANGE, DIRECT]
    assert items.current_row() == 1
    qtbot.keyClick(items.view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert refs(window) == [TRUST, DIRECT, ORANGE]
    qtbot.keyClick(items.view, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert refs(window) == [TRUST, ORANGE, DIRECT]
    qtbot.keyClick(items.view, Qt.Key.Key_Delete)
    assert refs(window) == [TRUST, DIRECT]
    assert items.current_row() == 1
    qtbot.keyClick(items.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert refs(window) == [TRUST, ORANGE, DIRECT]


def test_buttons_move_and_remove(qtbot, window):
    window.session.add_items([ORANGE, TRUST])
    items = window.brief_panel.items
    items.select_row(1)
    assert not items.buttons["Move Down"].isEnabled()
    qtbot.mouseClick(items.buttons["Move Up"], Qt.MouseButton.LeftButton)
    assert refs(window) == [TRUST, ORANGE]
    qtbot.mouseClick(items.buttons["Remove"], Qt.MouseButton.LeftButton)
    assert refs(window) == [ORANGE]


def test_note_typing_is_one_undo_step(qtbot, window):
    window.session.add_items([ORANGE, DIRECT])
    items = window.brief_panel.items
    items.select_row(0)
    qtbot.keyClicks(items.note_edit, "Use this number")
    assert window.session.brief.items[0].note == "Use this number"
    assert window.session.stack.count() == 2  # add + one merged note edit
    window.undo_action.trigger()
    assert window.session.brief.items[0].note == ""
    assert items.note_edit.toPlainText() == ""
    window.redo_action.trigger()
    assert items.note_edit.toPlainText() == "Use this number"


def test_direct_quotation_text_is_read_only_and_labelled(window):
    window.session.add_items([DIRECT, REPORTED])
    items = window.brief_panel.items
    items.select_row(0)
    assert items.item_text.isReadOnly()
    assert "DIRECT QUOTATION (VERBATIM)" in items.item_text.toPlainText()
    assert "cannot be edited" in items.note_label.text()
    assert items.note_edit.isEnabled()
    items.select_row(1)
    assert "REPORTED STATEMENT" in items.item_text.toPlainText()


def test_typing_in_a_field_merges_and_undoes(qtbot, window):
    title = window.brief_panel.form.edits["meta.title"]
    title.selectAll()
    qtbot.keyClicks(title, "Call on the Ambassador")
    assert window.session.brief.meta.title == "Call on the Ambassador"
    assert window.session.stack.count() == 1
    qtbot.keyClick(title, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # routed to the brief's undo stack
    assert window.session.brief.meta.title == "Untitled brief"
    assert title.text() == "Untitled brief"
    qtbot.keyClick(title, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert title.text() == "Call on the Ambassador"


def test_sections_marking_and_template_are_undoable(qtbot, window):
    purpose = window.brief_panel.sections["purpose"]
    qtbot.keyClicks(purpose, "To agree next steps.")
    assert window.session.brief.sections.purpose.text == "To agree next steps."
    form = window.brief_panel.form
    form.marking_box.setCurrentIndex(form.marking_box.findData("SECRET"))
    form.marking_box.activated.emit(form.marking_box.currentIndex())
    assert window.session.brief.meta.marking == "SECRET"
    form.template_box.setCurrentIndex(form.template_box.findData("talking-points"))
    form.template_box.activated.emit(form.template_box.currentIndex())
    assert window.session.brief.template == "talking-points"
    for _ in range(3):
        window.undo_action.trigger()
    assert window.session.brief.template == "meeting-brief"
    assert form.template_box.currentData() == "meeting-brief"
    assert form.marking_box.currentIndex() == 0
    assert purpose.toPlainText() == ""


def flagged_entry(window, item_id: str, missing: bool) -> Entry:
    entry = window.session.library.get(item_id)
    from briefing.brief.model import entry_for

    made = entry_for(entry)
    if missing:
        made.ref = "gone-pack/gone-item"
    else:
        made.fingerprint = "0" * 16
        made.snapshot = {**made.snapshot, "display": "over 200 million"}
    return made


def test_missing_and_changed_items_are_flagged_with_refresh_and_remove(window):
    changed = flagged_entry(window, ORANGE, missing=False)
    missing = flagged_entry(window, TRUST, missing=True)
    brief = window.session.brief.model_copy(deep=True)
    brief.items = [changed, missing]
    window.session.load(brief)
    model = window.brief_panel.items.model
    assert model.index(0).data(StatusRole) == "changed since selected"
    assert "changed since selected" in model.index(0).data(Qt.ItemDataRole.ToolTipRole)
    assert "missing from library" in model.index(1).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(1).data(Qt.ItemDataRole.ForegroundRole) is not None
    items = window.brief_panel.items
    items.select_row(0)
    assert items.banner.isVisibleTo(items) and "changed since selected" in items.banner_label.text()
    assert items.banner_refresh.isVisibleTo(items)
    items.banner_refresh.click()
    assert model.index(0).data(StatusRole) == "ok"
    assert window.session.brief.items[0].snapshot["display"] == "over 250 million"
    assert not items.banner.isVisibleTo(items)
    items.select_row(1)
    assert "missing from library" in items.banner_label.text()
    assert not items.banner_refresh.isVisibleTo(items)
    items.banner_remove.click()
    assert refs(window) == [ORANGE]
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert model.index(0).data(StatusRole) == "changed since selected"


def test_the_list_view_drop_event_moves_without_losing_the_row(window):
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QDropEvent

    window.session.add_items([ORANGE, TRUST, DIRECT])
    items = window.brief_panel.items
    model, view = items.model, items.view
    below_last = QPointF(view.visualRect(model.index(2)).bottomLeft()) + QPointF(4, -1)
    mime = model.mimeData([model.index(0)])  # kept referenced: the event does not own it
    event = QDropEvent(below_last, model.supportedDragActions(), mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    event.setDropAction(Qt.DropAction.MoveAction)
    view.dropEvent(event)
    assert event.isAccepted() and event.dropAction() == Qt.DropAction.CopyAction  # so the view removes nothing itself
    assert refs(window) == [TRUST, DIRECT, ORANGE]
    assert window.session.stack.count() == 2


def test_stale_figures_are_marked_in_the_list_too(window):
    from briefing.gui.roles import StaleRole

    window.session.add_items([ORANGE, TRUST])
    model = window.brief_panel.items.model
    assert model.index(0).data(StaleRole) is True
    assert "Stale figure" in model.index(0).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(1).data(StaleRole) is False
    window.session.set_stale_months(36)
    assert model.index(0).data(StaleRole) is False


def test_the_list_judges_staleness_against_the_brief_date_as_the_documents_do(window):
    from briefing.gui.roles import StaleRole

    window.session.add_items([ORANGE])  # as of September 2025
    model = window.brief_panel.items.model
    window.session.set_field("meta.date", "2025-09-15", merge=False)  # the meeting: fresh then
    assert model.index(0).data(StaleRole) is False
    window.session.set_field("meta.date", "2027-01-10", merge=False)  # over 12 months before the meeting
    assert model.index(0).data(StaleRole) is True


def test_the_preview_marks_stale_figures_by_the_threshold_in_settings(qtbot, window, tmp_path):
    window.session.add_items([ORANGE])  # as of September 2025
    window.session.set_field("meta.date", "2026-06-01", merge=False)  # 9 months later: fresh by the default 12
    wait_preview(qtbot, window)
    (tmp_path / "a.pdf").write_bytes(window.preview.pdf_bytes)
    assert "(stale)" not in " ".join(pdf_text(tmp_path / "a.pdf").split())
    with qtbot.waitSignal(window.preview.updated, timeout=15000):  # the new threshold builds the preview again by itself
        window.session.set_stale_months(6)
    (tmp_path / "b.pdf").write_bytes(window.preview.pdf_bytes)
    assert "September 2025 (stale)" in " ".join(pdf_text(tmp_path / "b.pdf").split())
