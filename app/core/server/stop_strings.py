"""OpenAI's `stop` strings over a token stream: text is let out only once it cannot start a stop."""

from __future__ import annotations

from typing import Sequence


class StopScanner:
    """Feed streamed text; get back what is safe to send, and whether a stop string was reached.

    Text that could be the start of a stop string is held back until the next piece decides it,
    so a stop string split across tokens is never half sent."""

    def __init__(self, stops: Sequence[str]) -> None:
        self.stops = tuple(stop for stop in stops if stop)
        self._held = ""
        self.stopped = False

    def feed(self, text: str) -> str:
        if self.stopped:
            return ""
        text = self._held + text
        self._held = ""
        cut = min((index for stop in self.stops if (index := text.find(stop)) >= 0), default=-1)
        if cut >= 0:
            self.stopped = True
            return text[:cut]
        keep = self._longest_partial_stop(text)
        self._held = text[len(text) - keep :] if keep else ""
        return text[: len(text) - keep]

    def flush(self) -> str:
        """At the end of the answer: whatever was held back was not a stop after all."""
        held, self._held = self._held, ""
        return "" if self.stopped else held

    def _longest_partial_stop(self, text: str) -> int:
        longest = 0
        for stop in self.stops:
            for length in range(min(len(stop) - 1, len(text)), longest, -1):
                if text.endswith(stop[:length]):
                    longest = length
                    break
        return longest
