"""The only way document text reaches the PDF: cleaned, then escaped paragraph markup or a shaped paragraph.

Text its style's face shows in full, left to right, becomes reportlab
paragraph markup (the fast path: every Latin brief). Anything else (a Chinese
name, an Urdu paragraph, an Arabic quotation, an emoji) is shaped with the
house style's fallback faces (:mod:`briefing.writers.pdf.scripts`); a
character no face has is drawn as a box, with one warning naming the item.
"""

from __future__ import annotations

import html
from typing import Any

from reportlab.platypus import Flowable
from reportlab.platypus import Paragraph as ParagraphFlowable

from ...document.model import Inline, Run
from ..common import TextGuard
from ..coverage import is_plain
from .kit import Kit
from .scripts import ScriptSetter


def escape(text: str) -> str:
    """``&``, ``<`` and ``>`` as entities: paragraph markup then holds the text as text.

    (html.escape without quotes does what xml.sax.saxutils.escape does, without
    importing urllib, http and ssl on the way.)
    """
    return html.escape(text, quote=False)


def _markup(runs: list[tuple[str, bool, bool]]) -> str:
    """Paragraph markup for cleaned ``(text, strong, emphasis)`` runs: <b> and <i> around escaped text."""
    parts = []
    for text, strong, emphasis in runs:
        markup = escape(text)
        if emphasis:
            markup = f"<i>{markup}</i>"
        if strong:
            markup = f"<b>{markup}</b>"
        parts.append(markup)
    return "".join(parts)


class Markup:
    """Turns document text into paragraphs for one kit; removals go to ``guard``, missing characters to ``scripts``."""

    def __init__(self, kit: Kit, guard: TextGuard, scripts: ScriptSetter):
        self._kit = kit
        self.guard = guard
        self.scripts = scripts

    def plain(self, text: str, style: str, bold: bool = False, italic: bool = False) -> bool:
        """Whether ``text`` takes the fast path in ``style``: its face has every character and none runs right to left."""
        return is_plain(text, self._kit.face(style, bold, italic).cmap)

    def text(self, text: str, style: str, where: str) -> str:
        """Escaped markup for plain text (cleaned by the shared rule) in paragraph style ``style``."""
        return escape(self.guard.clean(text, where))

    def runs(self, runs: Inline, style: str, where: str) -> str:
        """Markup for runs: emphasis becomes <i>, strong becomes <b>, everything else is escaped."""
        return _markup([(self.guard.clean(run.text, where), run.strong, run.emphasis) for run in runs])

    def flowable(
        self, runs: Inline | str, style: str, where: str, lang: str = "", cls: type = ParagraphFlowable, **kwargs: Any
    ) -> Flowable:
        """A paragraph of ``runs`` (or plain text) in ``style``: reportlab's own when plain, else shaped.

        ``cls`` is the Paragraph subclass of the fast path; keyword arguments go to it.
        """
        runs = (Run(runs),) if isinstance(runs, str) else runs
        cleaned = [(self.guard.clean(run.text, where), run.strong, run.emphasis) for run in runs]
        if all(self.plain(text, style, bold, italic) for text, bold, italic in cleaned):
            return cls(_markup(cleaned), self._kit.style(style), **kwargs)
        return self.scripts.paragraph(
            cleaned, self._kit.style(style), lambda bold, italic: self._kit.face(style, bold, italic).path, where, lang
        )
