"""Make the app icon's PNG sizes, Windows .ico and macOS .icns from ``assets/icons/briefing.svg``.

    python packaging/make_icons.py        # after changing the SVG; commit what it writes

The SVG is drawn with Qt's SVG renderer (offscreen) and the .ico and .icns are
written by Pillow, so it runs on any platform with the development environment.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

from PIL import Image

ICONS = Path(__file__).resolve().parent.parent / "assets" / "icons"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)  # the hicolor theme's sizes, installed by install.sh
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(svg: Path, size: int) -> Image.Image:
    """The SVG drawn at ``size`` x ``size`` pixels, as a Pillow RGBA image."""
    from PySide6.QtCore import QBuffer, QIODevice
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(svg)).render(painter)
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return Image.open(io.BytesIO(bytes(buffer.data()))).convert("RGBA")


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    svg = ICONS / "briefing.svg"
    for size in PNG_SIZES:
        render(svg, size).save(ICONS / f"briefing-{size}.png", optimize=True)
    large = render(svg, 1024)
    large.save(ICONS / "briefing.ico", sizes=[(s, s) for s in ICO_SIZES])
    large.save(ICONS / "briefing.icns")
    print(f"wrote {len(PNG_SIZES)} PNG sizes, briefing.ico and briefing.icns in {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
