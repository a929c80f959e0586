"""Figure candidates: numbers with their unit, qualifier and period, worded exactly as the source words them.

Not figures (unless asked for with ``ordinals=True``, for ordinals): years and year
ranges, dates ("30 August"), ordinals ("80th anniversary", "twenty-fifth"), list
numbers ("1.", "(a)", "paragraph 7"), numbers in names ("Corridor 2.0",
"PRSS-1", "G20"), times, the counting "two sides / two countries" and a lone "one".
"""

from __future__ import annotations

import re

from .model import Candidate
from .numbers import DIGITS, NUMBER_WORD, SCALE, digits_value, scaled, word_value
from .paragraphs import MONTHS, parse_date
from .sentences import sentence_at

QUALIFIERS = {
    "over": "over", "above": "over", "exceeding": "over",
    "more than": "more than", "in excess of": "more than",
    "about": "about", "around": "about", "approximately": "about", "roughly": "about", "some": "about",
    "close to": "about", "an estimated": "about", "nearly": "up to", "almost": "up to",
    "up to": "up to", "less than": "up to", "fewer than": "up to", "under": "up to",
    "at least": "at least", "no fewer than": "at least", "no less than": "at least",
}  # fmt: skip
MEASURES = r"acre-feet|tons?|tonnes?|kilowatts?|megawatts?|gigawatts?|kW|MW|GW|kWh|MWh|km|kilomet(?:er|re)s?|miles?|hectares?|acres?|"
MEASURES += r"met(?:er|re)s?|years?|months?|weeks?|days?|hours?|minutes?|barrels?|litres?|liters?|gallons?|kg|kilograms?|TEUs?"
_QUAL = "|".join(q.replace(" ", r"\s+") for q in sorted(QUALIFIERS, key=len, reverse=True))
FIGURE = re.compile(
    rf"(?<![\w$€£¥.,/\-–])(?P<qual>(?:{_QUAL})\s+)?(?P<cur>(?:US\$\s?|\$|€|£|¥|Rs\.?\s?|PKR\s|USD\s|EUR\s|RMB\s))?"
    rf"(?P<num>{DIGITS}(?P<ord>st|nd|rd|th)?(?![\w])|\b{NUMBER_WORD}\b)"
    rf"(?P<scale>[\s-]+{SCALE}\b)?(?P<pct>\s?%|\s+per\s?cent\b)?(?P<mu>(?:-\s?|\s+)(?:{MEASURES})\b)?",
    re.I,
)
LABEL_WORDS = {"no.", "no", "paragraph", "para", "paras", "article", "section", "clause", "page", "item", "resolution", "number"}
LABEL_WORDS |= {"chapter", "phase", "annex", "point", "rule", "table", "figure", "vol.", "part", "stage", "round", "level"}
PAIRS = re.compile(r"\s+(?:sides|countries|leaders|peoples|nations|governments|parties|heads|delegations|ministers|presidents)\b", re.I)
STOP = {"and", "or", "of", "in", "to", "for", "from", "by", "with", "at", "on", "that", "which", "who", "has", "have", "is", "are"}
STOP |= {"was", "were", "will", "cumulatively", "daily", "annually", "each", "per", "a", "an", "the", "as", "since", "this", "last"}
PERIOD_WORDS = re.compile(
    r"\b(?:daily|per day|a day|each day|every day|annually|per year|a year|each year|every year|per annum|monthly|per month|a month)\b"
)
RANGE = re.compile(
    r"\b(?:from\s+((?:19|20)\d\d)\s+(?:to|until|through)\s+((?:19|20)\d\d)|between\s+((?:19|20)\d\d)\s+and\s+((?:19|20)\d\d)|((?:19|20)\d\d)\s?[-–]\s?((?:19|20)\d\d))\b"
)
SINCE = re.compile(r"\bsince\s+(?:(?:19|20)\d\d)\b")
AS_OF = re.compile(r"\b(?:as of|as at|in|by the end of|at the end of)\s+((?:[A-Z][a-z]+\s+)?(?:19|20)\d\d)\b")
BY_YEAR = re.compile(r"\bby\s+((?:19|20)\d\d)\b")


def _word_before(text: str, start: int) -> tuple[str, int]:
    m = re.search(r"([\w.’']+)\s*$", text[:start])
    return (m.group(1), m.start(1)) if m else ("", start)


def _skip_reason(m: re.Match[str], text: str, sentence_start: int, ordinals: bool) -> str | None:
    num, start = m.group("num"), m.start("num")
    plain = num.replace(",", "")
    is_word = not num[0].isdigit()
    ordinal = bool(m.group("ord")) or (is_word and (word_value(num) or (0, False))[1])
    before, before_at = _word_before(text, m.start())
    after = text[m.end("num") : m.end("num") + 12]
    if ordinal:
        return None if ordinals and not (start == sentence_start and is_word) else "ordinal"
    if num.isdigit() and len(num) == 4 and 1800 <= int(plain) <= 2100 and not (m.group("cur") or m.group("scale") or m.group("pct")):
        return "year"
    if before.lower().rstrip(".,") in MONTHS or re.match(r"\s+(?:" + "|".join(MONTHS) + r")\b", after, re.I):
        return "date"
    if re.match(r"\s*[:.]\d|\s*(?:a\.m\.|p\.m\.)", after) or (re.match(r"[-–]\d", after) and not is_word):
        return "time or range"
    if not m.group("qual") and not m.group("cur"):
        if before.lower() in LABEL_WORDS or (before[:1].isupper() and before_at > sentence_start and before.isalpha()):
            return "name or label"
        if (start == sentence_start == 0 and re.match(r"[.)]\s", after)) or text[start - 1 : start] == "(":
            return "list number"
    digit_run = (re.match(r" \d", after) and not m.group("scale")) or re.search(r"[+\d]\s?$", text[: m.start()])
    if not is_word and digit_run:
        return "phone or code"
    if is_word and num.lower() in ("two", "both") and PAIRS.match(text, m.end("num")):
        return "the two sides"
    if is_word and num.lower() in ("one", "zero") and not m.group("scale"):
        return "one"
    return None


