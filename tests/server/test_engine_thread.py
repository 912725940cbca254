"""The headless engine owner on its own: order, cancel before start, shutdown."""

import threading

from app.core.engine.engine import GenerationResult
from app.core.engine.options import SamplingOptions
from app.core.engine.prompt_format import ChatMessage
from app.core.server.engine_port import ChatJob
from app.core.server.engine_thread import EngineThread
from tests.server.conftest import model_options

WAIT_S = 60


class Recorder:
    def __init__(self, log: list, name: str) -> None:
        self.log, self.name, self.ended = log, name, threading.Event()
        self.result: GenerationResult | None = None
        self.failure: str | None = None

    def on_token(self, text: str) -> None:
        self.log.append((self.name, "token"))

    def on_finished(self, result: GenerationResult) -> None:
        self.result = result
        self.log.append((self.name, "finished"))
        self.ended.set()

    def on_failed(self, message: str, user_error: bool = True) -> None:
        self.failure = message
        self.log.append((self.name, "failed"))
        self.ended.set()


def job(text: str, max_tokens: int = 3) -> ChatJob:
    sampling = SamplingOptions(temperature=0, max_tokens=max_tokens, logit_bias={106: -100, 1: -100})
    return ChatJob((ChatMessage("user", text),), "", sampling)


def test_jobs_run_one_at_a_time_in_order_and_a_cancelled_one_is_skipped(gemma_model_path):
    engine = EngineThread(model_options(gemma_model_path))
    log: list = []
    first, skipped, last = Recorder(log, "first"), Recorder(log, "skipped"), Recorder(log, "last")
    engine.submit(job("one"), first)  # queued while the model loads
    engine.submit(job("two"), skipped).cancel()
    engine.submit(job("three"), last)
    engine.start()
    try:
        assert last.ended.wait(WAIT_S)
        assert [name for name, _ in log] == ["first"] * 4 + ["skipped"] + ["last"] * 4
        assert skipped.result.stop_reason == "cancelled" and skipped.result.token_ids == []
        assert len(first.result.token_ids) == len(last.result.token_ids) == 3
    finally:
        assert engine.close()
    assert engine.engine is None, "the engine thread freed the model"


def test_after_close_jobs_are_refused_not_lost(gemma_model_path):
    engine = EngineThread(model_options(gemma_model_path))
    assert engine.close(), "closing an engine that never started is fine"
    late = Recorder([], "late")
    engine.submit(job("anyone there?"), late)
    assert late.ended.is_set() and late.failure == "The server is shutting down."
