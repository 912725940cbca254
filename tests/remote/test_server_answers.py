"""How the remote engine reads answers from servers we cannot run here (llama.cpp's llama-server,
vLLM) and from things that are not servers at all. The network edge is replaced by
httpx.MockTransport replaying the shapes those servers send; everything above it is real."""

from __future__ import annotations

import json

import httpx
import numpy as np
import pytest

from app.core.engine.engine import GenerationResult, TokenPiece
from app.core.engine.options import SamplingOptions
from app.core.remote.remote_engine import RemoteEngine
from app.core.remote.server_address import RemoteError, RemoteServer
from app.core.speech.chunker import chunk_audio
from app.core.speech.transcription import SpeechTask, transcribe_chunk

URL = "http://gpu-box.lan:8080"
LLAMA_SERVER_MODELS = {"object": "list", "data": [{"id": "gemma-3n-E4B-it-Q4_K_M.gguf", "object": "model",
                                                     "created": 1750000000, "owned_by": "llamacpp",
                                                     "meta": {"n_ctx_train": 32768, "n_vocab": 262144}}]}
LLAMA_SERVER_PROPS = {"default_generation_settings": {"n_ctx": 8192}, "total_slots": 1,
                      "model_path": "/models/gemma-3n-E4B-it-Q4_K_M.gguf", "modalities": {"vision": True, "audio": False}}
VLLM_MODELS = {"object": "list", "data": [{"id": "google/gemma-3n-E4B-it", "object": "model", "owned_by": "vllm",
                                           "root": "google/gemma-3n-E4B-it", "max_model_len": 32768}]}


def sse(*payloads) -> bytes:
    lines = [f"data: {json.dumps(p) if not isinstance(p, str) else p}\n\n" for p in payloads]
    return "".join(lines).encode()


