"""The export dialog: where to write the file, and whether to write the full brief or its releasable version at a level."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtWidgets import QComboBox, QFileDialog, QGridLayout, QLabel, QWidget

from ..levels.release import level_tag
from .widgets import describe

FULL = "Full brief (nothing withheld)"


class ExportDialog(QFileDialog):
    """A save dialog (Qt's own, so it can hold the extra choice) with a "Release at" level under the file name."""

    def __init__(self, parent: QWidget | None, title: str, suggested: Path, name_filter: str, levels: Sequence[str]):
        super().__init__(parent, title, str(suggested), name_filter)
        self.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        self.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        self.setFileMode(QFileDialog.FileMode.AnyFile)
        self.level_box = describe(QComboBox(self), "Release at", "Write the releasable version: nothing marked above the level")
        self.level_box.addItem(FULL, None)
        for level in levels:
            self.level_box.addItem(f"Releasable at {level}", level)
        self.level_box.currentIndexChanged.connect(self._rename)
        self.suggested = suggested
        layout = self.layout()
        if isinstance(layout, QGridLayout):
            row = layout.rowCount()
            layout.addWidget(QLabel("Release at:", self), row, 0)
            layout.addWidget(self.level_box, row, 1)

    def _rename(self) -> None:
        """Suggest ``NAME.release-LEVEL.pdf`` for a releasable version, the plain name for the full brief."""
        level = self.level()
        stem = self.suggested.stem + (f".release-{level_tag(level)}" if level else "")
        self.selectFile(stem + self.suggested.suffix)

    def level(self) -> str | None:
        return self.level_box.currentData()

    def chosen(self) -> tuple[Path, str | None] | None:
        """The path and level after the dialog was accepted (None when there is no file)."""
        files = self.selectedFiles()
        return (Path(files[0]), self.level()) if files and files[0] else None
