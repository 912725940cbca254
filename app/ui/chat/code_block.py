"""A fenced code block in an answer: monospace, highlighted by Pygments, with its own Copy button."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QGuiApplication, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QTextBrowser, QToolButton, QVBoxLayout, QWidget

from app.ui.settings.appearance import CODE_STYLES, Surface, readable_on


@lru_cache(maxsize=64)
def token_colors(style_name: str, background: str) -> dict:
    """Pygments token type → (colour, bold, italic), each colour corrected to read on `background`."""
    # Pygments comes with the first code block (here and in lexer_for): the window that starts
    # while the first model loads shows none.
    from pygments.styles import get_style_by_name

    style = get_style_by_name(style_name)
    table = {}
    for token_type, _ in style:
        spec = style.style_for_token(token_type)
        color = readable_on(QColor(f"#{spec['color']}"), background).name() if spec["color"] else None
        table[token_type] = (color, bool(spec["bold"]), bool(spec["italic"]))
    return table


def lexer_for(language: str):
    from pygments.lexers import get_lexer_by_name
    from pygments.util import ClassNotFound

    try:
        return get_lexer_by_name(language.lower(), stripnl=False, ensurenl=False) if language else None
    except ClassNotFound:
        return None


def highlight(document: QTextDocument, code: str, language: str, theme: str, surface: Surface) -> None:
    """Put `code` into `document` as plain text, then colour its tokens with the theme's style."""
    document.setPlainText(code)
    lexer = lexer_for(language)
    if lexer is None:
        return
    colors = token_colors(CODE_STYLES[theme], surface.background)
    cursor = QTextCursor(document)
    position = 0  # QTextDocument counts UTF-16 units; Python counts code points
    for _index, token_type, value in lexer.get_tokens_unprocessed(code):
        length = len(value.encode("utf-16-le")) // 2
        color, bold, italic = _style_for(colors, token_type)
        if color or bold or italic:
            char_format = QTextCharFormat()
            if color:
                char_format.setForeground(QColor(color))
            if bold:
                char_format.setFontWeight(QFont.Bold)
            if italic:
                char_format.setFontItalic(True)
            cursor.setPosition(position)
            cursor.setPosition(position + length, QTextCursor.KeepAnchor)
            cursor.mergeCharFormat(char_format)
        position += length


def _style_for(colors: dict, token_type) -> tuple:
    while token_type not in colors and token_type.parent is not None:  # up to pygments' Token, the root
        token_type = token_type.parent
    return colors.get(token_type, (None, False, False))


class CodeText(QTextBrowser):
    """The code itself: no wrapping, a horizontal scroll bar when a line is long, full height."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.NoFrame)
        self.setLineWrapMode(QTextBrowser.NoWrap)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAsNeeded)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Minimum)
        self.document().setDocumentMargin(8)
        self.document().setDefaultFont(QFontDatabase.systemFont(QFontDatabase.FixedFont))
        self.document().documentLayout().documentSizeChanged.connect(lambda _: self.updateGeometry())

    def sizeHint(self) -> QSize:
        scroll = self.horizontalScrollBar()
        extra = scroll.sizeHint().height() if self.document().idealWidth() > self.viewport().width() else 0
        return QSize(200, int(self.document().size().height()) + extra + 4)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()


class CodeBlock(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("code-block")
        self.code = ""
        self.language = ""
        self.language_label = QLabel()
        self.language_label.setObjectName("code-language")
        self.copy_button = QToolButton()
        self.copy_button.setText(self.tr("Copy"))
        self.copy_button.setToolTip(self.tr("Copy this code"))
        self.copy_button.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.code))
        self.text = CodeText()
        header = QHBoxLayout()
        header.setContentsMargins(8, 4, 4, 0)
        header.addWidget(self.language_label)
        header.addStretch(1)
        header.addWidget(self.copy_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(header)
        layout.addWidget(self.text)

    def set_code(self, code: str, language: str, theme: str, surface: Surface) -> None:
        self.code, self.language = code, language
        self.language_label.setText(language or self.tr("code"))
        highlight(self.text.document(), code, language, theme, surface)
        self.text.updateGeometry()

    def visible_text(self) -> str:
        return self.text.toPlainText()
