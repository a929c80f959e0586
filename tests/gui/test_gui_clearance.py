"""The app's clearance badge, versions list, compare view and releasable preview (widgets on their own)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QThreadPool

from briefing.brief import clearance
from briefing.brief.diff import Change
from briefing.brief.store import load_brief, save_brief
from briefing.content.library import load_library
from briefing.export import preview_pdf
from briefing.gui.clearance_badge import ClearanceBadge
from briefing.gui.compare_view import change_html
from briefing.gui.release_preview import NONE, ReleasePreview
from briefing.gui.session import BriefSession
from briefing.gui.versions_view import VersionsDialog, VersionViewer
from tests.conftest import SAMPLE_BRIEF


@pytest.fixture(scope="module")
def library():
    return load_library()


def test_badge_shows_the_state_and_offers_only_the_next_step(qtbot):
    badge = ClearanceBadge()
    qtbot.addWidget(badge)
    brief = load_brief(SAMPLE_BRIEF)
    badge.update_from(brief)
    assert badge.text() == "Draft" and badge.step_actions["cleared"].isEnabled() and not badge.step_actions["approved"].isEnabled()
    clearance.advance(brief, "cleared", "Head of Section")
    badge.update_from(brief)
    assert badge.text() == "Cleared" and badge.step_actions["approved"].isEnabled() and not badge.step_actions["cleared"].isEnabled()
    brief.meta.title = "Edited"
    badge.update_from(brief)
    assert badge.text() == "Draft" and "edited since it was cleared" in badge.toolTip()
    badge.update_from(brief, editable=False)
    assert not any(a.isEnabled() for a in badge.step_actions.values())
    badge.update_from(brief)
    with qtbot.waitSignal(badge.advance_requested) as signal:
        badge.step_actions["cleared"].trigger()
    assert signal.args == ["cleared"]


def _saved_three_times(tmp_path):
    path = tmp_path / "b.brief"
    brief = load_brief(SAMPLE_BRIEF)
    save_brief(brief, path, author="Officer")
    clearance.advance(brief, "cleared", "Head of Section")
    save_brief(brief, path, author="Head of Section")
    brief.sections.purpose.text = "A new purpose."
    save_brief(brief, path, author="Officer")
    return load_brief(path)


def test_versions_list_opens_a_version_read_only_and_compares(qtbot, tmp_path, library):
    brief = _saved_three_times(tmp_path)
    shown = []
    dialog = VersionsDialog(brief, lambda b: preview_pdf(b, library)[0], lambda d: shown.append(d) or 0)
    qtbot.addWidget(dialog)
    rows = [[dialog.tree.topLevelItem(i).text(c) for c in range(4)] for i in range(dialog.tree.topLevelItemCount())]
    assert [r[0] for r in rows] == ["3", "2", "1"] and [r[2] for r in rows] == ["draft", "cleared", "draft"]
    assert rows[1][3] == "Head of Section" and rows[0][1].endswith("UTC")
    dialog.tree.setCurrentItem(dialog.tree.topLevelItem(1))
    viewer = dialog.open_selected()
    assert isinstance(viewer, VersionViewer) and shown[-1] is viewer
    assert "read-only" in viewer.windowTitle() and "cleared" in viewer.heading.text() and viewer.document.pageCount() >= 1
    compare = dialog.compare_selected()
    assert shown[-1] is compare and compare.new_box.currentText() == "The brief as it is now"
    assert [c.kind for c in compare.changes] == ["section changed"]
    assert "line-through" in compare.view.toHtml() and "A new purpose." in compare.view.toPlainText()


def test_change_html_marks_words():
    html = change_html(Change("note changed", "Cite as [-evidence-] {+proof+} <b>"))
    assert "line-through" in html and ">evidence<" in html and ">proof<" in html and "&lt;b&gt;" in html


def test_release_preview_beside_the_full_one(qtbot, library):
    session = BriefSession(library)
    session.load(load_brief(SAMPLE_BRIEF))
    panel = ReleasePreview(session, QThreadPool.globalInstance())
    qtbot.addWidget(panel)
    assert panel.level_box.itemText(0) == NONE and panel.view.isHidden()
    with qtbot.waitSignal(panel.signals.finished, timeout=15000):
        panel.level_box.setCurrentIndex(panel.level_box.findData("UNCLASSIFIED"))
    assert not panel.view.isHidden() and panel.document.pageCount() == 1
    assert panel.log.count() > 3 and panel.log.item(panel.log.count() - 1).text().startswith("banner: RESTRICTED in full")
