"""File ▸ Export chat…: the chat on screen as Markdown or JSON, to a file the user picks."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from app.core.chat.export import ChatExportError, export_chat
from app.core.storage.store import ConversationStore, StoreError
from app.ui.common.i18n import error_text

MARKDOWN_FILTER, JSON_FILTER = "Markdown (*.md)", "JSON (*.json)"  # format names, not translated


def ask_export_path(parent: QWidget, suggested: Path) -> Path | None:
    """The save dialog (the OS edge); the extension follows the chosen filter when none was typed."""
    name, chosen = QFileDialog.getSaveFileName(
        parent, QCoreApplication.translate("ChatExport", "Export chat"), str(suggested), f"{MARKDOWN_FILTER};;{JSON_FILTER}")
    if not name:
        return None
    path = Path(name)
    if path.suffix.lower() not in (".md", ".markdown", ".json"):
        path = path.with_name(path.name + (".json" if chosen == JSON_FILTER else ".md"))
    return path


def export_conversation(store: ConversationStore, conversation_id: int, title: str, parent: QWidget,
                        tell: Callable[[str, str], None], ask: Callable[[QWidget, Path], Path | None] = ask_export_path,
                        ) -> Path | None:
    """Asks where, writes the chat there; `tell(text, kind)` says how it went. The written path, or None."""
    safe_title = "".join(c if c.isalnum() or c in " -_" else "_" for c in title).strip() or "chat"
    path = ask(parent, Path.home() / f"{safe_title}.md")
    if path is None:
        return None
    try:
        export_chat(path, title, store.messages(conversation_id))
    except (ChatExportError, StoreError) as error:
        tell(error_text(error), "error")
        return None
    tell(QCoreApplication.translate("ChatExport", "Exported “{title}” to {path}.").format(title=title, path=path), "info")
    return path
