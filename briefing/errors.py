"""The one exception hierarchy: every error a user can see, with where it is and how to fix it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Location:
    """A place in a file: path, and 1-based line and column where known."""

    path: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        text = str(self.path)
        if self.line is not None:
            text += f":{self.line}"
            if self.column is not None:
                text += f":{self.column}"
        return text


class BriefingError(Exception):
    """Base of every error Briefing reports to a person.

    ``message`` says what is wrong, ``location`` where, and ``hint`` what to do.
    ``str(error)`` is a single line: ``file:line:col: message (hint)``.
    """

    def __init__(self, message: str, *, location: Location | None = None, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.location = location
        self.hint = hint

    def __str__(self) -> str:
        text = self.message
        if self.hint:
            text += f" ({self.hint})"
        if self.location is not None:
            text = f"{self.location}: {text}"
        return " ".join(text.split("\n"))


class ContentError(BriefingError):
    """A content pack is malformed or inconsistent."""


class TemplateError(BriefingError):
    """A template cannot be found, compiled, rendered or understood."""


class TemplateNotAllowed(TemplateError):
    """A template tried something the sandbox forbids."""


class TemplateLimitExceeded(TemplateError):
    """A template used more time, memory or output than allowed."""


class StyleError(BriefingError):
    """The house style, the marking schemes or the reference .docx is unusable."""


class BriefError(BriefingError):
    """A brief file cannot be read, migrated or saved."""


class BriefTooNew(BriefError):
    """A brief was written by a newer Briefing; it is opened read-only."""


class BriefConflict(BriefError):
    """The brief changed on disk since it was opened; saving would overwrite someone's work."""


class BriefLocked(BriefError):
    """Another Briefing window or instance has the brief open."""


class RenderError(BriefingError):
    """A writer cannot render the document (for example a character no font can show)."""


class ExportError(BriefingError):
    """An export could not be written; the previous file is untouched."""


class SourceError(BriefingError):
    """A source document cannot be read for import (missing, unsupported, damaged or empty)."""


class StreamError(BriefingError):
    """Standard output or standard error is closed, full or gone; files already written stay written."""


def located(path: str | Path, line: int | None = None, column: int | None = None) -> Location:
    """Shorthand for a :class:`Location`."""
    return Location(str(path), line, column)
