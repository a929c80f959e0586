"""Sentence spans inside a paragraph, found by pysbd (rule-based sentence boundary detection)."""

from __future__ import annotations

from functools import lru_cache

import pysbd

_SEGMENTER = pysbd.Segmenter(language="en", clean=False, char_span=True)


@lru_cache(maxsize=4096)
def sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each sentence in ``text``, trailing whitespace left out; the spans cover the text in order."""
    spans = []
    for piece in _SEGMENTER.segment(text):
        start, end = piece.start, piece.end
        while end > start and text[end - 1].isspace():
            end -= 1
        while start < end and text[start].isspace():
            start += 1
        if end > start:
            spans.append((start, end))
    return tuple(spans) or ((0, len(text.rstrip())),)


def sentence_at(text: str, offset: int) -> tuple[int, int]:
    """The span of the sentence holding ``offset`` (the last one when it is past every sentence)."""
    spans = sentence_spans(text)
    for start, end in spans:
        if offset < end:
            return start, end
    return spans[-1]


def previous_sentence(text: str, span: tuple[int, int]) -> tuple[int, int] | None:
    spans = sentence_spans(text)
    earlier = [s for s in spans if s[1] <= span[0]]
    return earlier[-1] if earlier else None
