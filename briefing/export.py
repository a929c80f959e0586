"""The one export function: brief, template and format in, file out. The CLI, the GUI and the tests call it."""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from .atomic import StagedFiles
from .brief.clearance import watermark_text
from .brief.model import Brief
from .content.library import Library
from .content.present import STALE_MONTHS
from .document.model import Document
from .errors import BriefingError, ExportError, RenderError
from .levels.release import Release, log_path, releasable
from .style import HouseStyle, load_house_style, load_markings
from .templating.build import build_document
from .writers import RenderOptions, WriteResult, get_writer


@dataclass
class BuildResult:
    """What a build made: the files, the page count and whether it fits the template's budget."""

    outputs: list[Path] = field(default_factory=list)
    pages: int | None = None
    page_budget: int | None = None
    warnings: list[str] = field(default_factory=list)
    release: Release | None = None  # set for a releasable version
    release_log: Path | None = None
    pages_unknown: str = ""  # why the page count could not be made, said once in budget_text()

    @property
    def fits(self) -> bool | None:
        """True or False against the template's page budget; None when it has none."""
        if self.page_budget is None or self.pages is None:
            return None
        return self.pages <= self.page_budget

    def budget_text(self) -> str:
        """``2 pages: over the 1-page budget``, ``1 page: within the 1-page budget`` or ``3 pages``."""
        if self.pages is None:
            return f"page count unknown: {self.pages_unknown}" if self.pages_unknown else "page count unknown"
        count = f"{self.pages} page{'s' if self.pages != 1 else ''}"
        if self.page_budget is None:
            return count
        verdict = "within" if self.fits else "over"
        return f"{count}: {verdict} the {self.page_budget}-page budget"


def options_for(style: HouseStyle | None = None, invariant: bool = False, reference_docx: str | None = None) -> RenderOptions:
    return RenderOptions(style=style or load_house_style(), invariant=invariant, reference_docx=reference_docx)


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
    release_at: str | None = None,
    stale_months: int = STALE_MONTHS,
) -> BuildResult:
    """Build ``brief`` in each format. ``output`` is a file path; other formats get its stem with their suffix.

    A PDF build always knows its page count. Without a PDF, the count costs a
    PDF render, so it is made only when ``count_pages`` asks for it.
    With ``release_at``, the releasable version at that level is built, and its
    removal log is written beside ``output`` (see :mod:`briefing.levels.release`).
    A figure older than ``stale_months`` before the brief's date says so.
    """
    options = options or options_for()
    document, release = _document(brief, library, template_id, release_at, stale_months)
    formats = list(dict.fromkeys(formats))
    result = BuildResult(page_budget=document.meta.page_budget, warnings=list(document.warnings), release=release)
    staged = StagedFiles(ExportError)  # every format written first, then all replace their targets, or none does
    try:
        for fmt in formats:
            writer = get_writer(fmt)
            target = output if output.suffix.lower() == writer.suffix else output.with_suffix(writer.suffix)
            try:
                with staged.stage(target) as stream:
                    written = writer.write(document, stream, options)
            except BriefingError as exc:
                _say_nothing_was_replaced(exc, staged.targets)
                raise
            result.outputs.append(target)
            result.warnings.extend(warning for warning in written.warnings if warning not in result.warnings)  # PDF and Word say alike
            if written.pages is not None:
                result.pages = written.pages
        if release is not None:  # the removal log goes with the files, or not at all
            result.release_log = log_path(output, release.level)
            with staged.stage(result.release_log) as stream:
                stream.write(release.log_text().encode("utf-8"))
        staged.commit()
    finally:
        staged.discard()
    if "pdf" not in formats and count_pages:
        try:
            _, counted = render_bytes(document, "pdf", options)
            result.pages = counted.pages
        except RenderError as exc:  # Word shows what the PDF fonts cannot; only the page count is lost
            result.pages_unknown = str(exc)
    return result


def _say_nothing_was_replaced(exc: BriefingError, kept: list[Path]) -> None:
    """Add to a failed format's error that the other formats' files were left as they were."""
    if kept:
        names = " and ".join(path.name for path in kept)
        exc.message += f"; nothing was written, so {names} {'is' if len(kept) == 1 else 'are'} as before"


def version_to_build(brief: Brief, library: Library | None, release_at: str | None) -> tuple[Brief, Library | None, Release | None]:
    """The brief and library a build reads: ``brief`` itself, or its releasable version at ``release_at`` and what that withholds."""
    if not release_at:
        return brief, library, None
    release = releasable(brief, load_markings().get(brief.meta.scheme), release_at)
    return release.brief, release.library(library), release


def _document(
    brief: Brief, library: Library | None, template_id: str | None, release_at: str | None, stale_months: int = STALE_MONTHS
) -> tuple[Document, Release | None]:
    """The document for ``brief`` (or its releasable version at ``release_at``), with DRAFT across it until it is cleared."""
    watermark = watermark_text(brief)  # the full brief's state: a releasable version is no more cleared than its brief
    brief, library, release = version_to_build(brief, library, release_at)
    document = build_document(brief, library, template_id, stale_months=stale_months)
    return replace(document, meta=replace(document.meta, watermark=watermark)), release


def preview_pdf(
    brief: Brief,
    library: Library | None,
    options: RenderOptions | None = None,
    release_at: str | None = None,
    stale_months: int = STALE_MONTHS,
) -> tuple[bytes, BuildResult]:
    """The real PDF of ``brief`` (or of its releasable version), in memory, with its page count: what the app's preview shows."""
    options = options or options_for()
    document, release = _document(brief, library, None, release_at, stale_months)
    data, written = render_bytes(document, "pdf", options)
    return data, BuildResult(
        pages=written.pages, page_budget=document.meta.page_budget, warnings=[*document.warnings, *written.warnings], release=release
    )
