"""A fenced code block in an answer: monospace, highlighted by Pygments, with its own Copy button."""

from __future__ import annotations

import os
from dataclasses import dataclass
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


@lru_cache(maxsize=32)
def lexer_for(language: str):
    from pygments.lexers import get_lexer_by_name
    from pygments.util import ClassNotFound

    try:
        return get_lexer_by_name(language.lower(), stripnl=False, ensurenl=False) if language else None
    except ClassNotFound:
        return None


@dataclass(frozen=True)
class Highlighting:
    """What a code document shows: the code, how it is coloured, and the coloured spans (start,
    end, (colour, bold, italic)) in the document's UTF-16 positions."""

    code: str
    style: tuple[str, str, str]  # language, Pygments style, background
    spans: tuple[tuple[int, int, tuple], ...]


def highlight(document: QTextDocument, code: str, language: str, theme: str, surface: Surface,
              shown: Highlighting | None = None) -> Highlighting:
    """Put `code` into `document` as plain text, then colour its tokens with the theme's style.

    With `shown` (what the document holds now), only the text after the part both share and the
    spans that changed are rewritten: a code block that grows while an answer streams is not
    set and coloured again from its first line on each pass. The result is the same."""
    style = (language, CODE_STYLES[theme], surface.background)
    if shown is not None and shown.code == code and shown.style == style:
        return shown
    spans = _spans(code, language, style)
    if shown is None or shown.style != style or document.characterCount() - 1 != _utf16_length(shown.code):
        document.setPlainText(code)
        _apply(document, spans, 0, QTextCursor(document), plain=True)
        return Highlighting(code, style, spans)
    same_text = _common_prefix(shown.code, code)
    kept = _utf16_length(same_text)
    cursor = QTextCursor(document)
    cursor.beginEditBlock()
    if same_text != code or same_text != shown.code:
        cursor.setPosition(kept)
        cursor.movePosition(QTextCursor.End, QTextCursor.KeepAnchor)
        cursor.insertText(code[len(same_text):], QTextCharFormat())
    same = next((index for index, (old, new) in enumerate(zip(shown.spans, spans)) if old != new),
                min(len(shown.spans), len(spans)))
    changed = [span[0] for span in shown.spans[same:same + 1] + spans[same:same + 1]]
    _apply(document, spans, min([kept, *changed]), cursor)
    cursor.endEditBlock()
    return Highlighting(code, style, spans)


def _spans(code: str, language: str, style: tuple[str, str, str]) -> tuple[tuple[int, int, tuple], ...]:
    lexer = lexer_for(language)
    if lexer is None:
        return ()
    colors = token_colors(style[1], style[2])
    spans = []
    position = 0  # QTextDocument counts UTF-16 units; Python counts code points
    for _index, token_type, value in lexer.get_tokens_unprocessed(code):
        length = _utf16_length(value)
        looks = _style_for(colors, token_type)
        if looks[0] or looks[1] or looks[2]:
            spans.append((position, position + length, looks))
        position += length
    return tuple(spans)


def _apply(document: QTextDocument, spans: tuple, start: int, cursor: QTextCursor, plain: bool = False) -> None:
    """The spans' colours from `start` on; the text there is made plain first unless it is."""
    end = document.characterCount() - 1
    if not plain and start < end:
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.KeepAnchor)
        cursor.setCharFormat(QTextCharFormat())
    for span_start, span_end, (color, bold, italic) in spans:
        if span_end <= start:
            continue
        char_format = QTextCharFormat()
        if color:
            char_format.setForeground(QColor(color))
        if bold:
            char_format.setFontWeight(QFont.Bold)
        if italic:
            char_format.setFontItalic(True)
        cursor.setPosition(max(span_start, start))
        cursor.setPosition(span_end, QTextCursor.KeepAnchor)
        cursor.mergeCharFormat(char_format)


def _common_prefix(a: str, b: str) -> str:
    if b.startswith(a):
        return a
    return os.path.commonprefix([a, b])


def _utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


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
        self._shown: Highlighting | None = None
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
        """Only what changed since the last call is set and coloured again."""
        self.code, self.language = code, language
        self.language_label.setText(language or self.tr("code"))
        self._shown = highlight(self.text.document(), code, language, theme, surface, self._shown)
        self.text.updateGeometry()

    def visible_text(self) -> str:
        return self.text.toPlainText()
