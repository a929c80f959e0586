"""Parse the XML a template emits into the document model. The vocabulary is small and closed.

    <document>
      <h1>..</h1> <h2>..</h2> <h3>..</h3>
      <p role="body|lead|small|title|subtitle" portion="(OS)">text <em>..</em> <strong>..</strong></p>
      <ul><li>..</li></ul>   <ol><li>..</li></ol>
      <quotation item="N"/>                    (N: the item's index in the selection)
      <figures dates="true|false" caption=".."><figure item="N"/>...</figures>
      <note tone="note|warning|recommendation" title="..">text</note>
      <pagebreak/>  <contents title=".."/>  <sources title=".."/>
    </document>

Quotations and figures are built from the brief's data, never from text in the
template, so a template cannot turn reported speech into a direct quotation.
``portion`` (on ``<p>``, ``<li>`` and ``<note>``) puts that portion mark in a
leading run; quotations, figure rows and sources take their item's mark.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element

from defusedxml import ElementTree as SafeET
from defusedxml.common import DefusedXmlException

from ..document import model as dm
from ..errors import Location, TemplateError

_SPACE = re.compile(r"\s+")


class XmlBuilder:
    """Turns one rendered template (XML text) into blocks, using the template context for items."""

    def __init__(self, template_path: Path, source: str, items: list[dict[str, Any]], show_dates: bool):
        self.path = template_path
        self.source = source
        self.items = items
        self.show_dates = show_dates
        self._blocks: dict[str, Callable[[Element], dm.Block | tuple[dm.Block, ...]]] = {
            "h1": self._heading,
            "h2": self._heading,
            "h3": self._heading,
            "p": self._paragraph,
            "ul": self._list,
            "ol": self._list,
            "quotation": self._quotation,
            "figures": self._figures,
            "note": self._note,
            "pagebreak": lambda el: dm.PageBreak(),
            "contents": lambda el: dm.Contents(title=el.get("title", "Contents")),
            "sources": self._sources,
        }

    # -- errors -------------------------------------------------------------
    def _error(self, message: str, tag: str | None = None, hint: str | None = None) -> TemplateError:
        """An error located at the template line that writes ``<tag`` (best effort)."""
        line = None
        if tag:
            for number, text in enumerate(self.source.splitlines(), 1):
                if re.search(rf"<{re.escape(tag)}\b", text):
                    line = number
                    break
        return TemplateError(message, location=Location(str(self.path), line), hint=hint)

    # -- entry point ----------------------------------------------------------
    def build(self, xml: str) -> tuple[dm.Block, ...]:
        try:
            root = SafeET.fromstring(xml)
        except SafeET.ParseError as exc:
            line, _ = exc.position
            raise TemplateError(
                f"template produced invalid XML at output line {line}: {exc.msg if hasattr(exc, 'msg') else exc}",
                location=Location(str(self.path)),
                hint="check that every tag the template writes is closed",
            ) from None
        except DefusedXmlException as exc:
            raise TemplateError(f"template output uses a forbidden XML feature: {exc}", location=Location(str(self.path))) from None
        if root.tag != "document":
            raise self._error(f"the template's root element must be <document>, not <{root.tag}>", root.tag)
        if (root.text or "").strip():
            raise self._error("text outside any block", None, "wrap text in <p>...</p>")
        blocks: list[dm.Block] = []
        for element in root:
            handler = self._blocks.get(element.tag)
            if handler is None:
                raise self._error(f"unknown block <{element.tag}>", element.tag, "use one of: " + ", ".join(f"<{t}>" for t in self._blocks))
            made = handler(element)
            blocks.extend(made if isinstance(made, tuple) else (made,))
            if (element.tail or "").strip():
                raise self._error(f"text after </{element.tag}> outside any block", element.tag, "wrap text in <p>...</p>")
        return tuple(blocks)

    # -- inline -------------------------------------------------------------
    def _runs(self, element: Element, emphasis: bool = False, strong: bool = False) -> list[dm.Run]:
        runs: list[dm.Run] = []
        if element.text:
            runs.append(dm.Run(element.text, emphasis, strong))
        for child in element:
            if child.tag == "em":
                runs.extend(self._runs(child, True, strong))
            elif child.tag == "strong":
                runs.extend(self._runs(child, emphasis, True))
            else:
                raise self._error(f"<{child.tag}> is not allowed inside <{element.tag}>", child.tag, "inline markup is <em> and <strong>")
            if child.tail:
                runs.append(dm.Run(child.tail, emphasis, strong))
        return runs

    def _marked(self, element: Element) -> dm.Inline:
        """The element's runs, after a leading run with its portion mark (``portion="(OS)"``) when it has one."""
        runs = self._inline(element)
        mark = " ".join(element.get("portion", "").split())
        return (dm.Run(mark + " "), *runs) if mark and runs else runs

    def _inline(self, element: Element) -> dm.Inline:
        """Runs with whitespace collapsed as in HTML, empty runs dropped, neighbours merged."""
        merged: list[dm.Run] = []
        for run in self._runs(element):
            text = _SPACE.sub(" ", run.text)
            if merged and (merged[-1].emphasis, merged[-1].strong) == (run.emphasis, run.strong):
                merged[-1] = dm.Run(merged[-1].text + text, run.emphasis, run.strong)
            elif text:
                merged.append(dm.Run(text, run.emphasis, run.strong))
        if merged:
            merged[0] = dm.Run(merged[0].text.lstrip(), merged[0].emphasis, merged[0].strong)
            merged[-1] = dm.Run(merged[-1].text.rstrip(), merged[-1].emphasis, merged[-1].strong)
        return tuple(run for run in merged if run.text)

    # -- blocks -------------------------------------------------------------
    def _heading(self, el: Element) -> dm.Heading:
        return dm.Heading(level=int(el.tag[1]), runs=self._inline(el))

    def _paragraph(self, el: Element) -> dm.Paragraph:
        role = el.get("role", "body")
        if role not in ("body", "lead", "small", "title", "subtitle"):
            raise self._error(f"unknown paragraph role {role!r}", "p", "use body, lead, small, title or subtitle")
        return dm.Paragraph(runs=self._marked(el), role=role, lang=el.get("lang", ""))  # type: ignore[arg-type]

    def _list(self, el: Element) -> dm.ListBlock:
        items = []
        for child in el:
            if child.tag != "li":
                raise self._error(f"<{child.tag}> is not allowed inside <{el.tag}>", child.tag, "a list holds <li> items")
            items.append(self._marked(child))
        return dm.ListBlock(ordered=el.tag == "ol", items=tuple(items), lang=el.get("lang", ""))

    def _entry(self, el: Element, kind: str) -> dict[str, Any]:
        raw = el.get("item", "")
        try:
            item = self.items[int(raw)]
        except (ValueError, IndexError):
            raise self._error(f"<{el.tag} item={raw!r}> does not name a chosen item", el.tag, 'use item="{{ q.index }}"') from None
        if item["kind"] != kind:
            raise self._error(f"<{el.tag}> names a {item['kind']}, not a {kind}", el.tag)
        return item

    def _quotation(self, el: Element) -> dm.Quotation:
        q = self._entry(el, "quotation")
        return dm.Quotation(
            kind=q["quote_kind"],
            text=q.get("text", ""),
            speaker=q.get("speaker", ""),
            attribution=q.get("attribution", ""),
            role=q.get("role") or "",
            occasion=q.get("occasion") or "",
            date=q.get("date") or "",
            verb=q.get("verb") or "said that",
            ref=q["ref"],
            note=q["note"] if el.get("note", "true") != "false" else "",
            portion=q.get("portion", ""),
            lang=q.get("lang") or "",
        )

    def _figures(self, el: Element) -> dm.FiguresTable:
        rows = []
        for child in el:
            if child.tag != "figure":
                raise self._error(f"<{child.tag}> is not allowed inside <figures>", child.tag, 'a figures table holds <figure item="N"/>')
            f = self._entry(child, "figure")
            rows.append(
                dm.FigureRow(
                    label=_marked_text(f, f.get("label", "")),
                    display=f.get("display", ""),
                    unit=f.get("unit", ""),
                    as_of=f.get("when", ""),
                    ref=f["ref"],
                    note=f["note"],
                    lang=f.get("lang") or "",
                )
            )
        dates = el.get("dates")
        show = self.show_dates if dates is None else dates == "true"
        return dm.FiguresTable(rows=tuple(rows), show_dates=show, caption=el.get("caption", ""))

    def _note(self, el: Element) -> dm.Note:
        tone = el.get("tone", "note")
        if tone not in ("note", "warning", "recommendation"):
            raise self._error(f"unknown note tone {tone!r}", "note", "use note, warning or recommendation")
        return dm.Note(runs=self._marked(el), title=el.get("title", ""), tone=tone)  # type: ignore[arg-type]

    def _sources(self, el: Element) -> dm.SourcesList | tuple[dm.SourcesList, ...]:
        """The sources list, naming each document once: one list under the title, or one part per document.

        When every item comes from one document, it is named once above the
        list. Otherwise each document heads its own part, with each item's
        place in it; our own lines come last, in a part of their own.
        """
        title = el.get("title", "Sources")
        origins = {i["origin"] for i in self.items}
        common = len(origins) == 1 and next(iter(origins))
        if common or not self.items:
            entries = tuple(
                dm.SourceEntry(
                    number=i["ref"],
                    item=_marked_text(i, _source_label(i)),
                    citation=(i["locator"] if common and i["locator"] else i["citation"]),
                )
                for i in self.items
            )
            return dm.SourcesList(entries=entries, title=title, note=f"All items are from {common}." if common and entries else "")
        parts: dict[str, list[dict[str, Any]]] = {}
        for item in sorted(self.items, key=lambda i: 2 if i["kind"] == "line" else 0 if i["origin"] else 1):
            parts.setdefault(_part_note(item), []).append(item)
        return tuple(
            dm.SourcesList(
                entries=tuple(
                    dm.SourceEntry(number=i["ref"], item=_marked_text(i, _source_label(i)), citation=i["place"]) for i in members
                ),
                title=title if index == 0 else "",
                note=note,
            )
            for index, (note, members) in enumerate(parts.items())
        )


def _part_note(item: dict[str, Any]) -> str:
    """The line heading an item's part of the sources list: its document, or that it has none."""
    if item["kind"] == "line":
        return "Our own lines (no source document):"
    return f"From {item['origin']}:" if item["origin"] else "Source not recorded:"


def _source_label(item: dict[str, Any]) -> str:
    if item["kind"] == "person":
        return str(item.get("display_name") or item["id"])
    if item["kind"] == "line":
        return f"If asked: {item.get('question') or ''}" if item.get("subkind") == "if-asked" else "Line to take"
    if item["kind"] == "quotation":
        return f"{item.get('attribution', '')} ({'direct quotation' if item['quote_kind'] == 'direct' else 'reported statement'})"
    return str(item.get("label") or item.get("title") or item.get("name") or item["id"])


def _marked_text(item: dict[str, Any], text: str) -> str:
    """``text`` after the item's portion mark, when it has one."""
    mark = item.get("portion", "")
    return f"{mark} {text}" if mark and text else text
