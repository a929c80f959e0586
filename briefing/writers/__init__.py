"""Writers turn a :class:`~briefing.document.model.Document` into a file format.

They sit in a registry keyed by format name, each imported only when its format
is asked for. Adding a format means one package that calls :func:`register` and
one line in :data:`BUILTIN`; its body is a :class:`~briefing.writers.visitor.NodeVisitor`,
and what every format must say alike is in :mod:`briefing.writers.common`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import BinaryIO, Protocol

from ..document.model import Document
from ..errors import ExportError
from ..style import HouseStyle


@dataclass(frozen=True)
class WriteResult:
    """What a writer reports: the page count where it knows it, and warnings for the user."""

    pages: int | None = None
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class RenderOptions:
    """Everything a writer needs besides the document itself."""

    style: HouseStyle
    invariant: bool = False  # deterministic output (fixed dates and ids) for tests
    reference_docx: str | None = None  # a path; None means the bundled reference.docx


class Writer(Protocol):
    """A format writer: ``write(document, stream, options)`` writes one file's bytes to ``stream``."""

    format: str
    suffix: str

    def write(self, document: Document, stream: BinaryIO, options: RenderOptions) -> WriteResult: ...


_REGISTRY: dict[str, Writer] = {}


def register(writer: Writer) -> Writer:
    """Add a writer to the registry under its ``format``."""
    _REGISTRY[writer.format] = writer
    return writer


BUILTIN: dict[str, str] = {
    "pdf": "briefing.writers.pdf",
    "docx": "briefing.writers.docx",
    "pdf-tagged": "briefing.writers.tagged_pdf",
}  # format -> module


def _load(fmt: str) -> None:
    """Import the built-in writer for ``fmt`` only: a PDF build never loads python-docx."""
    import importlib

    if fmt in BUILTIN and fmt not in _REGISTRY:
        importlib.import_module(BUILTIN[fmt])  # the module registers itself


def get_writer(fmt: str) -> Writer:
    """The writer for ``fmt`` ('pdf', 'docx'), or an ExportError naming the known formats."""
    _load(fmt)
    try:
        return _REGISTRY[fmt]
    except KeyError:
        raise ExportError(f"unknown format {fmt!r}", hint="use one of: " + ", ".join(formats())) from None


def formats() -> list[str]:
    """Every format there is a writer for."""
    for fmt in BUILTIN:
        _load(fmt)
    return sorted(_REGISTRY)
