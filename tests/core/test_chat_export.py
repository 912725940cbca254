"""A chat to Markdown and JSON: every message, code kept verbatim, attachments named, failures told."""

from __future__ import annotations

import json

import pytest

from app.core.chat.export import ChatExportError, chat_to_markdown, export_chat
from app.core.storage.store import Attachment, StoredMessage

CODE = "Use this:\n\n```python\nprint('<b>hi</b>')\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |"
MESSAGES = [
    StoredMessage(1, 1, "user", "What is in this photo?", "complete", "", attachments=(Attachment("image", "ab" * 32, "cat.png"),),
                  created_at=1764806400.0),
    StoredMessage(2, 1, "model", CODE, "complete", "gemma-3n-E2B"),
    StoredMessage(3, 1, "user", "Thanks", "complete", ""),
    StoredMessage(4, 1, "model", "You're wel", "stopped", "gemma-3n-E2B"),
]


def test_markdown_keeps_every_message_and_the_code_verbatim(tmp_path):
    path = tmp_path / "chat.md"
    export_chat(path, "Photos", MESSAGES)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Photos\n")
    assert CODE in text and "*[image: cat.png]*" in text
    assert text.index("What is in this photo?") < text.index("Thanks") < text.index("You're wel")
    assert "## Gemma (stopped)" in text


def test_json_round_trips_the_messages(tmp_path):
    path = tmp_path / "chat.json"
    export_chat(path, "Photos", MESSAGES)
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["title"] == "Photos"
    assert [(m["role"], m["text"]) for m in document["messages"]] == [
        ("user", "What is in this photo?"), ("assistant", CODE), ("user", "Thanks"), ("assistant", "You're wel")]
    assert document["messages"][0]["attachments"] == [{"kind": "image", "name": "cat.png", "sha256": "ab" * 32}]
    assert document["messages"][0]["created"] == "2025-12-04T00:00:00+00:00"


def test_an_unwritable_place_is_a_sentence_and_leaves_no_partial_file(tmp_path):
    (tmp_path / "chat.md").mkdir()  # a folder where the file would go (root may write anywhere else)
    with pytest.raises(ChatExportError, match="Could not write the chat to"):
        export_chat(tmp_path / "chat.md", "Photos", MESSAGES)
    with pytest.raises(ChatExportError, match="No such file or directory"):
        export_chat(tmp_path / "gone" / "chat.md", "Photos", MESSAGES)
    assert list(tmp_path.rglob("*.partial")) == []


def test_a_full_disk_keeps_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "chat.md"
    path.write_text("earlier export")

    def full_disk(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.fsync", full_disk)
    with pytest.raises(ChatExportError, match="No space left on device"):
        export_chat(path, "Photos", MESSAGES)
    assert path.read_text() == "earlier export" and list(tmp_path.rglob("*.partial")) == []


def test_empty_chat_is_just_its_title():
    assert chat_to_markdown("Empty", []) == "# Empty\n"
