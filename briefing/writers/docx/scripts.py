"""Word runs for every script: text split where its face changes, and the OXML python-docx has no API for.

Word picks a run's font by the kind of character: ``w:ascii``/``w:hAnsi`` for
Latin, ``w:eastAsia`` for Chinese, Japanese and Korean, ``w:cs`` ("complex
script") for Arabic, Urdu, Devanagari and other scripts that need shaping. A
right-to-left run is marked ``w:rtl``, its bold and italic are ``w:bCs`` and
``w:iCs``, and its language goes in ``w:lang``'s ``w:bidi``; a right-to-left
paragraph is marked ``w:bidi``, which Word and LibreOffice set flush right and
in right-to-left order. Faces are chosen by :mod:`briefing.writers.coverage`,
the same rule the PDF writer uses.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from docx.enum.text import WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Length

from ..coverage import (
    RTL_LANGUAGES,
    Fallback,
    assign_faces,
    base_level,
    candidates,
    coverage,
    fallbacks_for,
    family_of,
    is_plain,
    missing_warning,
    primary_language,
    text_language,
)

Slot = Literal["ascii", "eastAsia", "cs"]
_RTL = frozenset({"R", "AL"})
_AFTER_LANG = ("w:eastAsianLayout", "w:specVanish", "w:oMath")
_AFTER_BIDI = ("w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
               "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
               "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")  # fmt: skip


@dataclass(frozen=True)
class ScriptRun:
    """A stretch of one run's text in one face: which font slot Word reads for it, and whether it is right to left."""

    text: str
    family: Fallback | None  # None: the text style's own font
    slot: Slot
    rtl: bool


def _slot(char: str) -> Slot:
    """The rFonts slot Word uses for ``char``."""
    if unicodedata.bidirectional(char) in _RTL:
        return "cs"
    if unicodedata.east_asian_width(char) in ("W", "F") and unicodedata.category(char).startswith("L"):
        return "eastAsia"
    name = unicodedata.name(char, "")
    if name.startswith(("DEVANAGARI", "BENGALI", "GURMUKHI", "GUJARATI", "TAMIL", "TELUGU", "KANNADA", "MALAYALAM", "THAI", "SINHALA")):
        return "cs"
    return "ascii"


def script_runs(text: str, face: Path, bold: bool, fallbacks: Sequence[Fallback], language: str) -> tuple[list[ScriptRun], list[str]]:
    """``text`` split where its face or direction changes, and the characters no face has."""
    language = text_language(text, language)
    paths, missing = assign_faces(text, candidates(face, bold, fallbacks, language), fallbacks[-1].regular if fallbacks else face)
    runs: list[ScriptRun] = []
    start = 0
    for end in range(1, len(text) + 1):
        if end == len(text) or paths[end] != paths[start]:
            piece = text[start:end]
            family = family_of(paths[start], fallbacks)
            strong = [_slot(char) for char in piece if not unicodedata.category(char).startswith(("Z", "P", "C"))]
            slot: Slot = "cs" if "cs" in strong else "eastAsia" if "eastAsia" in strong else "ascii"
            rtl = any(unicodedata.bidirectional(char) in _RTL for char in piece)
            runs.append(ScriptRun(piece, family, slot, rtl))
            start = end
    return runs, missing


_SCRIPT_LANGUAGES = (("HANGUL", "ko"), ("HIRAGANA", "ja"), ("KATAKANA", "ja"), ("CJK", "zh"), ("ARABIC", "ar"), ("HEBREW", "he"),
                     ("DEVANAGARI", "hi"))  # fmt: skip
_LANGUAGES_OF = {"eastAsia": frozenset({"zh", "ja", "ko"}), "cs": RTL_LANGUAGES | {"hi", "mr", "ne", "sa", "bn", "ta", "th"}}


def run_language(run: ScriptRun, language: str) -> str:
    """The language tag ``w:lang`` gets for ``run``: ``language`` when it is one of the run's script, else the script's main one."""
    if run.slot == "ascii" or primary_language(language) in _LANGUAGES_OF[run.slot]:
        return language
    language = text_language(run.text, language)
    if primary_language(language) in _LANGUAGES_OF[run.slot]:
        return language
    names = [unicodedata.name(char, "") for char in run.text]
    return next((tag for prefix, tag in _SCRIPT_LANGUAGES if any(name.startswith(prefix) for name in names)), language)


