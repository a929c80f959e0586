"""Printing the real PDF: each page rendered with QPdfDocument and painted onto a QPrinter."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

from ..errors import ExportError

PRINT_DPI = 300


def open_pdf(data: bytes) -> tuple[QPdfDocument, object]:
    """A QPdfDocument over ``data`` (and the buffer that must outlive it)."""
    from .pdf_buffer import load_pdf

    document = QPdfDocument()
    buffer = load_pdf(document, data)
    if document.status() != QPdfDocument.Status.Ready or document.pageCount() < 1:
        raise ExportError("the preview PDF could not be read for printing", hint="check the preview status line")
    return document, buffer


def match_page(printer: QPrinter, data: bytes) -> None:
    """Set the printer's paper to the PDF's first page size, portrait, full page."""
    document, _buffer = open_pdf(data)
    size = document.pagePointSize(0)
    printer.setPageSize(QPageSize(QSizeF(size.width(), size.height()), QPageSize.Unit.Point, "Brief"))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setFullPage(True)
    document.close()


def print_pdf(data: bytes, printer: QPrinter, dpi: int = PRINT_DPI) -> int:
    """Paint every page of ``data`` onto ``printer``; returns the number of pages printed."""
    document, _buffer = open_pdf(data)
    painter = QPainter()
    if not painter.begin(printer):
        document.close()
        raise ExportError("cannot start printing", hint="check the printer, or print to a PDF file")
    pages = document.pageCount()
    try:
        for page in range(pages):
            if page:
                printer.newPage()
            points = document.pagePointSize(page)
            image = document.render(page, (points * dpi / 72).toSize())
            target = QRectF(painter.viewport())
            scale = min(target.width() / image.width(), target.height() / image.height())
            width, height = image.width() * scale, image.height() * scale
            painter.drawImage(QRectF(target.x() + (target.width() - width) / 2, target.y(), width, height), image)
    finally:
        painter.end()
        document.close()
    return pages
