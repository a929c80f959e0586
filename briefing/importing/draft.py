"""A draft content pack (format 2) from an import: every candidate as an item marked ``review: pending``, cited with its span."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ..content.pack_writer import schema_reference
from .extract import slug
from .model import Candidate, ImportResult

PLURAL = {"pillar": "pillars", "figure": "figures", "quotation": "quotations", "event": "events", "project": "projects"}
DEFAULT_STATUS = "announced"  # the status enum needs a value; a source that names no status gets this, with a comment
DEFAULT_KIND = "article"  # likewise the source kind, when the document does not name it


def citation(result: ImportResult, c: Candidate, doc_id: str = "main") -> CommentedMap:
    """``{doc, paragraph|page, span}``: a PDF is cited by page, the span counted in the page's text."""
    doc = result.document
    cite = CommentedMap(doc=doc_id)
    if doc.cites_pages():
        offset = doc.page_offset(c.paragraph)
        cite["page"] = doc.paragraph(c.paragraph).page
        cite["span"] = _flow([c.span[0] + offset, c.span[1] + offset])
    else:
        cite["paragraph"] = c.paragraph
        cite["span"] = _flow(list(c.span))
    if c.note:
        cite["note"] = c.note
    cite.fa.set_flow_style()
    return cite


def _flow(values: list[int]) -> CommentedSeq:
    seq = CommentedSeq(values)
    seq.fa.set_flow_style()
    return seq


def source_entry(result: ImportResult, doc_id: str) -> CommentedMap:
    info, doc = result.document.info, result.document
    source = CommentedMap(id=doc_id, title=info.title or doc.path.name)
    for key in ("author", "author_role", "publication", "date"):
        if getattr(info, key):
            source[key] = getattr(info, key)
    source["url"] = info.url or doc.path.resolve().as_uri()  # the file itself, so the app can show an item's words in place
    source["kind"] = info.kind or DEFAULT_KIND
    if not info.kind:
        source.yaml_add_eol_comment("the document does not say its kind: check it", "kind")
    source["paragraphing"] = info.paragraphing
    return source


def item_entry(result: ImportResult, c: Candidate, *, reviewed: bool = False, doc_id: str = "main") -> CommentedMap:
    f = c.fields
    item = CommentedMap(id=c.id)
    if c.kind == "pillar":
        item.update(title=f["title"], summary=f["summary"], key_messages=list(f["key_messages"]))
    elif c.kind == "figure":
        item.update(label=f["label"], value=f["value"], display=f["display"], unit=f["unit"] or f["display"], qualifier=f["qualifier"])
        for key in ("as_of", "period"):
            if f.get(key):
                item[key] = f[key]
    elif c.kind == "quotation":
        item.update(speaker=f["speaker"], speaker_title=f["speaker_title"], role=f["role"] or f["speaker"], kind=f["quote_kind"])
        if f["verb"]:
            item["verb"] = f["verb"]
        item.update(text=c.text, occasion=f["occasion"] or result.document.path.name)
        if f.get("date"):
            item["date"] = f["date"]
    elif c.kind == "event":
        item.update(kind=f["event_kind"], title=f["title"], summary=f["summary"])
        for key in ("date", "end_date", "place"):
            if f.get(key):
                item[key] = f[key]
        item["participants"] = list(f["participants"])
    else:
        item.update(name=f["name"], summary=f["summary"], status=f["status"] or DEFAULT_STATUS)
        if not f["status"]:
            item.yaml_add_eol_comment("the source gives no status: check it", "status")
    if c.kind != "pillar":
        item["pillar"] = c.pillar
    item["source"] = citation(result, c, doc_id)
    if not reviewed:
        item["review"] = "pending"
    return item


def draft_pack(
    result: ImportResult,
    pack_id: str | None = None,
    kinds: set[str] | None = None,
    *,
    candidates: list[Candidate] | None = None,
    reviewed: frozenset[str] = frozenset(),
    title: str | None = None,
    target: Path | None = None,
) -> CommentedMap:
    """The pack as a ruamel mapping, naming its JSON Schema as a pack written to ``target`` (else the current folder) can find it.

    ``candidates`` (default: all of the result's) are the items; ``kinds`` limits them
    (pillars always stay). Items whose id is in ``reviewed`` were edited by the officer
    and lose their ``review: pending`` mark.
    """
    info = result.document.info
    schema = schema_reference(target if target is not None else Path.cwd() / "draft.yaml")
    chosen_all = result.candidates if candidates is None else candidates
    pack = CommentedMap(format=2, pack=pack_id or slug(info.title or result.document.path.stem, 6))
    pack["title"] = title or info.title or result.document.path.stem
    pack["sources"] = [source_entry(result, "main")]
    for kind, plural in PLURAL.items():
        chosen = [c for c in chosen_all if c.kind == kind and (kinds is None or kind == "pillar" or kind in kinds)]
        if chosen:
            pack[plural] = [item_entry(result, c, reviewed=c.id in reviewed) for c in chosen]
    missing = [k for k in ("title", "author", "date", "kind") if not getattr(info, k)]
    note = f"\nThe document does not say its {', '.join(missing)}: add them to the source if you know them." if missing else ""
    pack.yaml_set_start_comment(
        f"yaml-language-server: $schema={schema}\n\nDraft drawn by `briefing import` from {result.document.path.name}. Every item is the source's own words at its\n"
        f"span; items marked `review: pending` still need titles, labels and summaries in our words.{note}"
    )
    return pack


def plain(pack: Any) -> Any:
    """The draft as plain dicts and lists (for JSON and tests)."""
    if isinstance(pack, dict):
        return {k: plain(v) for k, v in pack.items()}
    if isinstance(pack, list):
        return [plain(v) for v in pack]
    return pack
