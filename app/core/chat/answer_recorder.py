"""A streaming answer kept in the database as it grows, so a crash loses at most a second of it.

The answer's row is written when it starts (status "generating"), rewritten at most once per
`interval_s` while tokens arrive, and written a last time with its final status. A row still
marked "generating" when the store next opens was cut off, and is shown as "interrupted"."""

from __future__ import annotations

import time
from typing import Callable

from app.core.storage.store import ConversationStore

SAVE_INTERVAL_S = 1.0


class AnswerRecorder:
    """Writes one answer of one conversation. Each write raises StoreError when it fails; the
    next one tries again, so an answer is saved as soon as the database takes writes again."""

    def __init__(
        self,
        store: ConversationStore,
        conversation_id: int,
        model_name: str = "",
        interval_s: float = SAVE_INTERVAL_S,
        clock: Callable[[], float] = time.monotonic,
        variant_group: int | None = None,
    ) -> None:
        self.store = store
        self.conversation_id = conversation_id
        self.model_name = model_name
        self.interval_s = interval_s
        self.clock = clock
        self.variant_group = variant_group  # a regenerated answer: its turn's kept variants
        self.message_id: int | None = None
        self.saved_text: str | None = None  # what the database holds, once a write succeeded
        self.saved_status: str | None = None
        self._last_try = clock()

    def begin(self) -> None:
        """The answer's row, empty, before any token: it exists even if the app dies at once."""
        self._write("", "generating")

    def due(self) -> bool:
        """Whether `grow` would write now: the last try is `interval_s` old."""
        return self.clock() - self._last_try >= self.interval_s

    def grow(self, text: str) -> None:
        """The answer so far; written only when due."""
        if self.due():
            self._write(text, "generating")

    def finish(self, text: str, status: str) -> None:
        self._write(text, status)

    def discard(self) -> None:
        """Nothing worth keeping (a failed answer without text): remove the row."""
        if self.message_id is not None:
            self.store.delete_message(self.message_id)
            self.message_id = None

    @property
    def saved(self) -> bool:
        return self.saved_status not in (None, "generating")

    def _write(self, text: str, status: str) -> None:
        self._last_try = self.clock()
        if self.message_id is None:
            self.message_id = self.store.add_message(
                self.conversation_id, "model", text, status, self.model_name, variant_group=self.variant_group
            )
        else:
            self.store.update_message(self.message_id, text, status)
        self.saved_text, self.saved_status = text, status
