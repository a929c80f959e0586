"""The Settings dialog, and Help's User Guide and About."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from briefing import __version__, logs


def test_settings_dialog_saves_and_applies(window, dialogs):
    def answer(dialog):
        dialogs.shown.append(dialog)
        dialog.drafter.setText("Desk Officer")
        dialog.marking.setCurrentIndex(dialog.marking.findData("CONFIDENTIAL"))
        dialog.stale.setValue(30)
        dialog.autosave.setValue(60)
        return QDialog.DialogCode.Accepted

    dialogs.show_dialog = answer
    window.open_settings()
    settings = window.settings
    assert (settings.drafter, settings.default_marking, settings.stale_months, settings.autosave_seconds) == (
        "Desk Officer",
        "CONFIDENTIAL",
        30,
        60,
    )
    assert window.autosave_timer.interval() == 60000
    assert window.session.stale.months == 30
    window.files.new_brief()
    assert window.session.brief.meta.drafter == "Desk Officer"
    assert window.session.brief.meta.marking == "CONFIDENTIAL"


def test_settings_survive_a_restart(window, make_window):
    window.settings.stale_months = 6
    window.settings.add_recent(window.settings.path)
    window.close()
    again = make_window()
    assert again.settings.stale_months == 6
    assert again.settings.recent_files == [window.settings.path.resolve()]
    assert again.settings.path.parent.name == "config"


def test_cancelled_settings_change_nothing(window, dialogs):
    window.open_settings()
    assert window.settings.stale_months == 12 and len(dialogs.shown) == 1


def test_user_guide_and_about(window, dialogs):
    window.guide_action.trigger()
    window.about_action.trigger()
    guide, about = dialogs.shown
    assert "Ctrl+F" in guide.browser.toPlainText()
    text = about.browser.toPlainText()
    assert __version__ in text and str(logs.log_file()) in text
    assert str(window.session.library.folders[0]) in text


def test_enter_on_a_group_row_opens_it(qtbot, window):
    from PySide6.QtCore import Qt

    panel = window.library_panel
    group = panel.model.index(0, 0, panel.model.index(0, 0))
    panel.tree.setCurrentIndex(group)
    was = panel.tree.isExpanded(group)
    qtbot.keyClick(panel.tree, Qt.Key.Key_Return)
    assert panel.tree.isExpanded(group) is not was
    assert window.session.brief.items == []
