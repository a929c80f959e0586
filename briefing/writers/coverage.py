"""What the bundled faces can show, and which face each character is set in: one rule for the PDF and Word writers.

Each character goes to the first face that has it: the text style's own face,
then the house style's fallback list in order (an entry kept for some
languages comes into play only for text in those languages). Marks, joiners
and punctuation stay in the face of the text around them, and punctuation
opening a run takes the face of the text after it, so a word and its quotation
marks are set in one face. A character no face has goes to the last face of
the list, which draws its box for it, and is reported once per item.

Coverage comes from HarfBuzz's reading of each file's character map, which
costs well under a millisecond; the PDF writer reads a face's outlines only
when something is set in it.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

RTL_LANGUAGES = frozenset({"ar", "ur", "fa", "he", "yi", "ps", "sd", "ug", "dv", "ckb"})
_URDU_LETTERS = frozenset("\u0679\u0688\u0691\u06ba\u06be\u06c1\u06c3\u06d2\u06d3")  # letters Urdu has and Arabic lacks
_STICKY = frozenset({"Mn", "Mc", "Me", "Cf", "Zs", "Po", "Pd", "Ps", "Pe", "Pi", "Pf", "Sk"})  # stay in the face around them

_LOCK = threading.Lock()
_COVERAGE: dict[Path, frozenset[int]] = {}


@dataclass(frozen=True)
class Fallback:
    """One entry of the fallback list: a family name (Word's), its faces, and the languages it is kept for (empty: all)."""

    name: str
    regular: Path
    bold: Path | None = None
    languages: tuple[str, ...] = ()

    def path(self, bold: bool) -> Path:
        return self.bold if bold and self.bold is not None else self.regular


def coverage(path: Path) -> frozenset[int]:
    """The code points the face in ``path`` maps, read once per process."""
    with _LOCK:
        found = _COVERAGE.get(path)
    if found is None:
        import uharfbuzz

        found = frozenset(uharfbuzz.Face(uharfbuzz.Blob.from_file_path(str(path))).unicodes)
        with _LOCK:
            _COVERAGE[path] = found
    return found


def primary_language(tag: str) -> str:
    """``ur`` from ``ur-PK``: the language subtag of a BCP 47 tag, lower case."""
    return tag.split("-", 1)[0].split("_", 1)[0].lower()


def text_language(text: str, tag: str) -> str:
    """The language to choose faces for: ``tag``, or Urdu when Arabic-script text has letters only Urdu uses."""
    if primary_language(tag) not in RTL_LANGUAGES and not _URDU_LETTERS.isdisjoint(text):
        return "ur"
    return tag


def base_level(text: str, tag: str) -> int:
    """1 (right to left) for a right-to-left language tag, else the direction of the first strong character."""
    if primary_language(tag) in RTL_LANGUAGES:
        return 1
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return 1
        if kind == "L":
            return 0
    return 0


# Right-to-left scripts and marks (bidi classes R, AL and AN live in these blocks): Hebrew to Arabic Extended,
# the Hebrew and Arabic presentation forms, the RTL mark, embedding, override and isolate, and the RTL planes.
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\u200f\u202b\u202e\u2067\U00010800-\U00010fff\U0001e800-\U0001efff]")


def is_plain(text: str, primary: frozenset[int]) -> bool:
    """True when ``text`` needs neither fallback faces nor bidi: every character in ``primary``, none right to left.

    Every Latin brief asks this of every run, so both halves run at C speed.
    """
    return primary.issuperset(map(ord, text)) and _RTL.search(text) is None


def candidates(face: Path, bold: bool, fallbacks: Sequence[Fallback], language: str) -> list[Path]:
    """The faces a run's characters may be set in, in order of preference."""
    wanted = primary_language(language)
    chosen = [face] + [entry.path(bold) for entry in fallbacks if not entry.languages or wanted in entry.languages]
    return list(dict.fromkeys(chosen))


def assign_faces(text: str, faces: Sequence[Path], last_resort: Path) -> tuple[list[Path], list[str]]:
    """The face of each character of one run, and the characters no face in ``faces`` has."""
    paths = [*faces, last_resort]
    maps = [coverage(path) for path in paths]
    resort = len(paths) - 1
    chosen: list[int] = []  # indices into paths: comparing paths would cost more than the choosing
    missing: list[str] = []
    current: int | None = None
    leading: int | None = 0  # punctuation opening the run takes the face of the text after it (an opening «)
    for char in text:
        code, sticky = ord(char), unicodedata.category(char) in _STICKY
        if current is None or not (sticky and code in maps[current]):
            current = next((index for index in range(resort) if code in maps[index]), None)
            if current is None:
                missing.append(char)
                current = resort
        if not sticky and leading is not None:
            if all(ord(text[index]) in maps[current] for index in range(leading, len(chosen))):
                chosen[leading:] = [current] * (len(chosen) - leading)
            leading = None
        chosen.append(current)
    return [paths[index] for index in chosen], missing


def family_of(path: Path, fallbacks: Sequence[Fallback]) -> Fallback | None:
    """The fallback entry a face file belongs to, or None for the text style's own face."""
    return next((entry for entry in fallbacks if path in (entry.regular, entry.bold)), None)


def char_name(char: str) -> str:
    """``U+1F600 GRINNING FACE``: a character as a person can look it up."""
    name = unicodedata.name(char, "") or f"(unnamed, category {unicodedata.category(char)})"
    return f"U+{ord(char):04X} {name}"


def missing_warning(char: str, where: str) -> str:
    """The one warning for a character no bundled font has, the same in both formats."""
    return f"no bundled font can show {char_name(char)} in {where}: it is drawn as a box"


def fallbacks_for(house) -> tuple[Fallback, ...]:
    """The fallback list of a house style (:class:`~briefing.style.HouseStyle`), with its files found."""
    from ..paths import asset

    return tuple(
        Fallback(entry.name, asset(f"fonts/{entry.regular}"), asset(f"fonts/{entry.bold}") if entry.bold else None, tuple(entry.languages))
        for entry in house.fallback
    )
