"""The app's clearance, history and releasable versions: the badge and menu, versions, compare, release at a level."""

from __future__ import annotations

import pypdf
import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QFileDialog

from briefing.brief import clearance
from briefing.brief.store import load_brief, save_brief
from briefing.gui.compare_view import CompareDialog
from briefing.gui.export_dialog import FULL, ExportDialog
from briefing.gui.release_preview import NONE
from briefing.gui.versions_view import VersionsDialog, VersionViewer
from tests.conftest import SAMPLE_BRIEF


@pytest.fixture
def sample_path(tmp_path):
    path = tmp_path / "call.brief"
    path.write_bytes(SAMPLE_BRIEF.read_bytes())
    return path


def pdf_text(path) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(path).pages)


def test_the_badge_sits_beside_the_page_budget_badge(window):
    head = window.preview.budget_row
    assert head.indexOf(window.clearance.badge) == head.indexOf(window.preview.budget) + 1
    assert window.clearance.badge.text() == "Draft"
    assert window.clearance.badge.menu() is window.clearance.menu
    assert "&Clearance" in [a.text() for a in window.menuBar().actions()]
    steps = window.clearance.step_actions
    assert steps["cleared"].isEnabled() and not steps["approved"].isEnabled()


def test_clearing_is_an_edit_undone_and_saved(qtbot, window, dialogs, sample_path):
    window.files.open_brief(sample_path)
    window.clearance.step_actions["cleared"].trigger()
    assert dialogs.asked[-1] == "ask_text" and window.clearance.badge.text() == "Cleared" and window.session.dirty
    assert not window.clearance.step_actions["cleared"].isEnabled() and window.clearance.step_actions["approved"].isEnabled()
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: window.clearance.badge.text() == "Draft")  # after typing pauses: the state costs a digest
    assert not window.session.brief.clearance
    window.redo_action.trigger()
    window.save_action.trigger()
    saved = load_brief(sample_path)
    assert clearance.state_of(saved) == "cleared" and saved.clearance[-1].by == "Head of Section"
    window.session.set_field("meta.title", "Changed after clearance")
    qtbot.waitUntil(lambda: window.clearance.badge.text() == "Draft")
    assert "edited since it was cleared" in window.clearance.badge.toolTip()
    window.save_action.trigger()
    assert "back to draft" in load_brief(sample_path).clearance[-1].note


def test_no_name_no_step(window, dialogs):
    dialogs.answers["ask_text"] = None
    window.clearance.step_actions["cleared"].trigger()
    assert window.clearance.badge.text() == "Draft" and not window.session.dirty


def test_a_read_only_brief_offers_no_step(make_window, sample_path):
    first, second = make_window(), make_window()
    first.files.open_brief(sample_path)
    second.files.open_brief(sample_path)  # the first holds the lock: read-only here
    assert second.files.read_only_reason()
    assert not any(a.isEnabled() for a in second.clearance.step_actions.values())


def test_versions_open_read_only_and_compare(window, dialogs, sample_path):
    brief = load_brief(sample_path)
    save_brief(brief, sample_path, author="Officer")
    clearance.advance(brief, "cleared", "Head of Section")
    save_brief(brief, sample_path, author="Head of Section")
    window.files.open_brief(sample_path)
    window.clearance.versions_action.trigger()
    dialog = dialogs.shown[-1]
    assert isinstance(dialog, VersionsDialog)
    rows = [[dialog.tree.topLevelItem(i).text(c) for c in range(4)] for i in range(dialog.tree.topLevelItemCount())]
    assert [r[0] for r in rows] == ["2", "1"] and [r[2] for r in rows] == ["cleared", "draft"] and rows[0][3] == "Head of Section"
    dialog.tree.setCurrentItem(dialog.tree.topLevelItem(1))
    dialog.open_button.click()
    viewer = dialogs.shown[-1]
    assert isinstance(viewer, VersionViewer) and "read-only" in viewer.windowTitle() and viewer.document.pageCount() == 1
    window.session.set_field("sections.recommendation.text", "Ask for two contact points.")
    window.clearance.versions_action.trigger()
    dialogs.shown[-1].compare_button.click()
    compare = dialogs.shown[-1]
    assert isinstance(compare, CompareDialog) and compare.new_box.currentText() == "The brief as it is now"
    assert [c.kind for c in compare.changes] == ["clearance changed", "section changed"] and "{+two+}" in compare.changes[1].text
    assert compare.changes[0].text == "cleared -> draft"  # edited since it was cleared
    assert "two" in compare.view.toPlainText() and "{+" not in compare.view.toPlainText() and "line-through" in compare.view.toHtml()


def test_export_releasable_version(qtbot, tmp_path, window, dialogs, sample_path):
    window.files.open_brief(sample_path)
    window.session.brief.items[0].snapshot["level"] = "SECRET"  # as if the pack marked the first pillar SECRET
    dialogs.paths.append(tmp_path / "partner.pdf")
    dialogs.answers["release_at"] = "RESTRICTED"
    threads = []
    window.exports.finished.connect(lambda _result: threads.append(QThread.currentThread()))
    with qtbot.waitSignal(window.exports.finished, timeout=30000) as blocker:
        assert window.exports.export("pdf")
    assert dialogs.levels == ["UNCLASSIFIED", "RESTRICTED", "CONFIDENTIAL", "SECRET", "TOP SECRET"]
    result = blocker.args[0]
    assert result.release is not None and result.release_log == tmp_path / "partner.release-RESTRICTED.log.txt"
    assert "withheld item 1 (pillar cpec-action-plan-2025/development-cooperation)" in dialogs.summaries[-1]
    assert "Development and win-win" not in pdf_text(tmp_path / "partner.pdf") and result.release_log.is_file()


def test_releasable_preview_beside_the_full_one(qtbot, window, sample_path):
    window.files.open_brief(sample_path)
    release = window.preview.release
    assert release.level_box.currentText() == NONE and release.isHidden()
    with qtbot.waitSignal(release.signals.finished, timeout=30000):
        release.level_box.setCurrentIndex(release.level_box.findData("UNCLASSIFIED"))
    assert not release.isHidden() and window.preview.views.indexOf(release) == 1
    assert release.document.pageCount() == 1 and release.log.count() > 3
    assert release.log.item(release.log.count() - 1).text() == "banner: RESTRICTED in full, UNCLASSIFIED in this version"
    with qtbot.waitSignal(release.signals.finished, timeout=30000):
        window.session.set_field("sections.purpose.level", "UNCLASSIFIED")
        release.render_now()
    assert not any("purpose" in release.log.item(i).text() for i in range(release.log.count()))
    release.level_box.setCurrentIndex(0)
    assert release.isHidden()


def test_the_export_dialog_offers_release_at(qtbot, tmp_path):
    dialog = ExportDialog(None, "Export PDF", tmp_path / "call.pdf", "PDF documents (*.pdf)", ["OFFICIAL", "SECRET"])
    qtbot.addWidget(dialog)
    assert [dialog.level_box.itemText(i) for i in range(3)] == [FULL, "Releasable at OFFICIAL", "Releasable at SECRET"]
    assert dialog.testOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.level_box.setCurrentIndex(1)
    assert dialog.level() == "OFFICIAL"
    assert dialog.chosen() == (tmp_path / "call.release-OFFICIAL.pdf", "OFFICIAL")
