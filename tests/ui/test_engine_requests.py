"""The engine host on the real model: each request is its own handle, queued on the one thread."""

import logging

import pytest

from app.core.engine.options import LoadOptions, SamplingOptions
from app.core.engine.prompt_format import ChatMessage
from app.core.errors import UserError
from app.ui.engine.engine_worker import EngineHost, GenerationRequest
from tests.ui.conftest import WAIT_MS

GREEDY = SamplingOptions(temperature=0.0, max_tokens=6)


@pytest.fixture
def host(qtbot):
    host = EngineHost()
    yield host
    host.shutdown()


@pytest.fixture
def loaded_host(qtbot, host, gemma_model_path):
    with qtbot.waitSignal(host.worker.modelLoaded, timeout=WAIT_MS):
        host.load(LoadOptions(model_path=gemma_model_path, n_ctx=1024, n_threads=2))
    return host


def ask(text: str) -> GenerationRequest:
    return GenerationRequest([ChatMessage("user", text)], "", GREEDY)


def test_each_request_hears_only_its_own_tokens_in_turn(qtbot, loaded_host):
    first, second = loaded_host.generate(ask("Name a river.")), loaded_host.generate(ask("Name a mountain."))
    heard = {first: [], second: []}
    finished = []
    for request in (first, second):
        request.streamed.connect(heard[request].append)
        request.finished.connect(lambda result, request=request: finished.append((request, result.text)))
    with qtbot.waitSignals([first.finished, second.finished], timeout=WAIT_MS):
        pass
    assert [request for request, _ in finished] == [first, second], "one engine thread, first come first served"
    assert all("".join(heard[request]) == text for request, text in finished)
    assert heard[first] != heard[second]
    assert first.done and second.done


def test_cancel_before_it_runs_ends_it_without_tokens(qtbot, loaded_host):
    busy = loaded_host.generate(ask("Count to ten."))
    waiting = loaded_host.generate(ask("Count to twenty."))
    waiting.cancel()
    tokens = []
    waiting.streamed.connect(tokens.append)
    with qtbot.waitSignals([busy.finished, waiting.finished], timeout=WAIT_MS):
        pass
    assert tokens == []


def test_user_errors_become_sentences_and_bugs_are_logged(qtbot, loaded_host, caplog):
    def refused(_engine, _send, _stop):
        raise UserError("That picture is too small to read.")

    def buggy(_engine, _send, _stop):
        return {}["missing"]

    refusal = loaded_host.submit(refused)
    with qtbot.waitSignal(refusal.failed, timeout=WAIT_MS) as user_error:
        pass
    assert user_error.args == ["That picture is too small to read."]
    mistake = loaded_host.submit(buggy)
    with caplog.at_level(logging.ERROR), qtbot.waitSignal(mistake.failed, timeout=WAIT_MS) as bug:
        pass
    assert "KeyError" in bug.args[0] and "logged" in bug.args[0]
    assert any(record.exc_info and record.exc_info[0] is KeyError for record in caplog.records)


def test_a_request_without_a_model_fails_with_a_sentence(qtbot, host):
    request = host.generate(ask("Hello?"))
    with qtbot.waitSignal(request.failed, timeout=WAIT_MS) as failed:
        pass
    assert failed.args == ["No model is loaded yet."]


def test_shutdown_frees_the_model_on_the_engine_thread(qtbot, loaded_host):
    worker = loaded_host.worker
    assert worker.engine is not None
    assert loaded_host.shutdown()
    assert worker.engine is None and not loaded_host.thread.isRunning()


def test_the_model_is_freed_on_the_engine_thread_as_it_ends(qtbot, loaded_host):
    """llama.cpp's model is made and freed on the one engine thread, also when the app quits."""
    import threading

    closed_on = []
    engine = loaded_host.worker.engine
    real_close = engine.close
    engine.close = lambda: (closed_on.append(threading.get_ident()), real_close())[-1]
    request = loaded_host.submit(lambda engine, *_: threading.get_ident())
    with qtbot.waitSignal(request.finished, timeout=WAIT_MS) as asked:
        pass
    assert loaded_host.shutdown()
    assert closed_on == [asked.args[0]] and asked.args[0] != threading.get_ident()
