"""The preview: the real PDF, rebuilt in the background after changes, with the page budget always shown."""

from __future__ import annotations

from PySide6.QtCore import QThread
from PySide6.QtPdf import QPdfDocument

from .helpers import wait_preview


def test_preview_follows_a_change(qtbot, window):
    threads = []
    window.preview.updated.connect(lambda: threads.append(QThread.currentThread()))
    wait_preview(qtbot, window)
    assert threads == [window.thread()]  # built on a worker thread, shown on the GUI thread
    assert window.preview.budget.text() == "1 page: within the 1-page budget"
    assert window.preview.document.status() == QPdfDocument.Status.Ready
    assert window.preview.document.pageCount() == 1
    with qtbot.waitSignal(window.preview.updated, timeout=15000):
        window.session.set_field("sections.background.text", "\n\n".join(["A long paragraph of background. " * 40] * 6))
    assert window.preview.timer.isActive() is False
    assert window.preview.document.pageCount() >= 2
    assert "over the 1-page budget" in window.preview.budget.text()
    assert "b91c1c" in window.preview.budget.styleSheet()
    assert window.status.budget.text() == window.preview.budget.text()
    assert window.preview.is_current()


def test_changes_are_debounced_and_stale_results_dropped(qtbot, window):
    wait_preview(qtbot, window)
    preview = window.preview
    for text in ("O", "On", "One"):
        window.session.set_field("meta.title", text)
    assert preview.timer.isActive() and preview.status.text() == "Updating\u2026"
    first = preview.render_now()
    second = preview.render_now()
    with qtbot.waitSignal(preview.updated, timeout=15000):
        pass
    assert preview.shown == second != first
    qtbot.wait(100)
    assert preview.shown == second


def test_render_errors_show_in_the_status_line(qtbot, window):
    wait_preview(qtbot, window)
    with qtbot.waitSignal(window.preview.failed, timeout=15000) as blocker:
        window.session.set_field("meta.caveat", "EYES ONLY " * 40)  # a banner longer than the page is wide
    assert "too long for one line" in blocker.args[0]
    assert window.preview.status.text().startswith("Preview not updated:")
    assert window.preview.document.pageCount() == 1  # the last good PDF stays
    window.undo_action.trigger()
    with qtbot.waitSignal(window.preview.updated, timeout=15000):
        pass
    assert window.preview.status.text().startswith("Up to date")


def test_zoom_buttons(window):
    preview = window.preview
    preview.zoom_in.click()
    assert preview.view.zoomMode() == preview.view.ZoomMode.Custom
    preview.fit_page.click()
    assert preview.view.zoomMode() == preview.view.ZoomMode.FitInView


def test_rendering_runs_off_the_gui_thread_on_a_copy(qtbot, window, monkeypatch):
    import threading

    from briefing import export

    seen = []
    real = export.preview_pdf

    def spy(brief, library, **kwargs):
        seen.append((threading.current_thread() is threading.main_thread(), brief is window.session.brief))
        return real(brief, library, **kwargs)

    monkeypatch.setattr(export, "preview_pdf", spy)  # the worker imports it when it runs
    wait_preview(qtbot, window)
    assert seen == [(False, False)]
