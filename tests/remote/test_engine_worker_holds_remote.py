"""The window's engine worker runs a RemoteEngine through its unchanged generate slot: the
wiring the lead adds is only where the engine comes from (`open_engine`)."""

from __future__ import annotations

import httpx

from app.core.engine.prompt_format import ChatMessage
from app.core.remote.remote_engine import RemoteEngine
from app.core.remote.server_address import RemoteServer
from app.ui.engine.engine_worker import EngineWorker, GenerationRequest
from tests.remote.test_server_answers import VLLM_MODELS, chunk, stream


def test_the_worker_streams_a_remote_answer_and_finishes(qapp):
    answers = {"/v1/models": httpx.Response(200, json=VLLM_MODELS),
               "/v1/chat/completions": stream(chunk("Hello"), chunk(" there"), chunk(None, "length"))}
    transport = httpx.MockTransport(lambda request: answers.get(request.url.path, httpx.Response(404)))
    worker = EngineWorker()
    worker.engine = RemoteEngine(RemoteServer.from_user("http://gpu-box.lan:8080"), transport=transport)
    tokens, finished, failed = [], [], []
    worker.tokenStreamed.connect(lambda request_id, text: tokens.append(text))
    worker.generationFinished.connect(lambda request_id, result: finished.append(result))
    worker.generationFailed.connect(lambda request_id, message: failed.append(message))
    worker.generate(7, GenerationRequest([ChatMessage("user", "Hi")]))
    worker.unload()
    assert failed == []
    assert tokens == ["Hello", " there"]
    assert finished[0].text == "Hello there" and finished[0].stop_reason == "max_tokens"
    assert worker.engine is None
