"""Building engine messages from what the user gave: text, image files, earlier turns."""

from __future__ import annotations

import json
from functools import cached_property
from pathlib import Path
from typing import Callable, Iterable

from app.core.i18n import QT_TRANSLATE_NOOP
from app.core.chat.images import ImageError, PreparedImage, prepare_image
from app.core.engine.engine_errors import MediaUnavailableError
from app.core.engine.prompt_format import ChatMessage, MediaItem
from app.core.errors import UserError


class HistoryFileError(UserError, ValueError):
    """The --history file cannot be used; the message names it."""


def image_item(image: PreparedImage) -> MediaItem:
    return MediaItem(kind="image", key=image.sha256, payload=image)


class StoredImage:
    """An image of an earlier message, decoded only when the engine needs its pixels.

    A stored file that is gone or damaged raises MediaUnavailableError, which the engine turns
    into a placeholder; the failure is remembered, so later turns do not read the file again."""

    def __init__(self, read_original: Callable[[], bytes], name: str) -> None:
        self._read_original = read_original
        self.name = name
        self._problem: MediaUnavailableError | None = None

    @cached_property
    def prepared(self) -> PreparedImage:
        if self._problem is None:
            try:
                return prepare_image(self._read_original(), name=self.name)
            except OSError as error:
                self._problem = MediaUnavailableError(self.name, error.strerror or str(error))
            except ImageError as error:
                self._problem = MediaUnavailableError(self.name, error)  # its reason, translated with it
        raise self._problem

    @property
    def width(self) -> int:
        return self.prepared.width

    @property
    def height(self) -> int:
        return self.prepared.height

    @property
    def rgb(self) -> bytes:
        return self.prepared.rgb


def stored_image_item(sha256: str, name: str, read_original: Callable[[], bytes]) -> MediaItem:
    return MediaItem(kind="image", key=sha256, payload=StoredImage(read_original, name))


def user_message(text: str, image_paths: Iterable[Path] = ()) -> ChatMessage:
    media = tuple(image_item(prepare_image(Path(path))) for path in image_paths)
    return ChatMessage(role="user", text=text, media=media)


def load_history(path: Path) -> list[ChatMessage]:
    """Earlier turns from a JSON list of {"role": "user"|"model", "text": "…"}."""
    try:
        entries = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise HistoryFileError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "Cannot read the history file {path}: {error}",
            ),
            path=path, error=error,
        ) from error
    except RecursionError:
        raise HistoryFileError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "The history file {path} is nested too deeply to be a list of turns.",
            ),
            path=path,
        ) from None
    if not isinstance(entries, list):
        raise HistoryFileError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "{path} must hold a JSON list of turns.",
            ),
            path=path,
        )
    messages = []
    for index, entry in enumerate(entries):
        role = entry.get("role") if isinstance(entry, dict) else None
        if role == "assistant":
            role = "model"
        if role not in ("user", "model") or not isinstance(entry.get("text", entry.get("content")), str):
            raise HistoryFileError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "{path}: turn {value} needs a role of user/model and a text.",
                ),
                path=path, value=index + 1,
            )
        messages.append(ChatMessage(role=role, text=entry.get("text", entry.get("content"))))
    return messages
