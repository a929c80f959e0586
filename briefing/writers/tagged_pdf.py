"""The ``pdf-tagged`` format: an accessible, tagged PDF made from the Word output by LibreOffice headless.

The Word writer gives every heading, list and table its real Word style, so
LibreOffice's PDF export (``writer_pdf_Export`` with ``UseTaggedPDF`` and
``PDFUACompliance``) tags them as headings, lists and tables, with the
document language, title and reading order. The file is then made PDF/A-2b by
:func:`briefing.pdfa.make_pdfa_foreign`, like every PDF Briefing exports.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import BinaryIO

from ..document.model import Document
from ..errors import ExportError
from . import RenderOptions, WriteResult, get_writer, register

_TIMEOUT_S = 300
_FILTER_OPTIONS = {
    "UseTaggedPDF": {"type": "boolean", "value": "true"},
    "PDFUACompliance": {"type": "boolean", "value": "true"},
    "ExportBookmarks": {"type": "boolean", "value": "true"},
    "UseReferenceXObject": {"type": "boolean", "value": "false"},
}
INSTALL_HINT = "install LibreOffice (Debian and Ubuntu: apt-get install libreoffice-writer; elsewhere: libreoffice.org)"


def find_libreoffice() -> str | None:
    """The LibreOffice program on PATH (``soffice`` or ``libreoffice``), or None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_tagged_pdf(docx: bytes, soffice: str) -> bytes:
    """Convert Word bytes to a tagged PDF with a private LibreOffice profile (so it runs beside an open LibreOffice)."""
    with tempfile.TemporaryDirectory(prefix="briefing-tagged-") as folder:
        work = Path(folder)
        source = work / "brief.docx"
        source.write_bytes(docx)
        profile = (work / "profile").as_uri()
        target = "pdf:writer_pdf_Export:" + json.dumps(_FILTER_OPTIONS)
        command = [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            target,
            "--outdir",
            str(work),
            str(source),
        ]
        try:
            done = subprocess.run(command, capture_output=True, timeout=_TIMEOUT_S, env=dict(os.environ, HOME=folder), check=False)
        except subprocess.TimeoutExpired:
            raise ExportError(
                f"LibreOffice took more than {_TIMEOUT_S} s to make the tagged PDF", hint="close other LibreOffice windows and try again"
            ) from None
        result = work / "brief.pdf"
        if done.returncode != 0 or not result.is_file():
            detail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [f"exit status {done.returncode}"]
            raise ExportError(
                f"LibreOffice could not make the tagged PDF: {detail[0]}", hint="check that LibreOffice Writer is installed and starts"
            )
        return result.read_bytes()


def _kids(element) -> list:
    import pikepdf

    kids = element.get("/K")
    if isinstance(kids, pikepdf.Array):
        return list(kids)
    return [] if kids is None else [kids]


def _structure_elements(element) -> list:
    import pikepdf

    return [kid for kid in _kids(element) if isinstance(kid, pikepdf.Dictionary) and "/S" in kid]


def unbox_layout_tables(data: bytes) -> bytes:
    """Retag one-cell tables (the Word writer's note and quotation boxes) as ``Div``: they lay out, they are not data.

    Also drops LibreOffice's ``/OpenAction`` (open at page 1, as every viewer does anyway), which PDF/A checkers skip.
    """
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        pending = _structure_elements(pdf.Root.StructTreeRoot) if "/StructTreeRoot" in pdf.Root else []
        while pending:
            element = pending.pop()
            rows = _structure_elements(element)
            if element.S == "/Table" and len(rows) == 1 and [cell.S for cell in _structure_elements(rows[0])] == ["/TD"]:
                for part in (element, rows[0], *_structure_elements(rows[0])):
                    part.S = pikepdf.Name.Div
            pending.extend(rows)
        if "/OpenAction" in pdf.Root:
            del pdf.Root["/OpenAction"]
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()


def _page_count(data: bytes) -> int:
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        return len(pdf.pages)


class TaggedPdfWriter:
    """Writes a tagged (PDF/UA) PDF through the Word writer and LibreOffice."""

    format = "pdf-tagged"
    suffix = ".pdf"

    def write(self, document: Document, stream: BinaryIO, options: RenderOptions) -> WriteResult:
        soffice = find_libreoffice()
        if soffice is None:
            raise ExportError("a tagged PDF needs LibreOffice, which is not installed", hint=INSTALL_HINT)
        docx = io.BytesIO()
        written = get_writer("docx").write(document, docx, options)
        from ..pdfa import make_pdfa_foreign

        data = make_pdfa_foreign(unbox_layout_tables(docx_to_tagged_pdf(docx.getvalue(), soffice)), document.meta.language, pdfua=True)
        stream.write(data)
        return WriteResult(pages=_page_count(data), warnings=written.warnings)


register(TaggedPdfWriter())
