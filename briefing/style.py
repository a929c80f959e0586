"""The house style and the marking schemes: the look of a brief, read from data files."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from . import paths
from .errors import Location, StyleError


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Margins(_Strict):
    top: float
    bottom: float
    left: float
    right: float


class PageStyle(_Strict):
    size: Literal["A4", "Letter"] = "A4"
    margins_mm: Margins
    header_mm: float = 10
    footer_mm: float = 10


class FontFamily(_Strict):
    docx_name: str
    regular: str
    bold: str
    italic: str
    bold_italic: str


class FallbackFont(_Strict):
    """A face for what the families above cannot show: the PDF sets such text in it, Word is told its name."""

    name: str = Field(description="The family name, as Word is told it")
    regular: str = Field(description="TrueType file in assets/fonts/")
    bold: str | None = Field(None, description="Its bold; bold text uses the regular face when there is none")
    languages: list[str] = Field(default_factory=list, description="Kept for text in these languages (BCP 47 primary tags); empty: all")


class TextStyle(_Strict):
    font: str
    size: float
    leading: float | None = None
    space_before: float = 0
    space_after: float = 0
    bold: bool = False
    italic: bool = False
    colour: str = "text"


class Slots(_Strict):
    left: str = ""
    centre: str = ""
    right: str = ""


HEX_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")
REQUIRED_TEXT_STYLES = (
    "body", "lead", "small", "title", "subtitle", "heading1", "heading2", "heading3", "list", "quote",
    "attribution", "note", "table", "table_header", "header", "footer", "banner",
)  # fmt: skip
"""Every text style a writer sets text in."""
REQUIRED_COLOURS = (
    "text", "accent", "rule", "note_fill", "warning_fill", "recommendation_fill",
    "table_header_fill", "table_header_text", "table_stripe_fill",
)  # fmt: skip
"""Every palette colour a writer paints with by name."""


class WatermarkStyle(_Strict):
    """The look of the DRAFT watermark set across every page of a brief not yet cleared."""

    font: str = "sans"
    bold: bool = True
    size: float = Field(110, gt=0, le=400, description="points")
    colour: str = "#c62828"
    opacity: float = Field(0.14, gt=0, le=1)
    angle: float = Field(45, ge=-90, le=90, description="degrees, anticlockwise from the baseline")


class HouseStyle(_Strict):
    """Fonts, sizes, colours, spacing, margins, page size, header and footer."""

    page: PageStyle
    fonts: dict[str, FontFamily]
    colours: dict[str, str]
    text: dict[str, TextStyle]
    header: Slots = Slots()
    footer: Slots = Slots()
    watermark: WatermarkStyle = WatermarkStyle()
    fallback: list[FallbackFont] = Field(
        default_factory=list,
        description="Faces tried in order for characters the text's own font lacks; the last draws a box for what none has",
    )

    @model_validator(mode="after")
    def _check(self) -> HouseStyle:
        """Check once, at load, every name the writers rely on: colours, font families, font files, text styles."""
        problems = _style_problems(self)
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def colour(self, name_or_hex: str) -> str:
        """A ``#rrggbb`` colour from a palette name or a literal hex value, or a StyleError."""
        value = self.colours.get(name_or_hex, name_or_hex)
        if HEX_COLOUR.fullmatch(value):
            return value
        if name_or_hex.startswith("#"):
            raise StyleError(f"{name_or_hex!r} is not a #rrggbb colour", hint="write colours as #rrggbb")
        raise StyleError(f"unknown colour {name_or_hex!r}", hint="add it under colours: in the house style")

    def style(self, name: str) -> TextStyle:
        """The text style called ``name`` (body, heading1, quote, ...)."""
        try:
            return self.text[name]
        except KeyError:
            raise StyleError(f"house style has no text style {name!r}", hint=f"add text: {name}: to the house style") from None


def _style_problems(house: HouseStyle) -> list[str]:
    """What is wrong with a house style's names, in reading order (empty when nothing is)."""
    problems = [
        f"colours: {name}: {value!r} is not a #rrggbb colour" for name, value in house.colours.items() if not HEX_COLOUR.fullmatch(value)
    ]
    problems += [f"colours: has no {name!r} (the writers paint with it)" for name in REQUIRED_COLOURS if name not in house.colours]
    problems += [f"text: has no style {name!r} (the writers set text in it)" for name in REQUIRED_TEXT_STYLES if name not in house.text]
    for name, text in house.text.items():
        if text.font not in house.fonts:
            problems.append(f"text: {name}: unknown font family {text.font!r} (use one of: {', '.join(house.fonts)})")
        if text.colour not in house.colours and not HEX_COLOUR.fullmatch(text.colour):
            problems.append(f"text: {name}: colour {text.colour!r} is neither a palette name nor #rrggbb")
    mark = house.watermark
    if mark.font not in house.fonts:
        problems.append(f"watermark: unknown font family {mark.font!r} (use one of: {', '.join(house.fonts)})")
    if mark.colour not in house.colours and not HEX_COLOUR.fullmatch(mark.colour):
        problems.append(f"watermark: colour {mark.colour!r} is neither a palette name nor #rrggbb")
    for family in house.fonts.values():
        for bold in (False, True):
            for italic in (False, True):
                path = font_file(family, bold, italic)
                if not path.is_file():
                    problems.append(f"fonts: cannot read the font {path.name}: no such file")
    for entry in house.fallback:
        for name in filter(None, (entry.regular, entry.bold)):
            if not paths.asset(f"fonts/{name}").is_file():
                problems.append(f"fallback: {entry.name}: cannot read the font {name}: no such file")
        problems += [f"fallback: {entry.name}: {tag!r} is not a language tag" for tag in entry.languages if not _LANGUAGE.fullmatch(tag)]
    return problems


