"""A house style made ready for reportlab, once per style: faces, paragraph styles and colours."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.styles import ParagraphStyle

from ...errors import StyleError
from ...style import HouseStyle, TextStyle
from .fonts import Face, FaceKey, Faces

TOC_INDENT_EM = 1.5  # level-2 contents entries
SOURCE_HANG_EM = 2.8  # the "[n]" column of the sources list


@dataclass(frozen=True)
class Kit:
    """A house style made ready for reportlab: faces, paragraph styles and colours."""

    house: HouseStyle
    faces: Mapping[FaceKey, Face]
    styles: Mapping[str, ParagraphStyle]
    fonts: Mapping[str, FaceKey]  # paragraph style name -> the face its plain text is set in

    def style(self, name: str) -> ParagraphStyle:
        """The paragraph style ``name`` (a house-style text style or one derived from them)."""
        try:
            return self.styles[name]
        except KeyError:
            raise StyleError(f"house style has no text style {name!r}", hint=f"add text: {name}: to the house style") from None

    def colour(self, name_or_hex: str) -> Color:
        """A reportlab colour from a palette name or ``#rrggbb`` (the house style checked both at load)."""
        return HexColor(self.house.colour(name_or_hex))

    def face(self, style: str, bold: bool = False, italic: bool = False) -> Face:
        """The face text in paragraph style ``style`` is set in, with extra bold or italic."""
        self.style(style)  # a StyleError if there is no such style
        family, style_bold, style_italic = self.fonts[style]
        return self.faces[family, style_bold or bold, style_italic or italic]


def _paragraph_style(name: str, text: TextStyle, house: HouseStyle, face: Face) -> ParagraphStyle:
    """A reportlab paragraph style from a house-style text style."""
    return ParagraphStyle(
        name,
        fontName=face.name,
        fontSize=text.size,
        leading=text.leading or text.size * 1.2,
        spaceBefore=text.space_before,
        spaceAfter=text.space_after,
        textColor=HexColor(house.colour(text.colour)),
        bulletFontName=face.name,
        bulletFontSize=text.size,
        keepWithNext=int(name.startswith("heading")),
        splitLongWords=1,
    )


def _derive(kit_styles: dict[str, ParagraphStyle], fonts: dict[str, FaceKey], faces: Mapping[FaceKey, Face], house: HouseStyle) -> None:
    """Add the styles the writer needs beyond the house style's own, each derived from one of those."""

    def add(name: str, parent: str, bold: bool = False, **overrides: Any) -> None:
        family, parent_bold, italic = fonts[parent]
        fonts[name] = (family, parent_bold or bold, italic)
        kit_styles[name] = ParagraphStyle(name, parent=kit_styles[parent], fontName=faces[fonts[name]].name, **overrides)

    body, small = house.style("body"), house.style("small")
    add("cell_note", "small", spaceBefore=0, spaceAfter=0)
    add("caption", "small", bold=True, keepWithNext=1)
    add("note_title", "note", bold=True, spaceAfter=small.space_after)
    add("toc1", "body", bold=True, spaceBefore=0, spaceAfter=0)
    add("toc2", "body", spaceBefore=0, spaceAfter=0, leftIndent=body.size * TOC_INDENT_EM)
    add("source", "small", leftIndent=small.size * SOURCE_HANG_EM, bulletIndent=0)


def _build_kit(house: HouseStyle) -> Kit:
    """Register the fonts a house style uses and build its paragraph styles."""
    faces = Faces()
    for family in sorted({text.font for text in house.text.values()} | {house.watermark.font}):
        faces.add_family(house, family)
    styles: dict[str, ParagraphStyle] = {}
    fonts: dict[str, FaceKey] = {}
    for name, text in house.text.items():
        fonts[name] = (text.font, text.bold, text.italic)
        styles[name] = _paragraph_style(name, text, house, faces[fonts[name]])
    _derive(styles, fonts, faces, house)
    return Kit(house, faces, styles, fonts)


_KIT_LOCK = threading.Lock()
_KITS: dict[int, tuple[HouseStyle, Kit]] = {}  # keyed by id(); the style is kept so the id stays unique
_KITS_KEPT = 8


def kit_for(house: HouseStyle) -> Kit:
    """The kit for a house style, built on first use and cached (house styles are frozen)."""
    with _KIT_LOCK:
        cached = _KITS.get(id(house))
        if cached is not None and cached[0] is house:
            return cached[1]
    kit = _build_kit(house)
    with _KIT_LOCK:
        if len(_KITS) >= _KITS_KEPT:
            del _KITS[next(iter(_KITS))]
        _KITS[id(house)] = (house, kit)
    return kit
