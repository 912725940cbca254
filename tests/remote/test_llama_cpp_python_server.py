"""RemoteEngine against llama-cpp-python's own OpenAI-compatible server (not our code)."""

from __future__ import annotations

import logging
import threading

import numpy as np
import pytest

from app.core.engine.engine import GenerationResult, TokenPiece
from app.core.engine.options import SamplingOptions
from app.core.engine.prompt_format import ChatMessage, MediaItem
from app.core.remote.open_engine import answer_source, open_engine
from app.core.remote.remote_engine import RemoteEngine
from app.cli import main
from app.core.remote.server_address import API_KEY_VARIABLE, RemoteError, RemoteServer
from app.core.remote.server_model import list_server_models
from app.core.speech.transcription import SpeechTask, chunk_message
from app.core.speech.chunker import chunk_audio
from tests.remote.conftest import llama_cpp_python_server

GREEDY = SamplingOptions(temperature=0.0, top_k=1, max_tokens=12, seed=1)
NO_END = {106: -100.0, 1: -100.0}  # <end_of_turn>, <eos> banned: the answer runs on


def _run(engine, messages, sampling=GREEDY, should_stop=lambda: False, system=""):
    pieces, result = [], None
    for event in engine.generate(messages, system, sampling, should_stop):
        if isinstance(event, TokenPiece):
            pieces.append(event.text)
        else:
            result = event
    return pieces, result


@pytest.fixture(scope="module")
def remote(llama_server):
    engine = open_engine(RemoteServer.from_user(llama_server.url))
    yield engine
    engine.close()


def test_open_engine_connects_and_picks_the_served_model(remote, llama_server):
    assert isinstance(remote, RemoteEngine)
    assert remote.model_info.name == llama_server.model_id
    assert list_server_models(RemoteServer.from_user(llama_server.url)) == [llama_server.model_id]
    # llama-cpp-python's server does not say what the model can take: the user may try.
    assert remote.supports_images and remote.supports_audio and remote.speech_unavailable is None
    assert answer_source(remote) == f"Answers from {llama_server.model_id} on the server at {llama_server.url}"


def test_a_chat_streams_pieces_and_ends_at_max_tokens(remote):
    pieces, result = _run(remote, [ChatMessage("user", "Count from one to twenty.")], system="Answer in English.")
    assert len(pieces) >= 2
    assert result.text == "".join(pieces) and result.text.strip()
    assert result.stop_reason == "max_tokens"
    assert result.token_ids == []  # the server's ids are not ours to feed back
    # Greedy decoding on the same server gives the same answer: the request carried our sampling.
    assert _run(remote, [ChatMessage("user", "Count from one to twenty.")], system="Answer in English.")[1].text == result.text


def test_cancel_between_chunks_stops_and_closes_the_stream(remote):
    stop = threading.Event()
    # The greedy answer of the test above: it is known to start with text (this small model, with
    # llama-cpp-python's template, often ends at once).
    sampling = SamplingOptions(temperature=0.0, top_k=1, max_tokens=200, logit_bias=NO_END)
    events = remote.generate([ChatMessage("user", "Count from one to twenty.")], "Answer in English.", sampling, stop.is_set)
    first = next(events)
    assert isinstance(first, TokenPiece)
    stop.set()
    rest = list(events)
    assert len(rest) == 1 and isinstance(rest[0], GenerationResult)
    assert rest[0].stop_reason == "cancelled"
    # The connection was closed and the server serves the next request at once.
    assert _run(remote, [ChatMessage("user", "Count from one to twenty.")], system="Answer in English.")[1].stop_reason == "max_tokens"


def test_dictation_falls_back_to_chat_and_the_server_s_refusal_is_a_sentence(remote):
    """llama-cpp-python has no /v1/audio/transcriptions and its schema has no input_audio part."""
    samples = (0.2 * np.sin(np.arange(16_000) / 3)).astype(np.float32)
    chunk = chunk_audio(samples)[0]
    with pytest.raises(RemoteError, match=r"The server at http://127\.0\.0\.1:\d+ answered HTTP 500"):
        _run(remote, [chunk_message(chunk, SpeechTask(None))])
    assert remote.has_transcriptions is False


def test_a_wrong_api_key_is_refused_in_words(gemma_model_path, tmp_path, caplog):
    caplog.set_level(logging.DEBUG)  # httpx and httpcore log every request at DEBUG
    with llama_cpp_python_server(gemma_model_path, tmp_path / "server.log", api_key="sk-right") as server:
        with pytest.raises(RemoteError, match="refused the API key") as refused:
            RemoteEngine(RemoteServer.from_user(server.url, api_key="sk-wrong"))
        assert "sk-wrong" not in str(refused.value)
        with pytest.raises(RemoteError, match="wants an API key"):
            RemoteEngine(RemoteServer.from_user(server.url))
        engine = RemoteEngine(RemoteServer.from_user(server.url, api_key="sk-right"))
        try:
            assert _run(engine, [ChatMessage("user", "Count from one to twenty.")], system="Answer in English.")[1].text
        finally:
            engine.close()
        # The command line takes the key from $GEMMA_DESK_SERVER_KEY, and says so when it is wrong.
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv(API_KEY_VARIABLE, "sk-right")
            assert main(["chat", "--server", server.url, "--max-tokens", "3", "Count from one to twenty."]) == 0
            patch.setenv(API_KEY_VARIABLE, "sk-wrong")
            assert main(["chat", "--server", server.url, "Hi"]) == 2
    assert "HTTP Request" in caplog.text  # the requests were logged …
    assert "sk-right" not in caplog.text and "sk-wrong" not in caplog.text  # … never the key


def test_nothing_listening_is_a_sentence_not_a_traceback():
    from tests.remote.conftest import free_port

    url = f"http://127.0.0.1:{free_port()}"
    with pytest.raises(RemoteError, match=rf"The server at {url} did not answer"):
        open_engine(RemoteServer.from_user(url))


def test_an_unknown_model_names_what_the_server_offers(llama_server):
    with pytest.raises(RemoteError, match="has no model 'gemma-99b'; it offers"):
        RemoteEngine(RemoteServer.from_user(llama_server.url, model="gemma-99b"))


def test_open_engine_on_load_options_is_the_local_engine(gemma_model_path):
    from app.core.engine.engine import ChatEngine
    from app.core.engine.options import LoadOptions

    progress = []
    engine = open_engine(LoadOptions(model_path=gemma_model_path, n_ctx=512, n_threads=1), progress.append)
    try:
        assert isinstance(engine, ChatEngine) and progress
        assert answer_source(engine) == f"Answers from {gemma_model_path.name} on this computer"
    finally:
        engine.close()
    with pytest.raises(TypeError):
        open_engine(str(gemma_model_path))


def test_the_command_line_chats_through_the_server(llama_server):
    """The installed entry point, in its own process, with llama-cpp-python's server as its engine."""
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "app", "chat", "--server", llama_server.url, "--max-tokens", "8",
         "--temperature", "0", "--system", "Answer in English.", "Count from one to twenty."],
        capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip()
    assert f"on the server at {llama_server.url}" in done.stderr
    assert "stop: max_tokens" in done.stderr
