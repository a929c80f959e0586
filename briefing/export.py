"""The one export function: brief, template and format in, file out. The CLI, the GUI and the tests call it."""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .atomic import atomic_open
from .brief.model import Brief
from .content.library import Library
from .document.model import Document
from .errors import ExportError, RenderError
from .style import HouseStyle, load_house_style
from .templating.build import build_document
from .writers import RenderOptions, WriteResult, get_writer


@dataclass
class BuildResult:
    """What a build made: the files, the page count and whether it fits the template's budget."""

    outputs: list[Path] = field(default_factory=list)
    pages: int | None = None
    page_budget: int | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def fits(self) -> bool | None:
        """True or False against the template's page budget; None when it has none."""
        if self.page_budget is None or self.pages is None:
            return None
        return self.pages <= self.page_budget

    def budget_text(self) -> str:
        """``2 pages: over the 1-page budget``, ``1 page: within the 1-page budget`` or ``3 pages``."""
        if self.pages is None:
            return "page count unknown"
        count = f"{self.pages} page{'s' if self.pages != 1 else ''}"
        if self.page_budget is None:
            return count
        verdict = "within" if self.fits else "over"
        return f"{count}: {verdict} the {self.page_budget}-page budget"


def options_for(style: HouseStyle | None = None, invariant: bool = False, reference_docx: str | None = None) -> RenderOptions:
    return RenderOptions(style=style or load_house_style(), invariant=invariant, reference_docx=reference_docx)


def write_document(document: Document, fmt: str, target: Path, options: RenderOptions) -> WriteResult:
    """Write ``document`` as ``fmt`` to ``target`` atomically: on failure the old file is untouched."""
    writer = get_writer(fmt)
    with atomic_open(target, error=ExportError) as stream:
        return writer.write(document, stream, options)


def render_bytes(document: Document, fmt: str, options: RenderOptions) -> tuple[bytes, WriteResult]:
    """Render to memory: the preview and the page count use this."""
    buffer = io.BytesIO()
    result = get_writer(fmt).write(document, buffer, options)
    return buffer.getvalue(), result


def export_brief(
    brief: Brief,
    library: Library | None,
    formats: Iterable[str],
    output: Path,
    *,
    template_id: str | None = None,
    options: RenderOptions | None = None,
    count_pages: bool = False,
) -> BuildResult:
    """Build ``brief`` in each format. ``output`` is a file path; other formats get its stem with their suffix.

    A PDF build always knows its page count. Without a PDF, the count costs a
    PDF render, so it is made only when ``count_pages`` asks for it.
    """
    options = options or options_for()
    document = build_document(brief, library, template_id)
    formats = list(dict.fromkeys(formats))
    result = BuildResult(page_budget=document.meta.page_budget, warnings=list(document.warnings))
    for fmt in formats:
        writer = get_writer(fmt)
        target = output if output.suffix.lower() == writer.suffix else output.with_suffix(writer.suffix)
        written = write_document(document, fmt, target, options)
        result.outputs.append(target)
        result.warnings.extend(warning for warning in written.warnings if warning not in result.warnings)  # PDF and Word say alike
        if written.pages is not None:
            result.pages = written.pages
    if "pdf" not in formats and count_pages:
        try:
            _, counted = render_bytes(document, "pdf", options)
            result.pages = counted.pages
        except RenderError as exc:  # Word shows what the PDF fonts cannot; only the page count is lost
            result.warnings.append(f"page count unknown: {exc}")
    return result


def preview_pdf(brief: Brief, library: Library | None, options: RenderOptions | None = None) -> tuple[bytes, BuildResult]:
    """The real PDF of ``brief``, in memory, with its page count: what the app's preview shows."""
    options = options or options_for()
    document = build_document(brief, library)
    data, written = render_bytes(document, "pdf", options)
    return data, BuildResult(pages=written.pages, page_budget=document.meta.page_budget, warnings=[*document.warnings, *written.warnings])
