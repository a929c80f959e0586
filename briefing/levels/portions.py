"""The classification level of every portion of a brief: what the banner, releasable versions and portion marks read.

A portion without a level of its own takes the level of what holds it: an
officer's note the higher of its item's level and the brief's marking, anything
else the brief's marking (the scheme's lowest level when the brief has none).
So a portion the officer forgot to mark is never released below the brief's
marking.
"""

from __future__ import annotations

from typing import Any

from ..brief.model import Brief, Entry, Section
from ..errors import StyleError
from ..style import Scheme

SECTION_NAMES = ("purpose", "background", "recommendation")
DETAIL_FIELDS = ("title", "occasion", "recipient", "drafter", "date", "reference", "caveat", "principal", "time", "venue")


class Levels:
    """Effective levels of a brief's portions under one marking scheme."""

    def __init__(self, brief: Brief, scheme: Scheme):
        self.scheme = scheme
        self.floor = scheme.level(brief.meta.marking).id if brief.meta.marking else scheme.levels[0].id

    def of(self, own: Any, container: str | None = None, where: str = "") -> str:
        """A portion's level: its own (checked against the scheme), else its container's, else the floor."""
        if isinstance(own, str) and own.strip():
            try:
                return self.scheme.level(own).id
            except StyleError as exc:
                raise StyleError(f"{where}: {exc.message}" if where else exc.message, hint=exc.hint) from None
        return container or self.floor

    def item(self, entry: Entry) -> str:
        return self.of(entry.snapshot.get("level"), where=f"item {entry.ref}")

    def note(self, entry: Entry) -> str:
        return self.of(entry.note_level, self.higher(self.item(entry), self.floor), where=f"the note on {entry.ref}")

    def section(self, section: Section) -> str:
        return self.of(section.level, where="a section")

    def higher(self, a: str, b: str) -> str:
        return a if self.scheme.rank(a) >= self.scheme.rank(b) else b

    def above(self, level: str, limit: str) -> bool:
        """Whether ``level`` is higher than ``limit``."""
        return self.scheme.rank(level) > self.scheme.rank(limit)


def sections_of(brief: Brief) -> list[tuple[str, Section]]:
    """The officer's sections by name, in document order."""
    return [(name, getattr(brief.sections, name)) for name in SECTION_NAMES]


def banner_level(brief: Brief, scheme: Scheme) -> str:
    """The banner: the highest level among the officer's choice, the items, the notes and sections that have text, and the attendees."""
    levels = [brief.meta.marking]
    levels += [e.snapshot.get("level") for e in brief.items]
    levels += [e.note_level for e in brief.items if e.note.strip()]
    levels += [s.level for _, s in sections_of(brief) if s.text.strip()]
    levels += [a.level for a in (*brief.meta.attendees.ours, *brief.meta.attendees.theirs)]
    return scheme.highest(*levels).id


def brief_banner(brief: Brief) -> str:
    """The banner level of ``brief`` under its own marking scheme."""
    from ..style import load_markings

    return banner_level(brief, load_markings().get(brief.meta.scheme))


class PortionMarks:
    """The portion mark of each portion, such as ``(OS)``: all "" unless the scheme asks for portion marks."""

    def __init__(self, brief: Brief, scheme: Scheme):
        self.levels = Levels(brief, scheme)
        self.scheme = scheme

    def details(self) -> str:
        return self.scheme.portion_mark(self.levels.floor)

    def section(self, section: Section) -> str:
        return self.scheme.portion_mark(self.levels.section(section))

    def mark_attendees(self, attendees: dict[str, list[dict[str, Any]]]) -> None:
        """Give each attendee its own mark, each side (``ours_portion``, ``theirs_portion``) its highest one's, and all (``portion``)."""
        every = [self.levels.of(person.get("level")) for people in attendees.values() for person in people]
        for side, people in list(attendees.items()):
            levels = [self.levels.of(person.get("level")) for person in people]
            for person, level in zip(people, levels, strict=True):
                person["portion"] = self.scheme.portion_mark(level)
            attendees[f"{side}_portion"] = self.scheme.portion_mark(self.scheme.highest(*levels).id) if levels else ""  # type: ignore[assignment]
        attendees["portion"] = self.scheme.portion_mark(self.scheme.highest(*every).id) if every else ""  # type: ignore[assignment]

    def mark_item(self, item: dict[str, Any], entry: Entry) -> None:
        """Give a template item its ``portion`` mark, and start its note with the note's own mark."""
        item["portion"] = self.scheme.portion_mark(self.levels.item(entry))
        note_mark = self.scheme.portion_mark(self.levels.note(entry))
        if note_mark and item.get("note"):
            item["note"] = f"{note_mark} {item['note']}"
