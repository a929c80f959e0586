"""What a template sees: the brief and its chosen items as plain, read-only data."""

from __future__ import annotations

from typing import Any

from ..brief.model import Brief, Entry, status_of
from ..brief.snapshots import typed_snapshot
from ..content.library import Library
from ..content.model import MODELS
from ..content.present import STALE_MONTHS, citation, locator, origin_citation, person_name, speaker_name, unit_in_sentence
from ..document.text import clean_text, describe_removed
from ..levels.portions import PortionMarks, banner_level
from ..style import Scheme
from .meeting import meeting_details, stale_rule, written, written_period


def _paragraphs(text: str) -> list[str]:
    return [" ".join(block.split()) for block in text.replace("\r\n", "\n").split("\n\n") if block.strip()]


def _place(snap: dict[str, Any]) -> str:
    """Where in its document an item is; for our own line, who keeps it and when it was last reviewed."""
    if snap.get("item_kind") != "line":
        return locator(snap)
    parts = [str(snap["owner"])] if snap.get("owner") else []
    if snap.get("last_reviewed"):
        parts.append(f"last reviewed {written(snap['last_reviewed'])}")
    return ", ".join(parts)


def _section(text: str, clean: Cleaner, where: str) -> dict[str, Any]:
    """An officer's section: ``markdown`` (its lines cleaned one by one, for ``<markdown>``), ``text`` and ``paragraphs``."""
    source = "\n".join(clean(line, where) for line in text.replace("\r\n", "\n").split("\n"))
    return {"markdown": source, "text": " ".join(source.split()), "paragraphs": _paragraphs(source)}


def _item(entry: Entry, index: int, number: int, library: Library | None, stale=None) -> dict[str, Any]:
    snap = typed_snapshot(entry, index).model_dump(mode="json")  # every field of its kind, typed
    data: dict[str, Any] = {}
    data.update(
        (k, v)
        for k, v in snap.items()
        if k not in ("origin", "source", "kind", "item_kind", "id") and isinstance(v, (str, int, float, list, type(None)))
    )
    data.update(
        index=index,
        ref=number,
        id=entry.ref,
        kind=entry.kind,
        note=entry.note,
        citation=citation(snap, written),  # dates for people
        origin=origin_citation(snap, written),
        locator=locator(snap),
        place=_place(snap),
        status=status_of(entry, library).value if library is not None else "ok",
        pillar_id=f"{snap.get('pack', '')}/{snap.get('pillar', snap.get('id', ''))}",
    )
    if entry.kind == "quotation":
        data["quote_kind"] = "direct" if snap.get("kind") == "direct" else "reported"
        data["attribution"] = speaker_name(snap)
    elif "kind" in snap:
        data["subkind"] = snap["kind"]
    if entry.kind == "figure":
        data["when"] = written(snap.get("as_of"))  # a period ("daily", "2025-2029") is not an as-of date
        data["period"] = written_period(snap.get("period"))
        data["sentence_unit"] = unit_in_sentence(str(snap.get("label", "")), str(snap.get("unit", "")))
    dated = ("date", "end_date", "as_of", "last_reviewed") if entry.kind in ("person", "line") else ("date", "end_date")
    for key in dated:
        if data.get(key):
            data[key] = written(data[key])
    if entry.kind in ("figure", "line"):
        data["stale"] = bool(stale and stale.stale(snap))  # a figure by its as-of date, a line by its last review
    if entry.kind == "person":
        data["display_name"] = person_name(snap)
    return data


def _pillar_title(pillar_id: str, entries: list[Entry], library: Library | None) -> str:
    for entry in entries:
        if entry.kind == "pillar" and entry.ref == pillar_id:
            return str(entry.snapshot.get("title", pillar_id))
    item = library.get(pillar_id) if library is not None else None
    if item is not None:
        return item.title
    return pillar_id.rsplit("/", 1)[-1].replace("-", " ").capitalize()


class Cleaner:
    """Cleans every string for the template by the writers' shared rule, remembering what it removed where."""

    def __init__(self) -> None:
        self.removed: dict[str, list[str]] = {}

    def __call__(self, value: Any, where: str) -> Any:
        if isinstance(value, str):
            cleaned, removed = clean_text(value)
            if removed:
                self.removed.setdefault(where, []).extend(removed)
            return cleaned
        if isinstance(value, list):
            return [self(v, where) for v in value]
        if isinstance(value, dict):
            return {k: self(v, where) for k, v in value.items()}
        return value

    def warnings(self) -> list[str]:
        return [f"removed {describe_removed(chars)} from {where}" for where, chars in self.removed.items()]


