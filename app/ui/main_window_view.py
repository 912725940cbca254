"""The main window's layout: conversation list, chat, composer, status bar. No wiring here."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.ui.chat.chat_view import ChatView
from app.ui.chat.composer import Composer
from app.ui.help_dialogs import ShortcutSheet, show_about
from app.ui.status_bar_widgets import ElidedLabel, LoadProgress
from app.ui.common.notice_bar import NoticeBar, notice_style_sheet
from app.ui.common.notices import Notices


class MainWindowView(QMainWindow):
    modelManagerRequested = Signal()  # the welcome panel's button; the app connects File ▸ Model manager

    def __init__(self, notices: Notices | None = None) -> None:
        """`notices`: those the model loader already holds (it may exist first); the bar shows them."""
        super().__init__()
        self.setWindowTitle("Gemma Desk")  # the product's name stays
        self.resize(1100, 760)

        self.new_chat_button = QPushButton(self.tr("New chat"))
        self.new_chat_button.setToolTip(self.tr("Start a new conversation (Ctrl+N)"))
        self.conversation_list = QListWidget()
        self.conversation_list.setObjectName("conversation-list")
        self.conversation_list.setContextMenuPolicy(Qt.ActionsContextMenu)
        self.conversation_list.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.conversation_list.setTextElideMode(Qt.ElideRight)
        self.rename_action = QAction(self.tr("Rename…"), self.conversation_list)
        self.rename_action.setShortcut(QKeySequence(Qt.Key_F2))
        self.delete_action = QAction(self.tr("Delete"), self.conversation_list)
        self.delete_action.setShortcut(QKeySequence.Delete)
        for action in (self.rename_action, self.delete_action):
            action.setShortcutContext(Qt.WidgetShortcut)
            self.conversation_list.addAction(action)
        self.search_field = QLineEdit()
        self.search_field.setObjectName("chat-search")
        self.search_field.setPlaceholderText(self.tr("Search all chats"))
        self.search_field.setClearButtonEnabled(True)
        self.search_field.setToolTip(self.tr("Search every chat's messages and titles (Ctrl+Shift+F)"))
        self.search_results = QListWidget()
        self.search_results.setObjectName("search-results")
        self.search_results.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.search_results.setWordWrap(True)
        self.search_results.hide()
        self.sidebar = QWidget()
        self.sidebar.setObjectName("sidebar")
        sidebar_layout = QVBoxLayout(self.sidebar)
        sidebar_layout.setContentsMargins(6, 6, 0, 6)
        sidebar_layout.addWidget(self.new_chat_button)
        sidebar_layout.addWidget(self.search_field)
        sidebar_layout.addWidget(self.conversation_list, 1)
        sidebar_layout.addWidget(self.search_results, 1)

        self.notice = NoticeBar(notices)
        self.chat_view = ChatView()
        self.composer = Composer()
        center = QWidget()
        center_layout = QVBoxLayout(center)
        center_layout.setContentsMargins(0, 6, 6, 6)
        center_layout.addWidget(self.notice)
        center_layout.addWidget(self.chat_view, 1)
        center_layout.addWidget(self.composer)

        self.splitter = QSplitter()
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(center)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(0, False)
        self.splitter.setCollapsible(1, False)
        self.splitter.setSizes([240, 860])
        self.setCentralWidget(self.splitter)
        self._fit_sidebar_to_font()
        # The first keys typed belong in the message box, not on New chat (first in the tab order).
        self.composer.editor.setFocus()

        self.model_label = ElidedLabel(self.tr("No model"))
        self.speed_label = QLabel()
        self.context_label = QLabel()
        self.source_label = QLabel()  # where answers come from: this computer or a server
        self.load_progress = LoadProgress()
        self.load_progress.hide()
        for label in (self.source_label, self.speed_label, self.context_label):
            label.setContentsMargins(12, 0, 4, 0)  # two figures side by side must not read as one
        status = self.statusBar()
        status.addWidget(self.model_label, 1)
        status.addPermanentWidget(self.load_progress)
        status.addPermanentWidget(self.source_label)
        status.addPermanentWidget(self.speed_label)
        status.addPermanentWidget(self.context_label)

        self.file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.open_model_action = self.file_menu.addAction(self.tr("Open model…"))
        self.open_model_action.setShortcut(QKeySequence.Open)
        self.open_projector_action = self.file_menu.addAction(self.tr("Open projector (mmproj)…"))
        self.file_menu.addSeparator()
        self.export_chat_action = self.file_menu.addAction(self.tr("Export chat…"))
        self.export_chat_action.setShortcut(QKeySequence("Ctrl+Shift+E"))
        self.file_menu.addSeparator()
        self.model_manager_action = self.file_menu.addAction(self.tr("Model manager…"))
        self.settings_action = self.file_menu.addAction(self.tr("Settings…"))
        self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self.settings_action.setMenuRole(QAction.PreferencesRole)
        self.file_menu.addSeparator()
        self.quit_action = self.file_menu.addAction(self.tr("Quit"))
        self.quit_action.setShortcut(QKeySequence.Quit)
        self.chat_menu = self.menuBar().addMenu(self.tr("&Chat"))
        self.new_chat_action = self.chat_menu.addAction(self.tr("New chat"))
        self.new_chat_action.setShortcut(QKeySequence.New)
        self.stop_action = self.chat_menu.addAction(self.tr("Stop generating"))
        self.stop_action.setShortcut(QKeySequence(Qt.Key_Escape))
        self.regenerate_action = self.chat_menu.addAction(self.tr("Regenerate answer"))
        self.regenerate_action.setShortcut(QKeySequence("Ctrl+R"))
        self.chat_menu.addSeparator()
        self.search_action = self.chat_menu.addAction(self.tr("Search all chats"))
        self.search_action.setShortcuts([QKeySequence("Ctrl+Shift+F"), QKeySequence(QKeySequence.Find)])
        self.system_prompt_action = self.chat_menu.addAction(self.tr("System prompt for this chat…"))
        self.system_prompt_action.setShortcut(QKeySequence("Ctrl+Shift+P"))
        self.focus_composer_action = self.chat_menu.addAction(self.tr("Focus message box"))
        self.focus_composer_action.setShortcut(QKeySequence("Ctrl+L"))
        self.view_menu = self.menuBar().addMenu(self.tr("&View"))
        self.help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self.shortcuts_action = self.help_menu.addAction(self.tr("Keyboard shortcuts"))
        self.shortcuts_action.setShortcut(QKeySequence("Ctrl+/"))
        self.about_action = self.help_menu.addAction(self.tr("About Gemma Desk"))
        self.about_action.setMenuRole(QAction.AboutRole)

        # The view keeps its own pieces consistent: nothing to regenerate, nothing to count.
        self.chat_view.answerAvailable.connect(self._answer_available)
        self.chat_view.cleared.connect(self.context_label.clear)
        self.chat_view.welcome.modelManagerRequested.connect(self.modelManagerRequested)
        self.shortcuts_action.triggered.connect(lambda: ShortcutSheet(self).exec())
        self.about_action.triggered.connect(lambda: show_about(self))
        self._answer_available(False)

    def _answer_available(self, available: bool) -> None:
        self.regenerate_action.setEnabled(available)
        self.composer.set_answer_available(available)

    def _fit_sidebar_to_font(self) -> None:
        """The chat list keeps room for about 16 characters of a title, whatever the font size."""
        self.sidebar.setMinimumWidth(self.fontMetrics().averageCharWidth() * 16 + 24)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.FontChange, QEvent.ApplicationFontChange):
            self._fit_sidebar_to_font()
        elif event.type() in (QEvent.PaletteChange, QEvent.ApplicationPaletteChange) and self.notice.isVisible():
            self.notice.setStyleSheet(notice_style_sheet(self.notice.property("kind") or "error"))
