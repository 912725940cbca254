"""Streamed text crosses from the engine thread to the GUI thread in deliveries: the first piece
at once, then at most one delivery a frame, nothing held back, all of it before the end."""

import threading
import time

import pytest

from app.core.engine.options import LoadOptions, SamplingOptions
from app.core.engine.prompt_format import ChatMessage
from app.ui.engine.engine_worker import DELIVERY_INTERVAL_MS, EngineHost, GenerationRequest
from tests.ui.conftest import WAIT_MS

HEARD_TIMEOUT_S = 5.0


@pytest.fixture
def loaded_host(qtbot, gemma_model_path):
    host = EngineHost()
    with qtbot.waitSignal(host.worker.modelLoaded, timeout=WAIT_MS):
        host.load(LoadOptions(model_path=gemma_model_path, n_ctx=1024, n_threads=2))
    yield host
    host.shutdown()


def listen(request) -> list:
    events = []
    request.streamed.connect(lambda text: events.append(("text", text)))
    request.finished.connect(lambda result: events.append(("finished", result)))
    return events


def test_text_streamed_faster_than_a_frame_comes_in_few_deliveries_all_before_the_end(qtbot, loaded_host):
    pieces = [f"{index} " for index in range(3000)]
    took = []

    def fast_job(_engine, send_text, _should_stop):
        started = time.perf_counter()
        for piece in pieces:
            send_text(piece)
        took.append(time.perf_counter() - started)
        return "done"

    request = loaded_host.submit(fast_job)
    events = listen(request)
    with qtbot.waitSignal(request.finished, timeout=WAIT_MS):
        pass
    texts = [value for kind, value in events if kind == "text"]
    assert events[-1] == ("finished", "done"), "every delivery comes before the end"
    assert "".join(texts) == "".join(pieces), "nothing lost, nothing doubled, in order"
    frames = took[0] * 1000 / (DELIVERY_INTERVAL_MS * 0.95)  # a coarse QTimer may fire up to 5 % early
    assert len(texts) <= frames + 3, f"{len(texts)} deliveries for {len(pieces)} pieces in {took[0] * 1000:.0f} ms"


def test_the_first_text_comes_at_once_and_held_text_does_not_wait_for_the_next(qtbot, loaded_host):
    first_heard, rest_heard = threading.Event(), threading.Event()

    def pausing_job(_engine, send_text, _should_stop):
        send_text("a")
        first = first_heard.wait(HEARD_TIMEOUT_S)  # the GUI thread shows it while the job waits
        send_text("b")
        send_text("c")  # right after "b", inside the frame: held, then delivered with no more to come
        rest = rest_heard.wait(HEARD_TIMEOUT_S)
        return first, rest

    request = loaded_host.submit(pausing_job)
    heard = []

    def on_text(text):
        heard.append(text)
        joined = "".join(heard)
        if joined == "a":
            first_heard.set()
        if joined == "abc":
            rest_heard.set()

    request.streamed.connect(on_text)
    with qtbot.waitSignal(request.finished, timeout=WAIT_MS) as finished:
        pass
    assert finished.args[0] == (True, True), "each piece reached the GUI thread while the job was still running"
    assert "".join(heard) == "abc"


def test_a_real_answer_streams_whole_and_in_order(qtbot, loaded_host):
    request = loaded_host.generate(GenerationRequest(
        [ChatMessage("user", "Write a long story.")], "", SamplingOptions(temperature=0.0, max_tokens=40)))
    events = listen(request)
    with qtbot.waitSignal(request.finished, timeout=WAIT_MS):
        pass
    kind, result = events[-1]
    assert kind == "finished" and len(result.token_ids) > 1
    streamed = "".join(value for kind, value in events[:-1])
    assert streamed == result.text and streamed.strip()
