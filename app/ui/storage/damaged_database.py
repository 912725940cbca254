"""Opening the conversation database at start, with a way out when its file is damaged."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from app.core.storage.store import ConversationStore, DamagedStoreError, StoreError, set_aside_damaged_database
from app.ui.common.i18n import error_text

TITLE = "Gemma Desk"


def open_conversation_store(folder: Path, parent: QWidget | None = None) -> ConversationStore | None:
    """The store in `folder`. When its file is damaged, offer to keep that file as a copy and
    start an empty one. None when it cannot be opened or the user declines (they were told why)."""
    try:
        return ConversationStore.in_folder(folder)
    except DamagedStoreError as damaged:
        answer = QMessageBox.question(
            parent,
            TITLE,
            QCoreApplication.translate(
                "DamagedDatabase",
                "{problem} Keep a copy of the damaged file beside it and start with an empty chat history?",
            ).format(problem=error_text(damaged)),
            QMessageBox.Yes | QMessageBox.No,
            QMessageBox.Yes,
        )
        if answer != QMessageBox.Yes:
            return None
        try:
            backup = set_aside_damaged_database(damaged.database_path)
            store = ConversationStore.in_folder(folder)
        except StoreError as error:
            QMessageBox.critical(parent, TITLE, error_text(error))
            return None
        QMessageBox.information(parent, TITLE, QCoreApplication.translate(
            "DamagedDatabase", "The damaged chat history is kept at {backup}; a new one was started.",
        ).format(backup=backup))
        return store
    except StoreError as error:
        QMessageBox.critical(parent, TITLE, error_text(error))
        return None
