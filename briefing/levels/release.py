"""Releasable versions: the brief without anything above a level, and the log of what was withheld and why.

The releasable version is made from the brief's data, before any document is
built, so nothing withheld can be found in the file it becomes. The log names
each withheld portion by its place and id, never by its text.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..brief.model import Brief
from ..brief.records import History
from ..style import Scheme
from .portions import DETAIL_FIELDS, Levels, banner_level, sections_of


@dataclass(frozen=True)
class Removal:
    """One withheld portion: what it was (by place and id) and its level."""

    what: str
    level: str

    def line(self, limit: str) -> str:
        return f"withheld {self.what}: {self.level} is above {limit}"


@dataclass
class Release:
    """A releasable version: the filtered brief, the level it is releasable at, and what was withheld."""

    brief: Brief
    scheme: Scheme
    level: str
    banner_before: str
    banner_after: str
    removals: list[Removal] = field(default_factory=list)
    withheld_ids: frozenset[str] = frozenset()

    def log_lines(self) -> list[str]:
        """The removal log: one line per withheld portion, then the banner."""
        lines = [removal.line(self.level) for removal in self.removals] or [f"nothing is above {self.level}: nothing withheld"]
        if not self.brief.items and not any(section.text.strip() for _, section in sections_of(self.brief)):
            lines.append(f"nothing of the brief's items and sections is releasable at {self.level}: mark what may go at a level")
        return [*lines, f"banner: {self.banner_before} in full, {self.banner_after} in this version"]

    def log_text(self) -> str:
        stamp = _dt.datetime.now(_dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
        head = f"Releasable version at {self.level}, made {stamp}."
        return "\n".join([head, "This log names what was withheld; keep it with the full brief.", "", *self.log_lines()]) + "\n"

    def library(self, library: Any) -> Any:
        """``library`` as the releasable build sees it: withheld items and items above the level are hidden.

        The build takes a pillar's title from the library when the brief lacks
        the pillar itself, so a withheld pillar must not be found there.
        """
        return None if library is None else _ReleasedLibrary(library, self)


class _ReleasedLibrary:
    """A view of the library that hides withheld items and items above the release level."""

    def __init__(self, library: Any, release: Release):
        self._library = library
        self._release = release

    def get(self, item_id: str) -> Any:
        if item_id in self._release.withheld_ids:
            return None
        item = self._library.get(item_id)
        level = getattr(getattr(item, "model", None), "level", None)
        scheme = self._release.scheme
        if item is None or (level and (level not in scheme.ids() or scheme.rank(level) > scheme.rank(self._release.level))):
            return None
        return item


def releasable(brief: Brief, scheme: Scheme, level: str) -> Release:
    """The brief as releasable at ``level``: every portion above it withheld, the rest unchanged.

    An item goes with its note; a note above the level goes alone. The brief's
    details (title, occasion, ...) are at the brief's marking. ``level`` not in
    the scheme is a StyleError listing the scheme's levels.
    """
    limit = scheme.level(level).id
    levels = Levels(brief, scheme)
    out = brief.model_copy(deep=True)
    out.history, out.clearance = History(), []
    removals: list[Removal] = []
    withheld: set[str] = set()
    _filter_details(out, levels, limit, removals)
    _filter_items(out, levels, limit, removals, withheld)
    for name, section in sections_of(out):
        section_level = levels.section(section)
        if section.text.strip() and levels.above(section_level, limit):
            section.text, section.level = "", None
            removals.append(Removal(f"the {name} section", section_level))
    _filter_extras(out, levels, limit, removals)
    if out.meta.marking and levels.above(levels.floor, limit):
        out.meta.marking = None  # what remains is marked on its own; the banner comes from it
    return Release(out, scheme, limit, banner_level(brief, scheme), banner_level(out, scheme), removals, frozenset(withheld))


def _filter_details(out: Brief, levels: Levels, limit: str, removals: list[Removal]) -> None:
    if not levels.above(levels.floor, limit):
        return
    blanked = [name for name in DETAIL_FIELDS if getattr(out.meta, name)]
    for name in blanked:
        setattr(out.meta, name, "")
    if blanked:
        removals.append(Removal(f"the brief's {', '.join(blanked)} (at the brief's marking)", levels.floor))


def _filter_items(out: Brief, levels: Levels, limit: str, removals: list[Removal], withheld: set[str]) -> None:
    kept = []
    for number, entry in enumerate(out.items, 1):
        item_level = levels.item(entry)
        place = f"item {number} ({entry.kind} {entry.ref})"
        if levels.above(item_level, limit):
            removals.append(Removal(place + (" and its note" if entry.note.strip() else ""), item_level))
            withheld.add(entry.ref)
            continue
        note_level = levels.note(entry)
        if entry.note.strip() and levels.above(note_level, limit):
            entry.note, entry.note_level = "", None
            removals.append(Removal(f"the note on {place}", note_level))
        kept.append(entry)
    out.items = kept


def _filter_extras(out: Brief, levels: Levels, limit: str, removals: list[Removal]) -> None:
    """Fields this version does not know (attendees, venue, ...): a dict with a level is a portion of that level.

    In a list (``attendees: [{name, level}, ...]``) every dict is a portion, at
    the brief's marking when it has no level of its own.
    """
    for owner, where in ((out, ""), (out.meta, "meta.")):
        extra = owner.model_extra or {}
        for key, value in list(extra.items()):
            if isinstance(value, dict) and "level" in value:
                value_level = levels.of(value.get("level"))
                if levels.above(value_level, limit):
                    del extra[key]
                    removals.append(Removal(f"{where}{key}", value_level))
            elif isinstance(value, list) and any(isinstance(v, dict) for v in value):
                kept = []
                for number, element in enumerate(value, 1):
                    element_level = levels.of(element.get("level")) if isinstance(element, dict) else None
                    if element_level and levels.above(element_level, limit):
                        removals.append(Removal(f"{where}{key} entry {number}", element_level))
                    else:
                        kept.append(element)
                extra[key] = kept


def log_path(output: Path, level: str) -> Path:
    """``NAME.release-LEVEL.log.txt`` beside ``output`` (NAME is its stem, without a ``.release-LEVEL`` already there)."""
    tag = f".release-{level_tag(level)}"
    stem = output.stem[: -len(tag)] if output.stem.endswith(tag) else output.stem
    return output.with_name(f"{stem}{tag}.log.txt")


def level_tag(level: str) -> str:
    """A level as it goes in a file name: ``TOP SECRET`` -> ``TOP-SECRET``."""
    return "-".join(level.split())
