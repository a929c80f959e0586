"""The brief: metadata, the officer's own sections, and the ordered selection of items.

Unknown keys anywhere are kept (``extra="allow"``) so a file written by a newer
minor version survives a load and save in this one.
"""

from __future__ import annotations

import datetime as _dt
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from ..dates import BriefDate
from .records import ClearanceStep, History

FORMAT_NAME = "briefing.brief"
FORMAT_VERSION = 2
SUFFIX = ".brief"


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow", validate_assignment=True)


class Meta(_Open):
    """What the note is, for whom, from whom, and how it is marked."""

    title: str = "Untitled brief"
    occasion: str = ""
    recipient: str = ""
    drafter: str = ""
    date: BriefDate = Field(
        default_factory=lambda: _dt.date.today().isoformat(), description="YYYY-MM-DD (or YYYY, YYYY-MM), a real date; empty for none"
    )
    reference: str = ""
    scheme: str | None = Field(None, description="Marking scheme id; the default scheme when null")
    marking: str | None = Field(None, description="The officer's chosen level; the banner is this or higher")
    caveat: str = ""
    language: str = Field("en-GB", description="BCP 47 tag of the brief's language, e.g. 'en-GB', 'ur-PK' or 'zh-Hans'")


class Section(_Open):
    """One of the officer's own sections, with an optional classification level."""

    text: str = ""
    level: str | None = None


class Sections(_Open):
    purpose: Section = Section()
    background: Section = Section()
    recommendation: Section = Section()


class Entry(_Open):
    """One chosen item: its library id, the officer's note, and the item as it was when chosen."""

    ref: str
    note: str = ""
    note_level: str | None = None
    snapshot: dict[str, Any]
    fingerprint: str = ""

    @property
    def kind(self) -> str:
        return str(self.snapshot.get("item_kind", "item"))


class Brief(_Open):
    """A saved selection: the whole brief file."""

    format: str = FORMAT_NAME
    version: int = FORMAT_VERSION
    template: str = "meeting-brief"
    meta: Meta = Field(default_factory=Meta)
    sections: Sections = Field(default_factory=Sections)
    items: list[Entry] = []
    clearance: list[ClearanceStep] = Field(default_factory=list, description="the clearance steps, oldest first")
    history: History = Field(default_factory=History, description="earlier saved versions (see briefing/brief/history.py)")
    _old_version: int | None = PrivateAttr(None)

    @property
    def old_version(self) -> int | None:
        """The version number when this is an old version from a brief's history (read-only: never saved)."""
        return self._old_version

    def mark_old_version(self, number: int) -> None:
        self._old_version = number


class Status(StrEnum):
    """How a chosen item compares with the library now."""

    OK = "ok"
    MISSING = "missing from library"
    CHANGED = "changed since selected"


def entry_for(item) -> Entry:
    """A new entry for a library item (:class:`~briefing.content.library.Item`)."""
    return Entry(ref=item.id, snapshot=item.snapshot(), fingerprint=item.fingerprint())


def status_of(entry: Entry, library) -> Status:
    """Whether ``entry`` is still in ``library`` and unchanged since it was chosen."""
    item = library.get(entry.ref)
    if item is None:
        return Status.MISSING
    if entry.fingerprint and item.fingerprint() != entry.fingerprint:
        return Status.CHANGED
    return Status.OK
