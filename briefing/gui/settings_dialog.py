"""The Settings dialog: drafter, default marking, extra content folders (team folders marked writable), stale threshold and autosave."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..content.folders import TeamFolder
from ..content.present import STALE_MONTHS_RANGE
from ..style import MarkingSchemes
from .settings import Settings
from .widgets import describe


class SettingsDialog(QDialog):
    """Edit the settings; ``apply()`` writes them back."""

    def __init__(self, settings: Settings, markings: MarkingSchemes | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle("Settings")
        self.setMinimumWidth(520)
        self.drafter = describe(QLineEdit(settings.drafter, self), "Default drafter", "Your name, filled in as the drafter of new briefs")
        self.marking = describe(QComboBox(self), "Default marking", "The marking new briefs start with")
        self.marking.addItem("Lowest level of the scheme", "")
        if markings is not None:
            for level_id in markings.get().ids():
                self.marking.addItem(level_id, level_id)
        self.marking.setCurrentIndex(max(self.marking.findData(settings.default_marking), 0))
        self.stale = describe(QSpinBox(self), "Stale threshold", "Figures older than this are marked stale")
        self.stale.setRange(*STALE_MONTHS_RANGE)
        self.stale.setSuffix(" months")
        self.stale.setValue(settings.stale_months)
        self.autosave = describe(QSpinBox(self), "Autosave interval", "How often unsaved work is copied to a recovery file")
        self.autosave.setRange(5, 3600)
        self.autosave.setSuffix(" seconds")
        self.autosave.setValue(settings.autosave_seconds)
        form = QFormLayout()
        form.addRow("&Drafter name:", self.drafter)
        form.addRow("Default &marking:", self.marking)
        form.addRow("&Stale after:", self.stale)
        form.addRow("&Autosave every:", self.autosave)

        self.folders = describe(
            QListWidget(self),
            "Extra content folders",
            "Folders of content packs loaded besides the bundled library; tick a team folder to edit its packs in the app",
        )
        for folder in settings.team_folders:
            self._add_row(str(folder.path), folder.writable)
        add = describe(QPushButton("Add Folder\u2026", self), "Add content folder", "Load content packs from another folder too")
        remove = describe(QPushButton("Remove", self), "Remove content folder", "Stop loading the selected folder")
        add.clicked.connect(self._add_folder)
        remove.clicked.connect(lambda: [self.folders.takeItem(self.folders.row(i)) for i in self.folders.selectedItems()])
        buttons_row = QHBoxLayout()
        buttons_row.addWidget(add)
        buttons_row.addWidget(remove)
        buttons_row.addStretch(1)
        folder_box = QGroupBox("Extra content folders (tick to edit packs there)", self)
        folder_layout = QVBoxLayout(folder_box)
        folder_layout.addWidget(self.folders)
        folder_layout.addLayout(buttons_row)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(folder_box, 1)
        layout.addWidget(buttons)

    def _add_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Content Folder")
        if folder:
            self._add_row(folder, False)

    def _add_row(self, folder: str, writable: bool) -> None:
        """One folder, with a tick box: ticked, its packs can be edited in the app (a team folder marked writable)."""
        row = QListWidgetItem(folder, self.folders)
        row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        row.setCheckState(Qt.CheckState.Checked if writable else Qt.CheckState.Unchecked)
        row.setToolTip("Ticked: writable, its packs can be edited here. Unticked: read-only.")

    def team_folders(self) -> list[TeamFolder]:
        rows = [self.folders.item(i) for i in range(self.folders.count())]
        return [TeamFolder(Path(row.text()), row.checkState() == Qt.CheckState.Checked) for row in rows]

    def apply(self) -> None:
        """Write the dialog's values to the settings."""
        self.settings.drafter = self.drafter.text().strip()
        self.settings.default_marking = self.marking.currentData() or ""
        self.settings.stale_months = self.stale.value()
        self.settings.autosave_seconds = self.autosave.value()
        self.settings.team_folders = self.team_folders()
        self.settings.sync()
