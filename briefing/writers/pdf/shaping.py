"""Text to glyphs: font fallback per run, bidi levels, and HarfBuzz shaping into glyph pieces.

A paragraph is a sequence of :class:`Span` (text in a face, maybe bold).
:mod:`briefing.writers.coverage` picks the face of every character. Bidi
embedding levels come from python-bidi's implementation of the Unicode
bidirectional algorithm; the paragraph direction comes from a right-to-left
language tag, or else from the first strong character. Each maximal stretch of
one span, one face and one level is shaped by HarfBuzz in the context of the
whole paragraph, with its direction, script and language.

A face's HarfBuzz font is made, and python-bidi imported, with the first text
that needs them: a brief the fast path sets in full (every Latin brief) makes no
HarfBuzz font and never imports python-bidi.
"""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.pdfbase import pdfmetrics

from ..coverage import Fallback, assign_faces, base_level, candidates, text_language
from .glyph_font import GlyphFont

if TYPE_CHECKING:
    import uharfbuzz

_FEATURES = {"kern": True, "liga": True}


def bidi_levels(text: str, level: int) -> list[int]:
    """The resolved embedding level of each character (rules X1 to I2 of UAX #9)."""
    from bidi import algorithm as uba

    storage = uba.get_empty_storage()
    storage["base_level"] = level
    storage["base_dir"] = ("L", "R")[level]
    uba.get_embedding_levels(text, storage)
    uba.explicit_embed_and_overrides(storage)
    uba.resolve_weak_types(storage, False)
    uba.resolve_neutral_types(storage, False)
    uba.resolve_implicit_levels(storage, False)
    return [char["level"] for char in storage["chars"]]


# --- Faces ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Face:
    """A loaded face: the reportlab font, and HarfBuzz's view of it once text is shaped in it."""

    font: GlyphFont

    @cached_property
    def hb(self) -> uharfbuzz.Font:
        import uharfbuzz

        return uharfbuzz.Font(uharfbuzz.Face(uharfbuzz.Blob(self.font.data)))

    @property
    def name(self) -> str:
        return self.font.fontName

    @property
    def box(self) -> int:
        """The glyph drawn for a character no face has: WHITE SQUARE, else a space.

        Not the face's own .notdef glyph: PDF/A-2 forbids drawing that.
        """
        glyphs = self.font.face.charToGlyph
        return glyphs.get(0x25A1) or glyphs.get(0x20) or 0


_FACE_LOCK = threading.RLock()
_LOADED: dict[Path, Face] = {}


def load_face(path: Path) -> Face:
    """The face in ``path``, read and registered with reportlab once per process (its name is the file's stem)."""
    with _FACE_LOCK:
        face = _LOADED.get(path)
        if face is None:
            font = GlyphFont(path.stem, str(path))
            pdfmetrics.registerFont(font)
            face = _LOADED[path] = Face(font)
    return face


# --- Shaped text ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Span:
    """Some text with the face it is set in first (its style's face with its bold and italic)."""

    text: str
    face: Path
    bold: bool = False


@dataclass(frozen=True)
class Glyph:
    """One positioned glyph: the code that draws it, its cluster (first character index), and sizes in points."""

    code: str
    cluster: int
    advance: float
    dx: float
    dy: float


@dataclass
class Piece:
    """A stretch of text in one face and one level, shaped: its glyphs in visual order.

    A right-to-left piece carries its text in a text layer of its own
    (``text_layer``): its glyphs read as nothing, and the drawing adds the
    characters, invisible, in the clusters' places along the baseline. Cursive
    scripts move glyphs far off the baseline (Nastaliq most of all), which
    would scatter their text across lines for a reader of the PDF's text.
    """

    start: int
    end: int
    face: Face
    level: int
    glyphs: list[Glyph]
    text_layer: bool = False


@dataclass
class ShapedText:
    """A paragraph shaped: its text, pieces in logical order, per-character advances and what no face could show."""

    text: str
    size: float
    level: int
    pieces: list[Piece]
    advances: list[float]  # the width of the cluster starting at each character; 0 inside a cluster
    missing: list[str] = field(default_factory=list)

    def width(self, start: int, end: int) -> float:
        return sum(self.advances[start:end])


def _assign_faces(spans: Sequence[Span], fallbacks: Sequence[Fallback], language: str) -> tuple[list[Face], list[str]]:
    """The face of every character, and the characters no face has."""
    faces: list[Face] = []
    missing: list[str] = []
    for span in spans:
        last_resort = fallbacks[-1].regular if fallbacks else span.face
        paths, lost = assign_faces(span.text, candidates(span.face, span.bold, fallbacks, language), last_resort)
        faces += [load_face(path) for path in paths]
        missing += lost
    return faces, missing


def shape(spans: Sequence[Span], size: float, fallbacks: Sequence[Fallback] = (), language: str = "en-GB") -> ShapedText:
    """Shape a paragraph of spans at ``size`` points."""
    text = "".join(span.text for span in spans)
    language = text_language(text, language)
    level = base_level(text, language)
    levels = bidi_levels(text, level) if level or any(unicodedata.bidirectional(c) in ("R", "AL", "AN") for c in text) else [0] * len(text)
    faces, missing = _assign_faces(spans, fallbacks, language)
    owners = [index for index, span in enumerate(spans) for _ in span.text]
    shaped = ShapedText(text, size, level, [], [0.0] * len(text), missing)
    start = 0
    for end in range(1, len(text) + 1):
        if end == len(text) or (faces[end], levels[end], owners[end]) != (faces[start], levels[start], owners[start]):
            shaped.pieces.append(_shape_piece(shaped, start, end, faces[start], levels[start], language))
            start = end
    return shaped


def _shape_piece(shaped: ShapedText, start: int, end: int, face: Face, level: int, language: str) -> Piece:
    """HarfBuzz shapes ``text[start:end]`` with the paragraph around it as context."""
    import uharfbuzz

    buffer = uharfbuzz.Buffer()
    buffer.add_str(shaped.text, start, end - start)
    buffer.direction = "rtl" if level % 2 else "ltr"
    buffer.language = language
    buffer.guess_segment_properties()
    uharfbuzz.shape(face.hb, buffer, _FEATURES)
    scale = shaped.size / face.font.metrics.units_per_em
    infos, positions = buffer.glyph_infos, buffer.glyph_positions
    starts = [*sorted({info.cluster for info in infos}), end]
    ends = {cluster: starts[index + 1] for index, cluster in enumerate(starts[:-1])}
    carriers: dict[int, int] = {}  # cluster -> the glyph that reads as its text: the widest (a split vowel's base)
    for index, (info, position) in enumerate(zip(infos, positions, strict=True)):
        best = carriers.get(info.cluster)
        if best is None or position.x_advance > positions[best].x_advance:
            carriers[info.cluster] = index
    glyphs = []
    text_layer = bool(level % 2)
    for index, (info, position) in enumerate(zip(infos, positions, strict=True)):
        cluster = info.cluster
        meaning = shaped.text[cluster : ends[cluster]] if carriers[cluster] == index and not text_layer else ""
        glyph, advance = info.codepoint, position.x_advance * scale
        if glyph == 0:  # the face has no glyph: draw its box instead of .notdef
            glyph = face.box
            advance = face.hb.get_glyph_h_advance(glyph) * scale
        code = face.font.code_for(glyph, meaning, face.hb.get_glyph_h_advance(glyph))
        shaped.advances[cluster] += advance
        glyphs.append(Glyph(code, cluster, advance, position.x_offset * scale, position.y_offset * scale))
    return Piece(start, end, face, level, glyphs, text_layer)
