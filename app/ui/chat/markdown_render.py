"""Model answers as Markdown, safely: the model's text is never read as HTML.

Qt's Markdown reader (md4c) passes raw HTML through by default, so `List<String>` lost its
`<String>` and `<b>` swallowed the rest of the answer. Here the reader runs with
`MarkdownNoHTML`, single line breaks become hard breaks (poems, addresses, "(a) … (b) …"), and
fenced code is split out so the bubble can show it in a highlighted block with its own Copy.
LaTeX's `\\(`…`\\)` and `\\[`…`\\]`, which Gemma writes math with, keep their backslashes (Markdown
reads them as escapes and showed "(a_i^2)").

While an answer streams, `MarkdownRenderer` rewrites only the blocks that changed, so the GUI
thread lays out and paints the last paragraph again, not the whole answer, on each pass.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import QRectF, QRegularExpression
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QTextBlock,
    QTextCharFormat,
    QTextBlockFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextFrameFormat,
    QTextTable,
    QTextTableCell,
    QTextTableFormat,
)

from app.ui.settings.appearance import Surface

MARKDOWN_FEATURES = QTextDocument.MarkdownFeature(
    QTextDocument.MarkdownFeature.MarkdownDialectGitHub.value | QTextDocument.MarkdownFeature.MarkdownNoHTML.value
)

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})\s*([^\s`]*)[^`]*$")
_LATEX_DELIMITER = re.compile(r"(?<!\\)\\([()\[\]])")  # not after a backslash: that pair is an escaped backslash
# Private-use stand-ins for a delimiter's bracket: after the backslash, which Markdown then keeps as
# a plain backslash, and put back once read. In code spans and blocks the pair reads back as it
# was written, so code needs no telling apart from prose here.
_STAND_INS = {"(": "\ue000", ")": "\ue001", "[": "\ue002", "]": "\ue003"}
_BRACKETS = {stand_in: bracket for bracket, stand_in in _STAND_INS.items()}


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


def read_markdown(document: QTextDocument, markdown: str) -> None:
    """Fill `document` with `markdown`: no HTML, line breaks kept, LaTeX delimiters as written."""
    protected = markdown
    if not any(stand_in in markdown for stand_in in _BRACKETS):  # an answer's own would read back as brackets
        protected = _LATEX_DELIMITER.sub(lambda match: "\\" + _STAND_INS[match.group(1)], markdown)
    document.setMarkdown(with_hard_breaks(protected), MARKDOWN_FEATURES)
    if protected != markdown:
        _put_back_brackets(document)


def _put_back_brackets(document: QTextDocument) -> None:
    stand_in = QRegularExpression(f"[{''.join(_BRACKETS)}]")
    cursor = document.find(stand_in)
    while not cursor.isNull():
        cursor.insertText(_BRACKETS[cursor.selectedText()], cursor.charFormat())
        cursor = document.find(stand_in, cursor)


def render_markdown(document: QTextDocument, markdown: str, colors: dict[str, Surface]) -> None:
    """Fill `document` with `markdown` (see `read_markdown`), then give tables and quotes a visible shape."""
    read_markdown(document, markdown)
    _style(document, colors)


def _style(document: QTextDocument, colors: dict[str, Surface]) -> None:
    _style_tables(document, colors["table-header"])
    _style_quotes_and_inline_code(document, colors["quote"], colors["code-inline"])


class MarkdownRenderer:
    """Keeps `document` showing Markdown exactly as `render_markdown` would, rewriting only the
    blocks that differ from the last render.

    Each render still reads the whole text, into a scratch document (md4c is quick, and a later
    line can change an earlier block: a blank line between two items loosens the whole list).
    That is compared block by block with the last render, and the shown document is rewritten
    from the first block that differs: its layout and paint then cover that block and what
    follows. Text with a table (a frame) is rendered whole, as is any text whose first block
    changed."""

    def __init__(self, document: QTextDocument) -> None:
        self.document = document
        self._shown: list[tuple] | None = None  # the last render's blocks, unstyled; None: render whole
        self.has_quotes = False

    def render(self, markdown: str, colors: dict[str, Surface], whole: bool = False) -> None:
        """`whole`: a last render (of a finished answer, or in new colours); the next one is whole
        too, and nothing is kept for comparing meanwhile."""
        if whole or self._shown is None:
            self._render_whole(markdown, colors, keep=not whole)
            return
        scratch = QTextDocument()
        scratch.setDefaultFont(self.document.defaultFont())  # the reader sizes margins and headings by it
        read_markdown(scratch, markdown)
        if scratch.rootFrame().childFrames():
            self._render_whole(markdown, colors, keep=True)
            return
        blocks = _block_keys(scratch)
        first = _first_difference(self._shown, blocks)
        if first == 0:
            self._render_whole(markdown, colors, keep=True)
            return
        if first < max(len(blocks), len(self._shown)):
            self._rewrite_from(first, blocks, colors)
        self._shown = blocks
        self.has_quotes = _has_quotes(blocks)

    def _render_whole(self, markdown: str, colors: dict[str, Surface], keep: bool) -> None:
        """`render_markdown`, noting the blocks as read (before styling) when `keep`."""
        document = self.document
        read_markdown(document, markdown)
        framed = bool(document.rootFrame().childFrames())
        self._shown = _block_keys(document) if keep and not framed else None
        self.has_quotes = framed or _quoted(document)
        _style(document, colors)

    def _rewrite_from(self, first: int, blocks: list[tuple], colors: dict[str, Surface]) -> None:
        """Blocks `first`… of the scratch document in place of the shown ones, then styled."""
        document = self.document
        cursor = QTextCursor(document)
        cursor.beginEditBlock()
        if first < document.blockCount():
            cursor.setPosition(document.findBlockByNumber(first).position() - 1)  # the end of the block before
            kept_format = cursor.blockFormat()
            cursor.movePosition(QTextCursor.End, QTextCursor.KeepAnchor)
            cursor.removeSelectedText()
            if cursor.blockFormat() != kept_format:  # the merge left it the removed block's format
                cursor.setBlockFormat(kept_format)
        else:
            cursor.movePosition(QTextCursor.End)
        shown_lists = {}  # a scratch list's object index → the shown list its items go into
        for number, (_format, _char_format, _fragments, list_key) in enumerate(blocks[:first]):
            if list_key is not None and list_key[0] not in shown_lists:
                shown_lists[list_key[0]] = document.findBlockByNumber(number).textList()
        for block_format, char_format, fragments, list_key in blocks[first:]:
            block_format = QTextBlockFormat(block_format)
            shown_list = shown_lists.get(list_key[0]) if list_key is not None else None
            if shown_list is not None:
                block_format.setObjectIndex(shown_list.objectIndex())
            cursor.insertBlock(block_format, char_format)
            if list_key is not None and shown_list is None:
                shown_lists[list_key[0]] = cursor.createList(list_key[1])
            for text, fragment_format in fragments:
                cursor.insertText(text, fragment_format)
        _style_quotes_and_inline_code(document, colors["quote"], colors["code-inline"], first_block=first)
        cursor.endEditBlock()


def _block_keys(document: QTextDocument) -> list[tuple]:
    """Each block as (block format, its character format, its fragments, its list): what a render
    has to reproduce. List membership is kept apart from the format, whose object index only
    means something inside its own document."""
    keys = []
    block = document.begin()
    while block.isValid():
        block_format = block.blockFormat()
        text_list = block.textList()
        list_key = None
        if text_list is not None:
            block_format.clearProperty(QTextFormat.ObjectIndex)
            list_key = (text_list.objectIndex(), text_list.format())
        keys.append((block_format, block.charFormat(), _fragments(block), list_key))
        block = block.next()
    return keys


def _fragments(block: QTextBlock) -> tuple:
    fragments = []
    iterator = block.begin()
    while not iterator.atEnd():
        fragment = iterator.fragment()
        fragments.append((fragment.text(), fragment.charFormat()))
        iterator += 1
    return tuple(fragments)


def _has_quotes(blocks: list[tuple]) -> bool:
    return any(block[0].hasProperty(QTextFormat.BlockQuoteLevel) for block in blocks)


def _quoted(document: QTextDocument) -> bool:
    block = document.begin()
    while block.isValid():
        if block.blockFormat().hasProperty(QTextFormat.BlockQuoteLevel):
            return True
        block = block.next()
    return False


def _first_difference(old: list[tuple], new: list[tuple]) -> int:
    for index, (before, after) in enumerate(zip(old, new)):
        if before != after:
            return index
    return min(len(old), len(new))


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
            _drop_empty_first_line(frame.cellAt(0, column))
            cell = frame.cellAt(0, column)
            cell_format = cell.format()
            cell_format.setBackground(QColor(header.background))
            cell_format.setForeground(QColor(header.text))
            cell_format.setFontWeight(QFont.Bold)
            cell.setFormat(cell_format)


def _drop_empty_first_line(cell: QTextTableCell) -> None:
    """Qt's Markdown reader starts the first header cell of a table that follows a quote with an
    empty line (and quote margins on the text), which pushed that header below the others."""
    cursor = cell.firstCursorPosition()
    empty = cursor.block()
    if empty.text() or empty.position() + empty.length() > cell.lastPosition():
        return
    kept_format = empty.blockFormat()
    cursor.movePosition(QTextCursor.NextBlock, QTextCursor.KeepAnchor)
    cursor.removeSelectedText()
    cursor.setBlockFormat(kept_format)


def _style_quotes_and_inline_code(document: QTextDocument, quote: Surface, inline_code: Surface,
                                  first_block: int = 0) -> None:
    """Each block is styled on its own, so a partial render styles only the blocks it rewrote."""
    block = document.findBlockByNumber(first_block)
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
