"""Every question the app asks the officer, in one replaceable object so tests can answer them."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

FORMAT_FILTERS = {"pdf": "PDF documents (*.pdf)", "docx": "Word documents (*.docx)", "pdf-tagged": "PDF documents (*.pdf)"}


def _brief_filter() -> str:
    from ..brief.model import SUFFIX  # the brief model (pydantic) is not needed for the window's first frame

    return f"Briefs (*{SUFFIX});;All files (*)"


class Dialogs:
    """Modal questions and the desktop hand-off. Tests replace methods (or pass a subclass)."""

    def ask_save_changes(self, parent: QWidget, name: str) -> str:
        """``save``, ``discard`` or ``cancel`` for a brief with unsaved changes."""
        box = QMessageBox(QMessageBox.Icon.Warning, "Unsaved changes", f"Save the changes to \u201c{name}\u201d?", parent=parent)
        box.setInformativeText("Your changes will be lost if you don't save them.")
        box.setStandardButtons(QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        answer = box.exec()
        return {QMessageBox.StandardButton.Save: "save", QMessageBox.StandardButton.Discard: "discard"}.get(
            QMessageBox.StandardButton(answer), "cancel"
        )

    def ask_conflict(self, parent: QWidget, name: str) -> str:
        """``overwrite``, ``save_as`` or ``cancel`` when the brief changed on disk since it was opened or saved."""
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Brief changed on disk",
            f"\u201c{name}\u201d was changed on disk since you opened it, perhaps in another Briefing window or by a colleague.",
            parent=parent,
        )
        box.setInformativeText(
            "Overwrite it with your version (their changes are lost), save yours under another name, "
            "or cancel to keep editing without saving."
        )
        overwrite = box.addButton("Overwrite", QMessageBox.ButtonRole.DestructiveRole)
        save_as = box.addButton("Save As\u2026", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(save_as)
        box.exec()
        clicked = box.clickedButton()
        return "overwrite" if clicked is overwrite else "save_as" if clicked is save_as else "cancel"

    def ask_pack_changed(self, parent: QWidget, name: str) -> str:
        """``apply`` or ``cancel`` when a content pack changed on disk since the library was loaded."""
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Pack changed on disk",
            f"\u201c{name}\u201d was changed on disk since the library was loaded, perhaps by a colleague.",
            parent=parent,
        )
        box.setInformativeText(
            "Save your change into the pack as it is now (their changes are kept), or cancel and reload the library first."
        )
        apply = box.addButton("Save Into Current Pack", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(apply)
        box.exec()
        return "apply" if box.clickedButton() is apply else "cancel"

    def confirm_delete(self, parent: QWidget, title: str, pack_name: str) -> bool:
        """True to delete the item from its pack file."""
        text = f"Delete \u201c{title}\u201d from {pack_name}?\n\nThe previous version of the pack is kept as {pack_name}~."
        return _yes_no(parent, "Delete item?", text, default_yes=False)

    def choose_pack(self, parent: QWidget, packs: list[str]) -> int | None:
        """Which of the writable ``packs`` a new item goes in (its index), or None."""
        from PySide6.QtWidgets import QInputDialog

        choice, ok = QInputDialog.getItem(parent, "New Item", "Save the new item in:", packs, 0, False)
        return packs.index(choice) if ok and choice in packs else None

    def open_path(self, parent: QWidget, folder: Path) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(parent, "Open Brief", str(folder), _brief_filter())
        return Path(name) if name else None

    def open_source(self, parent: QWidget, folder: Path, filters: str) -> Path | None:
        """A source document to import (File > Import Source)."""
        name, _ = QFileDialog.getOpenFileName(parent, "Import Source", str(folder), filters)
        return Path(name) if name else None

    def save_path(self, parent: QWidget, title: str, suggested: Path, fmt: str | None = None) -> Path | None:
        """A path to write; ``fmt`` is an export format, None for a brief."""
        name, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), FORMAT_FILTERS.get(fmt or "", _brief_filter()))
        return Path(name) if name else None

    def export_path(self, parent: QWidget, title: str, suggested: Path, fmt: str, levels: list[str]) -> tuple[Path, str | None] | None:
        """A path to export to, and the level to release at (None: the full brief)."""
        from .export_dialog import ExportDialog

        dialog = ExportDialog(parent, title, suggested, FORMAT_FILTERS[fmt], levels)
        return dialog.chosen() if dialog.exec() else None

    def ask_text(self, parent: QWidget, title: str, label: str, default: str = "") -> str | None:
        """One line of text (a name), or None when cancelled."""
        from PySide6.QtWidgets import QInputDialog

        text, ok = QInputDialog.getText(parent, title, label, text=default)
        return text if ok else None

    def offer_restore(self, parent: QWidget, description: str) -> bool:
        """True to restore an autosaved brief found at start-up."""
        text = f"Briefing did not close normally. An autosaved copy of {description} was found.\n\nRestore it?"
        return _yes_no(parent, "Restore unsaved work?", text, default_yes=True)

    def export_done(self, parent: QWidget, path: Path, summary: str) -> str:
        """After an export: ``file`` to open it, ``folder`` to show its folder, or ``""``."""
        box = QMessageBox(QMessageBox.Icon.Information, "Export finished", f"Exported {path.name}.", parent=parent)
        box.setInformativeText(summary)
        open_file = box.addButton("Open File", QMessageBox.ButtonRole.AcceptRole)
        open_folder = box.addButton("Open Folder", QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Close)
        box.exec()
        clicked = box.clickedButton()
        return "file" if clicked is open_file else "folder" if clicked is open_folder else ""

    def confirm_export(self, parent: QWidget, label: str, findings: list[str]) -> bool:
        """The check before export found something: export anyway (True) or go back and fix it."""
        box = QMessageBox(QMessageBox.Icon.Warning, f"Before you export {label}", "The check before export found:", parent=parent)
        box.setInformativeText("\n".join(f"\u2022 {finding}" for finding in findings))
        export = box.addButton("Export Anyway", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is export

    def error(self, parent: QWidget | None, title: str, message: str) -> None:
        QMessageBox.critical(parent, title, message)

    def warning(self, parent: QWidget | None, title: str, message: str) -> None:
        QMessageBox.warning(parent, title, message)

    def information(self, parent: QWidget | None, title: str, message: str) -> None:
        QMessageBox.information(parent, title, message)

    def setup_printer(self, parent: QWidget, printer: QPrinter) -> bool:
        from PySide6.QtPrintSupport import QPrintDialog  # not needed for the window's first frame

        dialog = QPrintDialog(printer, parent)
        dialog.setWindowTitle("Print Brief")
        return dialog.exec() == QPrintDialog.DialogCode.Accepted

    def open_url(self, url: QUrl) -> bool:
        return QDesktopServices.openUrl(url)

    def show_dialog(self, dialog) -> int:
        """Run a modal dialog (settings, about, guide)."""
        return dialog.exec()


class UnattendedDialogs(Dialogs):
    """For runs nobody watches (benchmarks, screenshots): never block on a question.

    Unsaved changes are discarded, recovery is declined, and messages go to stderr.
    """

    def ask_save_changes(self, parent: QWidget, name: str) -> str:
        return "discard"

    def offer_restore(self, parent: QWidget, description: str) -> bool:
        return False

    def confirm_export(self, parent: QWidget, label: str, findings: list[str]) -> bool:
        for finding in findings:
            print(f"warning: {finding}", file=sys.stderr)
        return True

    def error(self, parent: QWidget | None, title: str, message: str) -> None:
        print(f"{title}: {message}", file=sys.stderr)

    warning = information = error


def _yes_no(parent: QWidget, title: str, text: str, default_yes: bool) -> bool:
    """A Yes/No question; True for Yes. ``default_yes`` picks the button Enter presses."""
    yes, no = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
    return QMessageBox.question(parent, title, text, yes | no, yes if default_yes else no) == yes
