"""The message typed but not sent when the window closed: kept beside the conversations (it is
the user's words, so it lives in the private data folder, not with the settings)."""

from __future__ import annotations

from pathlib import Path

from app.core.paths import make_private, write_text_atomically

DRAFT_FILE_NAME = "unsent-message.txt"


def read_draft(folder: Path) -> str:
    """The kept draft, or "" when there is none or it cannot be read."""
    try:
        return (Path(folder) / DRAFT_FILE_NAME).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def save_draft(folder: Path, text: str) -> None:
    """Keep `text` for the next start (an empty one removes the file); raises OSError."""
    path = Path(folder) / DRAFT_FILE_NAME
    if not text.strip():
        path.unlink(missing_ok=True)
        return
    write_text_atomically(path, text)
    make_private(path)
