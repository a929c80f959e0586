"""What a brief names must exist (its template, marking scheme and levels); an error names the brief."""

from __future__ import annotations

from pathlib import Path

from ..brief.model import Brief
from ..errors import BriefError, BriefingError, Location, StyleError, TemplateError
from ..style import load_markings
from .registry import get_template


def _named(exc: BriefingError, path: str | Path, field: str) -> BriefError:
    return BriefError(f"{field}: {exc.message}", location=Location(str(path)), hint=exc.hint)


def check_names(brief: Brief, path: str | Path, template_id: str | None = None) -> None:
    """Raise a BriefError naming ``path`` when the brief's template, scheme or any level it uses is unknown.

    ``template_id`` (given on the command line) replaces the brief's template;
    an unknown one is then not the brief's fault and keeps its own error.
    """
    if template_id is not None:
        get_template(template_id)
    else:
        try:
            get_template(brief.template)
        except TemplateError as exc:
            raise _named(exc, path, "template") from None
    try:
        scheme = load_markings().get(brief.meta.scheme)
    except StyleError as exc:
        if exc.location is not None:  # the marking schemes file itself is broken
            raise
        raise _named(exc, path, "meta.scheme") from None
    sections = brief.sections
    levels = [("meta.marking", brief.meta.marking)]
    levels += [
        (f"sections.{name}.level", s.level)
        for name, s in (("purpose", sections.purpose), ("background", sections.background), ("recommendation", sections.recommendation))
    ]
    for side in ("ours", "theirs"):
        people = getattr(brief.meta.attendees, side)
        levels += [(f"meta.attendees.{side}.{number}.level ({person.name})", person.level) for number, person in enumerate(people)]
    for index, entry in enumerate(brief.items):
        where = f"item {index + 1} ({entry.ref})"
        levels += [(f"{where}: note_level", entry.note_level), (f"{where}: level", entry.snapshot.get("level"))]
    for field, level in levels:
        if level:
            try:
                scheme.level(level)
            except StyleError as exc:
                raise _named(exc, path, field) from None
