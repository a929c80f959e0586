"""Statements by named people: direct quotations (the words inside quotation marks) and reported speech ("X stated that ...").

A reported statement keeps its reporting words in ``verb`` and is never direct.
Text already inside quotation marks is only ever a direct quotation.
"""

from __future__ import annotations

import re

from .model import Candidate
from .people import PRONOUN, Mention, People, with_titles
from .sentences import previous_sentence, sentence_at, sentence_spans

_FINITE = (
    r"stated|said|stressed|emphasi[sz]ed|underlined|underscored|noted|added|reiterated|reaffirmed|affirmed|pointed out|"
    r"expressed (?:the |his |her |their )?(?:hope|confidence|belief|conviction)|proposed|observed|highlighted|announced|"
    r"declared|remarked|agreed|acknowledged|recalled|confirmed|warned|insisted|believes|says|said|hoped|"
    r"(?:told|assured|informed|reminded)(?: \w+){1,3}"
)
_PARTICIPLE = (
    r"stating|saying|stressing|emphasi[sz]ing|underlining|underscoring|noting|adding|reiterating|reaffirming|affirming|"
    r"pointing out|expressing (?:the |his |her )?(?:hope|confidence)|highlighting|observing|warning|recalling"
)
REPORTING = re.compile(
    rf"\b(?P<verb>(?:(?:also|further|again|firmly|repeatedly|unequivocally|strongly|clearly)\s+)?(?:(?P<part>{_PARTICIPLE})|{_FINITE}))\s+that\b"
    r"|\b(?P<bare>said|added|noted)\s+(?=(?:the|it|his|her|their|this|these|both|[A-Z]\w+)\b)"
)
QUOTE = re.compile(r"“(?P<c>[^“”]+)”|\"(?P<s>[^\"]+)\"")
ATTRIBUTION_CUE = re.compile(r"\b(?:said|says|stated|added|noted|told|wrote|quote|quoted|declared|remarked|in (?:his|her) words)\b|:\s*$")


def _inside_quotes(text: str, at: int) -> bool:
    return any(m.start() < at < m.end() for m in QUOTE.finditer(text))


def reported_in(number: int, text: str, people: People, occasion: str | None, date: str | None) -> list[Candidate]:
    """Reported statements in one paragraph: each reporting verb with its named speaker and the clause it reports."""
    out: list[Candidate] = []
    found = with_titles(text, people)
    for s_start, s_end in sentence_spans(text):
        verbs = [m for m in REPORTING.finditer(text, s_start, s_end) if not _inside_quotes(text, m.start())]
        previous: Candidate | None = None
        for i, verb in enumerate(verbs):
            speaker, verb_start = _speaker(text, found, s_start, verb, previous)
            if speaker is None:
                previous = None
                continue
            start = verb.end()
            while start < s_end and text[start] == " ":
                start += 1
            end = verbs[i + 1].start() if i + 1 < len(verbs) else s_end
            end = _trim_end(text, start, end)
            if end - start < 8 or text[start] in '“"':
                continue
            fields = speaker.as_fields(people) | {"quote_kind": "reported", "verb": text[verb_start : verb.end()].strip()}
            fields |= {"occasion": occasion, "date": date}
            spans = {"verb": (verb_start, verb.end()), "speaker": (speaker.start, speaker.end)}
            previous = Candidate("quotation", number, (start, end), text[start:end], fields, spans)
            out.append(previous)
    return out


def _speaker(text: str, found: list[Mention], s_start: int, verb: re.Match[str], previous: Candidate | None):
    """The named speaker of a reporting verb, and where the reporting words begin."""
    if verb.group("part") and previous is not None:
        return Mention(*previous.spans["speaker"], previous.fields["speaker"], previous.fields["speaker_title"], None), verb.start()
    before = [m for m in found if s_start <= m.start and m.end <= verb.start()]
    if before:
        mention = before[-1]
        gap = text[mention.end : verb.start()]
        if len(gap.split()) <= 7 and "that" not in gap.split() and not re.search(r"[.;:“”\"]", gap):
            start = mention.end + len(gap) - len(gap.lstrip(" ,"))
            return mention, start
    pronoun = PRONOUN.match(text, s_start)
    if pronoun and text[pronoun.end() : verb.start()].strip().count(" ") <= 2:
        earlier = [m for m in found if m.end <= s_start]
        if earlier:
            return earlier[-1], pronoun.end() + 1
    return None, verb.start()


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in " ,;":
        end -= 1
    return end


def direct_in(number: int, text: str, prev_text: str | None, people: People, occasion: str | None, date: str | None) -> list[Candidate]:
    """Direct quotations: quoted text of four words or more, attributed to a person named in the same or the previous sentence."""
    out: list[Candidate] = []
    found = with_titles(text, people)
    for q in QUOTE.finditer(text):
        group = "c" if q.group("c") is not None else "s"
        start, end = q.span(group)
        words = text[start:end].split()
        if len(words) < 4:
            continue
        speaker = _quote_speaker(text, found, q, prev_text, people)
        if speaker is None:
            continue
        fields = speaker.as_fields(people) | {"quote_kind": "direct", "verb": None, "occasion": occasion, "date": date}
        spans = {"speaker": (speaker.start, speaker.end)} if speaker.end <= len(text) and speaker.start >= 0 else {}
        out.append(Candidate("quotation", number, (start, end), text[start:end], fields, spans))
    return out


def _quote_speaker(text: str, found: list[Mention], q: re.Match[str], prev_text: str | None, people: People) -> Mention | None:
    s_start, s_end = sentence_at(text, q.start())
    outside = [m for m in found if s_start <= m.start < s_end and not (q.start() <= m.start < q.end())]
    lead_in = text[s_start : q.start()]
    tail = text[q.end() : s_end]
    if outside and (ATTRIBUTION_CUE.search(lead_in) or ATTRIBUTION_CUE.search(tail) or lead_in.rstrip().endswith((":", ","))):
        before = [m for m in outside if m.end <= q.start()]
        return before[-1] if before else outside[0]
    prev = previous_sentence(text, (s_start, s_end))
    if prev is not None and (ATTRIBUTION_CUE.search(tail) or lead_in.strip() == ""):
        earlier = [m for m in found if prev[0] <= m.start < prev[1]]
        if earlier:
            return earlier[-1]
    if prev is None and prev_text and lead_in.strip() == "" and ATTRIBUTION_CUE.search(tail + " said"):
        earlier = with_titles(prev_text, people)
        if earlier:
            last = earlier[-1]
            return Mention(-1, -1, last.name, last.title, last.role)
    return None
