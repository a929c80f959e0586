"""The check before export: what an officer should see before a brief leaves the desk.

Stale figures, empty sections, a note over its page budget, items changed or
missing in the library, and characters a format cannot show. The CLI prints
each as a warning (``briefing build --strict`` fails on any); the app's export
dialog lists the same findings.
"""

from __future__ import annotations

from dataclasses import dataclass

from .brief.model import Brief, Status, status_of
from .content.library import Library
from .content.present import STALE_MONTHS, item_title
from .document.model import Document
from .errors import RenderError
from .export import BuildResult
from .templating.meeting import stale_rule, written
from .wording import counted

SECTIONS = ("purpose", "background", "recommendation")


@dataclass(frozen=True)
class Finding:
    """One thing to look at before export: its kind and a sentence saying what and where."""

    kind: str  # stale, empty, budget, library, characters
    message: str

    def __str__(self) -> str:
        return self.message


def stale_figures(brief: Brief, months: int = STALE_MONTHS) -> list[Finding]:
    """Every chosen figure more than ``months`` older than the brief's date."""
    rule = stale_rule(brief, months)
    return [Finding("stale", stale_message(entry.snapshot, entry.ref, months)) for entry in brief.items if rule.stale(entry.snapshot)]


def stale_message(snapshot: dict, ref: str, months: int) -> str:
    """What is stale: a figure by its as-of date, one of our lines by its last review."""
    title = item_title(snapshot)
    if snapshot.get("item_kind") == "line":
        when = f"was last reviewed {written(snapshot.get('last_reviewed'))}"
        return f"stale line: {title} {when}, more than {counted(months, 'month')} before the brief's date ({ref})"
    return f"stale figure: {title} is as of {written(snapshot.get('as_of'))}, more than {counted(months, 'month')} before the brief's date ({ref})"


def empty_sections(brief: Brief) -> list[Finding]:
    """The officer's sections that have no text yet."""
    return [
        Finding("empty", f"empty section: the {name} has no text") for name in SECTIONS if not getattr(brief.sections, name).text.strip()
    ]


def library_changes(brief: Brief, library: Library | None) -> list[Finding]:
    """Chosen items that changed in the library since they were chosen, or are gone from it."""
    if library is None:
        return []
    findings = []
    for entry in brief.items:
        status = status_of(entry, library)
        if status is not Status.OK:
            action = "refresh it or remove it" if status is Status.CHANGED else "it is built from the copy in the brief"
            findings.append(Finding("library", f"{status.value}: {entry.ref} ({action})"))
    return findings


def over_budget(pages: int | None, budget: int | None) -> list[Finding]:
    """A finding when the note has more pages than its template allows."""
    if pages is None or budget is None or pages <= budget:
        return []
    return [Finding("budget", f"over the page budget: {pages} pages for a {budget}-page budget")]


def unshowable(document: Document, formats: list[str]) -> tuple[list[Finding], int | None]:
    """Characters the PDF fonts cannot show, and the page count (None when the PDF cannot be made)."""
    from .export import options_for, render_bytes

    try:
        _, written_pdf = render_bytes(document, "pdf", options_for())
    except RenderError as exc:
        if "cannot show" not in str(exc):
            raise
        scope = "the PDF" if "pdf" in formats else "the page count (a PDF)"
        return [Finding("characters", f"{scope} cannot be made: {exc}")], None
    return boxed(written_pdf.warnings), written_pdf.pages


def boxed(warnings) -> list[Finding]:
    """The writers' warnings about characters no font can show (drawn as a box), as findings."""
    return [Finding("characters", str(w)) for w in warnings if "drawn as a box" in str(w) or "cannot show" in str(w)]


def check_brief(
    brief: Brief,
    library: Library | None,
    *,
    template_id: str | None = None,
    formats: list[str] | None = None,
    months: int = STALE_MONTHS,
    built: BuildResult | None = None,
) -> list[Finding]:
    """Every finding for ``brief`` built with its template (or ``template_id``) in ``formats``.

    Before export the PDF is made in memory for its page count; after one, pass
    what it ``built`` and its page count (or why there is none) is used instead.
    """
    if built is not None:
        why = built.pages_unknown
        characters = boxed(built.warnings) + ([Finding("characters", f"the page count (a PDF) cannot be made: {why}")] if why else [])
        return [*stale_figures(brief, months), *empty_sections(brief), *over_budget(built.pages, built.page_budget),
                *library_changes(brief, library), *characters]  # fmt: skip
    from .templating.build import build_document

    document = build_document(brief, library, template_id, stale_months=months)
    characters, pages = unshowable(document, formats or ["pdf"])
    return [
        *stale_figures(brief, months),
        *empty_sections(brief),
        *over_budget(pages, document.meta.page_budget),
        *library_changes(brief, library),
        *characters,
    ]
