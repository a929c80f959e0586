"""The officer's review of an import, without Qt: accept, reject, edit, reassign the pillar, merge; then the pack to save.

Only fields in our own words (titles, labels, summaries, units, roles ...) can be
edited: the source's words at a candidate's span (a figure's display, a
quotation's text and reporting verb, whether it is direct) never change.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import SourceError
from .draft import draft_pack
from .model import Candidate, ImportResult
from .writer import write_pack

PENDING, ACCEPTED, REJECTED = "pending", "accepted", "rejected"
EDITABLE: dict[str, tuple[str, ...]] = {
    "pillar": ("title", "summary"),
    "figure": ("label", "value", "unit", "qualifier", "as_of", "period"),
    "quotation": ("speaker", "speaker_title", "role", "occasion", "date"),
    "event": ("title", "summary", "event_kind", "date", "end_date", "place"),
    "project": ("name", "summary", "status", "place"),
}
CHOICES = {
    "qualifier": ("exact", "over", "more than", "about", "up to", "at least", "ordinal"),
    "event_kind": ("visit", "summit", "meeting", "commemoration", "launch"),
    "status": ("planned", "under way", "operational", "completed", "announced"),
}


@dataclass
class Entry:
    """One candidate under review: its current state and whether the officer edited it."""

    candidate: Candidate
    state: str = PENDING
    edited: set[str] = field(default_factory=set)


class Review:
    """The decisions on one import's candidates, in source order."""

    def __init__(self, result: ImportResult):
        self.result = result
        self.entries = [Entry(copy.deepcopy(c)) for c in result.candidates]

    def __len__(self) -> int:
        return len(self.entries)

    def candidate(self, row: int) -> Candidate:
        return self.entries[row].candidate

    def state(self, row: int) -> str:
        return self.entries[row].state

    def accept(self, row: int) -> None:
        self.entries[row].state = ACCEPTED

    def reject(self, row: int) -> None:
        self.entries[row].state = REJECTED

    def reset(self, row: int) -> None:
        self.entries[row].state = PENDING

    def pillars(self) -> list[Candidate]:
        """The pillar candidates not rejected: where items can go."""
        return [e.candidate for e in self.entries if e.candidate.kind == "pillar" and e.state != REJECTED]

    def edit(self, row: int, name: str, value: Any) -> None:
        """Change one own-words field; the source's words cannot be edited."""
        entry = self.entries[row]
        kind = entry.candidate.kind
        if name not in EDITABLE[kind]:
            raise SourceError(f"{name} of a {kind} is the source's words and cannot be edited", hint="reject the item instead")
        if name in CHOICES and value not in CHOICES[name]:
            raise SourceError(f"{value!r} is not a {name}", hint="one of " + ", ".join(CHOICES[name]))
        if name == "value":
            value = _number(value)
        entry.candidate.fields[name] = value
        if kind == "pillar" and name == "title":
            entry.candidate.fields["key_messages"] = [entry.candidate.fields["key_messages"][0]]
        entry.edited.add(name)

    def set_pillar(self, row: int, pillar_id: str) -> None:
        if pillar_id not in {p.id for p in self.pillars()}:
            raise SourceError(f"no pillar {pillar_id!r} in this import", hint="choose one of the proposed pillars")
        self.entries[row].candidate.pillar = pillar_id

    def merge(self, first: int, second: int) -> int:
        """Merge two candidates of one kind into the first; return its row.

        In one paragraph the merged words run from the earlier start to the later end
        (still the source's words). Across paragraphs the first is kept and its citation
        notes the other paragraph.
        """
        a, b = sorted((first, second))
        keep, drop = self.entries[a].candidate, self.entries[b].candidate
        if a == b or keep.kind != drop.kind:
            raise SourceError("only two different candidates of the same kind can be merged")
        if keep.paragraph == drop.paragraph:
            text = self.result.document.paragraph(keep.paragraph).text
            start, end = min(keep.span[0], drop.span[0]), max(keep.span[1], drop.span[1])
            keep.span, keep.text = (start, end), text[start:end]
            for name in ("display", "name", "title") if keep.kind != "pillar" else ():
                if name in keep.fields and name not in self.entries[a].edited:
                    keep.fields[name] = keep.text
        else:
            keep.note = "; ".join(filter(None, [keep.note, f"also paragraph {drop.paragraph}"]))
        if keep.kind == "pillar":
            for entry in self.entries:
                if entry.candidate.pillar == drop.id:
                    entry.candidate.pillar = keep.id
        del self.entries[b]
        return a

    def counts(self) -> dict[str, int]:
        states = [e.state for e in self.entries]
        return {s: states.count(s) for s in (PENDING, ACCEPTED, REJECTED)}

    def chosen(self) -> list[Candidate]:
        """The accepted items, plus every pillar they belong to (a pillar not itself accepted stays pending)."""
        accepted = [e.candidate for e in self.entries if e.state == ACCEPTED]
        pillars = {p.id: p for p in self.pillars()}
        rejected = {e.candidate.id for e in self.entries if e.candidate.kind == "pillar" and e.state == REJECTED}
        for c in accepted:
            if c.kind != "pillar" and c.pillar in rejected:
                raise SourceError(f"{c.id} belongs to the rejected pillar {c.pillar}", hint="give it another pillar, or reject it")
        needed = {c.pillar for c in accepted if c.kind != "pillar"}
        extra = [pillars[p] for p in sorted(needed) if p in pillars and pillars[p] not in accepted]
        return extra + accepted

    def reviewed_ids(self) -> frozenset[str]:
        return frozenset(e.candidate.id for e in self.entries if e.state == ACCEPTED and e.edited)

    def pack(self, pack_id: str, title: str | None = None, target: Path | None = None):
        """The accepted items as a new format-2 pack (ruamel mapping) to be written to ``target``, with the source as its ``main`` source."""
        chosen = self.chosen()
        if not chosen:
            raise SourceError("no item is accepted yet", hint="accept items with Ctrl+Return, then save")
        return draft_pack(self.result, pack_id, candidates=chosen, reviewed=self.reviewed_ids(), title=title, target=target)


def _number(value: Any) -> int | float:
    try:
        number = float(str(value).replace(",", "").strip())
    except ValueError:
        raise SourceError(f"{value!r} is not a number", hint="write the value in digits, e.g. 250000000") from None
    return int(number) if number.is_integer() else number


def save_new_pack(review: Review, path: str | Path, pack_id: str, title: str | None = None) -> Path:
    """Write the accepted items as a new pack at ``path`` (never over an existing file); return the path."""
    path = Path(path)
    if path.exists():
        raise SourceError(f"{path} already exists", hint="choose another pack id")
    return write_pack(review.pack(pack_id, title, path), path)
