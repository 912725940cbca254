"""The window icon: the SVG scales to any size; the PNGs rendered from it are used where a size
matches exactly, and keep the icon whole if Qt's SVG icon engine is missing."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon

from app.resources import APP_ID, ICON_SIZES, icon_png_path, icon_svg_path


def app_icon() -> QIcon:
    """Gemma Desk's icon; the installed theme icon when resources/ is not there (an installed
    wheel whose desktop entry put the icon into the icon theme). Needs a QGuiApplication."""
    svg = icon_svg_path()
    icon = QIcon(str(svg)) if svg.is_file() else QIcon()
    for size in ICON_SIZES:
        png = icon_png_path(size)
        if png.is_file():
            icon.addFile(str(png), QSize(size, size))
    if icon.isNull():
        return QIcon.fromTheme(APP_ID)
    return icon
