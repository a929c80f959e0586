"""Proposed pillars: the source's headings, or else its parallel topic sentences ("We need to ...", "First, ..."); every item gets one."""

from __future__ import annotations

import re
from collections import defaultdict

from .model import Candidate, SourceDocument
from .sentences import sentence_spans

ENUMERATORS = re.compile(
    r"^(?:First|Second|Third|Fourth|Fifth|Sixth|Seventh|Firstly|Secondly|Thirdly|Finally|Lastly|Last but not least)\b,?"
)
_SKIP_HEADINGS = re.compile(r"^(?:contents|table of contents|annex|appendix|references|notes|sources|footnotes)\b", re.I)


def _pillar(number: int, text: str, span: tuple[int, int], how: str) -> Candidate:
    words = text[span[0] : span[1]]
    fields = {"title": words, "summary": words, "key_messages": [words], "from": how}
    return Candidate("pillar", number, span, words, fields)


def from_headings(doc: SourceDocument) -> list[Candidate]:
    """Headings at the top level present (at least two of them), each a pillar for the paragraphs under it."""
    headings = [p for p in doc.paragraphs if p.heading and not _SKIP_HEADINGS.match(p.text)]
    if not headings:
        return []
    top = min(p.heading for p in headings)
    chosen = [p for p in headings if p.heading == top]
    if len(chosen) < 2:
        chosen = [p for p in headings if p.heading == top + 1] or chosen
    if len(chosen) < 2:
        return []
    return [_pillar(p.number, p.text, (0, len(p.text)), "heading") for p in chosen]


def _opener(first_sentence: str) -> str:
    if ENUMERATORS.match(first_sentence):
        return "<enumerator>"
    return " ".join(first_sentence.lower().split()[:3])


def from_topic_sentences(doc: SourceDocument) -> list[Candidate]:
    """First sentences that open alike in three or more paragraphs: the largest such group."""
    groups: dict[str, list[tuple[int, tuple[int, int]]]] = defaultdict(list)
    for p in doc.paragraphs:
        if p.heading:
            continue
        first = sentence_spans(p.text)[0]
        sentence = p.text[first[0] : first[1]]
        if len(sentence.split()) >= 5:
            groups[_opener(sentence)].append((p.number, first))
    best = max(groups.values(), key=len, default=[])
    if len(best) < 3:
        return []
    found = [_pillar(n, doc.paragraph(n).text, span, "topic sentence") for n, span in best]
    for pillar in found:  # ids from the words after the shared opener ("We need to ...")
        opener = re.match(r"\S+,?\s+" if ENUMERATORS.match(pillar.text) else r"(?:\S+\s+){3}", pillar.text)
        pillar.fields["opener_end"] = opener.end() if opener else 0
    return found


def propose(doc: SourceDocument) -> list[Candidate]:
    """Headings, else parallel topic sentences, else the first paragraph's first sentence as the one pillar."""
    pillars = from_headings(doc) or from_topic_sentences(doc)
    if not pillars:
        first = next(p for p in doc.paragraphs if not p.heading) if any(not p.heading for p in doc.paragraphs) else doc.paragraphs[0]
        span = sentence_spans(first.text)[0] if not first.heading else (0, len(first.text))
        pillars = [_pillar(first.number, first.text, span, "first sentence")]
    return pillars


def assign(pillars: list[Candidate], items: list[Candidate]) -> None:
    """Each item goes to the last pillar that starts at or before its paragraph (the first pillar for items above it)."""
    for item in items:
        owner = pillars[0]
        for pillar in pillars:
            if pillar.paragraph <= item.paragraph:
                owner = pillar
        item.pillar = owner.id
