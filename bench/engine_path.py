"""The app's engine path without Qt, for machines where PySide6 cannot load: ChatEngine.generate,
the loop the window's worker thread runs, called directly; tokens timed as they are yielded."""

from __future__ import annotations

import time

from app.core.engine.engine import ChatEngine, GenerationResult, TokenPiece
from app.core.engine.options import LoadOptions, SamplingOptions
from app.core.engine.prompt_format import ChatMessage
from bench.measure import Answer


class EngineSession:
    ticks = None  # no GUI thread to watch

    def __init__(self, options: LoadOptions, _scratch=None) -> None:
        started = time.perf_counter()
        self.engine = ChatEngine(options)
        self.load_seconds = time.perf_counter() - started
        self._messages: list[ChatMessage] = []

    def ask(self, text: str, sampling: SamplingOptions, new_conversation: bool = True) -> Answer:
        if new_conversation:
            self._messages = []
        self._messages.append(ChatMessage("user", text))
        sent_at = time.perf_counter()
        arrivals: list[float] = []
        result = GenerationResult()
        for event in self.engine.generate(self._messages, sampling=sampling):
            if isinstance(event, TokenPiece):
                arrivals.append(time.perf_counter())
            else:
                result = event
        if result.text.strip():
            self._messages.append(ChatMessage("model", result.text, token_ids=tuple(result.token_ids)))
        return Answer(result, sent_at, arrivals, time.perf_counter())

    def on_engine_thread(self, function):
        return function()  # the engine runs on this thread here

    def history(self) -> list[ChatMessage]:
        return list(self._messages)

    def idle(self, seconds: float) -> None:
        time.sleep(seconds)

    def close(self) -> None:
        self.engine.close()
