"""The brief panel: details and the officer's own sections in tabs, above the chosen items."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QSplitter, QTabWidget, QVBoxLayout, QWidget

from ..style import MarkingSchemes
from ..templating.registry import Template
from .items_panel import ItemsPanel
from .meta_form import SECTIONS, MetaForm, SectionEditor
from .session import BriefSession
from .widgets import describe


class BriefPanel(QWidget):
    """Everything the officer writes or chooses for the brief."""

    def __init__(
        self,
        session: BriefSession,
        templates: list[Template],
        markings: MarkingSchemes | None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.session = session
        self.form = MetaForm(session, templates, markings, self)
        self.sections = {name: SectionEditor(session, name, self) for name in SECTIONS}
        self.tabs = describe(QTabWidget(self), "Brief details and sections", "The brief's details and your own sections")
        self.tabs.addTab(self.form, "Details")
        for name, editor in self.sections.items():
            self.tabs.addTab(editor, name.capitalize())
        self.tabs.setDocumentMode(True)
        self.items = ItemsPanel(session, self)
        items_box = QGroupBox("Chosen items", self)
        box_layout = QVBoxLayout(items_box)
        box_layout.setContentsMargins(6, 6, 6, 6)
        box_layout.addWidget(self.items)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.tabs)
        self.splitter.addWidget(items_box)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        header = QHBoxLayout()
        header.addWidget(QLabel("<b>Brief</b>", self))
        header.addStretch(1)
        template_label = QLabel("&Template:", self)
        template_label.setBuddy(self.form.template_box)
        header.addWidget(template_label)
        header.addWidget(self.form.template_box)
        layout.addLayout(header)
        layout.addWidget(self.splitter, 1)

    def tab_chain(self) -> list[QWidget]:
        """Template, the tabs and their fields, then the chosen items, in keyboard (Tab) order."""
        return [self.form.template_box, self.tabs, *self.form.tab_chain(), *self.sections.values(), *self.items.tab_chain()]

    def default_sizes(self) -> None:
        """Give the details tab the height of its form and the chosen items the rest."""
        top = self.tabs.tabBar().sizeHint().height() + self.form.sizeHint().height() + 6
        total = max(self.splitter.height(), top + 300)
        self.splitter.setSizes([top, total - top])
        self.items.default_sizes()