_LANGUAGE = re.compile(r"[a-z]{2,8}")


class Level(_Strict):
    id: str
    banner: str
    colour: str = "#000000"  # #rrggbb or a house-style palette name: the writers resolve it
    portion: str | None = Field(None, description="the portion mark's abbreviation, e.g. OS for (OS); the id when unset")

    @model_validator(mode="after")
    def _check_colour(self) -> Level:
        """A colour that is neither #rrggbb nor a plain palette name is refused at load."""
        if not (HEX_COLOUR.fullmatch(self.colour) or re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", self.colour)):
            raise ValueError(f"colour {self.colour!r} of marking {self.id!r} is not #rrggbb or a palette name")
        return self


class Scheme(_Strict):
    name: str
    levels: list[Level] = Field(min_length=1)
    portion_marks: bool = Field(False, description="put a portion mark such as (OS) before each paragraph and item")

    def portion_mark(self, level_id: str) -> str:
        """``(OS)``: the mark before a portion at this level, or "" when the scheme has no portion marks."""
        if not self.portion_marks:
            return ""
        level = self.level(level_id)
        return f"({level.portion or level.id})"

    def ids(self) -> list[str]:
        return [level.id for level in self.levels]

    def level(self, level_id: str) -> Level:
        """The level with this id (case-insensitive), or a StyleError listing the valid ones."""
        for level in self.levels:
            if level.id.casefold() == level_id.strip().casefold():
                return level
        raise StyleError(
            f"{level_id!r} is not a marking of the {self.name}",
            hint="use one of: " + ", ".join(self.ids()),
        )

    def rank(self, level_id: str) -> int:
        """Where a level stands in the scheme: 0 for the lowest."""
        return self.levels.index(self.level(level_id))

    def highest(self, *level_ids: str | None) -> Level:
        """The highest of the given levels (None and empty are ignored); the lowest level if none."""
        present = [self.level(level_id) for level_id in level_ids if level_id]
        if not present:
            return self.levels[0]
        return max(present, key=lambda level: self.levels.index(level))


class MarkingSchemes(_Strict):
    default: str
    schemes: dict[str, Scheme]

    def get(self, scheme_id: str | None = None) -> Scheme:
        key = scheme_id or self.default
        try:
            return self.schemes[key]
        except KeyError:
            raise StyleError(f"unknown marking scheme {key!r}", hint="use one of: " + ", ".join(self.schemes)) from None


_PLACEHOLDER = re.compile(r"\{(marking|caveat|reference|title|date|page|pages)\}")


def fill_slot(template: str, values: dict[str, str]) -> str:
    """Fill ``{marking}``-style placeholders. Only the documented names are replaced; no format() tricks."""
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), ""), template)


def _load_yaml_model(path: Path, model: type[BaseModel]) -> BaseModel:
    from .yamlread import load_yaml_file, validate

    return validate(load_yaml_file(path), model, StyleError)


@lru_cache(maxsize=8)
def load_house_style(path: Path | None = None) -> HouseStyle:
    """Read and check the house style (the bundled one unless ``path`` is given)."""
    return _load_yaml_model(path or paths.asset("styles/house-style.yaml"), HouseStyle)  # type: ignore[return-value]


@lru_cache(maxsize=8)
def load_markings(path: Path | None = None) -> MarkingSchemes:
    """Read and check the marking schemes (the bundled ones unless ``path`` is given)."""
    path = path or paths.asset("styles/markings.yaml")
    schemes = _load_yaml_model(path, MarkingSchemes)
    try:
        schemes.get()  # the default must exist
    except StyleError as exc:
        exc.location = Location(str(path))
        raise
    return schemes  # type: ignore[return-value]


def font_file(family: FontFamily, bold: bool, italic: bool) -> Path:
    """The TrueType file for one face of a family."""
    name = {(False, False): family.regular, (True, False): family.bold, (False, True): family.italic, (True, True): family.bold_italic}[
        (bold, italic)
    ]
    return paths.asset(f"fonts/{name}")