_UNGROUPED = ("person", "line")  # people and our own lines have their own sections, not pillar groups


def _add_in_order(runs: list[dict[str, Any]], item: dict[str, Any]) -> None:
    """Items in the brief's order as runs of one kind: neighbouring figures share one table."""
    if runs and runs[-1]["kind"] == item["kind"]:
        runs[-1]["members"].append(item)
    else:
        runs.append({"kind": item["kind"], "members": [item]})


def _group_key(pillar_id: str, groups: dict[str, dict[str, Any]], listed: bool) -> str:
    """Grouped by pillar, every item of a pillar joins its one group; in the brief's order, only a run of neighbours does."""
    if not listed:
        return pillar_id
    last = next(reversed(groups), None)
    if last is not None and groups[last]["id"] == pillar_id:
        return last
    return f"{pillar_id}#{len(groups)}"


def _groups(items: list[dict[str, Any]], brief: Brief, library: Library | None) -> dict[str, dict[str, Any]]:
    """The items by pillar, in the order the brief first meets each pillar."""
    groups: dict[str, dict[str, Any]] = {}
    for item in items:
        if item["kind"] in _UNGROUPED:
            continue
        pid = item["id"] if item["kind"] == "pillar" else item["pillar_id"]
        key = _group_key(pid, groups, brief.order == "listed")
        group = groups.get(key)
        if group is None:
            group = groups[key] = {
                "id": pid,
                "title": _pillar_title(pid, brief.items, library),
                "pillar": None,
                "figures": [],
                "quotations": [],
                "events": [],
                "projects": [],
                "listed": [],
            }
        if item["kind"] == "pillar":
            group["pillar"] = item
        else:
            group[item["kind"] + "s"].append(item)
            _add_in_order(group["listed"], item)
    return groups


def _sections(brief: Brief, clean: Cleaner, marks: PortionMarks) -> dict[str, Any]:
    return {
        name: {**_section(section.text, clean, f"the {name}"), "portion": marks.section(section)}
        for name, section in (
            ("purpose", brief.sections.purpose),
            ("background", brief.sections.background),
            ("recommendation", brief.sections.recommendation),
        )
    }


def _details(brief: Brief, marking: str, portion: str, page_budget: int | None, clean: Cleaner) -> dict[str, Any]:
    meta = brief.meta
    details = {
        "title": meta.title,
        "occasion": meta.occasion,
        "recipient": meta.recipient,
        "drafter": meta.drafter,
        "reference": meta.reference,
        "marking": marking,
        "portion": portion,
        "caveat": meta.caveat,
        "language": meta.language,
        "page_budget": page_budget,
        **meeting_details(brief),
    }
    return clean(details, "the brief's details")


def build_context(
    brief: Brief,
    library: Library | None,
    scheme: Scheme,
    page_budget: int | None,
    cleaner: Cleaner | None = None,
    *,
    stale_months: int = STALE_MONTHS,
) -> dict[str, Any]:
    """The template context. Everything is plain, clean strings, numbers, lists and dicts."""
    clean = cleaner or Cleaner()
    rule = stale_rule(brief, stale_months)
    items = [clean(_item(entry, index, index + 1, library, rule), f"{entry.kind} {entry.ref}") for index, entry in enumerate(brief.items)]
    marks = PortionMarks(brief, scheme)
    for item, entry in zip(items, brief.items, strict=True):
        marks.mark_item(item, entry)
    by_kind: dict[str, list[dict[str, Any]]] = {kind: [] for kind in MODELS}
    for item in items:
        by_kind.setdefault(item["kind"], []).append(item)
    groups = _groups(items, brief, library)
    sections = _sections(brief, clean, marks)  # cleaned in this order: the warnings list what was removed in it
    details = _details(brief, banner_level(brief, scheme), marks.details(), page_budget, clean)
    marks.mark_attendees(details["attendees"])
    return {
        "brief": details,
        "sections": sections,
        "items": items,
        "pillars": clean(list(groups.values()), "a pillar title"),
        "figures": by_kind["figure"],
        "quotations": by_kind["quotation"],
        "events": by_kind["event"],
        "projects": by_kind["project"],
        "people": by_kind["person"],
        "lines_to_take": [line for line in by_kind["line"] if line.get("subkind") == "line-to-take"],
        "if_asked": [line for line in by_kind["line"] if line.get("subkind") == "if-asked"],
        "sources": [
            {
                "number": i["ref"],
                "item": i.get("display_name")
                or i.get("question")
                or i.get("title")
                or i.get("label")
                or i.get("name")
                or i.get("attribution", ""),
                "citation": i["citation"],
            }
            for i in items
        ],
    }
