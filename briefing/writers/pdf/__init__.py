"""The PDF writer: a :class:`~briefing.document.model.Document` laid out with reportlab's platypus.

Every look (page size, margins, fonts, sizes, colours, spacing, header and
footer) comes from the house style; this package only knows the structure of a
brief. All document text is plain Unicode: it is cleaned by the writers' shared
rule, checked against the embedded fonts *before* anything is laid out, and
escaped before it reaches reportlab's paragraph markup, so content can never
become markup.
"""

from __future__ import annotations

import io
from functools import partial
from typing import BinaryIO

from reportlab.platypus import Spacer

from ...document.model import Document
from .. import RenderOptions, WriteResult, register
from ..common import DOCUMENT_DETAILS, TextGuard
from ..coverage import fallbacks_for
from .furniture import Furniture
from .kit import kit_for
from .layout import BriefDocTemplate
from .markup import Markup
from .scripts import ScriptSetter
from .story import StoryBuilder


def render_pdf_bytes(document: Document, options: RenderOptions) -> tuple[bytes, WriteResult]:
    """Render ``document`` as PDF; return the bytes, the page count and the warnings (the live preview uses this)."""
    kit = kit_for(options.style)
    guard = TextGuard()
    scripts = ScriptSetter(fallbacks_for(options.style), document.meta.language)
    markup = Markup(kit, guard, scripts)
    furniture = Furniture.create(document.meta, kit, markup)
    builder = StoryBuilder(document, kit, markup, furniture.frame_width, furniture.frame().height)
    story = builder.build() or [Spacer(0, 0)]  # an empty document is still one page with its markings
    buffer = io.BytesIO()
    clean = partial(guard.clean, where=DOCUMENT_DETAILS)
    template = BriefDocTemplate(buffer, document.meta, furniture, clean, outline=builder.has_outline, invariant=options.invariant)
    pages = template.render(story)
    return buffer.getvalue(), WriteResult(pages=pages, warnings=(*guard.warnings(), *scripts.warnings))


class PdfWriter:
    """Writes a document as a PDF with embedded fonts, bookmarks and page furniture."""

    format = "pdf"
    suffix = ".pdf"

    def write(self, document: Document, stream: BinaryIO, options: RenderOptions) -> WriteResult:
        """Write the PDF/A-2b file to ``stream``; report its page count (export.BuildResult judges the budget) and warnings."""
        data, result = render_pdf_bytes(document, options)
        stream.write(data)
        return result


register(PdfWriter())
