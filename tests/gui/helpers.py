"""Shared GUI test helpers: item ids, a fixed today, dialogs answered by the test, waiting for the preview."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

from briefing.gui.dialogs import Dialogs

TODAY = _dt.date(2026, 11, 1)  # 14 months after the seed figures' "as of 2025-09"
ORANGE = "cpec-action-plan-2025/orange-line-passenger-trips"
TRUST = "cpec-action-plan-2025/mutual-trust"
DIRECT = "cpec-action-plan-2025/jiang-past-is-prologue"
REPORTED = "cpec-action-plan-2025/xi-ironclad-bond"
PROJECT = "cpec-action-plan-2025/lahore-orange-line"


class FakeDialogs(Dialogs):
    """Answers every question from ``answers`` and records what was asked."""

    def __init__(self) -> None:
        self.answers: dict[str, object] = {
            "ask_save_changes": "discard",
            "ask_conflict": "cancel",
            "offer_restore": True,
            "export_done": "",
            "setup_printer": True,
            "show_dialog": 0,
            "release_at": None,  # the export dialog's "Release at" choice
            "ask_text": "Head of Section",
        }
        self.summaries: list[str] = []
        self.paths: list[Path | None] = []
        self.asked: list[str] = []
        self.errors: list[tuple[str, str]] = []
        self.warnings: list[tuple[str, str]] = []
        self.urls: list[str] = []
        self.shown: list[object] = []

    def ask_save_changes(self, parent, name):
        self.asked.append("ask_save_changes")
        return self.answers["ask_save_changes"]

    def ask_conflict(self, parent, name):
        self.asked.append("ask_conflict")
        return self.answers["ask_conflict"]

    def open_path(self, parent, folder):
        self.asked.append("open_path")
        return self.paths.pop(0) if self.paths else None

    def save_path(self, parent, title, suggested, fmt=None):
        self.asked.append("save_path")
        return self.paths.pop(0) if self.paths else None

    def export_path(self, parent, title, suggested, fmt, levels):
        self.asked.append("export_path")
        self.levels = levels
        path = self.paths.pop(0) if self.paths else None
        return None if path is None else (path, self.answers["release_at"])

    def ask_text(self, parent, title, label, default=""):
        self.asked.append("ask_text")
        return self.answers["ask_text"]

    def offer_restore(self, parent, description):
        self.asked.append("offer_restore")
        return bool(self.answers["offer_restore"])

    def export_done(self, parent, path, summary):
        self.asked.append("export_done")
        self.summaries.append(summary)
        return str(self.answers["export_done"])

    def error(self, parent, title, message):
        self.errors.append((title, message))

    def warning(self, parent, title, message):
        self.warnings.append((title, message))

    def information(self, parent, title, message):
        self.warnings.append((title, message))

    def setup_printer(self, parent, printer):
        self.asked.append("setup_printer")
        return bool(self.answers["setup_printer"])

    def open_url(self, url):
        self.urls.append(url.toLocalFile())
        return True

    def show_dialog(self, dialog):
        self.shown.append(dialog)
        return int(self.answers["show_dialog"])  # type: ignore[arg-type]


def wait_preview(qtbot, window, timeout: int = 15000) -> None:
    """Wait until the preview shows the brief as it is now."""
    with qtbot.waitSignal(window.preview.updated, timeout=timeout):
        window.preview.render_now()


def refs(window) -> list[str]:
    return [entry.ref for entry in window.session.brief.items]
