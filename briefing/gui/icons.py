"""Small painted icons: a coloured badge per item kind and the warning marks for flagged entries."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPainterPath, QPixmap, QPolygonF

KIND_COLOURS = {"pillar": "#1f3a5f", "figure": "#0f766e", "quotation": "#7c3aed", "event": "#c2410c", "project": "#4d7c0f"}
KIND_COLOURS.update(person="#be185d", line="#1d4ed8")
KIND_LETTERS = {"pillar": "P", "figure": "F", "quotation": "Q", "event": "E", "project": "J", "person": "W", "line": "L"}
CHANGED_COLOUR = "#b45309"
MISSING_COLOUR = "#b91c1c"


def _canvas(size: int) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    return pixmap


def _painter(pixmap: QPixmap) -> QPainter:
    """An antialiased painter on ``pixmap`` that fills without outlines."""
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    return painter


@cache
def kind_icon(kind: str, size: int = 32) -> QIcon:
    """A rounded square in the kind's colour with its initial."""
    pixmap = _canvas(size)
    painter = _painter(pixmap)
    painter.setBrush(QColor(KIND_COLOURS.get(kind, "#6b7280")))
    painter.drawRoundedRect(QRectF(1, 1, size - 2, size - 2), size * 0.22, size * 0.22)
    _mark(painter, size, KIND_LETTERS.get(kind, "?"), top=0.0, scale=0.6)
    painter.end()
    return QIcon(pixmap)


@cache
def changed_icon(size: int = 32) -> QIcon:
    """An amber warning triangle: the item changed since it was chosen."""
    pixmap = _canvas(size)
    painter = _painter(pixmap)
    painter.setBrush(QColor(CHANGED_COLOUR))
    painter.drawPolygon(QPolygonF([QPointF(size / 2, 1), QPointF(size - 1, size - 2), QPointF(1, size - 2)]))
    _mark(painter, size, "!", top=0.18)
    painter.end()
    return QIcon(pixmap)


@cache
def missing_icon(size: int = 32) -> QIcon:
    """A red disc with a cross: the item is no longer in the library."""
    pixmap = _canvas(size)
    painter = _painter(pixmap)
    path = QPainterPath()
    path.addEllipse(QRectF(1, 1, size - 2, size - 2))
    painter.fillPath(path, QColor(MISSING_COLOUR))
    _mark(painter, size, "\u00d7", top=0.0)
    painter.end()
    return QIcon(pixmap)


def _mark(painter: QPainter, size: int, text: str, top: float, scale: float = 0.62) -> None:
    """White bold ``text`` centred below ``top`` (a fraction of ``size``), ``scale`` of the size high."""
    font = QFont()
    font.setBold(True)
    font.setPixelSize(int(size * scale))
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(QRectF(0, size * top, size, size * (1 - top)), Qt.AlignmentFlag.AlignCenter, text)


@cache
def app_icon() -> QIcon:
    """The window icon: a navy page with a folded corner."""
    icon = QIcon()
    for size in (16, 32, 64, 128):
        pixmap = _canvas(size)
        painter = _painter(pixmap)
        fold = size * 0.3
        page = QPolygonF(
            [
                QPointF(size * 0.15, 1),
                QPointF(size * 0.85 - fold, 1),
                QPointF(size * 0.85, fold),
                QPointF(size * 0.85, size - 1),
                QPointF(size * 0.15, size - 1),
            ]
        )
        painter.setBrush(QColor("#1f3a5f"))
        painter.drawPolygon(page)
        painter.setBrush(QColor("#93c5fd"))
        for i in range(3):
            y = size * (0.45 + i * 0.15)
            painter.drawRect(QRectF(size * 0.27, y, size * 0.46, max(1.0, size * 0.06)))
        painter.end()
        icon.addPixmap(pixmap)
    return icon
