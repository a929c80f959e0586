"""The only way document text reaches a reportlab paragraph: cleaned, checked against its font, escaped."""

from __future__ import annotations

import html
import unicodedata

from ...document.model import Inline, Run
from ...errors import RenderError
from ..common import TextGuard
from .fonts import Face
from .kit import Kit


def escape(text: str) -> str:
    """``&``, ``<`` and ``>`` as entities: paragraph markup then holds the text as text.

    (html.escape without quotes does what xml.sax.saxutils.escape does, without
    importing urllib, http and ssl on the way.)
    """
    return html.escape(text, quote=False)


def char_name(char: str) -> str:
    """``U+1F600 GRINNING FACE``: a character as a person can look it up."""
    name = unicodedata.name(char, "") or f"(unnamed, category {unicodedata.category(char)})"
    return f"U+{ord(char):04X} {name}"


class Markup:
    """Turns document text into checked, escaped paragraph markup for one kit; removals go to ``guard``."""

    def __init__(self, kit: Kit, guard: TextGuard):
        self._kit = kit
        self.guard = guard

    def check(self, text: str, face: Face, where: str) -> None:
        """Raise a RenderError naming the first character of ``text`` that ``face`` cannot show."""
        missing = {ord(char) for char in set(text)}.difference(face.cmap)
        if missing:
            char = next(char for char in text if ord(char) in missing)
            raise RenderError(
                f"the PDF font cannot show {char_name(char)} in {where}",
                hint=f"remove or replace the character; the font {face.file} has no glyph for it",
            )

    def checked(self, text: str, style: str, where: str, bold: bool = False, italic: bool = False) -> str:
        """``text`` cleaned by the shared rule and checked against its face; not escaped."""
        text = self.guard.clean(text, where)
        self.check(text, self._kit.face(style, bold, italic), where)
        return text

    def text(self, text: str, style: str, where: str) -> str:
        """Markup for plain text in paragraph style ``style``."""
        return escape(self.checked(text, style, where))

    def runs(self, runs: Inline, style: str, where: str) -> str:
        """Markup for runs: emphasis becomes <i>, strong becomes <b>, everything else is escaped."""
        return "".join(self._run(run, style, where) for run in runs)

    def _run(self, run: Run, style: str, where: str) -> str:
        """Markup for one run."""
        markup = escape(self.checked(run.text, style, where, bold=run.strong, italic=run.emphasis))
        if run.emphasis:
            markup = f"<i>{markup}</i>"
        if run.strong:
            markup = f"<b>{markup}</b>"
        return markup
