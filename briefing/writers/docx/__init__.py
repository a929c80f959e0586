"""The Word writer: a :class:`~briefing.document.model.Document` becomes a .docx file.

The file is built on the reference document (``assets/reference.docx``, made by
``scripts/make_reference_docx.py``). Its named styles are restyled from the house
style at build time, so Word and PDF output of the same brief look alike: the look
lives in data, not here. Every piece of text passes through the writers' shared
:class:`~briefing.writers.common.TextGuard` before it reaches python-docx, and the
finished package may not point at anything outside itself.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from ... import paths
from ...document.model import Document
from .. import RenderOptions, WriteResult, register
from ..common import TextGuard
from .body import Body
from .furniture import Furniture
from .package import package_bytes, set_properties
from .reference import check_no_external_relationships, open_reference
from .scripts import WordScripts
from .styling import apply_house_style, named_styles, set_up_page


class DocxWriter:
    """Writes a document as a Word .docx built on the reference document."""

    format = "docx"
    suffix = ".docx"

    def write(self, document: Document, stream: BinaryIO, options: RenderOptions) -> WriteResult:
        """Build the .docx for ``document`` and write its bytes to ``stream``."""
        guard = TextGuard()
        reference = Path(options.reference_docx) if options.reference_docx else paths.reference_docx()
        word, reference_warnings = open_reference(reference)
        apply_house_style(word, options.style)
        set_up_page(word.sections[-1], options.style.page)
        styles = named_styles(word)
        scripts = WordScripts(options.style, document.meta.language)
        Furniture(word, document.meta, options.style, guard, {name: style.style_id for name, style in styles.items()}, scripts).write()
        Body(word, document, options.style, guard, styles, scripts).build()
        set_properties(word, document.meta, guard, options.invariant)
        check_no_external_relationships(word)
        stream.write(package_bytes(word, options.invariant))
        return WriteResult(pages=None, warnings=(*reference_warnings, *guard.warnings(), *scripts.warnings))


register(DocxWriter())
