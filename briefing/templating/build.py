"""Build a brief's document: its template rendered (in-process or isolated), read back into the document model."""

from __future__ import annotations

from ..brief.model import Brief
from ..content.library import Library
from ..content.present import STALE_MONTHS
from ..document import model as dm
from ..style import load_markings
from .context import Cleaner, build_context
from .registry import Template, get_template
from .sandbox import render_xml_inprocess
from .xml_reader import XmlBuilder


def render_xml(template: Template, context: dict) -> str:
    """Render ``template`` to XML: bundled templates in-process, the officer's own in a limited child process."""
    if template.user:
        from .isolate import render_isolated

        return render_isolated(template, context)
    return render_xml_inprocess(template, context)


def build_document(
    brief: Brief, library: Library | None, template_id: str | None = None, *, stale_months: int = STALE_MONTHS
) -> dm.Document:
    """The document for ``brief`` through its template (or ``template_id``); figures older than ``stale_months`` say so."""
    template = get_template(template_id or brief.template)
    scheme = load_markings().get(brief.meta.scheme)
    cleaner = Cleaner()
    context = build_context(brief, library, scheme, template.info.page_budget, cleaner, stale_months=stale_months)
    xml = render_xml(template, context)
    source = template.path.read_text(encoding="utf-8")
    blocks = XmlBuilder(template.path, source, context["items"], template.info.show_dates).build(xml)
    info = context["brief"]  # the brief's details, already cleaned
    level = scheme.level(info["marking"])
    keywords = tuple(dict.fromkeys(t for item in context["items"] for t in item.get("tags") or () if isinstance(t, str)))
    metadata = dm.Metadata(
        title=info["title"],
        subject=info["occasion"],
        author=info["drafter"],
        keywords=keywords,
        reference=info["reference"],
        date=info["date"],
        recipient=info["recipient"],
        marking=level.banner,
        marking_colour=level.colour,
        caveat=info["caveat"],
        language=info["language"] or "en-GB",
        template_id=template.id,
        page_budget=template.info.page_budget,
    )
    return dm.Document(meta=metadata, blocks=blocks, warnings=tuple(cleaner.warnings()))
