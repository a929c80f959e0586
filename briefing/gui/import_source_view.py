"""The source beside the candidates: numbered paragraphs, every candidate's words highlighted, the current one outlined."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QTextBlockFormat, QTextCharFormat, QTextCursor, QTextDocument, QTextFormat
from PySide6.QtWidgets import QTextEdit

from ..importing.review import REJECTED, Review
from .import_model import KIND_COLOURS


def utf16_length(text: str) -> int:
    """Qt counts positions in UTF-16 code units; Python in code points."""
    return len(text.encode("utf-16-le")) // 2


class SourceView(QTextEdit):
    """Read-only view of the source's paragraphs as the reader numbered them."""

    def __init__(self, review: Review, parent=None):
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard | Qt.TextInteractionFlag.TextSelectableByMouse)
        self.review = review
        self.starts: dict[int, int] = {}
        self._texts: dict[int, str] = {}
        self._build()
        self.highlight_all()

    def _build(self) -> None:
        document = QTextDocument(self)
        cursor = QTextCursor(document)
        number_format = QTextCharFormat()
        number_format.setForeground(QColor("#6b7280"))
        spacing = QTextBlockFormat()
        spacing.setBottomMargin(8)
        cursor.setBlockFormat(spacing)
        for i, paragraph in enumerate(self.review.result.document.paragraphs):
            if i:
                cursor.insertBlock(spacing)
            where = f"¶{paragraph.number}" + (f"  p. {paragraph.page}" if paragraph.page else "")
            cursor.insertText(f"{where}   ", number_format)
            body = QTextCharFormat()
            if paragraph.heading:
                body.setFontWeight(QFont.Weight.Bold)
            self.starts[paragraph.number] = cursor.position()
            self._texts[paragraph.number] = paragraph.text
            cursor.insertText(paragraph.text, body)
        self.setDocument(document)

    def _range(self, row: int) -> tuple[int, int]:
        c = self.review.candidate(row)
        text, base = self._texts[c.paragraph], self.starts[c.paragraph]
        return base + utf16_length(text[: c.span[0]]), base + utf16_length(text[: c.span[1]])

    def highlight_all(self) -> None:
        """Colour every candidate's words by kind (rejected ones grey), longest first so shorter ones stay visible."""
        cursor = QTextCursor(self.document())
        for number, base in self.starts.items():
            cursor.setPosition(base)
            cursor.setPosition(base + utf16_length(self._texts[number]), QTextCursor.MoveMode.KeepAnchor)
            cursor.setCharFormat(self._plain(number))
        rows = sorted(range(len(self.review)), key=lambda r: -(self.review.candidate(r).span[1] - self.review.candidate(r).span[0]))
        for row in rows:
            start, end = self._range(row)
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            fmt = QTextCharFormat()
            rejected = self.review.state(row) == REJECTED
            fmt.setBackground(QColor("#e5e7eb" if rejected else KIND_COLOURS[self.review.candidate(row).kind]))
            fmt.setFontStrikeOut(rejected)
            cursor.mergeCharFormat(fmt)

    def _plain(self, number: int) -> QTextCharFormat:
        fmt = QTextCharFormat()
        if self.review.result.document.paragraph(number).heading:
            fmt.setFontWeight(QFont.Weight.Bold)
        return fmt

    def show_candidate(self, row: int) -> None:
        """Outline the current candidate and scroll it into view."""
        if not 0 <= row < len(self.review):
            self.setExtraSelections([])
            return
        start, end = self._range(row)
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor
        selection.format.setBackground(QColor("#f59e0b"))
        selection.format.setProperty(QTextFormat.Property.OutlinePen, QColor("#b45309"))
        self.setExtraSelections([selection])
        caret = QTextCursor(self.document())
        caret.setPosition(end)
        self.setTextCursor(caret)  # no selection: the outline above is the highlight
        self.ensureCursorVisible()

    def selected_words(self, row: int) -> str:
        start, end = self._range(row)
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        return cursor.selectedText()
