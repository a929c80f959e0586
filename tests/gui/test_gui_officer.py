"""Issue 12 in the app: shortcuts from every field, menus, the meeting tab, library marks, the check before export, layout."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit

from briefing import paths
from briefing.brief.model import Attendee

from .helpers import DIRECT, ORANGE, REPORTED, TRUST, refs


def line_edits(window) -> list[QLineEdit]:
    """Every one-line field a person can type in, in every pane and tab."""
    return [w for w in window.findChildren(QLineEdit) if w.isEnabled() and not w.isReadOnly() and w.objectName() != "qt_spinbox_lineedit"]


def focus(qtbot, window, widget) -> None:
    """Put the cursor in ``widget`` (showing its tab first), as a person would by clicking it."""
    tabs = window.brief_panel.tabs
    for index in range(tabs.count()):
        if tabs.widget(index).isAncestorOf(widget):
            tabs.setCurrentIndex(index)
    widget.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget, timeout=2000)


class LinuxLineEditKeys(QObject):
    """What QLineEdit does on X11 (xcb): it claims Ctrl+E (end of line) and the other keys it binds, before any shortcut.

    The offscreen platform binds only End, so the tests put the X11 binding back on
    each field. Under xvfb with the xcb platform, the real QLineEdit behaves the same.
    """

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.ShortcutOverride and event.keyCombination().toCombined() in X11_LINE_EDIT_KEYS:
            event.accept()
        return False


X11_LINE_EDIT_KEYS = {QKeySequence(k)[0].toCombined() for k in ("Ctrl+E", "Ctrl+S", "Ctrl+F", "Ctrl+Shift+E")}


def test_every_documented_shortcut_works_with_the_cursor_in_each_line_edit(qtbot, window, dialogs):
    window.session.add_items([ORANGE])
    fields = line_edits(window)
    linux = LinuxLineEditKeys(window)
    for field in fields:
        field.installEventFilter(linux)
    names = {w.accessibleName() for w in fields}
    assert {"Search the library", "Title", "Occasion", "Recipient", "Drafter", "Reference", "Caveat", "Principal", "Time", "Venue"} <= names
    for field in fields:
        focus(qtbot, window, field)
        before = len(dialogs.asked)
        qtbot.keyClick(field, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
        assert dialogs.asked[before:] == ["export_path"], f"Ctrl+E did nothing in {field.accessibleName()}"
        qtbot.keyClick(field, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        assert dialogs.asked[before + 1 :] == ["export_path"], f"Ctrl+Shift+E did nothing in {field.accessibleName()}"
        qtbot.keyClick(field, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # untitled: Save asks where
        assert dialogs.asked[before + 2 :] == ["save_path"], f"Ctrl+S did nothing in {field.accessibleName()}"
        qtbot.keyClick(field, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
        assert QApplication.focusWidget() is window.library_panel.search_box, f"Ctrl+F did nothing in {field.accessibleName()}"


def test_a_text_field_keeps_its_own_editing_keys(qtbot, window):
    title = window.brief_panel.form.edits["meta.title"]
    focus(qtbot, window, title)
    title.setText("Call on the Ambassador")
    qtbot.keyClick(title, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert title.selectedText() == "Call on the Ambassador"  # Select All acts on the field, not elsewhere


def test_edit_menu_cut_copy_paste_select_all_act_on_the_focused_field(qtbot, window):
    titles = [a.text().replace("&", "") for a in window.menuBar().actions()]
    edit = window.menuBar().actions()[titles.index("Edit")].menu()
    texts = [a.text().replace("&", "") for a in edit.actions()]
    assert [t for t in texts if t in ("Cut", "Copy", "Paste", "Select All")] == ["Cut", "Copy", "Paste", "Select All"]
    occasion = window.brief_panel.form.edits["meta.occasion"]
    focus(qtbot, window, occasion)
    qtbot.keyClicks(occasion, "Courtesy call")
    actions = {a.text().replace("&", ""): a for a in edit.actions()}
    actions["Select All"].trigger()
    actions["Copy"].trigger()
    assert QApplication.clipboard().text() == "Courtesy call"
    actions["Cut"].trigger()
    assert occasion.text() == "" and window.session.brief.meta.occasion == ""
    actions["Paste"].trigger()
    assert window.session.brief.meta.occasion == "Courtesy call"


def test_file_menu_has_close_and_a_separate_print_preview(qtbot, window, dialogs):
    titles = [a.text().replace("&", "") for a in window.menuBar().actions()]
    file_menu = window.menuBar().actions()[titles.index("File")].menu()
    texts = [a.text().replace("&", "") for a in file_menu.actions()]
    assert "Close" in texts and "Print Preview\u2026" in texts and texts.index("Print Preview\u2026") < texts.index("Print\u2026")
    window.session.add_items([ORANGE])
    window.menu_actions.print_preview.trigger()
    [dialog] = dialogs.shown
    assert type(dialog).__name__ == "QPrintPreviewDialog" and dialog.parent() is window
    assert window.preview.isVisible()  # the live pane stays
    window.menu_actions.close.trigger()  # unsaved: the fake answers discard
    assert refs(window) == [] and "ask_save_changes" in dialogs.asked
    assert window.menu_actions.close.shortcut() == QKeySequence(QKeySequence.StandardKey.Close)


def test_the_meeting_tab_sets_principal_time_venue_and_attendees(qtbot, window):
    meeting = window.brief_panel.meeting
    focus(qtbot, window, meeting.edits["meta.principal"])
    qtbot.keyClicks(meeting.edits["meta.principal"], "Minister of State")
    qtbot.keyClicks(meeting.edits["meta.time"], "10:30")
    ours = meeting.tables["meta.attendees.ours"]
    ours.item(0, 0).setText("Jane Smith")
    ours.item(0, 1).setText("Head of Mission")
    assert ours.rowCount() == 2  # an empty row for the next person
    ours.item(1, 0).setText("Tom Lee")
    ours.item(1, 2).setText("CONFIDENTIAL")
    meta = window.session.brief.meta
    assert (meta.principal, meta.time) == ("Minister of State", "10:30")
    assert meta.attendees.ours == [Attendee(name="Jane Smith", role="Head of Mission"), Attendee(name="Tom Lee", level="CONFIDENTIAL")]
    ours.item(0, 0).setText("")  # clearing a name removes the person
    assert [a.name for a in meta.attendees.ours] == ["Tom Lee"]
    window.undo_action.trigger()
    assert [a.name for a in window.session.brief.meta.attendees.ours] == ["Jane Smith", "Tom Lee"]
    assert [ours.item(r, 0).text() for r in range(ours.rowCount())] == ["Jane Smith", "Tom Lee", ""]


def test_the_pack_order_is_chosen_in_the_details(window):
    form = window.brief_panel.form
    form.order_box.setCurrentIndex(form.order_box.findData("listed"))
    form.order_box.activated.emit(form.order_box.currentIndex())
    assert window.session.brief.order == "listed"
    window.undo_action.trigger()
    assert window.session.brief.order == "pillar" and form.order_box.currentData() == "pillar"


def test_sections_and_notes_say_they_take_markdown(window):
    for editor in window.brief_panel.sections.values():
        assert "**bold**" in editor.placeholderText() and "**bold**" in editor.toolTip()
    assert "**Bold**" in window.brief_panel.items.note_edit.placeholderText()
    assert isinstance(window.brief_panel.items.note_edit, QPlainTextEdit)


def test_the_library_marks_items_in_the_brief_and_those_with_a_note(qtbot, window):
    library = window.library_panel
    library.search_box.setText("Orange Line")
    index = library.model.find(ORANGE)
    label = index.data(Qt.ItemDataRole.DisplayRole)
    assert "\u2713" not in label
    window.session.add_items([ORANGE])
    index = library.model.find(ORANGE)
    assert index.data(Qt.ItemDataRole.DisplayRole) == "\u2713 " + label  # before the title: a long title is elided on the right
    assert "In the brief" in index.data(Qt.ItemDataRole.ToolTipRole)
    window.session.set_note(0, "Cite first.")
    assert library.model.find(ORANGE).data(Qt.ItemDataRole.DisplayRole) == "\u2713\u270e " + label
    assert library.model.find(ORANGE).data(Qt.ItemDataRole.AccessibleTextRole).endswith("(in the brief, with your note)")


def test_the_library_filters_direct_and_reported_statements(window):
    library = window.library_panel
    library.quote_box.setCurrentIndex(library.quote_box.findData("direct"))
    shown = [library.model.find(i).isValid() for i in (DIRECT, REPORTED, ORANGE)]
    assert shown == [True, False, False]
    library.quote_box.setCurrentIndex(library.quote_box.findData("reported"))
    assert [library.model.find(i).isValid() for i in (DIRECT, REPORTED)] == [False, True]
    assert library.count_label.text().endswith("of 81 items")


def test_export_shows_the_check_before_export_and_can_be_cancelled(qtbot, tmp_path, window, dialogs):
    window.session.add_items([ORANGE, TRUST])
    window.session.set_field("meta.date", "2027-06-01")
    dialogs.answers["confirm_export"] = False
    dialogs.paths.append(tmp_path / "x.pdf")
    assert window.exports.export("pdf") is False
    assert any(f.startswith("stale figure: Passenger journeys") for f in dialogs.findings)
    assert "empty section: the purpose has no text" in dialogs.findings
    assert not (tmp_path / "x.pdf").exists()


def test_a_clean_quit_removes_the_lock_file(qtbot, tmp_path, make_window):
    brief = tmp_path / "call.brief"
    brief.write_bytes((paths.samples_dir() / "sample.brief").read_bytes())
    window = make_window()
    window.files.open_file(brief)
    lock = tmp_path / ".call.brief.lock"
    assert lock.exists()
    window.close()
    assert not lock.exists()


@pytest.mark.parametrize("size", [(960, 600), (1366, 768)])
def test_nothing_is_cut_off_at_the_minimum_and_a_laptop_size(qtbot, window, size):
    window.files.open_file(paths.samples_dir() / "sample.brief")
    window.resize(*size)
    window.default_splitter_sizes()
    qtbot.waitUntil(lambda: window.width() == max(size[0], window.minimumWidth()))
    form = window.brief_panel.form
    for path in ("meta.drafter", "meta.reference", "meta.caveat"):
        assert form.edits[path].width() >= form.edits[path].fontMetrics().averageCharWidth() * 12, path
    marking = form.marking_box
    assert marking.width() >= marking.fontMetrics().horizontalAdvance("CONFIDENTIAL")
    bar = window.brief_panel.tabs.tabBar()
    last = bar.tabRect(bar.count() - 1)
    assert bar.tabText(bar.count() - 1) == "Recommendation" and bar.rect().contains(last)
    budget = window.preview.budget
    window.preview.result = None
    budget.setText("2 pages: over the 1-page budget")
    qtbot.waitUntil(lambda: budget.width() >= budget.sizeHint().width())


def test_the_panes_stay_put_when_the_template_changes(qtbot, window):
    window.files.open_file(paths.samples_dir() / "sample.brief")
    window.resize(1366, 768)
    window.default_splitter_sizes()
    qtbot.wait(50)
    before = window.splitter.sizes()
    form = window.brief_panel.form
    for template in ("talking-points", "briefing-pack", "meeting-brief"):
        form.template_box.setCurrentIndex(form.template_box.findData(template))
        form.template_box.activated.emit(form.template_box.currentIndex())
        window.preview.render_now()
        qtbot.waitSignal(window.preview.updated, timeout=15000)
        qtbot.wait(50)
        assert window.splitter.sizes() == before, template
    assert window.mapToGlobal(QPoint(0, 0)) == window.mapToGlobal(QPoint(0, 0))


def test_a_figure_with_only_a_period_shows_no_as_of_date_in_its_details(window):
    panel = window.library_panel
    panel.search_box.setText("desalination")
    panel.tree.setCurrentIndex(panel.model.find("cpec-action-plan-2025/desalination-daily-output"))
    text = panel.details.toPlainText()
    assert "Period: daily" in text and "As of" not in text  # not the source's date, 2025-09


PREVIEW_AT_DPR = """
import sys
from PySide6.QtCore import QEventLoop, QTimer
from briefing import paths
from briefing.gui.app import application
from briefing.gui.dialogs import UnattendedDialogs
from briefing.gui.main_window import MainWindow
app = application()
window = MainWindow(dialogs=UnattendedDialogs())
window.show()
window.files.open_file(paths.samples_dir() / "sample.brief")
loop = QEventLoop()
window.preview.updated.connect(loop.quit)
QTimer.singleShot(20000, loop.quit)
window.preview.render_now()
loop.exec()
QTimer.singleShot(300, loop.quit)
loop.exec()
view = window.preview.view
picture = view.grab()
print(view.devicePixelRatioF(), picture.devicePixelRatio(), picture.width() / view.width())
window.preview.redraw_pages()
window.session.stack.setClean()
window.close()
"""


def test_the_preview_draws_at_the_screens_device_pixel_ratio(tmp_path):
    import os
    import subprocess
    import sys

    env = dict(os.environ, QT_SCALE_FACTOR="2", QT_QPA_PLATFORM="offscreen", BRIEFING_HOME=str(tmp_path))
    result = subprocess.run([sys.executable, "-c", PREVIEW_AT_DPR], capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    view_ratio, picture_ratio, pixels_per_point = (float(v) for v in result.stdout.split()[-3:])
    assert view_ratio == picture_ratio == 2.0 and pixels_per_point == pytest.approx(2.0, abs=0.01)
