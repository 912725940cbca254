"""Light, dark or the system's look, and the font size, applied to the whole application.

Besides the palette, the app paints a few surfaces of its own (notices, message bubbles, code
blocks, quotes, the welcome cards). Their colours live here, one table per theme, so that one
test can check every text/background pair for contrast in both themes.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

_original_look: dict[int, tuple[str, QPalette]] = {}  # per QApplication: the style and palette at start

MIN_CONTRAST = 4.5  # WCAG 2.x AA for normal-size text

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
    QPalette.BrightText: "#c00000", QPalette.Link: "#0b57d0", QPalette.Highlight: "#2c66c4",
    QPalette.HighlightedText: "#ffffff", QPalette.PlaceholderText: "#6b6b6b",
}

# The palette roles that are drawn as text on another role; the contrast test walks these.
TEXT_ON_BACKGROUND_ROLES = (
    (QPalette.WindowText, QPalette.Window), (QPalette.WindowText, QPalette.Base), (QPalette.Text, QPalette.Base),
    (QPalette.Text, QPalette.AlternateBase), (QPalette.ButtonText, QPalette.Button),
    (QPalette.ToolTipText, QPalette.ToolTipBase), (QPalette.HighlightedText, QPalette.Highlight),
    (QPalette.PlaceholderText, QPalette.Base), (QPalette.Link, QPalette.Base), (QPalette.Link, QPalette.Window),
)


@dataclass(frozen=True)
class Surface:
    background: str
    text: str
    muted: str = ""  # secondary text on the same background (status notes, captions)
    border: str = ""


# The app's own surfaces. Notice kinds: error, warning, info. Every text colour is checked
# against its background by tests/ui/test_contrast.py.
SURFACES = {
    "light": {
        "notice-error": Surface("#f8d7da", "#58151c", border="#e6a5ab"),
        "notice-warning": Surface("#fff3cd", "#4d3800", border="#e9d48f"),
        "notice-info": Surface("#dbe9fb", "#0c2d57", border="#a9c6ee"),
        "bubble-user": Surface("#dfe8fb", "#1f1f1f", muted="#4a5060", border="#c5d3f2"),
        "bubble-model": Surface("#ffffff", "#1f1f1f", muted="#5c5c5c", border="#dcdcdc"),
        "code": Surface("#f5f6f8", "#1f2328", muted="#57606a", border="#d8dce1"),
        "code-inline": Surface("#eceef1", "#1f2328"),
        "quote": Surface("#f0f2f5", "#3b4048", border="#9aa3ae"),
        "table-header": Surface("#eef1f5", "#1f1f1f", border="#cfd5dc"),
        "card": Surface("#ffffff", "#1f1f1f", muted="#555b63", border="#d5d9df"),
        "recording": Surface("#f3f3f3", "#b3001b"),
        "status-bar": Surface("#f3f3f3", "#1f1f1f", muted="#555555"),
        "error-text": Surface("#f3f3f3", "#b00020"),  # an inline error line in a dialog
        "warning-text": Surface("#f3f3f3", "#8a5300"),
    },
    "dark": {
        "notice-error": Surface("#4a1f24", "#ffdadd", border="#7a343c"),
        "notice-warning": Surface("#45390f", "#ffefbf", border="#74622a"),
        "notice-info": Surface("#1d3350", "#d6e6ff", border="#33557f"),
        "bubble-user": Surface("#2e3a55", "#eef1f7", muted="#b8c2d8", border="#3d4b6b"),
        "bubble-model": Surface("#25272b", "#e8e8e8", muted="#a9adb5", border="#34373c"),
        "code": Surface("#17181b", "#e6e6e6", muted="#a0a6ae", border="#3a3d43"),
        "code-inline": Surface("#34373d", "#f0f0f0"),
        "quote": Surface("#2f3237", "#c9ced6", border="#6d7580"),
        "table-header": Surface("#32353b", "#f0f0f0", border="#4a4e55"),
        "card": Surface("#25272b", "#e8e8e8", muted="#aab0b8", border="#3d4046"),
        "recording": Surface("#2b2d31", "#ff8a8a"),
        "status-bar": Surface("#2b2d31", "#e8e8e8", muted="#b4b7bd"),
        "error-text": Surface("#2b2d31", "#ff9a9a"),
        "warning-text": Surface("#2b2d31", "#f2c46d"),
    },
}

CODE_STYLES = {"light": "default", "dark": "github-dark"}  # Pygments styles, contrast-corrected in code_block


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


def theme_of(palette: QPalette | None = None) -> str:
    """'dark' or 'light': which surface table suits the application's palette (the system one
    included). Widgets pass nothing: their own palette is already tinted by their style sheet."""
    palette = palette or QGuiApplication.palette()
    return "dark" if palette.color(QPalette.Window).lightness() < 128 else "light"


def surfaces(palette: QPalette | None = None) -> dict[str, Surface]:
    return SURFACES[theme_of(palette)]


def message_style(kind: str) -> str:
    """A style sheet for an inline "error" or "warning" line on a dialog, readable in either theme
    (a fixed #b00020 reads at 1.9:1 on the dark window)."""
    return f"color: {surfaces()[f'{kind}-text'].text};"


def relative_luminance(color: QColor | str) -> float:
    color = QColor(color)

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF()) + 0.0722 * channel(color.blueF())


def contrast_ratio(foreground: QColor | str, background: QColor | str) -> float:
    lighter, darker = sorted((relative_luminance(foreground), relative_luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def readable_on(color: QColor | str, background: QColor | str, minimum: float = MIN_CONTRAST) -> QColor:
    """`color`, or the nearest step of it towards black or white that reads on `background`."""
    color, background = QColor(color), QColor(background)
    target = QColor("#000000") if relative_luminance(background) > 0.18 else QColor("#ffffff")
    step = 0.0
    mixed = color
    while contrast_ratio(mixed, background) < minimum and step < 1.0:
        step = min(1.0, step + 0.05)
        mixed = QColor.fromRgbF(
            color.redF() + (target.redF() - color.redF()) * step,
            color.greenF() + (target.greenF() - color.greenF()) * step,
            color.blueF() + (target.blueF() - color.blueF()) * step,
        )
    return mixed


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