def is_rtl_paragraph(text: str, language: str) -> bool:
    """Whether a paragraph runs right to left: by its language, else by its first strong character."""
    return base_level(text, text_language(text, language)) == 1


def _child(parent, tag: str, successors: tuple[str, ...] = ()):
    """``parent``'s child ``tag``, added in schema order if missing."""
    found = parent.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        parent.insert_element_before(found, *successors)
    return found


def style_script_run(r, run: ScriptRun, language: str, bold: bool = False, italic: bool = False) -> None:
    """Set ``w:rFonts``, ``w:rtl``, ``w:bCs``/``w:iCs`` and ``w:lang`` on the ``w:r`` element ``r`` for ``run``."""
    rpr = r.get_or_add_rPr()
    if run.family is not None:
        fonts = rpr.get_or_add_rFonts()
        attribute = {"ascii": ("w:ascii", "w:hAnsi"), "eastAsia": ("w:eastAsia",), "cs": ("w:cs",)}[run.slot]
        for name in attribute:
            fonts.set(qn(name), run.family.name)
        if run.slot != "ascii":
            fonts.set(qn("w:hint"), run.slot)
    if run.slot == "cs":
        if bold:
            rpr.get_or_add_bCs()
        if italic:
            rpr.get_or_add_iCs()
        rpr.get_or_add_cs()
    if run.rtl:
        rpr.get_or_add_rtl()
    lang = _child(rpr, "w:lang", _AFTER_LANG)
    key = {"ascii": "w:val", "eastAsia": "w:eastAsia", "cs": "w:bidi"}[run.slot]
    lang.set(qn(key), run_language(run, language))


def set_paragraph_bidi(p) -> None:
    """Mark the ``w:p`` element ``p`` right to left (``w:bidi``)."""
    _child(p.get_or_add_pPr(), "w:bidi", _AFTER_BIDI)


class WordScripts:
    """Adds text to Word paragraphs: plain runs when the house font shows it all, else runs split by script."""

    def __init__(self, house, language: str):
        from ...style import font_file

        self.fallbacks = fallbacks_for(house)
        self.language = language
        self.primary = font_file(house.fonts[house.style("body").font], False, False)
        self._cmap = coverage(self.primary)
        self.warnings: list[str] = []
        self._seen: set[tuple[str, str]] = set()

    def add(self, paragraph, text: str, where: str, *, bold: bool = False, italic: bool = False, lang: str = "", warn: bool = True) -> list:
        """Append ``text`` to ``paragraph`` as one run or several; the runs made (bold and italic set on each)."""
        if not text:
            return []
        if is_plain(text, self._cmap):
            pieces, missing, language = [None], [], lang or self.language
        else:
            language = lang or self.language
            pieces, missing = script_runs(text, self.primary, bold, self.fallbacks, language)
        made = []
        for piece in pieces:
            run = paragraph.add_run(text if piece is None else piece.text)
            run.bold, run.italic = bold or None, italic or None
            if piece is not None:
                style_script_run(run._r, piece, language, bold, italic)
            made.append(run)
        for char in dict.fromkeys(missing) if warn else ():
            if (where, char) not in self._seen:
                self._seen.add((where, char))
                self.warnings.append(missing_warning(char, where))
        return made

    def direction(self, paragraph, lang: str = "") -> None:
        """Mark ``paragraph`` right to left (``w:bidi``) when its text runs right to left.

        A paragraph in other scripts also gets its style's line spacing as a
        minimum rather than exact, so taller scripts (Nastaliq) are not clipped.
        """
        text = paragraph.text
        if is_plain(text, self._cmap):
            return
        if is_rtl_paragraph(text, lang or self.language):
            set_paragraph_bidi(paragraph._p)
        spacing = paragraph.style.paragraph_format.line_spacing
        if isinstance(spacing, Length):
            paragraph.paragraph_format.line_spacing = spacing
            paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.AT_LEAST
