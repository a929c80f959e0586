"""The import assistant's whole pass: read a source, propose every kind of candidate, give each an id and a pillar."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from . import events, pillars, projects
from .figures import figures_in
from .model import Candidate, ImportResult, SourceDocument
from .people import People
from .readers import read_source
from .statements import direct_in, reported_in

ORDER = {"pillar": 0, "figure": 1, "quotation": 2, "event": 3, "project": 4}
_STOPWORDS = {"the", "a", "an", "of", "and", "to", "in", "on", "for", "with", "that", "this", "is", "are", "has", "have", "by", "at"}


def import_file(path: str | Path, *, ordinals: bool = False) -> ImportResult:
    """Read ``path`` and propose candidates from it (see :func:`propose`)."""
    return propose(read_source(path), ordinals=ordinals)


def propose(doc: SourceDocument, *, ordinals: bool = False) -> ImportResult:
    """Every candidate in ``doc``; with ``ordinals`` also ordinals ("80th anniversary") as figures."""
    people = People([p.text for p in doc.paragraphs])
    date, occasion = doc.info.date, doc.info.title
    found: list[Candidate] = []
    event_list: list[Candidate] = []
    project_list: list[Candidate] = []
    previous: str | None = None
    for p in doc.paragraphs:
        if not p.heading:
            found += figures_in(p.number, p.text, date, ordinals=ordinals)
            found += reported_in(p.number, p.text, people, occasion, date)
            found += direct_in(p.number, p.text, previous, people, occasion, date)
            event_list += events.events_in(p.number, p.text, people, date)
        project_list += projects.projects_in(p.number, p.text)
        previous = p.text
    found += events.drop_repeats(event_list) + projects.drop_repeats(project_list)
    proposed = pillars.propose(doc)
    found.sort(key=lambda c: (ORDER[c.kind], c.paragraph, c.span))
    _give_ids(proposed + found)
    pillars.assign(proposed, found)
    return ImportResult(doc, proposed + found)


def slug(text: str, limit: int = 6) -> str:
    """An item id from source words: ASCII, lower case, up to ``limit`` words without the small ones."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = [w for w in re.findall(r"[a-z0-9]+", ascii_text.lower()) if w not in _STOPWORDS]
    return "-".join(words[:limit])[:60].strip("-") or "item"


def _give_ids(candidates: list[Candidate]) -> None:
    used: set[str] = set()
    for c in candidates:
        base = {
            "figure": lambda c: slug(c.text if (c.fields.get("unit") or "") in c.text else f"{c.text} {c.fields['unit']}"),
            "quotation": lambda c: slug(f"{c.fields['speaker'].split()[-1]} {c.text}", 5),
            "pillar": lambda c: slug(c.text[c.fields.get("opener_end", 0) :], 5),
        }.get(c.kind, lambda c: slug(c.text))(c)
        candidate, n = base, 2
        while candidate in used:
            candidate, n = f"{base}-{n}", n + 1
        used.add(candidate)
        c.id = candidate
