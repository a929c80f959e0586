"""Named project candidates ("New Gwadar International Airport", "the seawater desalination plant") with the status the text gives."""

from __future__ import annotations

import re

from .model import Candidate
from .sentences import sentence_at

HEADS = r"Project|Programme|Program|Initiative|Corridor|Airport|Port|Zone|Plant|Line|Hospital|School|College|University|Highway|Motorway"
HEADS += r"|Dam|Bridge|Satellite|Agreement|Fund|Park|Railway|Road|Centre|Center|Scheme|Pipeline|Terminal|Station|Canal|Tunnel"
_CAP = r"(?:[A-Z][\w’'.-]*[\w’']|[A-Z])"
NAMED = re.compile(
    rf"(?P<name>{_CAP}(?:\s+(?:(?:and|of|for)\s+)?{_CAP}){{0,7}}?\s+(?:{HEADS})(?:-\d+)?(?:\s+(?:\d+\.\d+|II|III|IV))?(?:\s+\([A-Z][\w-]*\))?)"
    r"(?P<tail>(?:\s+[a-z]+)?\s+(?:project|plant|programme|program)\b)?"
)
COMMON = re.compile(
    r"\bthe\s+(?P<name>(?!(?:next|first|same|new|other|whole|entire|said|above|overall|following)\b)(?:[\w’'-]+\s+){1,4}(?:plant|project|programme|program|scheme))\b"
    r"|(?<=[\s,])(?P<num>\d[\d,.]*\s+(?:million|billion)?-?\s?[a-z]+(?:\s+[a-z]+){0,3}\s+(?:project|plant|programme|program))\b"
)
_LEAD = re.compile(r"^(?:(?:The|A|An|In|On|At|Since|With|During|This|Our|Its|And|But|Both|We|[A-Z][a-z]+[’']s)\s+)+")
_NOT_NAMES = re.compile(r"^(?:Shanghai Cooperation|United Nations|Security Council)")
STATUS = [
    (
        r"put into operation|started operation|began operation|in operation|(?:go|gone|went|come) into production|operational|commissioned|opened",
        "operational",
    ),
    (r"has served|have served|has treated|has expanded|produces|serves|has carried|had carried", "operational"),
    (
        r"undergone successfully|been completed|was completed|completed|concluded|finished|(?:was|were|has been|have been) launched",
        "completed",
    ),
    (r"implementation of|under construction|under way|underway|being built|ensure the comprehensive development", "under way"),
    (r"announced|commitment to|committed to offer|pledged", "announced"),
    (
        r"(?:will|would|to|should) be completed|will (?:build|upgrade|modernize|modernise|develop|advance)|plans? to|planned|proposed|to build",
        "planned",
    ),
]


def _status(text: str, span: tuple[int, int]) -> tuple[str | None, tuple[int, int] | None]:
    """The nearest status words in the name's clause (after the name first, then before it)."""
    s, e = _clause(text, span)
    best: tuple[int, str, tuple[int, int]] | None = None
    for words, status in STATUS:
        for m in re.finditer(rf"\b(?:{words})\b", text[s:e]):
            start, end = s + m.start(), s + m.end()
            if span[0] <= start < span[1]:
                continue
            distance = start - span[1] if start >= span[1] else (span[0] - end) * 2
            if best is None or distance < best[0]:
                best = (distance, status, (start, end))
    return (best[1], best[2]) if best and best[0] < 160 else (None, None)


def _clause(text: str, span: tuple[int, int]) -> tuple[int, int]:
    s, e = sentence_at(text, span[0])
    cuts = list(re.finditer(r",\s|\s+and that\s", text[s:e]))
    start = max([s + m.end() for m in cuts if s + m.end() <= span[0]] or [s])
    end = min([s + m.start() for m in cuts if s + m.start() >= span[1]] or [e])
    return start, end


def _candidate(number: int, text: str, span: tuple[int, int]) -> Candidate:
    status, where = _status(text, span)
    s, e = sentence_at(text, span[0])
    fields = {"name": text[span[0] : span[1]], "summary": text[s:e], "status": status, "place": None}
    spans = {"summary": (s, e)} | ({"status": where} if where else {})
    return Candidate("project", number, span, text[span[0] : span[1]], fields, spans)


def projects_in(number: int, text: str) -> list[Candidate]:
    spans: list[tuple[int, int]] = []
    for m in NAMED.finditer(text):
        start, name = m.start("name"), m.group("name")
        if lead := _LEAD.match(name):
            start, name = start + lead.end(), name[lead.end() :]
        if len(name.split()) < 2 or _NOT_NAMES.match(name):
            continue
        spans.append((start, m.end("tail") if m.group("tail") else m.end("name")))
    for m in COMMON.finditer(text):
        group = "name" if m.group("name") else "num"
        span = m.span(group)
        if not any(a < span[1] and span[0] < b for a, b in spans):
            spans.append(span)
    return [_candidate(number, text, span) for span in sorted(spans)]


def _key(name: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", name.lower()))


def drop_repeats(projects: list[Candidate]) -> list[Candidate]:
    """One candidate per project: the first mention of each name."""
    seen: list[str] = []
    kept = []
    for project in projects:
        key = _key(project.text)
        lower = project.text[:1].islower()
        if key in seen or (lower and any(set(key.split()) <= set(k.split()) for k in seen)):
            continue
        seen.append(key)
        kept.append(project)
    return kept
