"""Light, dark or the system's look, and the font size, applied to the whole application."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

_original_look: dict[int, tuple[str, QPalette]] = {}  # per QApplication: the style and palette at start


_DARK = {
    QPalette.Window: "#2b2d31", QPalette.WindowText: "#e8e8e8", QPalette.Base: "#1e1f22",
    QPalette.AlternateBase: "#2b2d31", QPalette.ToolTipBase: "#3a3c42", QPalette.ToolTipText: "#e8e8e8",
    QPalette.Text: "#e8e8e8", QPalette.Button: "#35373c", QPalette.ButtonText: "#e8e8e8",
    QPalette.BrightText: "#ff6b6b", QPalette.Link: "#8ab4f8", QPalette.Highlight: "#3d6fb4",
    QPalette.HighlightedText: "#ffffff", QPalette.PlaceholderText: "#9a9a9a",
}
_LIGHT = {
    QPalette.Window: "#f3f3f3", QPalette.WindowText: "#1f1f1f", QPalette.Base: "#ffffff",
    QPalette.AlternateBase: "#f6f6f6", QPalette.ToolTipBase: "#ffffdc", QPalette.ToolTipText: "#1f1f1f",
    QPalette.Text: "#1f1f1f", QPalette.Button: "#ececec", QPalette.ButtonText: "#1f1f1f",
    QPalette.BrightText: "#c00000", QPalette.Link: "#0b57d0", QPalette.Highlight: "#3d7bd9",
    QPalette.HighlightedText: "#ffffff", QPalette.PlaceholderText: "#8a8a8a",
}


def dark_palette() -> QPalette:
    return _palette(_DARK, disabled_text="#80848e")


def light_palette() -> QPalette:
    return _palette(_LIGHT, disabled_text="#a0a0a0")


def _palette(colors: dict, disabled_text: str) -> QPalette:
    palette = QPalette()
    for role, color in colors.items():
        palette.setColor(role, QColor(color))
    for role in (QPalette.WindowText, QPalette.Text, QPalette.ButtonText):
        palette.setColor(QPalette.Disabled, role, QColor(disabled_text))
    return palette


def apply_appearance(app: QApplication, theme: str, font_size: int) -> None:
    """Set the palette (Fusion for light and dark, so every platform honours it) and the font size."""
    if id(app) not in _original_look:
        _original_look[id(app)] = (app.style().name(), QPalette(app.palette()))
    style_name, system_palette = _original_look[id(app)]
    hints = QGuiApplication.styleHints()
    if theme == "system":
        app.setStyle(style_name)
        app.setPalette(system_palette)
        if hasattr(hints, "unsetColorScheme"):
            hints.unsetColorScheme()
    else:
        app.setStyle("Fusion")
        app.setPalette(dark_palette() if theme == "dark" else light_palette())
        if hasattr(hints, "setColorScheme"):
            hints.setColorScheme(Qt.ColorScheme.Dark if theme == "dark" else Qt.ColorScheme.Light)
    font = app.font()
    if font.pointSize() != font_size:
        font.setPointSize(font_size)
        app.setFont(font)
