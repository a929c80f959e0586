"""PDF bytes into a QPdfDocument, through a QBuffer the caller keeps alive while the pages show."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtPdf import QPdfDocument


def load_pdf(document: QPdfDocument, data: bytes) -> QBuffer:
    """Load PDF bytes into ``document`` from a QBuffer; keep the returned buffer alive while it is shown."""
    buffer = QBuffer(document)
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    return buffer
