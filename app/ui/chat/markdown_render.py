"""Model answers as Markdown, safely: the model's text is never read as HTML.

Qt's Markdown reader (md4c) passes raw HTML through by default, so `List<String>` lost its
`<String>` and `<b>` swallowed the rest of the answer. Here the reader runs with
`MarkdownNoHTML`, single line breaks become hard breaks (poems, addresses, "(a) … (b) …"), and
fenced code is split out so the bubble can show it in a highlighted block with its own Copy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import QRectF
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextFrameFormat,
    QTextTable,
    QTextTableFormat,
)

from app.ui.settings.appearance import Surface

MARKDOWN_FEATURES = QTextDocument.MarkdownFeature(
    QTextDocument.MarkdownFeature.MarkdownDialectGitHub.value | QTextDocument.MarkdownFeature.MarkdownNoHTML.value
)

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})\s*([^\s`]*)[^`]*$")


@dataclass(frozen=True)
class Segment:
    kind: str  # "markdown" or "code"
    text: str
    language: str = ""


def split_fenced_code(text: str) -> list[Segment]:
    """Markdown prose and fenced code blocks, in order. A fence still open (mid-stream) runs to the end."""
    segments: list[Segment] = []
    prose: list[str] = []
    code: list[str] = []
    fence = ""
    language = ""
    for line in text.split("\n"):
        match = _FENCE.match(line)
        if not fence and match:
            if any(part.strip() for part in prose):
                segments.append(Segment("markdown", "\n".join(prose)))
            prose = []
            fence, language, code = match.group(1), match.group(2), []
        elif fence and line.strip().startswith(fence[0] * len(fence)) and not line.strip().strip(fence[0]):
            segments.append(Segment("code", "\n".join(code), language))
            fence = ""
        elif fence:
            code.append(line)
        else:
            prose.append(line)
    if fence:
        segments.append(Segment("code", "\n".join(code), language))
    elif any(part.strip() for part in prose):
        segments.append(Segment("markdown", "\n".join(prose)))
    return segments


def with_hard_breaks(markdown: str) -> str:
    """Every single line break stays a line break, as the model wrote it (two trailing spaces)."""
    return "\n".join(line + "  " if line.strip() else line for line in markdown.split("\n"))


def render_markdown(document: QTextDocument, markdown: str, colors: dict[str, Surface]) -> None:
    """Fill `document` with `markdown` (no HTML), then give tables and quotes a visible shape."""
    document.setMarkdown(with_hard_breaks(markdown), MARKDOWN_FEATURES)
    _style_tables(document, colors["table-header"])
    _style_quotes_and_inline_code(document, colors["quote"], colors["code-inline"])


def quote_bars(document: QTextDocument) -> list[QRectF]:
    """Where to draw the vertical bar left of each quoted block (QTextBlockFormat has no border)."""
    layout = document.documentLayout()
    bars = []
    block = document.begin()
    while block.isValid():
        block_format = block.blockFormat()
        if block_format.hasProperty(QTextFormat.BlockQuoteLevel):
            rect = layout.blockBoundingRect(block)
            for level in range(max(1, block_format.intProperty(QTextFormat.BlockQuoteLevel))):
                bars.append(QRectF(document.documentMargin() + 2 + 14 * level, rect.top(), 3, rect.height()))
        block = block.next()
    return bars


def _style_tables(document: QTextDocument, header: Surface) -> None:
    for frame in document.rootFrame().childFrames():
        if not isinstance(frame, QTextTable):
            continue
        table_format: QTextTableFormat = frame.format()
        table_format.setBorder(1)
        table_format.setBorderStyle(QTextFrameFormat.BorderStyle_Solid)
        table_format.setBorderBrush(QBrush(QColor(header.border)))
        table_format.setBorderCollapse(True)
        table_format.setCellSpacing(0)
        table_format.setCellPadding(5)
        table_format.setHeaderRowCount(1)
        frame.setFormat(table_format)
        for column in range(frame.columns()):
            cell = frame.cellAt(0, column)
            cell_format = cell.format()
            cell_format.setBackground(QColor(header.background))
            cell_format.setForeground(QColor(header.text))
            cell_format.setFontWeight(QFont.Bold)
            cell.setFormat(cell_format)


def _style_quotes_and_inline_code(document: QTextDocument, quote: Surface, inline_code: Surface) -> None:
    block = document.begin()
    while block.isValid():
        block_format = block.blockFormat()
        if block_format.hasProperty(QTextFormat.BlockQuoteLevel):
            level = max(1, block_format.intProperty(QTextFormat.BlockQuoteLevel))
            block_format.setBackground(QColor(quote.background))
            block_format.setLeftMargin(14 * level)
            block_format.setRightMargin(4)
            block_format.setTopMargin(6)
            block_format.setBottomMargin(6)
            cursor = QTextCursor(block)
            cursor.setBlockFormat(block_format)
            cursor.select(QTextCursor.BlockUnderCursor)
            text_format = QTextCharFormat()
            text_format.setForeground(QColor(quote.text))
            text_format.setFontItalic(True)
            cursor.mergeCharFormat(text_format)
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            if fragment.isValid() and fragment.charFormat().fontFixedPitch():
                cursor = QTextCursor(document)
                cursor.setPosition(fragment.position())
                cursor.setPosition(fragment.position() + fragment.length(), QTextCursor.KeepAnchor)
                code_format = QTextCharFormat()
                code_format.setBackground(QColor(inline_code.background))
                code_format.setForeground(QColor(inline_code.text))
                cursor.mergeCharFormat(code_format)
            iterator += 1
        block = block.next()