def chunk(text=None, finish=None) -> dict:
    delta = {"content": text} if text is not None else {}
    return {"object": "chat.completion.chunk", "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}


class Recorded:
    """Answers by path; keeps every request it was sent."""

    def __init__(self, answers: dict[str, httpx.Response]) -> None:
        self.answers = answers
        self.requests: list[httpx.Request] = []
        self.transport = httpx.MockTransport(self.handle)

    def handle(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return self.answers.get(request.url.path, httpx.Response(404, json={"detail": "Not Found"}))


def engine_on(answers: dict[str, httpx.Response], **server) -> tuple[RemoteEngine, Recorded]:
    recorded = Recorded(answers)
    return RemoteEngine(RemoteServer.from_user(URL, **server), transport=recorded.transport), recorded


def stream(*payloads) -> httpx.Response:
    return httpx.Response(200, headers={"content-type": "text/event-stream"}, content=sse(*payloads))


def test_llama_server_says_what_its_model_takes_at_props():
    engine, _ = engine_on({"/v1/models": httpx.Response(200, json=LLAMA_SERVER_MODELS),
                           "/props": httpx.Response(200, json=LLAMA_SERVER_PROPS)})
    assert engine.n_ctx == 8192
    assert engine.supports_images and not engine.supports_audio
    assert str(engine.speech_unavailable) == (
        "gemma-3n-E4B-it-Q4_K_M.gguf on the server at http://gpu-box.lan:8080 cannot hear audio (the server says so).")


def test_vllm_gives_its_context_and_leaves_the_rest_to_try():
    engine, _ = engine_on({"/v1/models": httpx.Response(200, json=VLLM_MODELS)})
    assert engine.n_ctx == 32768 and engine.supports_images and engine.supports_audio


def test_a_web_page_is_not_taken_for_a_server():
    with pytest.raises(RemoteError, match="did not answer like an OpenAI-compatible server"):
        engine_on({"/v1/models": httpx.Response(200, text="<html>router login</html>")})
    with pytest.raises(RemoteError, match="did not list its models the OpenAI way"):
        engine_on({"/v1/models": httpx.Response(200, json={"models": []})})


def test_a_redirect_is_a_sentence():
    with pytest.raises(RemoteError, match=r"redirects \(HTTP 307\)"):
        engine_on({"/v1/models": httpx.Response(307, headers={"location": "https://elsewhere/v1/models"})})


def test_an_error_in_the_middle_of_a_stream_keeps_what_came_and_says_why():
    engine, _ = engine_on({"/v1/models": httpx.Response(200, json=VLLM_MODELS),
                           "/v1/chat/completions": stream(chunk("Once"), {"error": {"message": "CUDA out of memory"}})})
    from app.core.engine.prompt_format import ChatMessage

    events = engine.generate([ChatMessage("user", "Tell a story")])
    assert next(events) == TokenPiece("Once", -1)
    with pytest.raises(RemoteError, match="stopped the answer: CUDA out of memory"):
        next(events)


def test_usage_and_finish_reason_fill_the_result():
    from app.core.engine.prompt_format import ChatMessage

    usage = {"object": "chat.completion.chunk", "choices": [], "usage": {"prompt_tokens": 11, "completion_tokens": 2}}
    engine, recorded = engine_on({"/v1/models": httpx.Response(200, json=VLLM_MODELS),
                                  "/v1/chat/completions": stream(chunk("Hi"), chunk(" there"), chunk(None, "stop"), usage, "[DONE]")})
    events = list(engine.generate([ChatMessage("user", "Hello")], "Be kind.", SamplingOptions(max_tokens=5)))
    result = events[-1]
    assert isinstance(result, GenerationResult)
    assert (result.text, result.stop_reason, result.prompt_tokens, result.context_used) == ("Hi there", "end_of_turn", 11, 13)
    sent = json.loads(recorded.requests[-1].content)
    assert sent["messages"][0] == {"role": "system", "content": "Be kind."}
    assert sent["model"] == "google/gemma-3n-E4B-it" and sent["max_tokens"] == 5 and sent["stream"] is True


def test_a_transcription_route_for_other_models_only_sends_dictation_through_chat():
    """vLLM answers 400 on /v1/audio/transcriptions for a model that is not a speech model."""
    refusal = httpx.Response(400, json={"error": {"message": "The model does not support the Transcriptions API"}})
    engine, recorded = engine_on({"/v1/models": httpx.Response(200, json=VLLM_MODELS),
                                  "/v1/audio/transcriptions": refusal,
                                  "/v1/chat/completions": stream(chunk("hello"), chunk(None, "stop"))})
    speech = chunk_audio((0.2 * np.sin(np.arange(16_000) / 3)).astype(np.float32))[0]
    for _ in range(2):
        assert list(transcribe_chunk(engine, speech, SpeechTask(None)))[-1].text == "hello"
    paths = [request.url.path for request in recorded.requests]
    assert paths.count("/v1/audio/transcriptions") == 1  # asked once, remembered
    assert paths.count("/v1/chat/completions") == 2
    part = json.loads(recorded.requests[-1].content)["messages"][0]["content"][0]
    assert part["type"] == "input_audio"


def test_a_key_the_server_refuses_on_the_transcription_route_is_not_hidden_by_the_fallback():
    engine, _ = engine_on({"/v1/models": httpx.Response(200, json=VLLM_MODELS),
                           "/v1/audio/transcriptions": httpx.Response(401, json={"error": "bad key"})}, api_key="sk-x")
    speech = chunk_audio((0.2 * np.sin(np.arange(16_000) / 3)).astype(np.float32))[0]
    with pytest.raises(RemoteError, match="refused the API key"):
        list(transcribe_chunk(engine, speech, SpeechTask(None)))


def test_stop_acts_while_the_server_is_still_thinking():
    """No chunk has come yet (a long prompt on a busy server): Stop frees the engine at once."""
    import threading
    import time

    from app.core.engine.prompt_format import ChatMessage

    asked, release = threading.Event(), threading.Event()

    def thinking_for_long():
        release.wait(30)  # the server holds its first chunk until the test lets go
        yield sse(chunk("late"), chunk(None, "stop"))

    def handle(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/v1/models":
            return httpx.Response(200, json=VLLM_MODELS)
        if request.url.path == "/v1/chat/completions":
            asked.set()
            return httpx.Response(200, headers={"content-type": "text/event-stream"}, content=thinking_for_long())
        return httpx.Response(404)

    engine = RemoteEngine(RemoteServer.from_user(URL), transport=httpx.MockTransport(handle))
    try:
        started = time.perf_counter()
        events = list(engine.generate([ChatMessage("user", "A long question")], should_stop=asked.is_set))
        waited = time.perf_counter() - started
    finally:
        release.set()
        engine.close()
    assert [type(event) for event in events] == [GenerationResult]
    assert events[0].stop_reason == "cancelled" and events[0].text == ""
    assert waited < 5, f"Stop took {waited:.1f} s while the server was thinking"


def test_a_server_that_dies_in_the_middle_of_an_answer_says_so_in_plain_words():
    def dying_stream():
        yield sse(chunk("Once"))
        # what httpx raises when the server's process is killed between two chunks
        raise httpx.RemoteProtocolError("peer closed connection without sending complete message body "
                                        "(incomplete chunked read)")

    engine, _ = engine_on({"/v1/models": httpx.Response(200, json=VLLM_MODELS),
                           "/v1/chat/completions": httpx.Response(200, headers={"content-type": "text/event-stream"},
                                                                  content=dying_stream())})
    from app.core.engine.prompt_format import ChatMessage

    events = engine.generate([ChatMessage("user", "Tell a story")])
    assert next(events) == TokenPiece("Once", -1)
    with pytest.raises(RemoteError) as error:
        next(events)
    assert str(error.value) == (f"The server at {URL} closed the connection in the middle of the answer "
                                "(did it stop or crash?).")
