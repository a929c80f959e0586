"""TrueType faces for the PDF: each read and registered with reportlab once per process, on first use."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError

from ...errors import StyleError
from ...style import HouseStyle, font_file
from ..coverage import coverage
from .shaping import load_face


@dataclass(frozen=True)
class Face:
    """One registered TrueType face: its reportlab name, its character map and its file name."""

    name: str
    cmap: frozenset[int]  # the code points its character map has
    file: str
    path: Path


FaceKey = tuple[str, bool, bool]  # (font family in the house style, bold, italic)

_FONT_LOCK = threading.RLock()
_FACES: dict[Path, Face] = {}
_FAMILIES: dict[str, tuple[str, str, str, str]] = {}  # regular face name -> (regular, bold, italic, bold italic)


def _map_families() -> None:
    """Tell reportlab again which faces <b> and <i> use in every family seen so far.

    Registering a TrueType face maps that face's own bold and italic to itself,
    which undoes a family mapping for any family whose regular face it is.
    """
    with _FONT_LOCK:
        for regular, bold, italic, bold_italic in _FAMILIES.values():
            pdfmetrics.registerFontFamily(regular, normal=regular, bold=bold, italic=italic, boldItalic=bold_italic)


def _face(path: Path) -> Face:
    """The face in ``path``, registered with reportlab once per process (the same font object shaped text uses)."""
    with _FONT_LOCK:
        face = _FACES.get(path)
        if face is None:
            try:
                font = load_face(path).font
            except (OSError, TTFError) as error:
                raise StyleError(f"cannot read the font {path.name}: {error}", hint="check the fonts: section of the house style") from None
            _map_families()
            face = _FACES[path] = Face(font.fontName, coverage(path), path.name, path)
    return face


class Faces(Mapping[FaceKey, Face]):
    """The faces of a house style's families, each read and registered on first use.

    Reading a TrueType file costs about 10 ms, and a document seldom uses all
    eight faces of two families: only those its styles and runs ask for are read.
    The house style checked at load that every family and font file exists.
    """

    def __init__(self) -> None:
        self._files: dict[FaceKey, Path] = {}
        self._loaded: dict[FaceKey, Face] = {}

    def add_family(self, house: HouseStyle, family: str) -> None:
        """The four faces of a house-style font family, registered as one reportlab family (by name only)."""
        fonts = house.fonts[family]
        self._files.update({(family, bold, italic): font_file(fonts, bold, italic) for bold in (False, True) for italic in (False, True)})
        self._map_family(family)

    def _map_family(self, family: str) -> None:
        """Tell reportlab which faces <b> and <i> use in ``family`` (a face's reportlab name is its file's stem, see _face)."""
        names = tuple(
            self._files[family, bold, italic].stem for bold, italic in ((False, False), (True, False), (False, True), (True, True))
        )
        with _FONT_LOCK:
            _FAMILIES[names[0]] = names  # type: ignore[assignment]
        _map_families()

    def __getitem__(self, key: FaceKey) -> Face:
        face = self._loaded.get(key)
        if face is None:
            face = self._loaded[key] = _face(self._files[key])
        return face

    def __iter__(self) -> Iterator[FaceKey]:
        return iter(self._files)

    def __len__(self) -> int:
        return len(self._files)
