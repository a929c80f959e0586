"""The rules a valid pack keeps beyond its schema, and the warnings worth a look: shared by loading, `content check` and the editor."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import BriefingError, ContentError, Location
from .model import KINDS, Citation, Pack

Locate = Callable[[tuple[Any, ...]], Location]


def _citation_problem(cite: Citation | None, sources: list[str]) -> tuple[str, str] | None:
    """What is wrong with a citation's ``doc`` (message, hint), or None."""
    if cite is None:
        return None
    if cite.doc is None:
        if len(sources) > 1:
            return "the pack has several sources: say which one this item cites", "add doc: " + " or doc: ".join(sources)
        return None
    if cite.doc not in sources:
        return f"unknown source {cite.doc!r}", "use one of: " + ", ".join(sources)
    return None


def item_problems(kind: str, model: Any, pack: Pack) -> list[tuple[tuple[Any, ...], str, str | None]]:
    """The problems of one item within its pack, as (field path within the item, message, hint)."""
    problems: list[tuple[tuple[Any, ...], str, str | None]] = []
    pillar_ids = [p.id for p in pack.pillars]
    pillar = getattr(model, "pillar", None) if kind != "pillar" else None
    if pillar is not None and pillar not in pillar_ids:
        hint = "use one of: " + ", ".join(sorted(pillar_ids)) if pillar_ids else "add the pillar to pillars:"
        problems.append((("pillar",), f"unknown pillar {pillar!r}", hint))
    wrong = _citation_problem(getattr(model, "source", None), [s.id for s in pack.sources])
    if wrong:
        problems.append((("source", "doc"), *wrong))
    if kind == "quotation" and model.kind == "reported" and not model.verb:
        problems.append((("verb",), "a reported statement needs its reporting verb", "add verb: stated that"))
    if kind == "line" and model.kind == "if-asked" and not (model.question or "").strip():
        problems.append((("question",), "an if-asked line needs its question", "add question: ..."))
    if kind == "line" and model.kind == "line-to-take" and model.question:
        problems.append((("question",), "a line to take has no question", "remove question:, or make it kind: if-asked"))
    return problems


def pack_problems(pack: Pack, locate: Locate, source_key: str = "sources") -> list[BriefingError]:
    """Duplicate ids, unknown pillars and sources, and the rules of each kind, located by ``locate``."""
    problems: list[BriefingError] = []
    seen_sources: dict[str, int] = {}
    for index, source in enumerate(pack.sources if source_key == "sources" else ()):
        if source.id in seen_sources:
            first = locate((source_key, seen_sources[source.id], "id"))
            problems.append(
                ContentError(
                    f"duplicate source id {source.id!r} (first at line {first.line})",
                    location=locate((source_key, index, "id")),
                    hint="give each source its own id",
                )
            )
        seen_sources.setdefault(source.id, index)
    seen: dict[str, tuple[Any, ...]] = {}
    for kind, plural in KINDS.items():
        for index, model in enumerate(getattr(pack, plural)):
            at = (plural, index, "id")
            if model.id in seen:
                first = locate(seen[model.id])
                problems.append(
                    ContentError(
                        f"duplicate id {model.id!r} (first at line {first.line})", location=locate(at), hint="give each item its own id"
                    )
                )
            else:
                seen[model.id] = at
            for field, message, hint in item_problems(kind, model, pack):
                problems.append(ContentError(message, location=locate((plural, index, *field)), hint=hint))
    return problems


_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_WORDS = {
    w: n for n, w in enumerate(["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"])
}
_AMOUNT = re.compile(r"(\d[\d,]*(?:\.\d+)?)(?:st|nd|rd|th)?(?:\s*(thousand|million|billion|trillion)\b)?|\b([a-z]+)\b", re.IGNORECASE)


def shown_amounts(display: str) -> list[float]:
    """The numbers a display text shows: ``over 250 million`` gives [250000000]; ``three months`` gives [3]."""
    amounts = []
    for digits, scale, word in _AMOUNT.findall(display):
        if digits:
            amounts.append(float(digits.replace(",", "")) * _SCALES.get(scale.lower(), 1))
        elif word.lower() in _WORDS:
            amounts.append(float(_WORDS[word.lower()]))
    return amounts


def figure_warnings(display: str, value: float, unit: str) -> list[str]:
    """Whether a figure's display text agrees with its value and does not repeat its unit."""
    warnings = []
    amounts = shown_amounts(display)
    if len(amounts) == 1 and amounts[0] != value and not _same_without_scale(display, value):
        warnings.append(f"display {display!r} shows {amounts[0]:,.10g} but value is {value:,.10g}: make them agree")
    words = display.lower().replace("-", " ").split()
    first = (unit.lower().split() or [""])[0]
    if words and first and (words[-1] == first or display.lower().rstrip().endswith(unit.lower())):
        warnings.append(
            f"display {display!r} already holds the unit {unit!r}, so it would print {display + ' ' + unit!r}: take it out of display"
        )
    return warnings


def _same_without_scale(display: str, value: float) -> bool:
    """``62.3 billion`` with value 62.3: the scale word is part of the unit, not of the value."""
    match = re.search(r"\d[\d,]*(?:\.\d+)?", display)
    return match is not None and float(match.group().replace(",", "")) == value


def item_warnings(kind: str, model: Any) -> list[tuple[tuple[Any, ...], str]]:
    """Warnings for one item (field path, message): worth a look, but the pack still loads."""
    warnings: list[tuple[tuple[Any, ...], str]] = []
    if getattr(model, "review", None) == "pending":
        warnings.append((("review",), "drafted, pending review: check the wording in our own words, then remove review: pending"))
    if kind == "figure":
        warnings.extend((("display",), message) for message in figure_warnings(model.display, model.value, model.unit))
    return warnings


def pack_warnings(pack: Pack, path: Path, lines: dict[tuple[Any, ...], int]) -> list[BriefingError]:
    """Every item's warnings, located at the item's line."""
    found: list[BriefingError] = []
    for kind, plural in KINDS.items():
        for index, model in enumerate(getattr(pack, plural)):
            for _field, message in item_warnings(kind, model):
                found.append(ContentError(f"{kind} {model.id!r}: {message}", location=Location(str(path), lines.get((plural, index)))))
    return found
