"""Keys a brief does not know that are near misses of fields it lacks: typos, refused rather than kept.

A brief keeps keys it does not know, so a brief from a newer Briefing loses
nothing. But ``"markng"`` beside no ``"marking"`` is a typo, and read as such a
brief would silently lose its marking (and a RESTRICTED note would go out
UNCLASSIFIED). So a key that is not a field, at a level where a field of
nearly the same spelling is missing, is an error at its own line.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..errors import BriefError, Location
from ..positions import position
from .model import Attendee, Brief, Entry, Meta, Section, Sections

_CUTOFF = 0.8  # "markng" is 0.92 of "marking", "metta" 0.89 of "meta"


def refuse_misspelt_keys(data: dict[str, Any], text: str, path: Path) -> None:
    """A BriefError at the first key of ``data`` that looks like a misspelt field the brief lacks."""
    for where, model, fields in _levels(data):
        known = set(model.model_fields)
        missing = [name for name in model.model_fields if name not in fields]
        for key in fields:
            if key in known or not isinstance(key, str):
                continue
            close = difflib.get_close_matches(key, missing, n=1, cutoff=_CUTOFF)
            if close:
                raise BriefError(
                    f"{where}{key}: not a field of a brief, and {where}{close[0]} is missing",
                    location=Location(str(path), *_line_of(text, key)),
                    hint=f"did you mean {close[0]!r}? rename the key",
                )


def _levels(data: dict[str, Any]) -> Iterator[tuple[str, type[BaseModel], dict[str, Any]]]:
    """Each object of the brief with the model that reads it and its path as a prefix (``meta.``)."""
    yield "", Brief, data
    meta = data.get("meta")
    if isinstance(meta, dict):
        yield "meta.", Meta, meta
        attendees = meta.get("attendees")
        if isinstance(attendees, dict):
            for side in ("ours", "theirs"):
                people = attendees.get(side)
                for number, person in enumerate(people if isinstance(people, list) else []):
                    if isinstance(person, dict):
                        yield f"meta.attendees.{side}.{number}.", Attendee, person
    sections = data.get("sections")
    if isinstance(sections, dict):
        yield "sections.", Sections, sections
        for name in Sections.model_fields:
            if isinstance(sections.get(name), dict):
                yield f"sections.{name}.", Section, sections[name]
    for number, entry in enumerate(data.get("items") if isinstance(data.get("items"), list) else []):
        if isinstance(entry, dict):
            yield f"items.{number}.", Entry, entry


def _line_of(text: str, key: str) -> tuple[int, int] | tuple[()]:
    """Where the key ``"key":`` first stands in the file's text (line, column), if it can be found."""
    match = re.search(r'"' + re.escape(key) + r'"\s*:', text)
    return position(text, match.start()) if match else ()
