"""The window's engine thread runs a RemoteEngine through the same per-request handles as a
local one: only where the engine comes from (`open_engine`) differs."""

from __future__ import annotations

import httpx

from app.core.engine.prompt_format import ChatMessage
from app.core.remote.remote_engine import RemoteEngine
from app.core.remote.server_address import RemoteServer
from app.ui.engine.engine_worker import EngineHost, GenerationRequest
from tests.remote.test_server_answers import VLLM_MODELS, chunk, stream


def test_the_worker_streams_a_remote_answer_and_finishes(qtbot):
    answers = {"/v1/models": httpx.Response(200, json=VLLM_MODELS),
               "/v1/chat/completions": stream(chunk("Hello"), chunk(" there"), chunk(None, "length"))}
    transport = httpx.MockTransport(lambda request: answers.get(request.url.path, httpx.Response(404)))
    host = EngineHost()
    host.worker.engine = RemoteEngine(RemoteServer.from_user("http://gpu-box.lan:8080"), transport=transport)
    try:
        request = host.generate(GenerationRequest([ChatMessage("user", "Hi")]))
        streamed, failed = [], []
        request.streamed.connect(streamed.append)
        request.failed.connect(failed.append)
        with qtbot.waitSignal(request.finished, timeout=10_000) as blocker:
            pass
    finally:
        assert host.shutdown()
    assert failed == []
    assert "".join(streamed) == "Hello there", "in one delivery or two"
    assert blocker.args[0].text == "Hello there" and blocker.args[0].stop_reason == "max_tokens"
