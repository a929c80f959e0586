"""Event candidates: visits ("X visited China"), meetings ("X met with Y"), named summits, commemorations and launches."""

from __future__ import annotations

import re

from .model import Candidate
from .paragraphs import _MONTH, parse_date
from .people import Mention, People, mentions
from .sentences import sentence_at

_PLACE = r"[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,3}"
VISIT = re.compile(
    rf"^\s*(?:(?:also|then|later|recently)\s+)?(?:paid\s+an?\s+(?:\w+\s+)?visit\s+to|visited|travel+ed\s+to|arrived\s+in)\s+(?P<place>{_PLACE})"
)
MEETING = re.compile(
    r"^\s*(?:(?:also|then|later)\s+)?(?:met\s+with|met|held\s+talks\s+with|held\s+a\s+meeting\s+with|called\s+on|received|hosted)\s+(?P<other>him|her|them)?"
)
SUMMIT = re.compile(r"\b(?P<name>(?:[A-Z][\w’'-]*\s+){1,6}(?:Summit|Conference|Forum|Dialogue|Strategic Dialogue|Consultations|Expo))\b")
COMMEMORATION = re.compile(
    r"\b(?:the\s+)?(?P<name>commemorations?\s+of\s+the\s+[^,.;]{5,200}?)(?=[,.;]|\s+(?:and|during|which|where)\s+(?:the\s+)?[a-z])"
)
LAUNCH = re.compile(
    r"\b(?:released|launched|unveiled|signed|adopted|proposed|inaugurated)\s+the\s+"
    r"(?P<name>[A-Z][\w’'-]*(?:(?:\s+(?:of|to|an?|the|and|for|with|in|on|between))*\s+[A-Z][\w’'-]*){0,30})"
)
RANGE = re.compile(
    rf"\bfrom\s+(?P<a>{_MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTH})\s+(?:to|until)\s+(?P<b>{_MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTH})(?:,?\s+(?P<y>(?:19|20)\d\d))?"
)
_LEAD = re.compile(r"^(?:The|A|An|At|In|On|During|For|This|That|Our|Its|And)\s+")


def _dates(sentence: str, source_date: str | None, visit: bool) -> dict[str, str | None]:
    """A date range or a full date written in the event's sentence; the year from the source's date when the text gives none."""
    if visit and (m := RANGE.search(sentence)):
        year = m.group("y") or (source_date or "")[:4]
        if year:
            return {"date": parse_date(f"{m.group('a')} {year}"), "end_date": parse_date(f"{m.group('b')} {year}")}
    full = parse_date(sentence)
    return {"date": full if full and re.search(r"(?:19|20)\d\d", sentence) else None, "end_date": None}


def _event(number: int, text: str, span: tuple[int, int], kind: str, fields: dict, source_date: str | None) -> Candidate:
    s, e = sentence_at(text, span[0])
    fields = (
        {"event_kind": kind, "title": text[span[0] : span[1]], "summary": text[s:e]}
        | _dates(text[s:e], source_date, kind == "visit")
        | fields
    )
    return Candidate("event", number, span, text[span[0] : span[1]], fields, {"summary": (s, e)})


def _person_events(number: int, text: str, people: People, source_date: str | None) -> list[Candidate]:
    out = []
    found = mentions(text)
    for i, who in enumerate(found):
        rest = text[who.end :]
        name = people.full_name(who.name)
        if m := VISIT.match(rest):
            end = who.end + m.end("place")
            out.append(_event(number, text, (who.start, end), "visit", {"place": m.group("place"), "participants": [name]}, source_date))
        elif m := MEETING.match(rest):
            other: Mention | None = found[i + 1] if i + 1 < len(found) and found[i + 1].start == who.end + m.end() else None
            if other is None and not m.group("other"):
                continue
            end = other.end if other else who.end + m.end()
            names = [name] + ([people.full_name(other.name)] if other else [])
            out.append(_event(number, text, (who.start, end), "meeting", {"place": None, "participants": names}, source_date))
    return out


def _named_events(number: int, text: str, source_date: str | None) -> list[Candidate]:
    out = []
    for m in SUMMIT.finditer(text):
        start, name = m.start("name"), m.group("name")
        while lead := _LEAD.match(name):
            start, name = start + lead.end(), name[lead.end() :]
        if len(name.split()) >= 2:
            kind = "summit" if name.endswith("Summit") else "meeting"
            place = re.match(r"\s+in\s+(" + _PLACE + ")", text[m.end() :])
            out.append(
                _event(
                    number,
                    text,
                    (start, start + len(name)),
                    kind,
                    {"place": place.group(1) if place else None, "participants": []},
                    source_date,
                )
            )
    for m in COMMEMORATION.finditer(text):
        out.append(_event(number, text, m.span("name"), "commemoration", {"place": None, "participants": []}, source_date))
    for m in LAUNCH.finditer(text):
        out.append(_event(number, text, (m.start(), m.end("name")), "launch", {"place": None, "participants": []}, source_date))
    return out


def events_in(number: int, text: str, people: People, source_date: str | None) -> list[Candidate]:
    return _person_events(number, text, people, source_date) + _named_events(number, text, source_date)


def _words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[A-Za-z]+", text) if len(w) > 3}


def drop_repeats(events: list[Candidate]) -> list[Candidate]:
    """Keep the first mention of a named summit, meeting or commemoration: a later one with the same (or fewer) words is a repeat."""
    kept: list[Candidate] = []
    for event in events:
        kind = event.fields["event_kind"]
        words = _words(event.text)
        if kind in ("summit", "commemoration", "meeting", "launch") and any(
            k.fields["event_kind"] == kind and len(words & _words(k.text)) >= 0.8 * len(words) for k in kept
        ):
            continue
        kept.append(event)
    return kept
