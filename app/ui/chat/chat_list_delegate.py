"""The chat list's rows: a long title is cut short so that "· answering…" after it stays visible;
a list too narrow for those words shows a dot instead (the row's tooltip says it in words)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QStyleOptionViewItem, QStyledItemDelegate

TITLE_ROLE = Qt.UserRole + 1  # the chat's title alone, where the row's text also carries a mark
_SIDE_ROOM = 12  # the style's text margins on both sides
COMPACT_MARK = "  ●"
_TITLE_ROOM_CHARACTERS = 8  # less room than this for the title, and the mark shrinks to the dot


class ChatListDelegate(QStyledItemDelegate):
    def __init__(self, mark: str, parent=None) -> None:
        super().__init__(parent)
        self.mark = mark

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        super().initStyleOption(option, index)
        title = index.data(TITLE_ROLE)
        if title is None or not option.text.endswith(self.mark):
            return
        option.text = self.visible_text(title, option)

    def visible_text(self, title: str, option: QStyleOptionViewItem) -> str:
        metrics = option.fontMetrics
        mark = self.mark
        room = option.rect.width() - metrics.horizontalAdvance(mark) - _SIDE_ROOM
        if room < metrics.averageCharWidth() * _TITLE_ROOM_CHARACTERS:
            mark = COMPACT_MARK
            room = option.rect.width() - metrics.horizontalAdvance(mark) - _SIDE_ROOM
        return metrics.elidedText(title, Qt.ElideRight, max(room, 0)) + mark
