"""The sidebar's search over every chat: typing lists the hits in place of the chat list; Enter
or a click opens the chat at the message; Esc (or clearing the field) brings the list back."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QLabel, QListWidgetItem

from app.core.storage.search import MATCH_END, MATCH_START, SearchHit
from app.core.storage.store import ConversationStore, StoreError
from app.ui.chat.chat_controller import ChatController
from app.ui.common.i18n import error_text
from app.ui.main_window_view import MainWindowView

_HIT_ROLE = Qt.UserRole
_TYPING_PAUSE_MS = 150


def hit_html(hit: SearchHit) -> str:
    """The chat's title in bold, then the snippet with the matched words in bold (all escaped)."""
    snippet = html.escape(hit.snippet).replace(MATCH_START, "<b>").replace(MATCH_END, "</b>")
    if hit.message_id is None:
        in_title = QCoreApplication.translate("ChatSearch", "in the title")
        return f"<b>{html.escape(hit.title)}</b><br><i>{html.escape(in_title)}</i>"
    return f"<b>{html.escape(hit.title)}</b><br>{snippet}"


class ChatSearch(QObject):
    def __init__(self, view: MainWindowView, store: ConversationStore, chat: ChatController) -> None:
        super().__init__(view)
        self.view, self.store, self.chat = view, store, chat
        self.hits: list[SearchHit] = []
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(_TYPING_PAUSE_MS)
        self._pause.timeout.connect(self.run)
        view.search_field.textChanged.connect(self._typed)
        view.search_field.returnPressed.connect(self._open_first)
        view.search_field.installEventFilter(self)
        view.search_results.itemActivated.connect(self._open)
        view.search_results.itemClicked.connect(self._open)
        view.search_action.triggered.connect(self.focus)

    def focus(self) -> None:
        self.view.search_field.setFocus()
        self.view.search_field.selectAll()

    def clear(self) -> None:
        self.view.search_field.clear()

    def run(self) -> None:
        """Search now for what the field holds (the field waits for a pause in typing)."""
        self._pause.stop()
        text = self.view.search_field.text()
        searching = bool(text.strip())
        self.view.conversation_list.setVisible(not searching)
        self.view.search_results.setVisible(searching)
        results = self.view.search_results
        results.clear()
        self.hits = []
        if not searching:
            return
        try:
            self.hits = self.store.search(text)
        except StoreError as error:
            self.view.notice.show_message(error_text(error))
            return
        if not self.hits:
            results.addItem(QListWidgetItem(self.tr("No chat has these words")))
            results.item(0).setFlags(Qt.NoItemFlags)
        for index, hit in enumerate(self.hits):
            item = QListWidgetItem()
            item.setData(_HIT_ROLE, index)
            label = QLabel(hit_html(hit))
            label.setTextFormat(Qt.RichText)
            label.setWordWrap(True)
            label.setContentsMargins(4, 3, 4, 3)
            label.setAttribute(Qt.WA_TransparentForMouseEvents)
            results.addItem(item)
            results.setItemWidget(item, label)
            item.setSizeHint(label.sizeHint())

    def open_hit(self, hit: SearchHit) -> None:
        self.chat.open_conversation(hit.conversation_id)
        if hit.message_id is None:
            return
        ids = [message.message_id for message in self.chat.conversation.messages]
        if hit.message_id in ids:
            self.view.chat_view.reveal(ids.index(hit.message_id))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        escape_to_clear = getattr(event, "key", lambda: None)() == Qt.Key_Escape and self.view.search_field.text()
        if event.type() == QEvent.ShortcutOverride and escape_to_clear:
            event.accept()  # Esc clears the search here rather than stopping an answer
            return True
        if event.type() == QEvent.KeyPress:
            if event.key() == Qt.Key_Escape and self.view.search_field.text():
                self.clear()
                return True
            if event.key() == Qt.Key_Down and self.hits:
                self.view.search_results.setFocus()
                self.view.search_results.setCurrentRow(0)
                return True
        return super().eventFilter(watched, event)

    def _typed(self, _text: str) -> None:
        self._pause.start()

    def _open_first(self) -> None:
        self.run()
        if self.hits:
            self.open_hit(self.hits[0])

    def _open(self, item: QListWidgetItem) -> None:
        index = item.data(_HIT_ROLE)
        if index is not None:
            self.open_hit(self.hits[index])
