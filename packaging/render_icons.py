"""Render the app icon's PNG sizes from its SVG, with Qt's own SVG renderer (no extra dependency).

    .venv/bin/python packaging/render_icons.py

Writes resources/icons/hicolor/<N>x<N>/apps/<app id>.png for every size the desktop menus and
the bundlers ask for, in the freedesktop icon-theme layout so that install_desktop_entry.sh can
copy the tree as it is.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRectF, Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

APP_ID = "io.github.gemma_desk.GemmaDesk"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICONS_FOLDER = Path(__file__).resolve().parent.parent / "resources" / "icons"


def render_png(renderer: QSvgRenderer, size: int, target: Path) -> None:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    target.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(target), "PNG"):
        raise OSError(f"Could not write {target}")


def main() -> int:
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    svg = ICONS_FOLDER / f"{APP_ID}.svg"
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        print(f"render_icons: {svg} is not a valid SVG", file=sys.stderr)
        return 1
    for size in ICON_SIZES:
        target = ICONS_FOLDER / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        render_png(renderer, size, target)
        print(target.relative_to(ICONS_FOLDER.parent.parent))
    return 0


if __name__ == "__main__":
    sys.exit(main())
