"""The reference document every .docx is built on: read once per version, checked, emptied and cut off from outside links."""

from __future__ import annotations

import io
import zipfile
from functools import lru_cache
from pathlib import Path
from typing import Any

import docx
from docx.document import Document as WordDocument
from docx.oxml.ns import qn
from lxml import etree

from ...errors import ExportError, StyleError

_R_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


@lru_cache(maxsize=4)
def _cached_bytes(path: str, mtime_ns: int, size: int) -> bytes:
    """The bytes of a reference document, read once per version of the file."""
    return Path(path).read_bytes()


def _reference_bytes(path: Path) -> bytes:
    """The bytes of the reference document at ``path``, or a StyleError saying what is wrong."""
    try:
        stat = path.stat()
        return _cached_bytes(str(path.resolve()), stat.st_mtime_ns, stat.st_size)
    except OSError as exc:
        raise StyleError(
            f"cannot read the reference .docx {path}: {exc.strerror}", hint="check the path, or leave it empty to use the bundled one"
        ) from None


_MACRO_TYPES = ("macroEnabled", "vbaProject")


def _reference_problem(path: Path, data: bytes) -> StyleError | None:
    """A clear error for a reference that is a template, carries macros, or is no Word file at all."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            names = package.namelist()
            types = package.read("[Content_Types].xml").decode("utf-8", "replace")
    except Exception:  # noqa: BLE001 - a damaged package can fail in zipfile, zlib or elsewhere: it is no Word file
        return StyleError(f"{path} is not a Word document", hint="choose a .docx file saved by Word or LibreOffice")
    if any(marker in types for marker in _MACRO_TYPES) or any(n.lower().endswith("vbaproject.bin") for n in names):
        return StyleError(f"{path} contains macros (a .docm)", hint="save it as a plain Word document (.docx) without macros")
    if "wordprocessingml.template" in types:
        return StyleError(f"{path} is a Word template (.dotx)", hint="open it in Word and save it as a Word document (.docx)")
    return None


def open_reference(path: Path) -> tuple[WordDocument, list[str]]:
    """A fresh document from the reference file, its body and outside links removed, and a warning per link removed."""
    data = _reference_bytes(path)
    problem = _reference_problem(path, data)
    if problem is not None:
        raise problem
    try:
        word = docx.Document(io.BytesIO(data))
        _touch_parts(word)
        _clear_body(word)
        removed = strip_external_relationships(word)
    except StyleError:
        raise
    except Exception as exc:  # noqa: BLE001 - any damage in the colleague's package (zip, XML, parts) is this one error
        raise StyleError(f"{path} is not a usable Word document: {exc}", hint="make one with scripts/make_reference_docx.py") from None
    warnings = [f"the reference document {path.name} linked to an outside resource ({target}); the link was removed" for target in removed]
    return word, warnings


def _touch_parts(word: WordDocument) -> None:
    """Load every part the writer uses, so a damaged one fails here, as the reference's error."""
    from .styling import named_styles

    word.settings.odd_and_even_pages_header_footer  # noqa: B018
    word.core_properties.title  # noqa: B018
    named_styles(word)
    for section in word.sections:
        section.header.is_linked_to_previous  # noqa: B018
        section.footer.is_linked_to_previous  # noqa: B018
    word.part.numbering_part.numbering_definitions  # noqa: B018


def _clear_body(word: WordDocument) -> None:
    """Remove everything from the body but the final section properties."""
    body = word.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def _relationship_sources(word: WordDocument) -> list[Any]:
    """The package and every part in it: everything that can hold relationships."""
    package = word.part.package
    return [package, *package.iter_parts()]


def strip_external_relationships(word: WordDocument) -> list[str]:
    """Drop every relationship that points outside the package, and the elements that use it; return their targets."""
    removed = []
    for source in _relationship_sources(word):
        for rid, rel in list(source.rels.items()):
            if rel.is_external:
                removed.append(str(rel.target_ref))
                _remove_references(source, rid)
                del source.rels[rid]
    return removed


def _remove_references(source: Any, rid: str) -> None:
    """Remove the elements of an XML part that use relationship ``rid`` (e.g. w:attachedTemplate)."""
    root = getattr(source, "element", None)
    if root is None:
        return
    users = [node for node in root.iter(etree.Element) if any(key.startswith(_R_NS) and value == rid for key, value in node.attrib.items())]
    for node in users:
        node.getparent().remove(node)


def check_no_external_relationships(word: WordDocument) -> None:
    """Raise ExportError if any part of the package still points at an outside resource."""
    for source in _relationship_sources(word):
        for rel in source.rels.values():
            if rel.is_external:
                raise ExportError(
                    f"the Word file would link to an outside resource ({rel.target_ref})",
                    hint="use a reference .docx without linked templates, images or hyperlinks",
                )