def _value(m: re.Match[str]) -> int | float:
    num = m.group("num")
    value = digits_value(re.sub(r"(st|nd|rd|th)$", "", num, flags=re.I)) if num[0].isdigit() else (word_value(num) or (0, False))[0]
    scale = (m.group("scale") or "").strip(" -")
    return scaled(value, scale or None)


def _unit(m: re.Match[str], text: str) -> tuple[str, tuple[int, int] | None]:
    """The unit: a percent sign, measure or currency beside the number, else the words after it.

    A measure joined by a hyphen ("10 million-kilowatt") belongs to the display, so
    the unit is the words after it ("photovoltaic power project"): a template
    shows "display unit", and the measure must not be said twice.
    """
    for group in ("pct", "mu", "cur"):
        if m.group(group) and not (group == "mu" and m.group("mu").startswith("-")):
            s, e = m.span(group)
            while s < e and text[s] in " -\u00a0":
                s += 1
            while e > s and text[e - 1] == " ":
                e -= 1
            return text[s:e], (s, e)
    pos = m.end()
    while pos < len(text) and text[pos] in " “”\"‘’'":
        pos += 1
    words = list(re.finditer(r"[A-Za-z][a-z\-]*", text[pos : pos + 60]))
    end = None
    for w in words[:3]:
        gap = text[pos + (end or 0) : pos + w.start()] if end is not None else text[pos : pos + w.start()]
        if w.group(0) in STOP or (end is not None and gap.strip(" “”\"‘’'")) or (end is None and w.start() > 0):
            break
        end = w.end()
    return (text[pos : pos + end], (pos, pos + end)) if end else ("", None)


def _when(text: str, sentence: tuple[int, int], clause_end: int, at: int, source_date: str | None) -> dict[str, str | None]:
    """Period words in the figure's clause; a year range or "by YEAR" later in the sentence; else an as-of date, else the source's date."""
    clause, after, whole = text[at:clause_end], text[at : sentence[1]], text[sentence[0] : sentence[1]]
    if m := PERIOD_WORDS.search(clause):
        return {"period": m.group(0), "as_of": None}
    if m := RANGE.search(after):
        years = [g for g in m.groups() if g]
        return {"period": f"{years[0]}-{years[1]}", "as_of": None}
    if m := BY_YEAR.search(clause) or SINCE.search(clause):
        return {"period": m.group(0), "as_of": None}
    if m := AS_OF.search(whole):
        return {"period": None, "as_of": parse_date(m.group(1)) or m.group(1)[-4:]}
    return {"period": None, "as_of": source_date}


def _label_span(text: str, sentence: tuple[int, int], at: int) -> tuple[int, int]:
    """The clause around ``at`` (split at ", ", "; ", ": "), or the sentence when the clause is under four words."""
    s, e = sentence
    cuts = [c.end() for c in re.finditer(r"[,;:]\s", text[s:e])]
    start = max([s + c for c in cuts if s + c <= at] or [s])
    end = min([s + c - 2 for c in cuts if s + c - 2 > at] or [e])
    if len(text[start:end].split()) < 4:
        start, end = s, e
    return start, end


def _display_end(m: re.Match[str]) -> int:
    """The display stops before the unit (templates show "display unit"), except a unit joined by a hyphen ("10 million-kilowatt")."""
    mu = m.group("mu")
    if mu and mu.startswith("-"):
        return m.end("mu")
    return m.end("scale") if m.group("scale") else m.end("num")


def _clause_end(text: str, sentence: tuple[int, int], at: int) -> int:
    m = re.compile(r"[,;:]\s").search(text, at, sentence[1])
    return m.start() if m else sentence[1]


def figures_in(number: int, text: str, source_date: str | None, *, ordinals: bool = False) -> list[Candidate]:
    """Every figure candidate in paragraph ``number`` (text ``text``)."""
    out: list[Candidate] = []
    for m in FIGURE.finditer(text):
        sentence = sentence_at(text, m.start())
        if _skip_reason(m, text, sentence[0], ordinals):
            continue
        start, end = m.start(), _display_end(m)
        ordinal = bool(m.group("ord")) or (not m.group("num")[0].isdigit() and (word_value(m.group("num")) or (0, False))[1])
        qualifier = "ordinal" if ordinal else QUALIFIERS.get(" ".join((m.group("qual") or "").lower().split()), "exact")
        unit, unit_span = _unit(m, text)
        label = _label_span(text, sentence, start)
        fields = {"value": _value(m), "display": text[start:end], "unit": unit, "qualifier": qualifier, "label": text[label[0] : label[1]]}
        fields |= _when(text, sentence, _clause_end(text, sentence, end), end, source_date)
        spans = {"label": label} | ({"unit": unit_span} if unit_span else {})
        out.append(Candidate("figure", number, (start, end), text[start:end], fields, spans))
    return out
