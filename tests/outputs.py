"""Reading real outputs back: PDF text through poppler, DOCX text through python-docx, and text normalisation."""

from __future__ import annotations

import os
import re
import subprocess
import unicodedata
import uuid
from collections import Counter
from pathlib import Path

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph

from tests.conftest import require_tool


def normalise(text: str) -> str:
    """NFKC, format and control characters removed, whitespace collapsed: what both formats must agree on."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(
        " " if unicodedata.category(c) in ("Cc", "Zl", "Zp") or c.isspace() else c
        for c in text
        if unicodedata.category(c) not in ("Cf", "Cs", "Co", "Cn")
    )
    return " ".join(text.split())


def words(text: str) -> Counter:
    return Counter(normalise(text).split())


def pdf_text(path: Path, *args: str) -> str:
    """Text of a PDF by pdftotext (reading order), without diagonal text: the DRAFT watermark is tested on its own."""
    tool = require_tool("pdftotext")
    return subprocess.run([tool, "-enc", "UTF-8", "-nodiag", *args, str(path), "-"], check=True, capture_output=True, text=True).stdout


def pdf_pages(path: Path) -> int:
    out = subprocess.run([require_tool("pdfinfo"), str(path)], check=True, capture_output=True, text=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", out, re.MULTILINE).group(1))


def docx_body(path: Path) -> list[tuple[str, str]]:
    """(style name, text) of every body paragraph in order, table cells included, header and footer excluded."""
    document = docx.Document(str(path))
    out: list[tuple[str, str]] = []

    def walk(container) -> None:
        for child in container.iter_inner_content():
            if isinstance(child, Paragraph):
                out.append((child.style.name if child.style is not None else "", child.text))
            elif isinstance(child, Table):
                for row in child.rows:
                    seen = set()
                    for cell in row.cells:
                        if id(cell._tc) in seen:
                            continue
                        seen.add(id(cell._tc))
                        walk(cell)

    walk(document)
    return out


def docx_text(path: Path) -> str:
    return "\n".join(text for _, text in docx_body(path))


def docx_furniture(path: Path) -> str:
    """The text of every header and footer."""
    document = docx.Document(str(path))
    parts = []
    for section in document.sections:
        for part in (section.header, section.footer):
            parts.extend(p.text for p in part.paragraphs)
    return "\n".join(parts)


def libreoffice_to_pdf(source: Path, outdir: Path) -> Path:
    """Convert a .docx with LibreOffice headless (private profile, so it runs as root and in parallel)."""
    soffice = require_tool("soffice")
    profile = outdir / f"lo-profile-{uuid.uuid4().hex[:8]}"
    env = dict(os.environ, HOME=str(outdir))
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf", "--outdir", str(outdir), str(source)],
        check=True,
        capture_output=True,
        timeout=180,
        env=env,
    )
    result = outdir / (source.stem + ".pdf")
    assert result.exists(), "LibreOffice produced no PDF"
    return result
