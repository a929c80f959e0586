"""Read a source file into numbered paragraphs: dispatch by suffix, and turn any reader failure into a SourceError."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..errors import SourceError, located
from .model import SourceDocument, SourceInfo
from .paragraphs import HEADER_RULE, blocks, decode_text, header_and_body, number

MAX_BYTES = 50 * 1024 * 1024
SUFFIXES = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".docx": "docx", ".pdf": "pdf", ".html": "html", ".htm": "html"}


def read_source(path: str | Path) -> SourceDocument:
    """Read ``path`` by its suffix. Every failure is a :class:`SourceError` naming the file."""
    path = Path(path)
    kind = SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise SourceError(
            f"cannot import {path.suffix or 'files without a suffix'}",
            location=located(path),
            hint="import a .txt, .md, .docx, .pdf or .html file",
        )
    data = _read_bytes(path)
    reader = _reader(kind)
    try:
        document = reader(path, data)
    except SourceError:
        raise
    except (MemoryError, RecursionError):
        raise SourceError("the file is too complex to read", location=located(path), hint="save it in a simpler form") from None
    except Exception as exc:  # noqa: BLE001 - a third-party reader may raise anything on a damaged file
        raise SourceError(
            f"cannot read this {kind} file: {type(exc).__name__}: {exc}"[:300],
            location=located(path),
            hint=f"check that it opens in another program, or save it again as {kind}",
        ) from None
    if not document.paragraphs:
        raise SourceError("the file has no text to import", location=located(path), hint="a scanned PDF needs OCR first")
    return document


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise SourceError(f"the file is {size // 1_000_000} MB", location=located(path), hint="import files under 50 MB")
        return path.read_bytes()
    except OSError as exc:
        raise SourceError(f"cannot open: {exc.strerror or exc}", location=located(path), hint="check the path and permissions") from None


def _reader(kind: str) -> Callable[[Path, bytes], SourceDocument]:
    """The reader for ``kind``; imported here so the others' libraries load only when needed."""
    if kind == "txt":
        return read_text
    if kind == "md":
        from .read_markdown import read_markdown

        return read_markdown
    if kind == "docx":
        from .read_docx import read_docx

        return read_docx
    if kind == "pdf":
        from .read_pdf import read_pdf

        return read_pdf
    from .read_html import read_html

    return read_html


def read_text(path: Path, data: bytes) -> SourceDocument:
    """A plain-text source: blocks between blank lines, after the header blocks."""
    info = SourceInfo(paragraphing=f"Blocks between blank lines, lines joined by one space. {HEADER_RULE}")
    body = header_and_body(blocks(decode_text(path, data)), info)
    return SourceDocument(path, "txt", info, number(body))
