"""A chat list too narrow for "· answering…" still shows some of the title, with a short mark."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QListWidget, QStyleOptionViewItem

from app.ui.chat.chat_list_delegate import COMPACT_MARK, ChatListDelegate

MARK = "  · answering…"
TITLE = "Chat B: write a long story about a lighthouse keeper."


def shown_in(qtbot, characters: int) -> tuple[str, QStyleOptionViewItem]:
    view = QListWidget()
    qtbot.addWidget(view)
    option = QStyleOptionViewItem()
    option.initFrom(view)
    option.rect = QRect(0, 0, option.fontMetrics.averageCharWidth() * characters + 24, 20)
    return ChatListDelegate(MARK).visible_text(TITLE, option), option


def test_a_wide_row_keeps_the_words(qtbot):
    shown, _ = shown_in(qtbot, 40)
    assert shown.endswith(MARK) and shown.startswith("Chat B: write")


def test_a_narrow_row_keeps_part_of_the_title_and_a_short_mark(qtbot):
    shown, option = shown_in(qtbot, 16)  # the sidebar's narrowest
    assert shown.endswith(COMPACT_MARK), shown
    assert shown.startswith("Chat B:"), shown
    assert option.fontMetrics.horizontalAdvance(shown) <= option.rect.width()
