"""A chat written out as Markdown (to read or share) or JSON (to keep or process)."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

from app.core.errors import UserError
from app.core.i18n import QT_TRANSLATE_NOOP
from app.core.paths import write_text_atomically
from app.core.storage.store import StoredMessage

EXPORT_FORMATS = ("markdown", "json")
_ROLE_HEADINGS = {"user": "You", "model": "Gemma"}
_STATUS_NOTES = {"stopped": "stopped", "interrupted": "interrupted", "error": "failed", "generating": "unfinished"}


class ChatExportError(UserError):
    """The chat could not be written; the message names the file and why."""


def format_for(path: Path) -> str:
    return "json" if path.suffix.lower() == ".json" else "markdown"


def chat_to_markdown(title: str, messages: list[StoredMessage]) -> str:
    lines = [f"# {title}", ""]
    for message in messages:
        heading = _ROLE_HEADINGS.get(message.role, message.role)
        note = _STATUS_NOTES.get(message.status)
        lines.append(f"## {heading}" + (f" ({note})" if note else ""))
        lines.append("")
        for attachment in message.attachments:
            lines.append(f"*[{attachment.kind}: {attachment.name or attachment.sha256[:12]}]*")
        if message.attachments:
            lines.append("")
        lines.append(message.text)  # the model's Markdown, code fences and all, as written
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def chat_to_json(title: str, messages: list[StoredMessage]) -> str:
    document = {
        "title": title,
        "messages": [
            {
                "role": "assistant" if message.role == "model" else message.role,
                "text": message.text,
                "created": _iso_time(message.created_at),
                "status": message.status,
                "model": message.model_name or None,
                "attachments": [{"kind": a.kind, "name": a.name, "sha256": a.sha256} for a in message.attachments],
            }
            for message in messages
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _iso_time(seconds: float | None) -> str | None:
    return None if seconds is None else datetime.fromtimestamp(seconds, timezone.utc).isoformat(timespec="seconds")


def export_chat(path: Path, title: str, messages: list[StoredMessage], fmt: str | None = None) -> None:
    """Writes the chat to `path` (the format from its extension unless `fmt` says); raises ChatExportError."""
    fmt = fmt or format_for(path)
    render = chat_to_json if fmt == "json" else chat_to_markdown
    try:
        write_text_atomically(path, render(title, messages))
    except OSError as error:
        raise ChatExportError(QT_TRANSLATE_NOOP("UserError", "Could not write the chat to {path}: {reason}."),
                              path=path, reason=error.strerror or error) from error
