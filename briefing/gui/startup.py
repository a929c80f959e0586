"""What the main window loads before it can build its panels: the library, the templates and the markings."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import BriefingError, StyleError

if TYPE_CHECKING:
    from ..content.library import Library
    from ..style import MarkingSchemes
    from ..templating.registry import Template


@dataclass
class StartData:
    """The loaded library, templates and markings, and the problems met loading them."""

    library: Library
    templates: list[Template]
    template_problems: list[BriefingError] = field(default_factory=list)
    markings: MarkingSchemes | None = None
    marking_problems: list[BriefingError] = field(default_factory=list)


def load_start_data(folders: list[Path], markings: bool = True) -> StartData:
    """Load the library (bundled, user and ``folders``), the template list and (unless not wanted) the markings."""
    from ..content.library import load_library
    from ..style import load_markings
    from ..templating.registry import list_templates

    library = load_library(extra=folders)
    templates, template_problems = list_templates()
    data = StartData(library, templates, list(template_problems))
    if not markings:
        return data
    try:
        data.markings = load_markings()
    except StyleError as exc:
        data.marking_problems.append(exc)
    return data


def load_in_background(folders: list[Path]) -> StartData:
    """:func:`load_start_data`, after importing the panels' modules (pydantic models, QtPdf, QtPrintSupport).

    Runs on a pool thread while the window's first frame shows: the GUI thread then only builds widgets.
    """
    from . import brief_panel, export_actions, file_actions, library_panel, preview  # noqa: F401

    return load_start_data(folders)
