"""Streamed text on its way from the engine thread to the GUI thread."""

from __future__ import annotations

import threading


class TextOutbox:
    """The engine thread puts each piece in; `put` says whether the box was empty, and only then
    does the engine thread signal the GUI thread. One queued signal so carries every piece that
    arrives before the GUI thread takes them: at hundreds of tokens a second, a signal and a slot
    per token took the GIL from the engine thread between its decodes."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pieces: list[str] = []

    def put(self, text: str) -> bool:
        with self._lock:
            self._pieces.append(text)
            return len(self._pieces) == 1

    def take(self) -> str:
        with self._lock:
            pieces, self._pieces = self._pieces, []
        return "".join(pieces)
